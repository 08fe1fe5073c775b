package io.porter.database;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/** The run-time connection pool: one per verticle instance, sized by settings. */
public final class Pools {

    private Pools() {
    }

    public static Pool create(Vertx vertx, DatabaseUrl url, int maxSize) {
        return PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(maxSize).setName("porter-" + url.database()).setShared(true))
                .connectingTo(url.connectOptions())
                .using(vertx)
                .build();
    }
}
