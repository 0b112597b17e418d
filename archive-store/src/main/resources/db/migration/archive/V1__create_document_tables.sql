-- One row per archived document version (DESIGN invariants 2-4). The original bytes live in the
-- object store under object_key (content-addressed, no personal data in keys); this table holds the
-- header facts needed for queries as columns, the full extracted metadata as jsonb, and the
-- archive's own facts (status, hash, who archived, what the checks found).
CREATE TABLE archive.document_version (
    document_oid             varchar(256)  NOT NULL,
    set_id                   varchar(256)  NOT NULL,
    version_number           integer       NOT NULL CHECK (version_number >= 1),
    client_id                varchar(64)   NOT NULL,
    client_id_root           varchar(256)  NOT NULL,
    controller_oid           varchar(256)  NOT NULL,
    service_organiser_oid    varchar(256),
    service_unit_oid         varchar(256),
    service_task             varchar(64),
    document_group           varchar(64),
    general_type             varchar(64),
    specific_type            varchar(64),
    confidentiality          varchar(64),
    content_specification_id varchar(256),
    effective_time           timestamptz,
    creation_time            timestamptz,
    case_id                  varchar(256),
    client_relationship_id   varchar(256),
    retention_class          varchar(64),
    record_status            varchar(64),
    registry_type            varchar(64),
    replaces_oid             varchar(256),
    reason_of_correction     text,
    metadata                 jsonb         NOT NULL,
    status                   varchar(16)   NOT NULL CHECK (status IN ('ACTIVE', 'REPLACED', 'NULLIFIED')),
    sha256                   char(64)      NOT NULL,
    size_bytes               bigint        NOT NULL CHECK (size_bytes > 0),
    object_key               varchar(512)  NOT NULL,
    archived_at              timestamptz   NOT NULL,
    archived_by_org          varchar(256)  NOT NULL,
    archived_by_user         varchar(256)  NOT NULL,
    replaced_by_oid          varchar(256),
    replaced_at              timestamptz,
    nullified_at             timestamptz,
    nullified_by_org         varchar(256),
    nullified_by_user        varchar(256),
    nullification_reason     text,
    warnings                 jsonb         NOT NULL DEFAULT '[]'::jsonb,
    signatures               jsonb         NOT NULL DEFAULT '[]'::jsonb,
    CONSTRAINT document_version_pk PRIMARY KEY (document_oid),
    CONSTRAINT document_version_set_version_uq UNIQUE (set_id, version_number),
    CONSTRAINT document_version_nullification_ck CHECK (
        (status = 'NULLIFIED') = (nullified_at IS NOT NULL AND nullification_reason IS NOT NULL))
);

-- A client's documents in one controller's register, newest first (the main listing query).
CREATE INDEX document_version_client_idx
    ON archive.document_version (client_id, controller_oid, effective_time DESC, document_oid);
CREATE INDEX document_version_client_task_idx
    ON archive.document_version (client_id, controller_oid, service_task, effective_time DESC);
CREATE INDEX document_version_client_group_idx
    ON archive.document_version (client_id, controller_oid, document_group, effective_time DESC);
CREATE INDEX document_version_case_idx
    ON archive.document_version (case_id, effective_time DESC) WHERE case_id IS NOT NULL;
CREATE INDEX document_version_controller_time_idx
    ON archive.document_version (controller_oid, effective_time DESC);
CREATE INDEX document_version_sha256_idx ON archive.document_version (sha256);
CREATE INDEX document_version_object_key_idx ON archive.document_version (object_key);
