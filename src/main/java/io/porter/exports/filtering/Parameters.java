package io.porter.exports.filtering;

import java.util.ArrayList;
import java.util.List;

/** Hands out numbered placeholders so that every value reaches SQL as a bind parameter, never as text. */
final class Parameters {

    private final int first;
    private final List<Object> values = new ArrayList<>();

    Parameters(int first) {
        if (first < 1) {
            throw new IllegalArgumentException("parameter numbers start at 1, not " + first);
        }
        this.first = first;
    }

    String add(Object value) {
        values.add(value);
        return "$" + (first + values.size() - 1);
    }

    List<Object> values() {
        return values;
    }
}
