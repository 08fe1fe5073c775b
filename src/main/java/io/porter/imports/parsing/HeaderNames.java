package io.porter.imports.parsing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Turns raw header cells into usable, unique column names. */
final class HeaderNames {

    private HeaderNames() {
    }

    /** Trims each name; an empty one becomes {@code column_<n>} (1-based), a repeated one gets {@code _2}, {@code _3}... */
    static List<String> normalize(List<String> rawCells) {
        List<String> names = new ArrayList<>(rawCells.size());
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < rawCells.size(); i++) {
            String raw = rawCells.get(i) == null ? "" : rawCells.get(i).strip();
            String base = raw.isEmpty() ? "column_" + (i + 1) : raw;
            String name = base;
            for (int suffix = 2; !taken.add(name); suffix++) {
                name = base + "_" + suffix;
            }
            names.add(name);
        }
        return List.copyOf(names);
    }
}
