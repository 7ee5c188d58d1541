-- 0006 on PostgreSQL: the twin of ../0006_standup_teams.sql. Standup teams set up in Slack from the App Home; the
-- YAML config's teams win for a name both define. Lists are JSON arrays in text; days are weekday numbers (0 Sunday
-- … 6 Saturday); durations are seconds; updated_at is Unix ns.
CREATE TABLE standup_teams (
	name           TEXT COLLATE "C" PRIMARY KEY,
	channel        TEXT COLLATE "C" NOT NULL,
	members        TEXT COLLATE "C" NOT NULL DEFAULT '[]',
	user_group     TEXT COLLATE "C" NOT NULL DEFAULT '',
	prompt_time    TEXT COLLATE "C" NOT NULL,
	days           TEXT COLLATE "C" NOT NULL DEFAULT '[]',
	timezone       TEXT COLLATE "C" NOT NULL,
	questions      TEXT COLLATE "C" NOT NULL DEFAULT '[]',
	reminder_after BIGINT NOT NULL DEFAULT 0,
	answer_window  BIGINT NOT NULL,
	evening_before INTEGER NOT NULL DEFAULT 0,
	digest_to      TEXT COLLATE "C" NOT NULL DEFAULT '[]',
	paused         INTEGER NOT NULL DEFAULT 0,
	updated_by     TEXT COLLATE "C" NOT NULL DEFAULT '',
	updated_at     BIGINT NOT NULL
);
