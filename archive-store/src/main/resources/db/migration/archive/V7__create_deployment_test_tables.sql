-- Deployment tests (docs/workflows.md): one row per registration of one or more functions by an organisation,
-- with the agreed test window of its current attempt. While a run is OPEN the archive's test-run guard checks
-- every document archived into the organisation's register and records it here.
CREATE TABLE archive.deployment_test_run (
    id                       uuid          NOT NULL,
    organisation_id          bigint        NOT NULL REFERENCES archive.organisation (id),
    organisation_oid         varchar(256)  NOT NULL,
    -- the other party of a register access right test (the service provider), when there is one
    partner_organisation_id  bigint        REFERENCES archive.organisation (id),
    partner_organisation_oid varchar(256),
    functions                varchar(32)[] NOT NULL CHECK (cardinality(functions) > 0),
    system_product           varchar(256)  NOT NULL,
    system_version           varchar(64)   NOT NULL,
    system_vendor            varchar(256)  NOT NULL,
    partner_system_product   varchar(256),
    partner_system_version   varchar(64),
    partner_system_vendor    varchar(256),
    planned_start            date          NOT NULL,
    deployment_lead          varchar(128)  NOT NULL,
    state                    varchar(16)   NOT NULL CHECK (state IN ('REGISTERED', 'REJECTED', 'SCHEDULED', 'OPEN',
                                                                     'CLOSED', 'FAILED', 'PASSED', 'APPROVED')),
    attempt                  integer       NOT NULL DEFAULT 0 CHECK (attempt >= 0),
    window_start             timestamptz,
    window_end               timestamptz,
    registered_at            timestamptz   NOT NULL,
    decided_at               timestamptz,
    note                     text,
    CONSTRAINT deployment_test_run_pk PRIMARY KEY (id),
    CONSTRAINT deployment_test_run_window_ck CHECK (window_start IS NULL OR window_end > window_start)
);

CREATE INDEX deployment_test_run_open_idx ON archive.deployment_test_run (organisation_oid) WHERE state = 'OPEN';
CREATE INDEX deployment_test_run_organisation_idx ON archive.deployment_test_run (organisation_id, registered_at DESC);

-- Test identity codes handed out for a run (individual numbers 900-999; one code may serve several runs).
CREATE TABLE archive.deployment_test_identity (
    run_id        uuid          NOT NULL REFERENCES archive.deployment_test_run (id),
    identity_code varchar(11)   NOT NULL,
    CONSTRAINT deployment_test_identity_pk PRIMARY KEY (run_id, identity_code)
);

-- Every document that arrived for a run's attempt while its window was open, with the guard's refusal if any.
CREATE TABLE archive.deployment_test_document (
    run_id         uuid          NOT NULL REFERENCES archive.deployment_test_run (id),
    attempt        integer       NOT NULL,
    document_oid   varchar(256)  NOT NULL,
    received_at    timestamptz   NOT NULL,
    refusal_code   varchar(64),
    refusal_detail text,
    CONSTRAINT deployment_test_document_pk PRIMARY KEY (run_id, attempt, document_oid)
);
