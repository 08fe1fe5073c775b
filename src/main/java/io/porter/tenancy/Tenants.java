package io.porter.tenancy;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Records tenants, users and workspaces the first time a valid token names them. The platform's
 * identity provider owns them; Porter keeps the ids so its foreign keys hold. Callers seen recently
 * are remembered, so a busy tenant costs no write per request.
 */
public final class Tenants {

    private static final String RECORD = """
            WITH person AS (
                INSERT INTO users (id, tenant_id) SELECT $2, $1 ON CONFLICT (id) DO NOTHING
            )
            INSERT INTO workspaces (id, tenant_id) SELECT $3, $1 WHERE $3::uuid IS NOT NULL
            ON CONFLICT (id) DO NOTHING
            """;
    private static final String RECORD_TENANT = "INSERT INTO tenants (id) VALUES ($1) ON CONFLICT (id) DO NOTHING";
    private static final int REMEMBERED = 10_000;

    private final Pool pool;
    private final Set<Caller> seen = Collections.newSetFromMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Caller, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    public Tenants(Pool pool) {
        this.pool = pool;
    }

    public Future<Void> record(Caller caller) {
        if (seen.contains(caller)) {
            return Future.succeededFuture();
        }
        // The tenant goes first, in its own statement, so the user's and workspace's foreign keys see it.
        return pool.preparedQuery(RECORD_TENANT).execute(Tuple.of(caller.tenantId()))
                .compose(done -> pool.preparedQuery(RECORD)
                        .execute(Tuple.of(caller.tenantId(), caller.userId(), caller.workspaceId().orElse(null))))
                .onSuccess(done -> seen.add(caller))
                .mapEmpty();
    }
}
