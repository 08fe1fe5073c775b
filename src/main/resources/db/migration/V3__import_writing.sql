-- Import writing: which tags an import created (so a rollback can drop the ones nobody uses any
-- more), and the keys a dry run has seen, so in-file duplicates across batches are counted as a
-- real run would count them without writing any contact. UNLOGGED: scratch data, never needed
-- after a crash (the dry run starts again).
ALTER TABLE import_jobs ADD COLUMN created_tag_ids uuid[] NOT NULL DEFAULT '{}';

CREATE UNLOGGED TABLE import_dry_run_keys (
    import_job_id uuid   NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
    tenant_id     uuid   NOT NULL,
    email_key     text   NOT NULL,
    first_row     bigint NOT NULL,
    PRIMARY KEY (import_job_id, email_key)
);
