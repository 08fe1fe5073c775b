package io.porter.config;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** What a node does; {@code PORTER_ROLES} picks any mix, so nodes can specialise in a cluster. */
public enum Role {
    HTTP, IMPORT, EXPORT, CLEANUP;

    public String settingName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Set<Role> parseList(String text) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String part : text.split(",")) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue;
            }
            try {
                roles.add(Role.valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown role '" + name + "', expected some of " + names());
            }
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("no role given, expected some of " + names());
        }
        return roles;
    }

    static String names() {
        return Arrays.stream(values()).map(Role::settingName).collect(Collectors.joining(","));
    }
}
