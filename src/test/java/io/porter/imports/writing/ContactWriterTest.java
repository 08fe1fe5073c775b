package io.porter.imports.writing;

import io.porter.imports.ContactDraft;
import io.porter.imports.DuplicateStrategy;
import io.porter.imports.RowError;
import io.porter.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.porter.imports.writing.Imports.draft;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class ContactWriterTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    private Imports imports;
    private UUID tenant;

    @BeforeEach
    void setUp(Vertx vertx) {
        imports = new Imports(db.pool(vertx));
        tenant = imports.newTenant();
        imports.existingContact(tenant, "Ann@Example.com", "Ann", "Smith", "Acme", "+15550001", "{\"x\": \"1\", \"y\": \"2\"}");
    }

    /** Batch 1: Ann (existing), Bob twice, Cat. Batch 2: Bob again, Dan, Ann again. */
    private static List<List<ContactDraft>> overlappingFile() {
        return List.of(
                List.of(draft(1, "ann@example.com", "Annie", null, "NewCo", null, Map.of("y", "3")),
                        draft(2, "bob@example.com", "Bob", null, null, null, Map.of("k", "v")),
                        draft(3, " BOB@example.com ", null, "Brown", null, null, Map.of()),
                        draft(4, "cat@example.com", "Cat")),
                List.of(draft(5, "Bob@Example.com", "Bobby"),
                        draft(6, "dan@example.com", "Dan"),
                        draft(7, "ann@example.com", null, "Jones", null, null, Map.of())));
    }

    @Test
    @DisplayName("skip leaves existing contacts alone and reports later rows of an email as duplicates of its first row, within and across batches")
    void skipStrategy() {
        ImportTarget target = imports.newImport(tenant, DuplicateStrategy.SKIP, false, List.of("fair"), "Fair 2026");

        BatchResult result = imports.run(target, false, overlappingFile());

        assertThat(result.created()).isEqualTo(3);
        assertThat(result.updated()).isZero();
        assertThat(result.skipped()).isEqualTo(4);
        assertThat(result.notes()).containsExactly(
                new RowError(3, "email", " BOB@example.com ", "duplicate of row 2"),
                new RowError(5, "email", "Bob@Example.com", "duplicate of row 2"));
        assertThat(imports.contacts(tenant)).containsExactly(
                "Ann@Example.com Ann Smith Acme +15550001 {\"x\": \"1\", \"y\": \"2\"}",
                "bob@example.com Bob {\"k\": \"v\"}",
                "cat@example.com Cat {}",
                "dan@example.com Dan {}");
        assertThat(imports.taggedEmails(tenant, "fair")).containsExactly("bob@example.com", "cat@example.com", "dan@example.com");
        assertThat(imports.segmentEmails(tenant, "Fair 2026")).containsExactly("bob@example.com", "cat@example.com", "dan@example.com");
    }

    @Test
    @DisplayName("update applies every row of an email in file order, within and across batches, merging custom fields")
    void updateStrategy() {
        ImportTarget target = imports.newImport(tenant, DuplicateStrategy.UPDATE, false, List.of("fair"), "Fair 2026");

        BatchResult result = imports.run(target, false, overlappingFile());

        assertThat(result.created()).isEqualTo(3);
        assertThat(result.updated()).isEqualTo(4);
        assertThat(result.skipped()).isZero();
        assertThat(result.notes()).isEmpty();
        assertThat(imports.contacts(tenant)).containsExactly(
                "Ann@Example.com Annie Jones NewCo +15550001 {\"x\": \"1\", \"y\": \"3\"}",
                "bob@example.com Bobby Brown {\"k\": \"v\"}",
                "cat@example.com Cat {}",
                "dan@example.com Dan {}");
        List<String> everyone = List.of("Ann@Example.com", "bob@example.com", "cat@example.com", "dan@example.com");
        assertThat(imports.taggedEmails(tenant, "fair")).containsExactlyElementsOf(everyone);
        assertThat(imports.segmentEmails(tenant, "Fair 2026")).containsExactlyElementsOf(everyone);
    }

    @Test
    @DisplayName("importing the same file twice with update never trips ON CONFLICT and rewrites only contacts a row changes")
    void sameFileTwice() {
        imports.run(imports.newImport(tenant, DuplicateStrategy.UPDATE, false, List.of(), null), false, overlappingFile());
        List<String> before = imports.contacts(tenant);

        ImportTarget again = imports.newImport(tenant, DuplicateStrategy.UPDATE, false, List.of(), null);
        BatchResult result = imports.run(again, false, overlappingFile());

        assertThat(result.created()).isZero();
        assertThat(result.updated()).isEqualTo(7);
        assertThat(imports.contacts(tenant)).isEqualTo(before);
        // Only Bob changes on the way: batch 1 sets "Bob" over "Bobby", batch 2 sets "Bobby" again.
        assertThat(imports.strings("""
                SELECT c.email FROM import_undo u JOIN contacts c ON c.id = u.contact_id
                WHERE u.import_job_id = $1 AND u.rewritten ORDER BY u.batch_id
                """, again.importJobId())).containsExactly("bob@example.com", "bob@example.com");
    }

    @Test
    @DisplayName("overwriteWithBlanks erases fields the row leaves empty but keeps custom fields the row does not hold")
    void overwriteWithBlanks() {
        ImportTarget target = imports.newImport(tenant, DuplicateStrategy.UPDATE, true, List.of(), null);

        BatchResult result = imports.run(target, false, List.of(List.of(
                draft(1, "ann@example.com", "Al", null, null, null, Map.of("y", "9")))));

        assertThat(result.updated()).isEqualTo(1);
        assertThat(imports.contacts(tenant)).containsExactly("Ann@Example.com Al {\"x\": \"1\", \"y\": \"9\"}");
    }

    @Test
    @DisplayName("create makes a contact of every row and links the later ones of an email to the first by duplicate_of")
    void createStrategy() {
        ImportTarget target = imports.newImport(tenant, DuplicateStrategy.CREATE, false, List.of("fair"), "Fair 2026");

        BatchResult result = imports.run(target, false, overlappingFile());

        assertThat(result.created()).isEqualTo(7);
        assertThat(result.updated()).isZero();
        assertThat(result.skipped()).isZero();
        assertThat(imports.contacts(tenant)).containsExactly(
                "Ann@Example.com Ann Smith Acme +15550001 {\"x\": \"1\", \"y\": \"2\"}",
                "ann@example.com Annie NewCo {\"y\": \"3\"} duplicate",
                "ann@example.com Jones {} duplicate",
                "bob@example.com Bob {\"k\": \"v\"}",
                "BOB@example.com Brown {} duplicate",
                "Bob@Example.com Bobby {} duplicate",
                "cat@example.com Cat {}",
                "dan@example.com Dan {}");
        assertThat(db.count("""
                SELECT count(*) FROM contacts d JOIN contacts o ON o.id = d.duplicate_of
                WHERE d.tenant_id = ? AND o.duplicate_of IS NULL AND o.email_key = d.email_key
                """, tenant)).isEqualTo(4);
        assertThat(db.count("SELECT count(*) FROM contact_tags ct JOIN contacts c ON c.id = ct.contact_id WHERE c.tenant_id = ?", tenant))
                .isEqualTo(7);
        assertThat(db.count("SELECT count(*) FROM segment_contacts sc JOIN contacts c ON c.id = sc.contact_id WHERE c.tenant_id = ?", tenant))
                .isEqualTo(7);
    }

    @Test
    @DisplayName("a dry run writes nothing and gives the counts and notes of the real run, for every strategy")
    void dryRun() {
        for (DuplicateStrategy strategy : DuplicateStrategy.values()) {
            UUID fresh = imports.newTenant();
            imports.existingContact(fresh, "Ann@Example.com", "Ann", "Smith", "Acme", "+15550001", "{}");
            List<String> before = imports.snapshot(fresh);

            BatchResult dry = imports.run(imports.newImport(fresh, strategy, false, List.of("fair"), "Fair"), true, overlappingFile());

            assertThat(imports.snapshot(fresh)).isEqualTo(before);
            assertThat(db.count("SELECT count(*) FROM import_batches b JOIN import_jobs j ON j.id = b.import_job_id WHERE j.tenant_id = ?", fresh)).isZero();
            assertThat(db.count("SELECT count(*) FROM import_undo u JOIN import_jobs j ON j.id = u.import_job_id WHERE j.tenant_id = ?", fresh)).isZero();
            assertThat(db.count("SELECT count(*) FROM import_dry_run_keys WHERE tenant_id = ?", fresh)).isZero();
            BatchResult real = imports.run(imports.newImport(fresh, strategy, false, List.of("fair"), "Fair"), false, overlappingFile());
            assertThat(dry).as(strategy.jsonName()).isEqualTo(real);
        }
    }

    @Test
    @DisplayName("a contact changed between a batch's lookup and its write fails the batch, which writes nothing and leaves the other writer's change")
    void changedBetweenLookupAndWrite() {
        for (String change : List.of("first_name = 'Other', updated_at = now()", "company = 'Elsewhere'")) {
            ImportTarget target = imports.newImport(tenant, DuplicateStrategy.UPDATE, false, List.of(), null);
            BatchPlan plan = imports.plan(target, List.of(draft(1, "ann@example.com", "Annie"), draft(2, "new@example.com", "New")));
            imports.strings("UPDATE contacts SET " + change + " WHERE tenant_id = $1 AND email_key = 'ann@example.com' RETURNING email",
                    tenant);
            List<String> changed = imports.contacts(tenant);

            Throwable failure = imports.writeFailure(target, plan);

            assertThat(failure).as(change).isInstanceOf(ContactChangedMeanwhileException.class);
            assertThat(imports.contacts(tenant)).as(change).isEqualTo(changed);
            assertThat(db.count("SELECT count(*) FROM import_batches WHERE import_job_id = ?", target.importJobId())).isZero();
        }
    }

    @Test
    @DisplayName("another tenant's contact with the same email is neither matched nor touched")
    void tenantIsolation() {
        UUID other = imports.newTenant();
        imports.existingContact(other, "bob@example.com", "Other Bob", null, null, null, "{}");
        List<String> othersBefore = imports.snapshot(other);

        BatchResult result = imports.run(imports.newImport(tenant, DuplicateStrategy.UPDATE, false, List.of("fair"), "Fair"), false,
                List.of(List.of(draft(1, "bob@example.com", "Bob"))));

        assertThat(result.created()).isEqualTo(1);
        assertThat(imports.snapshot(other)).isEqualTo(othersBefore);
        assertThat(imports.contacts(tenant)).contains("bob@example.com Bob {}");
    }

    @Test
    @DisplayName("a batch of 20,000 rows is created, then updated, in a few statements each")
    void largeBatch() {
        List<ContactDraft> rows = IntStream.rangeClosed(1, 20_000)
                .mapToObj(i -> draft(i, "person" + i + "@example.com", "First" + i, "Last" + i, "Co", null, Map.of("n", "" + i)))
                .toList();
        List<ContactDraft> changed = rows.stream()
                .map(d -> d.rowNumber() % 3 == 0 ? draft(d.rowNumber(), d.email(), "Changed", null, null, null, Map.of()) : d)
                .toList();

        BatchResult created = imports.run(imports.newImport(tenant, DuplicateStrategy.UPDATE, false, List.of("big"), "Big"), false, List.of(rows));
        ImportTarget update = imports.newImport(tenant, DuplicateStrategy.UPDATE, false, List.of("big"), "Big");
        BatchResult updated = imports.run(update, false, List.of(changed));

        assertThat(created.created()).isEqualTo(20_000);
        assertThat(updated.updated()).isEqualTo(20_000);
        assertThat(db.count("SELECT count(*) FROM contacts WHERE tenant_id = ? AND first_name = 'Changed'", tenant)).isEqualTo(6_666);
        assertThat(db.count("SELECT count(*) FROM import_undo WHERE import_job_id = ? AND rewritten", update.importJobId())).isEqualTo(6_666);
    }
}
