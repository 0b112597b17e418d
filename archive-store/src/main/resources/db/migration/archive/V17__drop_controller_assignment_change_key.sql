-- The controller change job inserts a million assignments in a run; the foreign key from each to its change cost a
-- lookup and a row lock on the change per assignment (a trigger per row) and guarded nothing: a change row is never
-- deleted (its append-only and no-truncate triggers, V14 and V16), and every assignment is written from its change,
-- by the job or by the trigger that makes a late version follow a completed change. The same reasoning as the
-- assignments' missing key to document_version (V14).
ALTER TABLE archive.controller_assignment DROP CONSTRAINT controller_assignment_change_id_fkey;
