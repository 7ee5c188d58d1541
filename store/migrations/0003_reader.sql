-- The optional LLM reader: the reports waiting for its answer, and its answers.

-- A reading is queued in the same transaction as the report it reads, so a crash
-- loses none. One per message: a newer text of the message replaces it with a
-- new id (AUTOINCREMENT never reuses one), so an answer to the old text is
-- recognised as stale. It holds the report as it arrived, text included, until
-- it is answered or given up, whatever privacy.store_text says: the text is what
-- is sent.
CREATE TABLE readings (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	channel    TEXT NOT NULL,
	ts         TEXT NOT NULL,
	thread_ts  TEXT NOT NULL DEFAULT '',
	person_id  TEXT NOT NULL,
	at         INTEGER NOT NULL,            -- the report's time, Unix ns
	source     TEXT NOT NULL,
	edited     INTEGER NOT NULL DEFAULT 0,
	standup    INTEGER NOT NULL DEFAULT 0,  -- Report.Standup
	text       TEXT NOT NULL,
	rules      TEXT NOT NULL,               -- the rules' statement, JSON
	attempts   INTEGER NOT NULL DEFAULT 0,  -- failed requests worth trying again
	not_before INTEGER NOT NULL DEFAULT 0,  -- Unix ns: not asked before then
	queued_at  INTEGER NOT NULL,
	UNIQUE (channel, ts)
);
CREATE INDEX readings_due ON readings (not_before, id);

-- Valid answers by prompt version, model and the SHA-256 of the request's
-- content (the statement and the author's open blockers), so the same question
-- is never paid for twice.
CREATE TABLE reader_cache (
	prompt_version TEXT NOT NULL,
	model          TEXT NOT NULL,
	hash           BLOB NOT NULL,
	answer         TEXT NOT NULL,
	at             INTEGER NOT NULL,
	PRIMARY KEY (prompt_version, model, hash)
) WITHOUT ROWID;
