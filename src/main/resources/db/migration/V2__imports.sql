-- Import pipeline: more job states, the segment an import fills, the rollback's outcome, and every
-- row error (import_jobs.errors keeps only the first 1,000; the error report reads them all here).
ALTER TABLE import_jobs DROP CONSTRAINT import_jobs_status_check;
ALTER TABLE import_jobs ADD CONSTRAINT import_jobs_status_check
    CHECK (status IN ('pending', 'processing', 'completed', 'failed', 'cancelled', 'rolling_back', 'rolled_back'));

ALTER TABLE import_jobs
    ADD COLUMN segment_id      uuid REFERENCES segments (id) ON DELETE SET NULL,
    ADD COLUMN segment_created boolean NOT NULL DEFAULT false,
    ADD COLUMN rollback        jsonb;

CREATE TABLE import_row_errors (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    import_job_id uuid NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
    row_number    bigint NOT NULL,
    field         text,
    value         text,
    error         text NOT NULL,
    -- The row as read from the file (json keeps the column order), so the report lets a user fix it
    -- and import it again.
    source        json
);
CREATE INDEX import_row_errors_job_row_idx ON import_row_errors (import_job_id, row_number, id);
