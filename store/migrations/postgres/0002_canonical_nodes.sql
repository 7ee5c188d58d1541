-- 0002 on PostgreSQL: the twin of ../0002_canonical_nodes.sql; its Go step (store/renode.go) runs on both.
SELECT 1;
