-- 0007: a day a person skips with "Skip today" (sessions.skipped = 'asked', issue 12) does not count toward expiry
-- by silence. Expiry looks up a person's skipped days after their last report; this index keeps that a seek among
-- the few sessions skipped so, whatever the size of the sessions table. It was 0006_skip_days.sql until
-- 0006_standup_teams.sql took the number; IF NOT EXISTS keeps a database that applied it under the old name working.
CREATE INDEX IF NOT EXISTS sessions_asked_skips ON sessions (person_id, day) WHERE skipped = 'asked';
