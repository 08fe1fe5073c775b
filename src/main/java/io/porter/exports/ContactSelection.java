package io.porter.exports;

import io.porter.exports.filtering.ContactFilters;
import io.porter.exports.filtering.SqlCondition;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;

import java.util.UUID;

/**
 * The contacts an export reads: the tenant's ($1), optionally one segment's ($2), narrowed by the
 * compiled filter (from $3 on). Only parameters reach SQL, never request text.
 *
 * @param wholeTenant no segment and no filter: every contact of the tenant
 */
record ContactSelection(String where, Tuple params, boolean wholeTenant) {

    /**
     * For a whole tenant, reading the index on (tenant_id, created_at, id) gives the rows in export order. Right
     * after a bulk import, before the table is analyzed (autovacuum lags, or is off), the planner guessed a few
     * thousand rows and chose a bitmap scan and a sort of the million rows that spilled to disk: three times the
     * time. Turning sorts off for the export's transaction leaves it the ordered index scan. A filtered or segment
     * export keeps the planner's choice: a selective condition may be better served by another index and a sort.
     */
    static final String NO_SORT = "enable_sort";

    private static final String BASE = """
            c.tenant_id = $1
            AND ($2::uuid IS NULL OR EXISTS (
                SELECT 1 FROM segment_contacts sc JOIN segments s ON s.id = sc.segment_id
                WHERE sc.contact_id = c.id AND s.id = $2 AND s.tenant_id = $1))""";

    static ContactSelection of(UUID tenantId, UUID segmentId, JsonObject filters) {
        SqlCondition condition = filters == null ? ContactFilters.all() : ContactFilters.compile(filters, 3);
        Tuple params = Tuple.tuple().addValue(tenantId).addValue(segmentId);
        condition.params().forEach(params::addValue);
        return new ContactSelection(BASE + " AND (" + condition.sql() + ")", params, segmentId == null && filters == null);
    }

    UUID tenantId() {
        return params.getUUID(0);
    }

    String count() {
        return "SELECT count(*) FROM contacts c WHERE " + where;
    }

    String customKeys() {
        // the set-returning function in the select list (ProjectSet) reads 1M contacts in about 2/3 of the time
        // a lateral join takes
        return "SELECT DISTINCT jsonb_object_keys(c.custom_fields) AS k FROM contacts c WHERE " + where
                + " ORDER BY k LIMIT " + ExportHandler.CUSTOM_KEYS_LIMIT;
    }

    String contacts() {
        return """
                SELECT c.id, c.email, c.first_name, c.last_name, c.company, c.phone, c.custom_fields::text AS custom,
                       c.created_at, c.updated_at,
                       (SELECT coalesce(array_agg(t.name ORDER BY t.name), '{}')
                        FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = c.id) AS tag_names,
                       e.emails_sent, e.emails_opened, e.emails_clicked, e.last_opened_at, e.last_clicked_at
                FROM contacts c LEFT JOIN contact_engagement e ON e.contact_id = c.id
                WHERE\s""" + where + " ORDER BY c.created_at, c.id";
    }
}
