package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/unblock-dev/unblock/slackemu"
)

// runCheckConfig runs "unblock check-config ARGS" in-process with env as the
// environment and returns the exit code, stdout and stderr.
func runCheckConfig(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	e := &Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Getenv: func(k string) string { return env[k] }}
	code := Main(context.Background(), e, append([]string{"check-config"}, args...))
	return code, stdout.String(), stderr.String()
}

var goodTokens = map[string]string{"SLACK_APP_TOKEN": "xapp-1-A0-1-secret", "SLACK_BOT_TOKEN": "xoxb-1-2-secret"}

func TestCheckConfig_Example(t *testing.T) {
	code, stdout, stderr := runCheckConfig(t, goodTokens, "-offline", "../../config.example.yaml")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	for _, want := range []string{
		"../../config.example.yaml: valid\n",
		"slack: app token xapp-…, bot token xoxb-…, API https://slack.com/api/\n",
		"  checkout: channel C061CHECK01, 3 members and user group S0614CHK01, default role engineering\n",
		"  product: channel C061PROD001, members from user group S0614PRD1, default role product\n",
		"    3 questions, reminder after 1h30m, answers until 4h after the prompt, open from 18:00 the evening before\n",
		"roles: engineering, design, product, qa, data, security, legal, ops, leadership, customer, vendor (built-in); finance (added)\n",
		"  finance: new role; keywords finance, budget approval, procurement; title keywords controller, accountant; owner U02FIN0001\n",
		"  U02ENG0042  Tom    engineering (default of team checkout, unless a user group or profile title says otherwise)\n",
		"  U024BE7LH   Ana    design (set under people:)\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q; got:\n%s", want, stdout)
		}
	}
	// Next runs come from the real clock through Main.
	next := regexp.MustCompile(`standup "0 10 \* \* MON,WED,FRI" in Europe/Lisbon, next (Mon|Wed|Fri) \d{4}-\d\d-\d\d 10:00 WES?T\n`)
	if !next.MatchString(stdout) {
		t.Errorf("stdout lacks the design standup's next run; got:\n%s", stdout)
	}
	if strings.Contains(stdout, "secret") {
		t.Errorf("stdout shows a token:\n%s", stdout)
	}
	abs, _ := filepath.Abs("../../unblock.db")
	if !strings.Contains(stdout, "database: "+abs+"\n") {
		t.Errorf("stdout lacks database %s; got:\n%s", abs, stdout)
	}
}

// TestCheckConfig_NextRuns checks the next run of each schedule from a fixed
// time: Friday 2026-11-20 12:00 UTC.
func TestCheckConfig_NextRuns(t *testing.T) {
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	var stdout, stderr bytes.Buffer
	env := &Env{Stdout: &stdout, Stderr: &stderr, Getenv: func(k string) string { return goodTokens[k] }}
	c := &CheckConfigCommand{Now: func() time.Time { return now }}
	if err := c.Run(context.Background(), env, []string{"../../config.example.yaml"}); err != nil {
		t.Fatalf("Run: %v\n%s", err, stderr.String())
	}
	for _, want := range []string{
		// 13:00 in Berlin on a Friday: members there are next asked on Monday.
		`standup "30 9 * * MON-FRI" in each member's own time zone; a member in Europe/Berlin is next asked Mon 2026-11-23 09:30 CET`,
		// 12:00 in Lisbon on a Friday: past 10:00, so Monday.
		`standup "0 10 * * MON,WED,FRI" in Europe/Lisbon, next Mon 2026-11-23 10:00 WET`,
		// 07:00 in New York on a Friday: still today.
		`standup "45 9 * * MON-FRI" in America/New_York, next Fri 2026-11-20 09:45 EST`,
		`digest: "0 9 * * MON" in Europe/Berlin, next Mon 2026-11-23 09:00 CET, to channel C061LEADS01 and leads U02LEAD001, U02PROD001`,
	} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("stdout lacks %q; got:\n%s", want, stdout.String())
		}
	}
}

func TestCheckConfig_MissingTokens(t *testing.T) {
	code, stdout, stderr := runCheckConfig(t, nil, "../../config.example.yaml")
	if code != 2 {
		t.Errorf("exit %d; want 2", code)
	}
	want := "../../config.example.yaml:13: slack.app_token: missing: set SLACK_APP_TOKEN to the app-level token (xapp-…) from Basic Information > App-Level Tokens (with the connections:write scope)\n" +
		"../../config.example.yaml:16: slack.bot_token: missing: set SLACK_BOT_TOKEN to the bot token (xoxb-…) from OAuth & Permissions (Bot User OAuth Token)\n" +
		"unblock check-config: 2 problems in ../../config.example.yaml\n"
	if stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
	}
	// The file itself is fine, so its summary is still shown.
	if !strings.Contains(stdout, "slack: app token missing, bot token missing") {
		t.Errorf("stdout lacks the token summary; got:\n%s", stdout)
	}
}

// TestCheckConfig_Problems checks that every problem is printed, one a line,
// config problems and token problems together, and that nothing else is.
func TestCheckConfig_Problems(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	bad := `timezone: Europe/Berln
teams:
  - name: checkout
    channel: "#checkout"
    members: [U02ENG0042]
  - name: design
    channel: C061DESIGN1
    members: [U024BE7LH]
    schedule: "0 9 * MON"
`
	if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"SLACK_APP_TOKEN": "xoxb-1-2-secret", "SLACK_BOT_TOKEN": "xoxb-1-2-secret"}
	code, stdout, stderr := runCheckConfig(t, env, path)
	if code != 2 {
		t.Errorf("exit %d; want 2", code)
	}
	want := []string{
		path + `:1: timezone: "Europe/Berln" is not an IANA time zone (like Europe/Berlin, America/New_York or UTC)`,
		path + `:4: teams[0].channel: "#checkout" is not a channel ID: use the ID (C…, at the bottom of the channel's details), not the name`,
		path + `:9: teams[1].schedule: "0 9 * MON" is not a cron spec (5 fields: minute hour day-of-month month day-of-week)`,
		path + `:1: slack.app_token: does not look like an app-level token (from SLACK_APP_TOKEN): it should start with "xapp-" (got a token starting "xoxb-")`,
		"unblock check-config: 4 problems in " + path,
	}
	if got := strings.TrimSuffix(stderr, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("stderr:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	if stdout != "" {
		t.Errorf("stdout = %q; want nothing for an invalid config", stdout)
	}
	if strings.Contains(stderr, "secret") {
		t.Errorf("stderr shows a token:\n%s", stderr)
	}
}

func TestCheckConfig_Usage(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"NoFile", nil, 2, "unblock check-config: check-config takes one config FILE, e.g. 'unblock check-config config.example.yaml'\n"},
		{"TwoFiles", []string{"a.yaml", "b.yaml"}, 2, "unblock check-config: check-config takes one config FILE, e.g. 'unblock check-config config.example.yaml'\n"},
		{"Missing", []string{"testdata/no-such-config.yaml"}, 2, "unblock check-config: config: open testdata/no-such-config.yaml: no such file or directory\n"},
		{"BadFlag", []string{"-x", "a.yaml"}, 2, "unblock check-config: flag provided but not defined: -x (run 'unblock check-config -h')\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCheckConfig(t, nil, tt.args...)
			if code != tt.code || stderr != tt.stderr || stdout != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d, stderr %q", code, stdout, stderr, tt.code, tt.stderr)
			}
		})
	}
	code, stdout, _ := runCheckConfig(t, nil, "-h")
	if code != 0 || !strings.HasPrefix(stdout, "Usage: unblock check-config [-offline] FILE\n") {
		t.Errorf("-h: exit %d, stdout %q", code, stdout)
	}
}

// A config whose file is valid but whose tokens are missing never says "valid"
// above its list of problems: it says which part is valid and how many problems follow.
func TestCheckConfig_ValidFileMissingTokens(t *testing.T) {
	code, stdout, stderr := runCheckConfig(t, nil, "../../config.example.yaml")
	if code != 2 {
		t.Fatalf("exit %d, want 2", code)
	}
	first, _, _ := strings.Cut(stdout, "\n")
	if want := "../../config.example.yaml: the file is valid, but 2 token problems (below); tokens can be added later, when the Slack app exists"; first != want {
		t.Errorf("first line %q; want %q", first, want)
	}
	if got := strings.Count(stderr, "\n"); got != 3 || !strings.Contains(stderr, "2 problems in") {
		t.Errorf("stderr has %d lines, want the two problems and the count:\n%s", got, stderr)
	}
}

// With tokens, check-config asks Slack (here the emulator) whether it accepts them
// and whether the bot is in every channel it must post in, and says which to invite
// it to; -offline skips that.
func TestCheckConfig_AsksSlack(t *testing.T) {
	emu := slackemu.New(slackemu.Options{})
	if err := emu.Start(); err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	emu.AddUser(slackemu.User{ID: "U02LEAD001", Name: "lea", RealName: "Lea Park", Title: "VP Engineering"})
	emu.AddChannel("C061LEADS01", "leads", "U02LEAD001")
	emu.AddChannel("C061ENGSTND", "eng-standup", "U02LEAD001", slackemu.BotUserID)
	path := filepath.Join(t.TempDir(), "config.yaml")
	conf := "digest:\n  channel: C061LEADS01\nteams:\n  - name: platform\n    channel: C061ENGSTND\n    members: [U02LEAD001]\n"
	if err := os.WriteFile(path, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"SLACK_APP_TOKEN": emu.AppToken(), "SLACK_BOT_TOKEN": emu.BotToken(), "SLACK_API_URL": emu.APIURL()}

	code, stdout, stderr := runCheckConfig(t, env, path)
	if code != 2 || !strings.HasPrefix(stdout, path+": the file is valid, but Slack says 1 problem (below)\n") ||
		!strings.Contains(stderr, path+": slack: channel C061LEADS01 (#leads, for the weekly digest): the bot is not a member; invite it with /invite @unblock\n") ||
		strings.Contains(stderr, "C061ENGSTND") {
		t.Fatalf("exit %d\nstdout %q\nstderr %q", code, stdout[:min(len(stdout), 200)], stderr)
	}

	if code, stdout, _ := runCheckConfig(t, env, "-offline", path); code != 0 || !strings.HasPrefix(stdout, path+": valid\n") {
		t.Fatalf("-offline: exit %d, %q", code, stdout[:min(len(stdout), 200)])
	}

	emu.AddChannel("C061LEADS01", "leads", "U02LEAD001", slackemu.BotUserID)
	if code, stdout, stderr := runCheckConfig(t, env, path); code != 0 ||
		!strings.HasPrefix(stdout, path+": valid; Slack accepts both tokens and the bot is in every channel it posts in\n") {
		t.Fatalf("all well: exit %d, %q, %q", code, stdout[:min(len(stdout), 200)], stderr)
	}

	env["SLACK_BOT_TOKEN"] = "xoxb-wrong-secret"
	code, _, stderr = runCheckConfig(t, env, path)
	if code != 2 || !strings.Contains(stderr, "Slack refused the bot token") || strings.Contains(stderr, "secret") {
		t.Fatalf("a wrong bot token: exit %d, %q", code, stderr)
	}
}
