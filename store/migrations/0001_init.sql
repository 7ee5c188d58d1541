-- 0001: the first schema.
-- Times are INTEGER Unix nanoseconds in UTC (NULL = not set): compact, compared and indexed as plain integers.

-- The role vocabulary: the built-in roles and any role the config added (recorded as people are upserted).
CREATE TABLE roles (
	name    TEXT PRIMARY KEY,
	builtin INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

INSERT INTO roles (name, builtin) VALUES
	('engineering', 1), ('design', 1), ('product', 1), ('qa', 1), ('data', 1), ('security', 1),
	('legal', 1), ('ops', 1), ('leadership', 1), ('customer', 1), ('vendor', 1);

-- Teams from the config. Members is a JSON array of user IDs.
CREATE TABLE teams (
	name         TEXT PRIMARY KEY,
	channel      TEXT NOT NULL DEFAULT '',
	default_role TEXT NOT NULL DEFAULT '',
	user_group   TEXT NOT NULL DEFAULT '',
	members      TEXT NOT NULL DEFAULT '[]'
) WITHOUT ROWID;

-- People by Slack user ID, with how their role was resolved (role_source, role_detail).
-- name_key, real_key and first_key are lower-cased names for resolving "waiting on Ana" to a user ID.
CREATE TABLE people (
	id           TEXT PRIMARY KEY,
	name         TEXT NOT NULL DEFAULT '',
	real_name    TEXT NOT NULL DEFAULT '',
	title        TEXT NOT NULL DEFAULT '',
	team         TEXT NOT NULL DEFAULT '',
	tz           TEXT NOT NULL DEFAULT '',
	role         TEXT NOT NULL DEFAULT '',
	role_source  TEXT NOT NULL DEFAULT '',
	role_detail  TEXT NOT NULL DEFAULT '',
	is_bot       INTEGER NOT NULL DEFAULT 0,
	deleted      INTEGER NOT NULL DEFAULT 0,
	status_text  TEXT NOT NULL DEFAULT '',
	status_emoji TEXT NOT NULL DEFAULT '',
	away_until   INTEGER,
	updated_at   INTEGER,
	name_key     TEXT NOT NULL DEFAULT '',
	real_key     TEXT NOT NULL DEFAULT '',
	first_key    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX people_name_key ON people (name_key);
CREATE INDEX people_real_key ON people (real_key);
CREATE INDEX people_first_key ON people (first_key);

-- Reports: every message that said something about blockers (plain chatter is not stored unless it is an
-- edit of one that did). hash covers the text and the statement, so an edit is detected even when the text
-- itself is not kept (SetStoreText(false)). statement is the parsed Statement as JSON (without the text),
-- replayed when an older report of the same person arrives late. seq numbers the person's applied reports
-- (meaningful, not deleted) 1, 2, 3… in time order (0 for the others): blockers expire by it.
CREATE TABLE reports (
	id         INTEGER PRIMARY KEY,
	channel    TEXT NOT NULL,
	ts         TEXT NOT NULL,
	thread_ts  TEXT NOT NULL DEFAULT '',
	person_id  TEXT NOT NULL,
	at         INTEGER NOT NULL,
	text       TEXT NOT NULL DEFAULT '',
	hash       BLOB NOT NULL,
	statement  TEXT NOT NULL DEFAULT '',
	meaningful INTEGER NOT NULL DEFAULT 0,
	source     TEXT NOT NULL DEFAULT '',
	edited     INTEGER NOT NULL DEFAULT 0,
	deleted    INTEGER NOT NULL DEFAULT 0,
	seq        INTEGER NOT NULL DEFAULT 0,
	UNIQUE (channel, ts)
);
-- The person's applied reports in time order: finds reports later than one that arrives out of order.
CREATE INDEX reports_person_at ON reports (person_id, at) WHERE meaningful = 1 AND deleted = 0;

-- Blockers: an edge from a person to a target (to_node: a user ID or KIND:NAME) with a topic and a life.
-- report_id opened it; resolved_by is the report whose statement resolved or expired it (NULL for a button).
-- seen_seq is the seq of the person's report that last mentioned it: the person's reports since then,
-- its misses, are the person's latest seq minus seen_seq.
CREATE TABLE blockers (
	id           INTEGER PRIMARY KEY,
	person_id    TEXT NOT NULL,
	target_kind  TEXT NOT NULL,
	target_name  TEXT NOT NULL,
	target_role  TEXT NOT NULL DEFAULT '',
	to_node      TEXT NOT NULL,
	topic        TEXT NOT NULL DEFAULT '',
	opened_at    INTEGER NOT NULL,
	last_seen_at INTEGER NOT NULL,
	resolved_at  INTEGER,
	resolution   TEXT NOT NULL DEFAULT '',
	resolved_by  INTEGER REFERENCES reports (id),
	report_id    INTEGER NOT NULL REFERENCES reports (id),
	seen_seq     INTEGER NOT NULL DEFAULT 0
);
-- Finds the open blocker per (person, to_node, topic): open rows have resolved_at NULL, which sorts first.
CREATE INDEX blockers_person_open ON blockers (person_id, resolved_at, to_node, topic);
CREATE INDEX blockers_opened_at ON blockers (opened_at);
CREATE INDEX blockers_resolved_at ON blockers (resolved_at);

-- What each report did to each blocker, with the values it overwrote: an edit, a deletion or a report that
-- arrives out of order undoes the person's later reports exactly and applies them again in time order.
-- effect is one of opened, seen, resolved, expired. (A miss writes nothing: see blockers.seen_seq.)
CREATE TABLE blocker_reports (
	report_id         INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
	blocker_id        INTEGER NOT NULL REFERENCES blockers (id) ON DELETE CASCADE,
	effect            TEXT NOT NULL,
	prev_last_seen_at INTEGER,
	prev_seen_seq     INTEGER NOT NULL DEFAULT 0,
	prev_resolved_at  INTEGER,
	prev_resolution   TEXT NOT NULL DEFAULT '',
	prev_resolved_by  INTEGER,
	PRIMARY KEY (report_id, blocker_id)
) WITHOUT ROWID;
CREATE INDEX blocker_reports_blocker ON blocker_reports (blocker_id);

-- Received Slack envelopes, committed before they are acknowledged (ack after commit).
CREATE TABLE inbox (
	id           INTEGER PRIMARY KEY,
	key          TEXT NOT NULL UNIQUE,
	kind         TEXT NOT NULL,
	payload      BLOB NOT NULL,
	received_at  INTEGER NOT NULL,
	processed_at INTEGER,
	error        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX inbox_pending ON inbox (id) WHERE processed_at IS NULL;

-- What was posted under a key (a digest period, a summary, a nudge), so it is updated rather than re-posted.
CREATE TABLE posts (
	key       TEXT PRIMARY KEY,
	channel   TEXT NOT NULL,
	ts        TEXT NOT NULL,
	posted_at INTEGER NOT NULL
) WITHOUT ROWID;

-- Standup sessions: one per team, person and standup day (YYYY-MM-DD in the prompt's time zone).
CREATE TABLE sessions (
	id          INTEGER PRIMARY KEY,
	team        TEXT NOT NULL,
	person_id   TEXT NOT NULL,
	day         TEXT NOT NULL,
	prompt_at   INTEGER,
	channel     TEXT NOT NULL DEFAULT '',
	prompt_ts   TEXT NOT NULL DEFAULT '',
	reminded_at INTEGER,
	answered_at INTEGER,
	report_id   INTEGER REFERENCES reports (id),
	skipped     TEXT NOT NULL DEFAULT '',
	UNIQUE (team, person_id, day)
);
