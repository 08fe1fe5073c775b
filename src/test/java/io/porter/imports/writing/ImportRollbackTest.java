package io.porter.imports.writing;

import io.porter.imports.ContactDraft;
import io.porter.imports.DuplicateStrategy;
import io.porter.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.porter.imports.writing.Imports.draft;
import static io.porter.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class ImportRollbackTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    private Pool pool;
    private Imports imports;
    private UUID tenant;
    private UUID ann;

    @BeforeEach
    void setUp(Vertx vertx) {
        pool = db.pool(vertx);
        imports = new Imports(pool);
        tenant = imports.newTenant();
        ann = imports.existingContact(tenant, "Ann@Example.com", "Ann", "Smith", "Acme", "+15550001", "{\"x\": \"1\"}");
        imports.existingContact(tenant, "eve@example.com", "Eve", null, null, null, "{}");
        // Ann already has the tag "vip" and is in the segment "Fair": the import must not take them away.
        imports.run(imports.newImport(tenant, DuplicateStrategy.SKIP, false, List.of("vip"), "Fair"), false,
                List.of(List.of(draft(1, "zoe@example.com", "Zoe"))));
        result(pool.preparedQuery("""
                INSERT INTO contact_tags (contact_id, tag_id) SELECT $2, id FROM tags WHERE tenant_id = $1 AND name = 'vip'
                """).execute(Tuple.of(tenant, ann)));
        result(pool.preparedQuery("""
                INSERT INTO segment_contacts (segment_id, contact_id) SELECT id, $2 FROM segments WHERE tenant_id = $1 AND name = 'Fair'
                """).execute(Tuple.of(tenant, ann)));
    }

    /** Ann and Eve exist; Bob is created in batch 1 and updated in batch 2, Ann updated in both. */
    private static List<List<ContactDraft>> file() {
        return List.of(
                List.of(draft(1, "ann@example.com", "Annie", null, null, null, Map.of("y", "2")),
                        draft(2, "bob@example.com", "Bob"),
                        draft(3, "cat@example.com", "Cat"),
                        draft(4, "eve@example.com", "Eve")),
                List.of(draft(5, "bob@example.com", null, "Brown", null, null, Map.of()),
                        draft(6, "ann@example.com", null, "Jones", null, null, Map.of()),
                        draft(7, "dan@example.com", "Dan")));
    }

    private ImportTarget importFile() {
        ImportTarget target = imports.newImport(tenant, DuplicateStrategy.UPDATE, false, List.of("vip", "spring"), "Spring");
        BatchResult result = imports.run(target, false, file());
        assertThat(result.created()).isEqualTo(3);
        assertThat(result.updated()).isEqualTo(4);
        return target;
    }

    @Test
    @DisplayName("a rollback restores contacts, their tags and segment memberships exactly, and drops the tag and segment the import created")
    void restoresExactly() {
        List<String> before = imports.snapshot(tenant);
        ImportTarget target = importFile();
        assertThat(imports.snapshot(tenant)).isNotEqualTo(before);

        RollbackResult result = imports.rollBack(target, false);

        assertThat(result.deleted()).isEqualTo(3);
        assertThat(result.restored()).isEqualTo(2);
        assertThat(result.conflicts()).isEmpty();
        assertThat(imports.snapshot(tenant)).isEqualTo(before);
    }

    @Test
    @DisplayName("rolling back a skip or a create import restores the tables exactly too, duplicates included")
    void everyStrategyRollsBackExactly() {
        for (DuplicateStrategy strategy : List.of(DuplicateStrategy.SKIP, DuplicateStrategy.CREATE)) {
            List<String> before = imports.snapshot(tenant);
            ImportTarget target = imports.newImport(tenant, strategy, false, List.of("vip", "spring"), "Spring");
            BatchResult imported = imports.run(target, false, file());

            RollbackResult result = imports.rollBack(target, false);

            assertThat(result.deleted()).as(strategy.jsonName()).isEqualTo(imported.created());
            assertThat(result.conflicts()).isEmpty();
            assertThat(imports.snapshot(tenant)).as(strategy.jsonName()).isEqualTo(before);
        }
    }

    @Test
    @DisplayName("a contact edited after the import is reported as a conflict and kept as edited; the rest is rolled back")
    void editedContactIsAConflict() {
        List<String> before = imports.snapshot(tenant);
        ImportTarget target = importFile();
        editFirstName("ann@example.com", "Edited");
        editFirstName("cat@example.com", "Kitty");

        RollbackResult result = imports.rollBack(target, false);

        assertThat(result.conflicts()).extracting(RollbackResult.Conflict::email)
                .containsExactlyInAnyOrder("Ann@Example.com", "cat@example.com");
        assertThat(result.conflicts()).extracting(RollbackResult.Conflict::contactId).contains(ann);
        assertThat(result.deleted()).isEqualTo(2);
        assertThat(result.restored()).isEqualTo(1);
        assertThat(imports.contacts(tenant)).containsExactly(
                "Ann@Example.com Edited Jones Acme +15550001 {\"x\": \"1\", \"y\": \"2\"}",
                "cat@example.com Kitty {}",
                "eve@example.com Eve {}",
                "zoe@example.com Zoe {}");
        assertThat(imports.taggedEmails(tenant, "spring")).containsExactly("Ann@Example.com", "cat@example.com");
        assertThat(imports.snapshot(tenant)).isNotEqualTo(before);
    }

    @Test
    @DisplayName("force rolls back contacts edited after the import too")
    void forceOverridesConflicts() {
        List<String> before = imports.snapshot(tenant);
        ImportTarget target = importFile();
        editFirstName("ann@example.com", "Edited");
        editFirstName("cat@example.com", "Kitty");

        RollbackResult result = imports.rollBack(target, true);

        assertThat(result.conflicts()).isEmpty();
        assertThat(result.deleted()).isEqualTo(3);
        assertThat(result.restored()).isEqualTo(2);
        assertThat(imports.snapshot(tenant)).isEqualTo(before);
    }

    @Test
    @DisplayName("a rollback never touches another tenant's contacts")
    void otherTenantUntouched() {
        UUID other = imports.newTenant();
        imports.existingContact(other, "bob@example.com", "Other Bob", null, null, null, "{}");
        List<String> othersBefore = imports.snapshot(other);
        ImportTarget target = importFile();

        imports.rollBack(target, true);

        assertThat(imports.snapshot(other)).isEqualTo(othersBefore);
    }

    private void editFirstName(String emailKey, String firstName) {
        result(pool.preparedQuery("UPDATE contacts SET first_name = $3, updated_at = now() WHERE tenant_id = $1 AND email_key = $2")
                .execute(Tuple.of(tenant, emailKey, firstName)));
    }
}
