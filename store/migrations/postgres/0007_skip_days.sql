-- 0007 on PostgreSQL: the twin of ../0007_skip_days.sql. A day skipped with "Skip today" (sessions.skipped = 'asked')
-- does not count toward expiry by silence; this partial index finds a person's skipped days after their last report.
CREATE INDEX IF NOT EXISTS sessions_asked_skips ON sessions (person_id, day) WHERE skipped = 'asked';
