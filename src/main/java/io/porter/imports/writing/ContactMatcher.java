package io.porter.imports.writing;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;

import java.util.HashMap;
import java.util.Map;

/**
 * Finds the tenant's contacts (duplicate_of IS NULL) that a batch's emails match, reading what the
 * strategy needs: ids for create, the first row of this import for skip, the columns for update.
 */
final class ContactMatcher {

    // One probe of the unique index (tenant_id, email_key) per email. As a LATERAL subquery with
    // LIMIT 1 it cannot be flattened into a join, so no row estimate can turn it into a scan of the
    // tenant's contacts: a fresh or fast-growing table's statistics say the tenant has a handful.
    private static final String MATCH = """
            SELECT c.id, c.email_key%s
            FROM unnest($2::text[]) AS k(email_key)
            CROSS JOIN LATERAL (
                SELECT * FROM contacts c
                WHERE c.tenant_id = $1 AND c.email_key = k.email_key AND c.duplicate_of IS NULL
                LIMIT 1) c
            """;

    private static final String MATCH_IDS = MATCH.formatted("");

    // custom_fields as text: the rollback log keeps exactly what was there (jsonb's own text form).
    private static final String MATCH_COLUMNS = MATCH.formatted("""
            , c.email, c.first_name, c.last_name, c.company, c.phone, c.custom_fields::text AS custom_fields,
                   c.updated_at""");

    // A contact this import created was created by one of its batches, at that batch's written_at.
    private static final String MATCH_FIRST_ROWS = MATCH.formatted("""
            ,
                   (SELECT b.created_rows[array_position(b.created_ids, c.id)] FROM import_batches b
                    WHERE b.import_job_id = $3 AND b.written_at = c.created_at AND c.id = ANY(b.created_ids)
                    LIMIT 1) AS first_row_in_import""");

    private static final String MATCH_SEEN_IN_DRY_RUN = """
            SELECT email_key, first_row FROM import_dry_run_keys
            WHERE tenant_id = $1 AND import_job_id = $2 AND email_key = ANY($3::text[])
            """;

    Future<Map<String, ExistingContact>> match(SqlConnection tx, ImportTarget target, String[] keys) {
        Future<RowSet<Row>> matched = switch (target.strategy()) {
            case SKIP -> tx.preparedQuery(MATCH_FIRST_ROWS).execute(Params.of(target.tenantId(), keys, target.importJobId()));
            case UPDATE -> tx.preparedQuery(MATCH_COLUMNS).execute(Params.of(target.tenantId(), keys));
            case CREATE -> tx.preparedQuery(MATCH_IDS).execute(Params.of(target.tenantId(), keys));
        };
        return matched.map(rows -> {
            Map<String, ExistingContact> existing = new HashMap<>(rows.size() * 2);
            for (Row row : rows) {
                ExistingContact contact = ExistingContact.from(row);
                existing.put(contact.emailKey(), contact);
            }
            return existing;
        });
    }

    /** For a dry run: the emails earlier batches would have created, with their first row. */
    Future<Map<String, Long>> seenInDryRun(SqlConnection tx, ImportTarget target, String[] keys) {
        return tx.preparedQuery(MATCH_SEEN_IN_DRY_RUN).execute(Params.of(target.tenantId(), target.importJobId(), keys))
                .map(rows -> {
                    Map<String, Long> seen = new HashMap<>();
                    rows.forEach(row -> seen.put(row.getString("email_key"), row.getLong("first_row")));
                    return seen;
                });
    }
}
