package io.porter.imports.writing;

import io.porter.imports.DuplicateStrategy;
import io.porter.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.UUID;

import static io.porter.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class ImportPreparationTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    private final ImportPreparation preparation = new ImportPreparation();
    private Pool pool;
    private Imports imports;
    private UUID tenant;

    @BeforeEach
    void setUp(Vertx vertx) {
        pool = db.pool(vertx);
        imports = new Imports(pool);
        tenant = imports.newTenant();
    }

    private PreparedImport prepare(ImportTarget target) {
        return result(pool.withTransaction(tx -> preparation.prepare(tx, target)));
    }

    @Test
    @DisplayName("preparing twice (a resumed job) gives the same tags and segment and still knows what the import created")
    void idempotent() {
        prepare(imports.newImport(tenant, DuplicateStrategy.SKIP, false, List.of("old"), "Old segment"));
        ImportTarget target = imports.newImport(tenant, DuplicateStrategy.UPDATE, false,
                List.of("old", " new ", "new", ""), "New segment");

        PreparedImport first = prepare(target);
        PreparedImport again = prepare(target);

        assertThat(again.tagIds()).containsExactlyInAnyOrderElementsOf(first.tagIds()).hasSize(2);
        assertThat(again.segmentId()).isEqualTo(first.segmentId());
        assertThat(imports.strings("SELECT name FROM tags WHERE tenant_id = $1 ORDER BY name", tenant)).containsExactly("new", "old");
        assertThat(imports.strings("""
                SELECT t.name FROM import_jobs j JOIN tags t ON t.id = ANY(j.created_tag_ids) WHERE j.id = $1
                """, target.importJobId())).containsExactly("new");
        assertThat(db.count("SELECT count(*) FROM import_jobs WHERE id = ? AND segment_created AND segment_id = ?",
                target.importJobId(), first.segmentId())).isEqualTo(1);
    }

    @Test
    @DisplayName("an existing segment is reused and not marked as created by the import")
    void reusesSegment() {
        PreparedImport earlier = prepare(imports.newImport(tenant, DuplicateStrategy.SKIP, false, List.of(), "Fair"));
        ImportTarget target = imports.newImport(tenant, DuplicateStrategy.SKIP, false, List.of(), "Fair");

        PreparedImport prepared = prepare(target);

        assertThat(prepared.segmentId()).isEqualTo(earlier.segmentId());
        assertThat(prepared.tagIds()).isEmpty();
        assertThat(db.count("SELECT count(*) FROM import_jobs WHERE id = ? AND NOT segment_created", target.importJobId())).isEqualTo(1);
    }
}
