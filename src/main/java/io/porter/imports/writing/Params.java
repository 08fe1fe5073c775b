package io.porter.imports.writing;

import io.vertx.sqlclient.Tuple;

/**
 * Statement parameters, each value one parameter. Tuple.of(first, Object... rest) would spread a
 * lone array argument (an unnest column) into several parameters.
 */
final class Params {

    private Params() {
    }

    static Tuple of(Object... values) {
        Tuple tuple = Tuple.tuple();
        for (Object value : values) {
            tuple.addValue(value);
        }
        return tuple;
    }
}
