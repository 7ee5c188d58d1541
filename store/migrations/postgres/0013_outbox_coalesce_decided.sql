-- 0013 on PostgreSQL: the twin of ../0013_outbox_coalesce_decided.sql (the coalesce index covers every state).
DROP INDEX outbox_coalesce;
CREATE INDEX outbox_coalesce ON outbox (coalesce, id) WHERE coalesce != '';
