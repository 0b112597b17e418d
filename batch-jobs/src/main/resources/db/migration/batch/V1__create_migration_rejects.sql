-- Legacy migration rejects (issue 5): every bad manifest row, exactly once per migration (job instance),
-- with one precise reason. The primary key makes a restarted chunk's re-insert a no-op.
CREATE TABLE archive.migration_rejects (
    job_instance_id BIGINT       NOT NULL,
    row_number      BIGINT       NOT NULL,   -- 1-based data row of manifest.csv (the header is row 0)
    legacy_id       VARCHAR(200),
    controller_oid  VARCHAR(256) NOT NULL,
    error_code      VARCHAR(64)  NOT NULL,   -- fi.arkisto.store.error.ErrorCode name
    reason          VARCHAR(1000) NOT NULL,  -- never a full identity code
    rejected_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (job_instance_id, row_number)
);
CREATE INDEX migration_rejects_controller_legacy_idx ON archive.migration_rejects (controller_oid, legacy_id);
