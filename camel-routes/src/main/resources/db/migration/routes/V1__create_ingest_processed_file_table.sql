-- Camel's JDBC idempotent repository for the file drop (JdbcMessageIdRepository, its own column names): one row
-- per inbox file already processed, keyed by name, size and SHA-256, so that a file is processed exactly once
-- across restarts and app instances.
CREATE TABLE archive.ingest_processed_file (
    processorName VARCHAR(255)  NOT NULL,
    messageId     VARCHAR(1000) NOT NULL,
    createdAt     TIMESTAMP     NOT NULL,
    PRIMARY KEY (processorName, messageId)
);
