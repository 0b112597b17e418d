-- The orphan sweep (invariant 2, docs/invariants.md; docs/running.md "Operations"): one sweep at a time across every
-- instance sharing the store, and a record of each sweep an operator can read.

-- ShedLock's lock table (JdbcTemplateLockProvider, its documented PostgreSQL layout): one row per named lock; a
-- lock is held until lock_until, by the instance locked_by. The database's clock decides, not the instances'.
CREATE TABLE archive.shedlock (
    name       VARCHAR(64)  NOT NULL PRIMARY KEY,
    lock_until TIMESTAMP    NOT NULL,
    locked_at  TIMESTAMP    NOT NULL,
    locked_by  VARCHAR(255) NOT NULL
);

-- One row per sweep that ran (a round that found the lock held elsewhere leaves none). The removed keys are
-- content-addressed (documents/ab/cd/<sha256>): they carry no personal data.
CREATE TABLE archive.orphan_sweep (
    id           BIGSERIAL    PRIMARY KEY,
    started_at   TIMESTAMPTZ  NOT NULL,
    finished_at  TIMESTAMPTZ  NOT NULL,
    instance     VARCHAR(255) NOT NULL,
    outcome      VARCHAR(16)  NOT NULL CHECK (outcome IN ('COMPLETED', 'FAILED')),
    examined     INTEGER      NOT NULL CHECK (examined >= 0),
    removed      INTEGER      NOT NULL CHECK (removed >= 0),
    removed_keys TEXT[]       NOT NULL,
    error        TEXT
);

CREATE INDEX orphan_sweep_started_at_idx ON archive.orphan_sweep (started_at DESC);
