-- Issue 6: imports at close to COPY speed. See docs/import-writing.md for the write path.

-- 1. The foreign key from contacts to tenants ran a trigger per inserted contact that locked the
--    same tenant row again and again: it cost as much as the insert itself. Every contact Porter
--    writes takes its tenant from the import job in the same statement (import_jobs.tenant_id
--    references tenants), one check per batch; Porter never deletes a tenant.
ALTER TABLE contacts DROP CONSTRAINT contacts_tenant_id_fkey;

-- 2. The rollback log, lean. One row per written batch: the contacts it created (ids only: a
--    rollback deletes them), the pre-existing contacts it changed, and the tag links and segment
--    memberships it added to those. written_at is the batch transaction's now(): the created_at and
--    updated_at of every contact the batch created or rewrote.
CREATE TABLE import_batches (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    import_job_id    uuid        NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
    written_at       timestamptz NOT NULL DEFAULT now(),
    created_ids      uuid[]      NOT NULL DEFAULT '{}',
    created_rows     bigint[]    NOT NULL DEFAULT '{}',  -- file row of each created contact
    changed_ids      uuid[]      NOT NULL DEFAULT '{}',  -- contacts with an import_undo row of this batch
    tag_contacts     uuid[]      NOT NULL DEFAULT '{}',  -- tag links added to changed contacts, as pairs
    tag_ids          uuid[]      NOT NULL DEFAULT '{}',
    segment_contacts uuid[]      NOT NULL DEFAULT '{}'   -- changed contacts added to the import's segment
);
-- (import_job_id, id): rollback walks a job's batches newest first; (import_job_id, written_at):
-- finds the batch that created a contact from the contact's created_at.
CREATE INDEX import_batches_job_idx ON import_batches (import_job_id, id);
CREATE INDEX import_batches_written_idx ON import_batches (import_job_id, written_at);

-- One row per contact that existed before a batch and that the batch changed: its columns before
-- the batch (only when the batch rewrote them; email and email_key are never rewritten) and its
-- updated_at before the batch (kept as it was when only tags or the segment were added). No foreign
-- keys (a per-row check on every log row); deleting an import job removes its rows by trigger.
CREATE TABLE import_undo (
    import_job_id uuid        NOT NULL,
    contact_id    uuid        NOT NULL,
    batch_id      bigint      NOT NULL,
    rewritten     boolean     NOT NULL,
    first_name    text,
    last_name     text,
    company       text,
    phone         text,
    custom_fields jsonb,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (import_job_id, contact_id, batch_id)
);

CREATE FUNCTION import_undo_of_deleted_jobs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM import_undo u USING deleted_jobs d WHERE u.import_job_id = d.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER import_jobs_delete_undo AFTER DELETE ON import_jobs
    REFERENCING OLD TABLE AS deleted_jobs FOR EACH STATEMENT EXECUTE FUNCTION import_undo_of_deleted_jobs();

-- Contacts a running rollback found changed after the import and left alone: their older batches
-- are passed over without a second report.
CREATE TABLE import_rollback_conflicts (
    import_job_id uuid NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
    contact_id    uuid NOT NULL,
    PRIMARY KEY (import_job_id, contact_id)
);

-- 3. The former log, one import_events row per contact with JSON copies, becomes the new one, so
--    imports made before this migration can still be rolled back. All events of one batch were
--    written in one transaction, so they share created_at (the batch's now()).
INSERT INTO import_batches (import_job_id, written_at, created_ids, created_rows, changed_ids,
                            tag_contacts, tag_ids, segment_contacts)
SELECT e.import_job_id, e.created_at,
       coalesce(array_agg(e.contact_id ORDER BY e.id) FILTER (WHERE e.event_type = 'created'), '{}'),
       coalesce(array_agg((e.new_data ->> 'row')::bigint ORDER BY e.id) FILTER (WHERE e.event_type = 'created'), '{}'),
       coalesce(array_agg(e.contact_id ORDER BY e.id) FILTER (WHERE e.event_type = 'updated'), '{}'),
       coalesce((SELECT array_agg(u.contact_id ORDER BY u.id, t.ord)
                 FROM import_events u, jsonb_array_elements_text(u.new_data -> 'tags') WITH ORDINALITY t(tag, ord)
                 WHERE u.import_job_id = e.import_job_id AND u.created_at = e.created_at AND u.event_type = 'updated'), '{}'),
       coalesce((SELECT array_agg(t.tag::uuid ORDER BY u.id, t.ord)
                 FROM import_events u, jsonb_array_elements_text(u.new_data -> 'tags') WITH ORDINALITY t(tag, ord)
                 WHERE u.import_job_id = e.import_job_id AND u.created_at = e.created_at AND u.event_type = 'updated'), '{}'),
       coalesce(array_agg(e.contact_id ORDER BY e.id)
                FILTER (WHERE e.event_type = 'updated' AND (e.new_data ->> 'segment')::boolean), '{}')
FROM import_events e
WHERE e.contact_id IS NOT NULL AND e.event_type IN ('created', 'updated')
GROUP BY e.import_job_id, e.created_at
ORDER BY min(e.id);

INSERT INTO import_undo (import_job_id, contact_id, batch_id, rewritten, first_name, last_name, company, phone,
                         custom_fields, updated_at)
SELECT e.import_job_id, e.contact_id, b.id, e.previous_data IS NOT NULL,
       e.previous_data ->> 'first_name', e.previous_data ->> 'last_name', e.previous_data ->> 'company',
       e.previous_data ->> 'phone', e.previous_data -> 'custom_fields',
       coalesce(e.previous_data ->> 'updated_at', e.new_data ->> 'updatedAt')::timestamptz
FROM import_events e
JOIN import_batches b ON b.import_job_id = e.import_job_id AND b.written_at = e.created_at
WHERE e.contact_id IS NOT NULL AND e.event_type = 'updated';

DROP TABLE import_events;
