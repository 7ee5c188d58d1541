-- 0013: an effect is superseded by a newer one of the same coalesce that is pending or sent (store.Superseded),
-- not only by a pending one, so the index on coalesce covers every state.
DROP INDEX outbox_coalesce;
CREATE INDEX outbox_coalesce ON outbox (coalesce, id) WHERE coalesce != '';
