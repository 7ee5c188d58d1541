package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/unblock-dev/unblock"
)

// testEnv is the environment the problem tests run in.
var testEnv = map[string]string{
	"TZ_NAME":          "Mars/Olympus",
	"CHECKOUT_CHANNEL": "#checkout",
}

func getenvFrom(env map[string]string) func(string) string {
	return func(k string) string { return env[k] }
}

// parseFile parses testdata/NAME, naming it NAME in problems.
func parseFile(tb testing.TB, name string, env map[string]string) (*Config, error) {
	tb.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	return Parse(name, f, getenvFrom(env))
}

// TestProblems checks each validation rule against a file that breaks it, down to
// the exact "file:line: key: message" of every problem.
func TestProblems(t *testing.T) {
	tests := []struct {
		file string
		want []string
	}{
		{"cron.yaml", []string{
			`cron.yaml:14: teams[1].schedule: "0 9 * MON" is not a cron spec (5 fields: minute hour day-of-month month day-of-week)`,
			`cron.yaml:18: teams[2].schedule: "0 25 * * *" is not a cron spec: end of range (25) above maximum (23): 25 (5 fields: minute hour day-of-month month day-of-week)`,
			`cron.yaml:22: teams[3].schedule: "CRON_TZ=Europe/Paris 0 9 * * *": put the time zone under timezone:, not in the schedule`,
			`cron.yaml:26: teams[4].schedule: "0 9 30 2 *" never runs: no date matches it`,
			`cron.yaml:30: teams[5].schedule: empty schedule: give a cron spec (5 fields: minute hour day-of-month month day-of-week), like "30 9 * * MON-FRI"`,
			`cron.yaml:34: teams[6].schedule: "@fortnightly" is not a cron spec: unrecognized descriptor: @fortnightly (5 fields: minute hour day-of-month month day-of-week)`,
			`cron.yaml:36: digest.schedule: "every monday" is not a cron spec (5 fields: minute hour day-of-month month day-of-week)`,
		}},
		{"reader.yaml", []string{
			`reader.yaml:3: reader.model: needs the model to ask (like gpt-4o-mini, or llama3.1 on Ollama)`,
			`reader.yaml:4: reader.url: "localhost:11434" is not an http(s) URL (like https://api.openai.com/v1 or http://localhost:11434/v1)`,
			`reader.yaml:5: reader.api_key: write the key as ${VAR} (like ${OPENAI_API_KEY}) so it stays in the environment, not in the file`,
			`reader.yaml:6: reader.timeout: must be longer than zero, got 0s`,
			`reader.yaml:7: reader.requests_per_minute: must be 1 or more, got 0`,
			`reader.yaml:8: reader.channels[0]: "#standups" is not a channel ID: use the ID (C…, at the bottom of the channel's details), not the name`,
		}},
		{"timezone.yaml", []string{
			`timezone.yaml:1: timezone: "Europe/Berln" is not an IANA time zone (like Europe/Berlin, America/New_York or UTC)`,
			`timezone.yaml:6: teams[0].timezone: "Local" is not an IANA time zone (like Europe/Berlin, America/New_York or UTC)`,
			`timezone.yaml:12: digest.timezone: "member" is for teams; the digest needs one IANA time zone (like Europe/Berlin)`,
		}},
		{"duration.yaml", []string{
			`duration.yaml:5: teams[0].reminder_after: "2 hours" is not a duration (like 90m, 2h or 7d)`,
			`duration.yaml:6: teams[0].answer_window: must be longer than zero, got 0s`,
			`duration.yaml:10: teams[1].reminder_after: 5h is not shorter than answer_window (4h): the reminder would come after answers close`,
			`duration.yaml:15: teams[2].reminder_after: must be longer than zero, got -1h`,
			`duration.yaml:17: blockers.expire_after: must be 1 or more (reports without a mention before a blocker expires), got 0`,
			`duration.yaml:18: blockers.stale_after: "99999d" is too long (at most 3650d)`,
			`duration.yaml:19: blockers.expire_after_days: must be 1 or more (days with no report at all before a person's blockers expire), got -2`,
		}},
		{"ids.yaml", []string{
			`ids.yaml:1: passive_channels[0]: "#standups" is not a channel ID: use the ID (C…, at the bottom of the channel's details), not the name`,
			`ids.yaml:1: passive_channels[2]: "c061lower" is not a channel ID (C…, G… or D…, capital letters and digits, like C061EG9SL)`,
			`ids.yaml:4: roles[0].user_groups[0]: "design-team" is not a user group ID (S…, capital letters and digits, like S0614TZR7)`,
			`ids.yaml:5: roles[0].owner: "@ana" is not a user ID: use the member ID (U…, in Slack: profile, ⋮, Copy member ID), not a mention`,
			`ids.yaml:7: people[0].id: "ana" is not a user ID (U… or W…, capital letters and digits, like U024BE7LH)`,
			`ids.yaml:9: people[1].id: "<@U024BE7LH>" is not a user ID: use the member ID (U…, in Slack: profile, ⋮, Copy member ID), not a mention`,
			`ids.yaml:12: teams[0].channel: "#checkout" is not a channel ID: use the ID (C…, at the bottom of the channel's details), not the name`,
			`ids.yaml:13: teams[0].members[1]: "u02eng0043" is not a user ID (U… or W…, capital letters and digits, like U024BE7LH)`,
			`ids.yaml:13: teams[0].members[2]: U02ENG0042 is listed twice`,
			`ids.yaml:14: teams[0].user_group: "S-checkout" is not a user group ID (S…, capital letters and digits, like S0614TZR7)`,
			`ids.yaml:16: digest.channel: "L061LEADS01" is not a channel ID (C…, G… or D…, capital letters and digits, like C061EG9SL)`,
			`ids.yaml:17: digest.leads[1]: "B02BOT0001" is not a user ID (U… or W…, capital letters and digits, like U024BE7LH)`,
			`ids.yaml:18: admins[1]: "@ada" is not a user ID: use the member ID (U…, in Slack: profile, ⋮, Copy member ID), not a mention`,
		}},
		{"roles.yaml", []string{
			`roles.yaml:3: roles[0].keywords[1]: empty keyword`,
			`roles.yaml:4: roles[1].name: "Finance Team" is not a role name: use lower-case letters, digits, - and _ (like "finance")`,
			`roles.yaml:5: roles[2]: needs a name (a built-in role to add words to, or a new one)`,
			`roles.yaml:6: roles[3].name: role "finance" is already listed at roles[0]; give each role one entry`,
			`roles.yaml:10: roles[5].user_groups[0]: user group S0614TZR7 is already mapped to role "design"; a group gives one role`,
			`roles.yaml:11: roles[5].title_keywords[0]: empty keyword`,
			`roles.yaml:14: people[0].role: "desgin" is not a known role (did you mean "design"?)`,
			`roles.yaml:18: people[2].role: "lawyers" is a word for role "legal": write "legal"`,
			`roles.yaml:23: teams[0].default_role: "enginering" is not a known role (did you mean "engineering"?)`,
		}},
		{"role_words.yaml", []string{
			`role_words.yaml:3: roles[0].keywords[1]: "lawyers" already names role "legal"; a word names one role`,
			`role_words.yaml:4: roles[1].name: role "eng" is already a word for role "engineering": add keywords to that role instead`,
			`role_words.yaml:9: people[0].role: "fp&a" is a word for role "finance": write "finance"`,
		}},
		{"teams.yaml", []string{
			`teams.yaml:5: teams[1].name: "Design Team" is not a team name: use lower-case letters, digits, - and _ (like "checkout")`,
			`teams.yaml:8: teams[2]: needs a name (like "checkout")`,
			`teams.yaml:10: teams[3].name: duplicate team name "checkout" (first at line 2)`,
			`teams.yaml:13: teams[4]: has no members: list members (U… IDs) or give a user_group (S… ID)`,
			`teams.yaml:15: teams[5]: needs a channel (C…) for its standup summary, or summary: false`,
			`teams.yaml:17: teams[6]: needs a channel (C…) for public reminders, or public_reminders: false`,
			`teams.yaml:24: teams[7].questions: needs at least one question`,
			`teams.yaml:30: teams[8].questions[1]: empty question`,
			`teams.yaml:33: people[0].team: no team is named "chekout" (did you mean "checkout"?)`,
			`teams.yaml:35: people[1].team: no team is named "platform" (teams: checkout, Design Team, ops, qa, data, legal, security)`,
		}},
		{"people.yaml", []string{
			`people.yaml:2: people[0]: needs an id (the person's Slack member ID, U…)`,
			`people.yaml:6: people[2].id: U024BE7LH is already listed at people[1]; give each person one entry`,
		}},
		{"holidays.yaml", []string{
			`holidays.yaml:3: holidays[1]: "2026-02-30" is not a date (YYYY-MM-DD, like 2026-12-25)`,
			`holidays.yaml:4: holidays[2]: "25.12.2026" is not a date (YYYY-MM-DD, like 2026-12-25)`,
			`holidays.yaml:5: holidays[3]: empty list item`,
		}},
		{"unknown_key.yaml", []string{
			`unknown_key.yaml:2: slack.bot_tokn: unknown key (did you mean "bot_token"?)`,
			`unknown_key.yaml:4: team: unknown key (did you mean "teams"?)`,
			`unknown_key.yaml:10: teams[0].shedule: unknown key (did you mean "schedule"?)`,
			`unknown_key.yaml:11: teams[0].colour: unknown key (known keys: name, channel, default_role, members, user_group, schedule, timezone, questions, reminder_after, answer_window, open_evening_before, summary, public_reminders)`,
			`unknown_key.yaml:14: privacy.anonymise: unknown key (known keys: store_text, share_topics_in_digest, text_days)`,
		}},
		{"types.yaml", []string{
			`types.yaml:1: slack: expected a mapping with keys app_token, bot_token, api_url, got "xoxb-…"`,
			`types.yaml:2: timezone: expected a single value, got a list`,
			`types.yaml:4: teams: expected a list, got a mapping`,
			`types.yaml:6: people[0]: expected a mapping with keys id, name, role, team, got "U024BE7LH"`,
			`types.yaml:8: blockers.expire_after: "three" is not a whole number`,
			`types.yaml:9: blockers.stale_after: expected a single value, got a mapping`,
			`types.yaml:11: privacy.store_text: "yes" is not true or false`,
			`types.yaml:13: holidays: expected a list, got "2026-12-25"`,
			`types.yaml:15: roles[0]: expected a mapping with keys name, keywords, title_keywords, user_groups, owner, got nothing`,
		}},
		{"repeated_key.yaml", []string{
			`repeated_key.yaml:3: timezone: repeated key (first at line 1)`,
			`repeated_key.yaml:6: privacy.store_text: repeated key (first at line 5)`,
		}},
		{"syntax.yaml", []string{
			`syntax.yaml:3: YAML syntax: did not find expected ',' or ']'`,
		}},
		{"documents.yaml", []string{
			`documents.yaml:2: a config file holds one YAML document; remove the second one (after ---)`,
		}},
		{"root.yaml", []string{
			`root.yaml:1: expected a mapping with keys slack, database, timezone, roles, people, teams, lexicon, passive_channels, admins, blockers, digest, holidays, privacy, reader, ops, log, got a list`,
		}},
		{"env.yaml", []string{
			`env.yaml:1: database: ${DB_DIR} not set in the environment`, // "/unblock.db" before: the root directory
			`env.yaml:2: timezone: "Mars/Olympus" is not an IANA time zone (like Europe/Berlin, America/New_York or UTC)`,
			`env.yaml:4: slack.api_url: "${API_URL" has a ${ that is not a variable reference like ${SLACK_BOT_TOKEN}`,
			`env.yaml:7: teams[0].channel: "#checkout" is not a channel ID: use the ID (C…, at the bottom of the channel's details), not the name`,
		}},
		{"api_url.yaml", []string{
			`api_url.yaml:2: slack.api_url: "slack.com/api" is not an http(s) URL (like https://slack.com/api/)`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, err := parseFile(t, tt.file, testEnv)
			if err == nil {
				t.Fatalf("Parse(%s) = nil error; want %d problems", tt.file, len(tt.want))
			}
			if got, want := unblock.ErrorCode(err), unblock.EINVALID; got != want {
				t.Errorf("ErrorCode = %q; want %q", got, want)
			}
			var ps Problems
			if !errors.As(err, &ps) {
				t.Fatalf("Parse(%s) error %T is not Problems", tt.file, err)
			}
			got := strings.Split(err.Error(), "\n")
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Parse(%s) problems:\n%s\nwant:\n%s", tt.file, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if len(ps) != len(tt.want) {
				t.Errorf("len(Problems) = %d; want %d", len(ps), len(tt.want))
			}
		})
	}
}

func TestProblemString(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{File: "c.yaml", Line: 3, Key: "timezone", Msg: "bad"}, "c.yaml:3: timezone: bad"},
		{Problem{File: "c.yaml", Key: "slack.bot_token", Msg: "missing"}, "c.yaml: slack.bot_token: missing"},
		{Problem{File: "c.yaml", Line: 2, Msg: "YAML syntax: x"}, "c.yaml:2: YAML syntax: x"},
		{Problem{Key: "timezone", Msg: "bad"}, "timezone: bad"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("%#v.String() = %q; want %q", tt.p, got, tt.want)
		}
	}
}

// TestSyntaxErrorLines checks that YAML syntax errors point at the right line,
// whichever part of the yaml library found them.
func TestSyntaxErrorLines(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"a: 1\nteams:\n  - name: x\n    channel: [C\n  - name: y\n", `c.yaml:4: YAML syntax: did not find expected ',' or ']'`},
		{"timezone: UTC\ndatabase: x\n- teams\n", `c.yaml:3: YAML syntax: did not find expected key`},
		{"timezone: UTC\ndatabase: x\n  teams: 3\n", `c.yaml:3: YAML syntax: mapping values are not allowed in this context`},
		{"timezone: UTC\ndatabase: @x\n", `c.yaml:2: YAML syntax: found character that cannot start any token`},
		{"timezone: *nope\n", `c.yaml: YAML syntax: unknown anchor 'nope' referenced`},
	}
	for _, tt := range tests {
		_, err := Parse("c.yaml", strings.NewReader(tt.in), getenvFrom(nil))
		if err == nil || err.Error() != tt.want {
			t.Errorf("Parse(%q) error = %v; want %s", tt.in, err, tt.want)
		}
	}
}

// TestRedact checks that no problem prints a token, whatever key it was put under.
func TestRedact(t *testing.T) {
	in := "teams:\n  - name: checkout\n    channel: xoxb-123456-abcdef\n    members: [U1234]\n"
	_, err := Parse("c.yaml", strings.NewReader(in), getenvFrom(nil))
	if err == nil {
		t.Fatal("Parse accepted a token as a channel")
	}
	if strings.Contains(err.Error(), "123456") {
		t.Errorf("problem shows the token: %v", err)
	}
	if want := `c.yaml:3: teams[0].channel: "xoxb-…" is not a channel ID`; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error = %v; want prefix %s", err, want)
	}
}

func TestLogSettings(t *testing.T) {
	tests := []struct {
		yaml, want string
	}{
		{"log:\n  format: json\n  level: debug\n", ""},
		{"log:\n  format: xml\n", `c.yaml:2: log.format: "xml" is not one of text, json`},
		{"log:\n  level: loud\n", `c.yaml:2: log.level: "loud" is not one of debug, info, warn, error`},
	}
	for _, tt := range tests {
		cfg, err := Parse("c.yaml", strings.NewReader(tt.yaml), func(string) string { return "" })
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("Parse(%q) error = %q; want %q", tt.yaml, got, tt.want)
		}
		if err == nil && (cfg.Log.Format != "json" || cfg.Log.Level != "debug") {
			t.Errorf("Parse(%q).Log = %+v", tt.yaml, cfg.Log)
		}
	}
	cfg, err := Parse("c.yaml", strings.NewReader("database: x.db\n"), func(string) string { return "" })
	if err != nil || cfg.Log != (Log{Format: DefaultLogFormat, Level: DefaultLogLevel}) {
		t.Errorf("defaults: %+v, %v", cfg.Log, err)
	}
}
