-- Exports: an expired state (cleanup deleted the file), the options that shape the file, the
-- failure reason, and the index cleanup scans.
ALTER TABLE export_jobs DROP CONSTRAINT export_jobs_status_check;
ALTER TABLE export_jobs ADD CONSTRAINT export_jobs_status_check
    CHECK (status IN ('pending', 'processing', 'completed', 'failed', 'expired'));

ALTER TABLE export_jobs
    ADD COLUMN segment_id     uuid REFERENCES segments (id) ON DELETE SET NULL,
    ADD COLUMN export_options jsonb NOT NULL DEFAULT '{}'::jsonb,
    ADD COLUMN error          text;

CREATE INDEX export_jobs_expiry_idx ON export_jobs (expires_at) WHERE status = 'completed';
