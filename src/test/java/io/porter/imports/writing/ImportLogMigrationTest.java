package io.porter.imports.writing;

import io.porter.imports.DuplicateStrategy;
import io.porter.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.UUID;

import static io.porter.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("Migration V5: an import logged in the former per-contact event log can still be rolled back exactly")
class ImportLogMigrationTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.atSchemaVersion("4");

    private static final String BATCH_1 = "2026-01-01T10:00:00Z";
    private static final String BATCH_2 = "2026-01-01T10:00:05Z";

    private final UUID tenant = UUID.randomUUID();
    private final UUID job = UUID.randomUUID();
    private final UUID ann = UUID.randomUUID();
    private final UUID eve = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();
    private final UUID dan = UUID.randomUUID();
    private final UUID vip = UUID.randomUUID();
    private final UUID spring = UUID.randomUUID();
    private final UUID segment = UUID.randomUUID();

    @Test
    @DisplayName("Two batches (Ann rewritten in both, Eve only tagged, Bob and Dan created), written as the V4 writer logged them, roll back to the tables before the import")
    void convertedEventsRollBack(Vertx vertx) {
        Pool pool = db.pool(vertx);
        Imports imports = new Imports(pool);
        sql(pool, """
                INSERT INTO tenants (id) VALUES ($1);
                INSERT INTO tags (id, tenant_id, name) VALUES ($2, $1, 'vip');
                INSERT INTO contacts (id, tenant_id, email, email_key, first_name, last_name, company, phone, custom_fields,
                                      created_at, updated_at)
                VALUES ($3, $1, 'Ann@Example.com', 'ann@example.com', 'Ann', 'Smith', 'Acme', '+15550001', '{"x": "1"}',
                        '2025-12-01T09:00:00Z', '2025-12-01T09:00:00Z'),
                       ($4, $1, 'eve@example.com', 'eve@example.com', 'Eve', NULL, NULL, NULL, '{}',
                        '2025-12-01T09:30:00Z', '2025-12-01T09:30:00Z');
                INSERT INTO contact_tags (contact_id, tag_id) VALUES ($3, $2);
                """);
        List<String> before = imports.snapshot(tenant);
        importAsTheFormerWriterDid(pool);
        assertThat(imports.snapshot(tenant)).isNotEqualTo(before);

        db.migrate();
        RollbackResult result = imports.rollBack(new ImportTarget(tenant, job, DuplicateStrategy.UPDATE, false, List.of(), null), false);

        assertThat(result.deleted()).isEqualTo(2);
        assertThat(result.restored()).isEqualTo(2);
        assertThat(result.conflicts()).isEmpty();
        assertThat(imports.snapshot(tenant)).isEqualTo(before);
        assertThat(db.count("SELECT count(*) FROM import_batches WHERE import_job_id = ?", job)).isEqualTo(2);
        assertThat(db.count("SELECT count(*) FROM import_undo WHERE import_job_id = ? AND rewritten", job)).isEqualTo(2);
    }

    /** The import's effects, and its import_events rows as they were written before V5. */
    private void importAsTheFormerWriterDid(Pool pool) {
        sql(pool, """
                INSERT INTO tags (id, tenant_id, name) VALUES ($5, $1, 'spring');
                INSERT INTO segments (id, tenant_id, name) VALUES ($6, $1, 'Spring');
                INSERT INTO import_jobs (id, tenant_id, file_name, file_url, status, can_rollback, segment_id, segment_created,
                                         created_tag_ids)
                VALUES ($7, $1, 'f.csv', 'local:f.csv', 'completed', true, $6, true, ARRAY[$5]);
                -- batch 1: Ann rewritten, Bob created, Eve tagged and added to the segment
                UPDATE contacts SET first_name = 'Annie', custom_fields = '{"x": "1", "y": "2"}', updated_at = '%1$s' WHERE id = $3;
                INSERT INTO contacts (id, tenant_id, email, email_key, first_name, created_at, updated_at)
                VALUES ($8, $1, 'bob@example.com', 'bob@example.com', 'Bob', '%1$s', '%1$s');
                INSERT INTO contact_tags (contact_id, tag_id) VALUES ($3, $5), ($8, $5), ($4, $5);
                INSERT INTO segment_contacts (segment_id, contact_id) VALUES ($6, $3), ($6, $8), ($6, $4);
                INSERT INTO import_events (import_job_id, contact_id, event_type, previous_data, new_data, created_at) VALUES
                ($7, $3, 'updated', jsonb_build_object('email', 'Ann@Example.com', 'email_key', 'ann@example.com',
                     'first_name', 'Ann', 'last_name', 'Smith', 'company', 'Acme', 'phone', '+15550001',
                     'custom_fields', '{"x": "1"}'::jsonb, 'updated_at', '2025-12-01T09:00:00Z'),
                     jsonb_build_object('row', 1, 'updatedAt', '%1$s', 'tags', jsonb_build_array($5::text), 'segment', true), '%1$s'),
                ($7, $8, 'created', NULL,
                     jsonb_build_object('row', 2, 'updatedAt', '%1$s', 'tags', jsonb_build_array($5::text), 'segment', true), '%1$s'),
                ($7, $4, 'updated', NULL,
                     jsonb_build_object('row', 4, 'updatedAt', '2025-12-01T09:30:00Z', 'tags', jsonb_build_array($5::text),
                                        'segment', true), '%1$s');
                -- batch 2: Ann rewritten again, Dan created
                UPDATE contacts SET last_name = 'Jones', updated_at = '%2$s' WHERE id = $3;
                INSERT INTO contacts (id, tenant_id, email, email_key, first_name, created_at, updated_at)
                VALUES ($9, $1, 'dan@example.com', 'dan@example.com', 'Dan', '%2$s', '%2$s');
                INSERT INTO contact_tags (contact_id, tag_id) VALUES ($9, $5);
                INSERT INTO segment_contacts (segment_id, contact_id) VALUES ($6, $9);
                INSERT INTO import_events (import_job_id, contact_id, event_type, previous_data, new_data, created_at) VALUES
                ($7, $3, 'updated', jsonb_build_object('email', 'Ann@Example.com', 'email_key', 'ann@example.com',
                     'first_name', 'Annie', 'last_name', 'Smith', 'company', 'Acme', 'phone', '+15550001',
                     'custom_fields', '{"x": "1", "y": "2"}'::jsonb, 'updated_at', '%1$s'),
                     jsonb_build_object('row', 6, 'updatedAt', '%2$s', 'tags', '[]'::jsonb, 'segment', false), '%2$s'),
                ($7, $9, 'created', NULL,
                     jsonb_build_object('row', 7, 'updatedAt', '%2$s', 'tags', jsonb_build_array($5::text), 'segment', true), '%2$s');
                """.formatted(BATCH_1, BATCH_2));
    }

    /** Runs statements naming $1 tenant, $2 vip, $3 Ann, $4 Eve, $5 spring, $6 segment, $7 job, $8 Bob, $9 Dan. */
    private void sql(Pool pool, String statements) {
        List<UUID> ids = List.of(tenant, vip, ann, eve, spring, segment, job, bob, dan);
        String sql = statements;
        for (int n = ids.size(); n >= 1; n--) {
            sql = sql.replace("$" + n, "'" + ids.get(n - 1) + "'::uuid");
        }
        String script = sql;
        result(pool.withTransaction(tx -> tx.query(script).execute()));
    }
}
