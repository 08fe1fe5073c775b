package io.porter.contacts;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reading a tenant's contacts and segments; every query is scoped to the tenant. */
public final class Contacts {

    /** Filters of the contact list; null means "any". */
    public record Filter(String email, String tag, UUID segmentId) {
    }

    public record Segment(UUID id, String name, long contactCount, Instant createdAt) {
        public JsonObject toJson() {
            return new JsonObject().put("id", id.toString()).put("name", name).put("contactCount", contactCount)
                    .put("createdAt", createdAt.toString());
        }
    }

    private static final String TAG_NAMES = """
            (SELECT coalesce(array_agg(t.name ORDER BY t.name), '{}')
             FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = c.id) AS tag_names""";
    private static final String PAGE = "SELECT c.*, " + TAG_NAMES + """
             FROM contacts c
            WHERE c.tenant_id = $1
              AND ($2::text IS NULL OR c.email_key = lower(btrim($2)))
              AND ($3::text IS NULL OR EXISTS (
                    SELECT 1 FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id
                    WHERE ct.contact_id = c.id AND t.tenant_id = $1 AND t.name = $3))
              AND ($4::uuid IS NULL OR EXISTS (
                    SELECT 1 FROM segment_contacts sc JOIN segments s ON s.id = sc.segment_id
                    WHERE sc.contact_id = c.id AND s.id = $4 AND s.tenant_id = $1))
              AND ($5::timestamptz IS NULL OR (c.created_at, c.id) < ($5, $6))
            ORDER BY c.created_at DESC, c.id DESC
            LIMIT $7""";
    private static final String FIND = "SELECT c.*, " + TAG_NAMES + " FROM contacts c WHERE c.tenant_id = $1 AND c.id = $2";
    private static final String SEGMENTS = """
            SELECT s.id, s.name, s.created_at,
                   (SELECT count(*) FROM segment_contacts sc WHERE sc.segment_id = s.id) AS contact_count
            FROM segments s WHERE s.tenant_id = $1
              AND ($2::timestamptz IS NULL OR (s.created_at, s.id) < ($2, $3))
            ORDER BY s.created_at DESC, s.id DESC
            LIMIT $4""";

    private final Pool pool;

    public Contacts(Pool pool) {
        this.pool = pool;
    }

    public Future<List<Contact>> page(UUID tenantId, Filter filter, Instant afterCreatedAt, UUID afterId, int limit) {
        return pool.preparedQuery(PAGE)
                .execute(Tuple.from(Arrays.asList(tenantId, filter.email(), filter.tag(), filter.segmentId(),
                        afterCreatedAt == null ? null : afterCreatedAt.atOffset(ZoneOffset.UTC), afterId, limit)))
                .map(rows -> {
                    List<Contact> contacts = new ArrayList<>(rows.size());
                    rows.forEach(row -> contacts.add(Contact.fromRow(row)));
                    return contacts;
                });
    }

    public Future<Optional<Contact>> find(UUID tenantId, UUID id) {
        return pool.preparedQuery(FIND).execute(Tuple.of(tenantId, id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Contact.fromRow(rows.iterator().next())));
    }

    public Future<List<Segment>> segments(UUID tenantId, Instant afterCreatedAt, UUID afterId, int limit) {
        return pool.preparedQuery(SEGMENTS)
                .execute(Tuple.of(tenantId, afterCreatedAt == null ? null : afterCreatedAt.atOffset(ZoneOffset.UTC), afterId, limit))
                .map(rows -> {
                    List<Segment> segments = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        segments.add(new Segment(row.getUUID("id"), row.getString("name"), row.getLong("contact_count"),
                                row.getOffsetDateTime("created_at").toInstant()));
                    }
                    return segments;
                });
    }
}
