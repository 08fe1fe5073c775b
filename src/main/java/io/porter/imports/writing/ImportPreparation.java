package io.porter.imports.writing;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Creates the tenant's missing tags and the import's segment before the first batch, and remembers
 * on the job which of them this import created, so a rollback can remove exactly those. Idempotent:
 * a resumed job calls it again and gets the same ids, and keeps what its first run created.
 */
public final class ImportPreparation {

    private static final String ENSURE_TAGS = """
            WITH wanted AS (SELECT DISTINCT name FROM unnest($2::text[]) AS name),
            inserted AS (
                INSERT INTO tags (tenant_id, name)
                SELECT $1, name FROM wanted
                ON CONFLICT (tenant_id, name) DO NOTHING
                RETURNING id
            )
            SELECT id, true AS created FROM inserted
            UNION ALL
            SELECT t.id, false FROM tags t JOIN wanted w ON w.name = t.name WHERE t.tenant_id = $1
            """;

    private static final String REMEMBER_CREATED_TAGS = """
            UPDATE import_jobs
            SET created_tag_ids = ARRAY(SELECT DISTINCT unnest(created_tag_ids || $3::uuid[]))
            WHERE tenant_id = $1 AND id = $2
            """;

    private static final String ENSURE_SEGMENT = """
            WITH inserted AS (
                INSERT INTO segments (tenant_id, name) VALUES ($1, $3)
                ON CONFLICT (tenant_id, name) DO NOTHING
                RETURNING id
            ),
            segment AS (
                SELECT id, true AS created FROM inserted
                UNION ALL
                SELECT id, false FROM segments WHERE tenant_id = $1 AND name = $3
            )
            UPDATE import_jobs j
            SET segment_id = s.id, segment_created = coalesce(j.segment_created AND j.segment_id = s.id, false) OR s.created
            FROM segment s
            WHERE j.tenant_id = $1 AND j.id = $2
            RETURNING s.id
            """;

    public Future<PreparedImport> prepare(SqlConnection tx, ImportTarget target) {
        return ensureTags(tx, target).compose(tagIds -> ensureSegment(tx, target)
                .map(segmentId -> new PreparedImport(tagIds, segmentId)));
    }

    private Future<List<UUID>> ensureTags(SqlConnection tx, ImportTarget target) {
        String[] names = cleanTagNames(target.tags());
        if (names.length == 0) {
            return Future.succeededFuture(List.of());
        }
        return tx.preparedQuery(ENSURE_TAGS).execute(Params.of(target.tenantId(), names)).compose(rows -> {
            List<UUID> all = new ArrayList<>();
            List<UUID> created = new ArrayList<>();
            for (Row row : rows) {
                all.add(row.getUUID("id"));
                if (row.getBoolean("created")) {
                    created.add(row.getUUID("id"));
                }
            }
            return rememberCreatedTags(tx, target, created).map(all);
        });
    }

    private Future<Void> rememberCreatedTags(SqlConnection tx, ImportTarget target, List<UUID> created) {
        if (created.isEmpty()) {
            return Future.succeededFuture();
        }
        return tx.preparedQuery(REMEMBER_CREATED_TAGS)
                .execute(Params.of(target.tenantId(), target.importJobId(), created.toArray(UUID[]::new)))
                .mapEmpty();
    }

    private Future<UUID> ensureSegment(SqlConnection tx, ImportTarget target) {
        String name = target.segmentName() == null ? "" : target.segmentName().trim();
        if (name.isEmpty()) {
            return Future.succeededFuture(null);
        }
        return tx.preparedQuery(ENSURE_SEGMENT).execute(Params.of(target.tenantId(), target.importJobId(), name))
                .compose(rows -> rows.size() == 1
                        ? Future.succeededFuture(rows.iterator().next().getUUID("id"))
                        : Future.failedFuture(new IllegalStateException("import job " + target.importJobId() + " not found")));
    }

    private static String[] cleanTagNames(List<String> tags) {
        Set<String> names = new LinkedHashSet<>();
        for (String tag : tags) {
            if (tag != null && !tag.isBlank()) {
                names.add(tag.trim());
            }
        }
        return names.toArray(String[]::new);
    }
}
