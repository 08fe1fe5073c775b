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
        byte[] random = new byte[10];
        RANDOM.nextBytes(random); // one call: each call to the native generator costs about as much as ten bytes
        long millis = System.currentTimeMillis();
        long mostSignificant = (millis << 16) | 0x7000L | ((random[0] & 0x0FL) << 8) | (random[1] & 0xFFL);
        long leastSignificant = 0x8000_0000_0000_0000L | ((random[2] & 0x3FL) << 56);
        for (int i = 3; i < 10; i++) {
            leastSignificant |= (random[i] & 0xFFL) << (8 * (9 - i));
        }
        return new UUID(mostSignificant, leastSignificant);
    }
}
