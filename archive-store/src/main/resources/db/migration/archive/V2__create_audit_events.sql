-- Append-only audit log of every read and write of client data (DESIGN invariant 5).
-- Each event's hash is SHA-256 over the previous event's hash and a canonical encoding of all of
-- its own fields, so altering, deleting or reordering stored events breaks the chain.
CREATE TABLE archive.audit_event (
    id             bigint        NOT NULL,
    occurred_at    timestamptz   NOT NULL,
    organisation   varchar(256)  NOT NULL,
    user_id        varchar(256)  NOT NULL,
    purpose_of_use varchar(256)  NOT NULL,
    operation      varchar(32)   NOT NULL,
    document_oid   varchar(256),
    client_id      varchar(64),
    outcome        varchar(16)   NOT NULL,
    detail         text,
    prev_hash      char(64)      NOT NULL,
    hash           char(64)      NOT NULL,
    CONSTRAINT audit_event_pk PRIMARY KEY (id)
);

CREATE INDEX audit_event_client_idx ON archive.audit_event (client_id, occurred_at) WHERE client_id IS NOT NULL;
CREATE INDEX audit_event_document_idx ON archive.audit_event (document_oid, occurred_at) WHERE document_oid IS NOT NULL;

-- The chain head: one row, locked FOR UPDATE by every append, so appends from any thread or app
-- instance are serialised and ids are gapless.
CREATE TABLE archive.audit_chain_head (
    singleton boolean     NOT NULL DEFAULT true,
    last_id   bigint      NOT NULL,
    last_hash char(64)    NOT NULL,
    CONSTRAINT audit_chain_head_pk PRIMARY KEY (singleton),
    CONSTRAINT audit_chain_head_singleton_ck CHECK (singleton)
);

INSERT INTO archive.audit_chain_head (singleton, last_id, last_hash)
VALUES (true, 0, '0000000000000000000000000000000000000000000000000000000000000000');
