-- Identity: owned by the platform's identity provider. Porter records a tenant, workspace or user
-- the first time a valid token names it, so the foreign keys below hold.
CREATE TABLE tenants (
    id         uuid PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE workspaces (
    id         uuid PRIMARY KEY,
    tenant_id  uuid NOT NULL REFERENCES tenants (id),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX workspaces_tenant_idx ON workspaces (tenant_id);

CREATE TABLE users (
    id         uuid PRIMARY KEY,
    tenant_id  uuid NOT NULL REFERENCES tenants (id),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX users_tenant_idx ON users (tenant_id);

-- Contacts
CREATE TABLE contacts (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id     uuid NOT NULL REFERENCES tenants (id),
    email         text,
    email_key     text,
    first_name    text,
    last_name     text,
    company       text,
    phone         text,
    custom_fields jsonb NOT NULL DEFAULT '{}'::jsonb,
    duplicate_of  uuid REFERENCES contacts (id) ON DELETE SET NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT contacts_email_key_is_normalized CHECK (email_key = lower(btrim(email_key)))
);
CREATE UNIQUE INDEX contacts_tenant_email_key_uq ON contacts (tenant_id, email_key) WHERE duplicate_of IS NULL;
CREATE INDEX contacts_tenant_created_idx ON contacts (tenant_id, created_at, id);
CREATE INDEX contacts_duplicate_of_idx ON contacts (duplicate_of) WHERE duplicate_of IS NOT NULL;

CREATE TABLE tags (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id  uuid NOT NULL REFERENCES tenants (id),
    name       text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT tags_tenant_name_uq UNIQUE (tenant_id, name)
);

CREATE TABLE contact_tags (
    contact_id uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    tag_id     uuid NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (contact_id, tag_id)
);
CREATE INDEX contact_tags_tag_idx ON contact_tags (tag_id);

CREATE TABLE segments (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id  uuid NOT NULL REFERENCES tenants (id),
    name       text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT segments_tenant_name_uq UNIQUE (tenant_id, name)
);

CREATE TABLE segment_contacts (
    segment_id uuid NOT NULL REFERENCES segments (id) ON DELETE CASCADE,
    contact_id uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (segment_id, contact_id)
);
CREATE INDEX segment_contacts_contact_idx ON segment_contacts (contact_id);

-- Written by other parts of the platform, read by exports.
CREATE TABLE contact_engagement (
    contact_id      uuid PRIMARY KEY REFERENCES contacts (id) ON DELETE CASCADE,
    emails_sent     integer NOT NULL DEFAULT 0,
    emails_opened   integer NOT NULL DEFAULT 0,
    emails_clicked  integer NOT NULL DEFAULT 0,
    last_opened_at  timestamptz,
    last_clicked_at timestamptz
);

-- Files received through POST /api/uploads.
CREATE TABLE uploads (
    id         uuid PRIMARY KEY,
    tenant_id  uuid NOT NULL REFERENCES tenants (id),
    file_url   text NOT NULL UNIQUE,
    file_name  text NOT NULL,
    file_size  bigint NOT NULL,
    file_type  text,
    created_by uuid REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX uploads_tenant_created_idx ON uploads (tenant_id, created_at DESC, id DESC);

-- Imports
CREATE TABLE import_jobs (
    id             uuid PRIMARY KEY,
    tenant_id      uuid NOT NULL REFERENCES tenants (id),
    workspace_id   uuid REFERENCES workspaces (id),
    file_name      text NOT NULL,
    file_size      bigint,
    file_url       text NOT NULL,
    file_type      text,
    field_mapping  jsonb,
    import_options jsonb NOT NULL DEFAULT '{}'::jsonb,
    status         text NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'processing', 'completed', 'failed', 'rolled_back')),
    total_rows     integer NOT NULL DEFAULT 0,
    imported_count integer NOT NULL DEFAULT 0,
    updated_count  integer NOT NULL DEFAULT 0,
    created_count  integer NOT NULL DEFAULT 0,
    skipped_count  integer NOT NULL DEFAULT 0,
    error_count    integer NOT NULL DEFAULT 0,
    errors         jsonb NOT NULL DEFAULT '[]'::jsonb,
    processed_rows integer NOT NULL DEFAULT 0,
    started_at     timestamptz,
    completed_at   timestamptz,
    created_by     uuid REFERENCES users (id),
    created_at     timestamptz NOT NULL DEFAULT now(),
    can_rollback   boolean NOT NULL DEFAULT false,
    rolled_back_at timestamptz
);
CREATE INDEX import_jobs_tenant_idx ON import_jobs (tenant_id);
CREATE INDEX import_jobs_status_idx ON import_jobs (status);
CREATE INDEX import_jobs_created_idx ON import_jobs (created_at);
CREATE INDEX import_jobs_tenant_created_idx ON import_jobs (tenant_id, created_at DESC, id DESC);

CREATE TABLE import_events (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    import_job_id uuid NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
    contact_id    uuid,
    event_type    text NOT NULL CHECK (event_type IN ('created', 'updated', 'skipped')),
    previous_data jsonb,
    new_data      jsonb,
    created_at    timestamptz NOT NULL DEFAULT now()
);
-- (import_job_id, id): a job's events in order, which rollback walks newest first.
CREATE INDEX import_events_job_idx ON import_events (import_job_id, id);
CREATE INDEX import_events_contact_idx ON import_events (contact_id);

-- Exports
CREATE TABLE export_jobs (
    id                 uuid PRIMARY KEY,
    tenant_id          uuid NOT NULL REFERENCES tenants (id),
    export_type        text NOT NULL CHECK (export_type IN ('full', 'filtered', 'segment')),
    filters            jsonb,
    selected_fields    jsonb,
    file_format        text NOT NULL CHECK (file_format IN ('csv', 'xlsx', 'json')),
    file_url           text,
    file_size          bigint,
    status             text NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'processing', 'completed', 'failed')),
    total_contacts     integer NOT NULL DEFAULT 0,
    processed_contacts integer NOT NULL DEFAULT 0,
    started_at         timestamptz,
    completed_at       timestamptz,
    expires_at         timestamptz,
    created_by         uuid REFERENCES users (id),
    created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX export_jobs_tenant_idx ON export_jobs (tenant_id);
CREATE INDEX export_jobs_status_idx ON export_jobs (status);
CREATE INDEX export_jobs_tenant_created_idx ON export_jobs (tenant_id, created_at DESC, id DESC);

-- The durable job queue: one row per unit of background work (an import run, a rollback, an
-- export, a cleanup pass). Domain state (counts, errors) lives in the *_jobs tables above; this
-- table holds only what claiming, leasing and resuming need, so every kind of work shares it.
CREATE TABLE job_queue (
    id               uuid PRIMARY KEY,
    kind             text NOT NULL,
    tenant_id        uuid REFERENCES tenants (id),
    subject_id       uuid,
    payload          jsonb NOT NULL DEFAULT '{}'::jsonb,
    -- One job per dedupe key, ever (finished jobs keep their key): a cleanup pass scheduled by
    -- every node for the same minute is queued and run once per cluster, even by a late node.
    dedupe_key       text,
    status           text NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    run_after        timestamptz NOT NULL DEFAULT now(),
    lease_owner      text,
    lease_expires_at timestamptz,
    attempts         integer NOT NULL DEFAULT 0,
    max_attempts     integer NOT NULL DEFAULT 5,
    checkpoint       jsonb,
    last_error       text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    started_at       timestamptz,
    finished_at      timestamptz
);
CREATE UNIQUE INDEX job_queue_dedupe_uq ON job_queue (dedupe_key);
-- Claiming scans only what can be claimed: queued work that is due, and running work whose lease lapsed.
CREATE INDEX job_queue_claimable_idx ON job_queue (kind, run_after) WHERE status = 'queued';
CREATE INDEX job_queue_lease_idx ON job_queue (lease_expires_at) WHERE status = 'running';
CREATE INDEX job_queue_tenant_idx ON job_queue (tenant_id, created_at DESC);
CREATE INDEX job_queue_subject_idx ON job_queue (subject_id);
