-- Camel's JDBC idempotent repository for the file drop: one row per inbox file already processed, keyed by
-- name, size and SHA-256, so that a file is processed exactly once across restarts and app instances.
CREATE TABLE archive.ingest_processed_file (
    processor_name VARCHAR(255)  NOT NULL,
    message_id     VARCHAR(1000) NOT NULL,
    created_at     TIMESTAMP     NOT NULL,
    PRIMARY KEY (processor_name, message_id)
);
