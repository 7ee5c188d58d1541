-- 0005: received envelopes move to a file of their own (DATABASE.inbox beside the database, see store/inbox.go),
-- so acknowledging one never waits for a long write here (an import, a digest). What stays here is the truth of
-- which were processed, written in the transaction that processed each: a crash between that commit and the inbox
-- file's own mark is settled from this table.
CREATE TABLE inbox_done (
	key   TEXT PRIMARY KEY,
	at    INTEGER NOT NULL,
	error TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX inbox_done_at ON inbox_done (at);
