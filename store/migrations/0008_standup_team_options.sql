-- 0008: the App Home's standup teams gain the per-team options a YAML team has that a team lead sets: the default
-- role of members whose role resolves no other way (a role name of the vocabulary, '' for none), the channel summary
-- on or off (1 on, as every team had before) and public reminders (1: in the channel; 0: by DM). created_view is the
-- Slack view ID of the modal that created the team, so a redelivered or repeated submission of that same modal is
-- known as the team's own and never answered "name taken" or saved twice.
ALTER TABLE standup_teams ADD COLUMN default_role TEXT NOT NULL DEFAULT '';
ALTER TABLE standup_teams ADD COLUMN summary INTEGER NOT NULL DEFAULT 1;
ALTER TABLE standup_teams ADD COLUMN public_reminders INTEGER NOT NULL DEFAULT 0;
ALTER TABLE standup_teams ADD COLUMN created_view TEXT NOT NULL DEFAULT '';
