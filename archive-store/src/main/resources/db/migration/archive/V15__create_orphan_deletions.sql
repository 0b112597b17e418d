-- The orphan sweep and archiving exclude each other per object (invariant 2, docs/invariants.md; docs/running.md
-- "Operations"): content-addressed keys may be written again by a new submission of the same bytes while the sweep
-- deletes the stray object of an earlier one. The sweep holds an exclusive advisory lock on the key's bucket from
-- its last check to its delete and records the deletion first; archiving takes the shared lock of its objects'
-- buckets in its metadata transaction and writes again any object whose key was deleted lately, before it commits.

-- One row per object the sweep deleted (or was about to: the row is committed before the delete). The keys are
-- content-addressed (documents/ab/cd/<sha256>): they carry no personal data.
CREATE TABLE archive.orphan_deletion (
    id         BIGSERIAL    PRIMARY KEY,
    object_key VARCHAR(512) NOT NULL,
    deleted_at TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX orphan_deletion_key_idx ON archive.orphan_deletion (object_key, deleted_at);

-- the advisory locks' namespace: the first key of the two-key form, so that no other lock of the database collides
CREATE FUNCTION archive.lock_bucket_for_sweep(bucket integer) RETURNS void LANGUAGE sql AS $$
    SELECT pg_advisory_lock(20261203, bucket);
$$;

CREATE FUNCTION archive.unlock_bucket_for_sweep(bucket integer) RETURNS boolean LANGUAGE sql AS $$
    SELECT pg_advisory_unlock(20261203, bucket);
$$;

-- Takes the shared locks of the buckets (in the caller's transaction, released at its end), then answers which of
-- the keys the sweep deleted within the period: their objects are written again before the metadata commits.
CREATE FUNCTION archive.lock_buckets_for_recording(keys text[], buckets integer[], recent interval)
    RETURNS SETOF text LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock_shared(20261203, b) FROM unnest(buckets) AS b ORDER BY b;
    RETURN QUERY SELECT DISTINCT d.object_key::text FROM archive.orphan_deletion d
                  WHERE d.object_key = ANY (keys) AND d.deleted_at > clock_timestamp() - recent;
END;
$$;
