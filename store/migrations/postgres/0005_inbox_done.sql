-- 0005 on PostgreSQL: the twin of ../0005_inbox_done.sql. The inbox stays a table of this database (replicas share
-- it); which envelopes were processed is recorded here, in the transaction that processed each, as on SQLite.
CREATE TABLE inbox_done (
	key   TEXT COLLATE "C" PRIMARY KEY,
	at    BIGINT NOT NULL,
	error TEXT COLLATE "C" NOT NULL DEFAULT ''
);
CREATE INDEX inbox_done_at ON inbox_done (at);
