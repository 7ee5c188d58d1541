-- 0008 on PostgreSQL: the twin of ../0008_standup_team_options.sql. The App Home's standup teams gain a default
-- role, the channel summary on or off, public reminders, and the view ID of the modal that created the team.
ALTER TABLE standup_teams ADD COLUMN default_role TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE standup_teams ADD COLUMN summary INTEGER NOT NULL DEFAULT 1;
ALTER TABLE standup_teams ADD COLUMN public_reminders INTEGER NOT NULL DEFAULT 0;
ALTER TABLE standup_teams ADD COLUMN created_view TEXT COLLATE "C" NOT NULL DEFAULT '';
