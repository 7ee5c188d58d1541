-- 0012 on PostgreSQL: the twin of ../0012_outsider_legal_forms.sql; its Go step (store/renode.go) runs on both.
SELECT 1;
