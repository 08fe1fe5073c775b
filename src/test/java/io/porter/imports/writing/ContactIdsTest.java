package io.porter.imports.writing;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Contact ids: UUID version 7, unique, ordered by the millisecond they were made")
class ContactIdsTest {

    @Test
    @DisplayName("A hundred thousand ids are all version 7 of the RFC variant, all different, and never go back in time")
    void versionSevenUniqueOrdered() {
        Set<UUID> seen = new HashSet<>();
        long previousMillis = 0;
        for (int i = 0; i < 100_000; i++) {
            UUID id = ContactIds.next();
            long millis = id.getMostSignificantBits() >>> 16;
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2);
            assertThat(millis).isGreaterThanOrEqualTo(previousMillis);
            seen.add(id);
            previousMillis = millis;
        }
        assertThat(seen).hasSize(100_000);
        assertThat(previousMillis).isBetween(System.currentTimeMillis() - 60_000, System.currentTimeMillis());
    }
}
