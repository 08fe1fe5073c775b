package io.porter.storage;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The record of each file received through the upload endpoint, always read within one tenant. */
public final class Uploads {

    public record Upload(UUID id, UUID tenantId, String fileUrl, String fileName, long fileSize, String fileType,
                         UUID createdBy, Instant createdAt) {

        static Upload fromRow(Row row) {
            return new Upload(row.getUUID("id"), row.getUUID("tenant_id"), row.getString("file_url"),
                    row.getString("file_name"), row.getLong("file_size"), row.getString("file_type"),
                    row.getUUID("created_by"), row.getOffsetDateTime("created_at").toInstant());
        }

        public JsonObject toJson() {
            return new JsonObject()
                    .put("id", id.toString())
                    .put("fileUrl", fileUrl)
                    .put("fileName", fileName)
                    .put("fileSize", fileSize)
                    .put("fileType", fileType)
                    .put("createdAt", createdAt.toString());
        }
    }

    private static final String INSERT = """
            INSERT INTO uploads (id, tenant_id, file_url, file_name, file_size, file_type, created_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            RETURNING *
            """;
    private static final String FIND = "SELECT * FROM uploads WHERE tenant_id = $1 AND id = $2";
    private static final String PAGE = """
            SELECT * FROM uploads
            WHERE tenant_id = $1
              AND ($2::timestamptz IS NULL OR (created_at, id) < ($2, $3))
            ORDER BY created_at DESC, id DESC
            LIMIT $4
            """;

    private final Pool pool;

    public Uploads(Pool pool) {
        this.pool = pool;
    }

    public Future<Upload> insert(UUID id, UUID tenantId, String fileUrl, String fileName, long fileSize,
                                 String fileType, UUID createdBy) {
        return pool.preparedQuery(INSERT)
                .execute(Tuple.from(Arrays.asList(id, tenantId, fileUrl, fileName, fileSize, fileType, createdBy)))
                .map(rows -> Upload.fromRow(rows.iterator().next()));
    }

    public Future<Optional<Upload>> find(UUID tenantId, UUID id) {
        return pool.preparedQuery(FIND).execute(Tuple.of(tenantId, id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Upload.fromRow(rows.iterator().next())));
    }

    /** Newest first, {@code limit} rows after the given position (null for the first page). */
    public Future<List<Upload>> page(UUID tenantId, Instant afterCreatedAt, UUID afterId, int limit) {
        OffsetDateTime after = afterCreatedAt == null ? null : afterCreatedAt.atOffset(ZoneOffset.UTC);
        return pool.preparedQuery(PAGE).execute(Tuple.of(tenantId, after, afterId, limit))
                .map(rows -> {
                    List<Upload> list = new ArrayList<>(rows.size());
                    rows.forEach(row -> list.add(Upload.fromRow(row)));
                    return list;
                });
    }
}
