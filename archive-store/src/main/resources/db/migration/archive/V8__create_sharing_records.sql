-- What professionals record of a client's will on sharing (docs/access.md, "Sharing to another controller" and
-- "Records of informing, consent and denial"): that the client was informed about the archive, the client's consents
-- to disclosing social welfare data to other controllers, and the client's denials of disclosure (of one document
-- set, a service task or a whole controller). Nothing is deleted or rewritten: a withdrawal is the one stamp a record
-- ever gains (V22 enforces it below the application), so the history of every record stays readable.
CREATE TABLE archive.sharing_record (
    id                uuid          NOT NULL,
    client_id         varchar(64)   NOT NULL,
    kind              varchar(16)   NOT NULL CHECK (kind IN ('INFORMING', 'CONSENT', 'DENIAL')),
    -- the day the client was informed (INFORMING), or the first day of the consent or denial
    valid_from        date          NOT NULL,
    -- the last day of a consent or denial; null when open-ended (always null for INFORMING)
    valid_until       date,
    target_type       varchar(16)   CHECK (target_type IN ('DOCUMENT', 'SERVICE_TASK', 'CONTROLLER')),
    -- the denied document's set id, the service task code, or the controller's OID
    target_value      varchar(256),
    description       text,
    recorded_at       timestamptz   NOT NULL,
    recorded_by_org   varchar(256)  NOT NULL,
    recorded_by_user  varchar(256)  NOT NULL,
    recorded_purpose  varchar(64)   NOT NULL,
    -- the first day the record no longer applies
    withdrawn_on      date,
    withdrawn_at      timestamptz,
    withdrawn_by_org  varchar(256),
    withdrawn_by_user varchar(256),
    withdrawn_purpose varchar(64),
    withdrawal_reason text,
    CONSTRAINT sharing_record_pk PRIMARY KEY (id),
    CONSTRAINT sharing_record_validity_ck CHECK (valid_until IS NULL OR valid_until >= valid_from),
    CONSTRAINT sharing_record_target_ck CHECK (
        (kind = 'DENIAL') = (target_type IS NOT NULL) AND (target_type IS NULL) = (target_value IS NULL)),
    CONSTRAINT sharing_record_informing_ck CHECK (kind <> 'INFORMING' OR valid_until IS NULL),
    CONSTRAINT sharing_record_withdrawal_ck CHECK (
        (withdrawn_at IS NULL) = (withdrawn_on IS NULL)
        AND (withdrawn_at IS NULL) = (withdrawn_by_org IS NULL)
        AND (withdrawn_at IS NULL) = (withdrawn_by_user IS NULL)
        AND (withdrawn_at IS NULL) = (withdrawn_purpose IS NULL))
);

-- A client's records, every kind, in recording order: the history and the client's facts read this.
CREATE INDEX sharing_record_client_idx ON archive.sharing_record (client_id, kind, recorded_at, id);
