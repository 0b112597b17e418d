-- Register access agreements between a service organiser and a provider (docs/access.md, "Register access right" and
-- "Register access agreements"): both have enabled the register access right for each other, on the terms of a
-- contract, for some or every service task, optionally as the extensive right. Created and ended by the organiser
-- (through the API or a process); nothing is deleted or rewritten: ending is the one stamp an agreement ever gains
-- (V22 enforces it below the application).
CREATE TABLE archive.register_access_agreement (
    id                 uuid          NOT NULL,
    organiser_oid      varchar(256)  NOT NULL,
    provider_oid       varchar(256)  NOT NULL,
    extensive          boolean       NOT NULL,
    -- codes of 1.2.246.537.6.1221.201601; empty: every service task
    service_tasks      varchar(64)[] NOT NULL DEFAULT '{}',
    valid_from         date          NOT NULL,
    -- the contract's last day; null when open-ended
    valid_until        date,
    contract_reference varchar(200)  NOT NULL,
    created_at         timestamptz   NOT NULL,
    created_by_org     varchar(256)  NOT NULL,
    created_by_user    varchar(256)  NOT NULL,
    created_purpose    varchar(64)   NOT NULL,
    -- the first day the agreement is no longer in effect, when it was ended before its contract's last day
    ends_on            date,
    ended_at           timestamptz,
    ended_by_org       varchar(256),
    ended_by_user      varchar(256),
    ended_purpose      varchar(64),
    end_reason         text,
    CONSTRAINT register_access_agreement_pk PRIMARY KEY (id),
    CONSTRAINT register_access_agreement_parties_ck CHECK (organiser_oid <> provider_oid),
    CONSTRAINT register_access_agreement_validity_ck CHECK (valid_until IS NULL OR valid_until >= valid_from),
    CONSTRAINT register_access_agreement_end_ck CHECK (
        (ended_at IS NULL) = (ends_on IS NULL)
        AND (ended_at IS NULL) = (ended_by_org IS NULL)
        AND (ended_at IS NULL) = (ended_by_user IS NULL)
        AND (ended_at IS NULL) = (ended_purpose IS NULL))
);

CREATE INDEX register_access_agreement_organiser_idx
    ON archive.register_access_agreement (organiser_oid, provider_oid, valid_from);
CREATE INDEX register_access_agreement_provider_idx
    ON archive.register_access_agreement (provider_oid, organiser_oid, valid_from);
