-- 0006: standup teams set up in Slack from the App Home (unblock.StandupTeam). Teams managed as code stay in the
-- YAML config, which wins for a name both define; the scheduler reads both. Lists are JSON arrays; days are
-- weekday numbers (0 Sunday … 6 Saturday); durations are seconds; updated_at is Unix ns.
CREATE TABLE standup_teams (
	name           TEXT PRIMARY KEY,
	channel        TEXT NOT NULL,
	members        TEXT NOT NULL DEFAULT '[]',
	user_group     TEXT NOT NULL DEFAULT '',
	prompt_time    TEXT NOT NULL,
	days           TEXT NOT NULL DEFAULT '[]',
	timezone       TEXT NOT NULL,
	questions      TEXT NOT NULL DEFAULT '[]',
	reminder_after INTEGER NOT NULL DEFAULT 0,
	answer_window  INTEGER NOT NULL,
	evening_before INTEGER NOT NULL DEFAULT 0,
	digest_to      TEXT NOT NULL DEFAULT '[]',
	paused         INTEGER NOT NULL DEFAULT 0,
	updated_by     TEXT NOT NULL DEFAULT '',
	updated_at     INTEGER NOT NULL
);
