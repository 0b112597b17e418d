-- The reject store (DESIGN invariant 1): every submission that was not archived leaves one row with a
-- machine-readable reason. The payload itself is not kept (personal data minimisation: the sender keeps its copy
-- and receives the reason in its acknowledgement); its SHA-256 and size identify a resubmission of the same bytes.
CREATE SCHEMA IF NOT EXISTS archive;

CREATE TABLE archive.rejection (
    id               BIGSERIAL PRIMARY KEY,
    channel          VARCHAR(16)   NOT NULL CHECK (channel IN ('FILE', 'QUEUE', 'REST')),
    source_reference VARCHAR(1000) NOT NULL,
    message_id       VARCHAR(300),
    received_at      TIMESTAMPTZ   NOT NULL,
    rejected_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    error_code       VARCHAR(64)   NOT NULL,
    reason           TEXT          NOT NULL,
    payload_sha256   CHAR(64)      NOT NULL,
    payload_size     BIGINT        NOT NULL
);

CREATE INDEX rejection_rejected_at_idx ON archive.rejection (rejected_at);
CREATE INDEX rejection_source_reference_idx ON archive.rejection (source_reference);
CREATE INDEX rejection_payload_sha256_idx ON archive.rejection (payload_sha256);
