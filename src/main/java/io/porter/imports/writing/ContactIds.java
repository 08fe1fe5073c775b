package io.porter.imports.writing;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Ids for new contacts, time-ordered as UUID version 7 (RFC 9562): 48 bits of Unix milliseconds,
 * then 74 random bits. Contacts created together get neighbouring keys, so a batch's inserts into
 * the primary key index touch a few pages at its right edge instead of one random page each.
 */
final class ContactIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ContactIds() {
    }

    static UUID next() {
        long millis = System.currentTimeMillis();
        long random = RANDOM.nextLong();
        long mostSignificant = (millis << 16) | 0x7000L | ((random >>> 52) & 0x0FFFL);
        long leastSignificant = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(mostSignificant, leastSignificant);
    }
}
