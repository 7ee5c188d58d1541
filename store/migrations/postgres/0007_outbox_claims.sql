-- 0007 on PostgreSQL: the twin of ../0007_outbox_claims.sql (which process's presence backend claimed an effect).
ALTER TABLE outbox ADD COLUMN claimed_by INTEGER NOT NULL DEFAULT 0;
