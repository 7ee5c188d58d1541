-- 0004: the outbox. Every Slack effect the bot decides is written here in the transaction that decides it
-- (ack after commit's counterpart on the way out) and sent afterwards, at least once, by the sender.
-- key is the idempotency key (an effect is enqueued once per key); coalesce names what a refresh refreshes
-- (the newest pending one per coalesce is sent); uncertain is set while an attempt's outcome is unknown.
CREATE TABLE outbox (
	id         INTEGER PRIMARY KEY,
	key        TEXT NOT NULL UNIQUE,
	kind       TEXT NOT NULL,
	coalesce   TEXT NOT NULL DEFAULT '',
	payload    BLOB NOT NULL,
	created_at INTEGER NOT NULL,
	deadline   INTEGER NOT NULL,
	next_at    INTEGER NOT NULL,
	attempts   INTEGER NOT NULL DEFAULT 0,
	uncertain  INTEGER NOT NULL DEFAULT 0,
	state      TEXT NOT NULL DEFAULT 'pending',
	channel    TEXT NOT NULL DEFAULT '',
	ts         TEXT NOT NULL DEFAULT '',
	error      TEXT NOT NULL DEFAULT '',
	done_at    INTEGER
);
CREATE INDEX outbox_due ON outbox (next_at) WHERE state = 'pending';
CREATE INDEX outbox_coalesce ON outbox (coalesce, id) WHERE state = 'pending' AND coalesce != '';
