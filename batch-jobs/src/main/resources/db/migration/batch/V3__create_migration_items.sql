-- Legacy migration ledger (issue 5): which legacy id of which controller became which archived document.
-- Written in the same chunk transaction as Spring Batch's step progress, so a restart neither loses nor repeats a row;
-- a later migration of the same legacy id with the same source bytes is recognised as already migrated, with other
-- bytes as LEGACY_DUPLICATE_ID.
CREATE TABLE archive.migration_items (
    controller_oid        VARCHAR(256) NOT NULL,
    legacy_id             VARCHAR(200) NOT NULL,
    document_oid          VARCHAR(256) NOT NULL,
    source_sha256         CHAR(64)     NOT NULL,   -- of the legacy file as found in the package
    document_sha256       CHAR(64)     NOT NULL,   -- of the archived CDA bytes
    job_instance_id       BIGINT       NOT NULL,
    row_number            BIGINT       NOT NULL,
    retention_event       VARCHAR(64),
    retention_event_date  DATE,
    migrated_at           TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (controller_oid, legacy_id)
);
CREATE INDEX migration_items_job_idx ON archive.migration_items (job_instance_id);

-- The manifest's legacy ids, loaded once per migration by streaming COPY, so that partitions working on different
-- row ranges agree which occurrence of a repeated legacy id is the first (manifest order decides, not thread timing).
CREATE TABLE archive.migration_manifest_ids (
    job_instance_id BIGINT       NOT NULL,
    row_number      BIGINT       NOT NULL,
    legacy_id       VARCHAR(200) NOT NULL,
    file_path       VARCHAR(1000) NOT NULL,
    PRIMARY KEY (job_instance_id, row_number)
);
CREATE INDEX migration_manifest_ids_legacy_idx ON archive.migration_manifest_ids (job_instance_id, legacy_id);
