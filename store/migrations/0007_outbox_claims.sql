-- 0007: an effect is claimed by the process that sends it. With replicas on PostgreSQL (store/postgres.go),
-- claimed_by is the PostgreSQL backend (pg_backend_pid) of the claiming process's presence connection: while
-- that backend lives nobody else sends the effect; when it is gone (the process died) the effect is free at once.
-- On SQLite one process sends everything: it claims as -1, and a claim is due again as soon as it is read (it is
-- that process's own, settled before its sender reads again, or a crashed one's).
ALTER TABLE outbox ADD COLUMN claimed_by INTEGER NOT NULL DEFAULT 0;
