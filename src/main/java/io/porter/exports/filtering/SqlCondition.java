package io.porter.exports.filtering;

import java.util.List;

/** A SQL boolean expression on contacts aliased {@code c}, with the values of its numbered parameters. */
public record SqlCondition(String sql, List<Object> params) {

    public SqlCondition {
        params = List.copyOf(params);
    }
}
