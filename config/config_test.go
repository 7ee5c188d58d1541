package config

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
)

// TestExample is the golden test: config.example.yaml loads as it is, with no
// SLACK_* variables set, and means what its comments say.
func TestExample(t *testing.T) {
	f, err := os.Open("../config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c, err := Parse("../config.example.yaml", f, getenvFrom(nil))
	if err != nil {
		t.Fatalf("config.example.yaml has problems:\n%v", err)
	}

	if got, want := c.DatabasePath(), filepath.Join("..", "unblock.db"); got != want {
		t.Errorf("DatabasePath() = %q; want %q", got, want)
	}
	if got, want := c.Slack.APIURL, DefaultAPIURL; got != want {
		t.Errorf("Slack.APIURL = %q; want %q", got, want)
	}
	if got, want := c.Location().String(), "Europe/Berlin"; got != want {
		t.Errorf("Location() = %q; want %q", got, want)
	}
	var names []string
	for _, tm := range c.Teams() {
		names = append(names, tm.Name)
	}
	if got, want := names, []string{"checkout", "design", "product"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Teams() names = %v; want %v", got, want)
	}

	checkout := c.Team("checkout")
	if !checkout.PerMemberZone() || checkout.Location().String() != "Europe/Berlin" {
		t.Errorf("checkout: PerMemberZone() = %v, Location() = %v; want true, Europe/Berlin", checkout.PerMemberZone(), checkout.Location())
	}
	// Monday 2026-11-16 09:00 in Berlin: the next checkout standup is at 09:30.
	berlin := c.Location()
	from := time.Date(2026, 11, 16, 9, 0, 0, 0, berlin)
	if got, want := checkout.Cron().Next(from), time.Date(2026, 11, 16, 9, 30, 0, 0, berlin); !got.Equal(want) {
		t.Errorf("checkout next = %v; want %v", got, want)
	}
	product := c.Team("product")
	ny := product.Location()
	if got, want := ny.String(), "America/New_York"; got != want {
		t.Errorf("product Location() = %q; want %q", got, want)
	}
	if got, want := product.Cron().Next(time.Date(2026, 11, 20, 10, 0, 0, 0, ny)), time.Date(2026, 11, 23, 9, 45, 0, 0, ny); !got.Equal(want) {
		t.Errorf("product next after Friday 10:00 = %v; want Monday 09:45 %v", got, want)
	}
	if product.ReminderAfter != 90*time.Minute || product.AnswerWindow != DefaultAnswerWindow || !product.OpenEveningBefore || !product.Summary {
		t.Errorf("product = %+v; want reminder 90m, default window, open evening before, summary", product)
	}
	design := c.Team("design")
	if got, want := design.Questions, DefaultQuestions; !reflect.DeepEqual(got, want) {
		t.Errorf("design questions = %q; want the defaults", got)
	}
	if got, want := c.Digest.Cron().Next(time.Date(2026, 11, 17, 0, 0, 0, 0, berlin)), time.Date(2026, 11, 23, 9, 0, 0, 0, berlin); !got.Equal(want) {
		t.Errorf("digest next = %v; want %v", got, want)
	}
	if !c.Digest.Sent() {
		t.Error("Digest.Sent() = false; want true")
	}
	if !c.IsHoliday(time.Date(2026, 12, 25, 8, 0, 0, 0, berlin)) || c.IsHoliday(time.Date(2026, 12, 23, 8, 0, 0, 0, berlin)) {
		t.Error("IsHoliday: want Dec 25 a holiday and Dec 23 not")
	}
	if got, want := c.Blockers, (Blockers{ExpireAfter: 3, ExpireAfterDays: 7, StaleAfter: 7 * 24 * time.Hour}); got != want {
		t.Errorf("Blockers = %+v; want %+v", got, want)
	}
	if got, want := c.RoleNames(), append(slices.Clone(unblock.BuiltinRoles), "finance"); !reflect.DeepEqual(got, want) {
		t.Errorf("RoleNames() = %v; want %v", got, want)
	}

	// Without SLACK_* variables, check-config's token check names both.
	want := []string{
		`../config.example.yaml:13: slack.app_token: missing: set SLACK_APP_TOKEN to the app-level token (xapp-…) from Basic Information > App-Level Tokens (with the connections:write scope)`,
		`../config.example.yaml:16: slack.bot_token: missing: set SLACK_BOT_TOKEN to the bot token (xoxb-…) from OAuth & Permissions (Bot User OAuth Token)`,
	}
	if got := problemStrings(c.CheckTokens()); !reflect.DeepEqual(got, want) {
		t.Errorf("CheckTokens() =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func problemStrings(ps []Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.String())
	}
	return out
}

func TestDefault(t *testing.T) {
	c := Default()
	if c.Database != DefaultDatabase || c.DatabasePath() != DefaultDatabase {
		t.Errorf("Database = %q, DatabasePath() = %q; want %q", c.Database, c.DatabasePath(), DefaultDatabase)
	}
	if c.Location() != time.UTC {
		t.Errorf("Location() = %v; want UTC", c.Location())
	}
	if c.Slack.APIURL != DefaultAPIURL || c.Slack.AppToken != "" || c.Slack.BotToken != "" {
		t.Errorf("Slack = %+v; want no tokens and %s", c.Slack, DefaultAPIURL)
	}
	if c.Digest.Schedule != DefaultDigestSchedule || c.Digest.Cron() == nil || c.Digest.Location() != time.UTC || c.Digest.Sent() {
		t.Errorf("Digest = %+v; want the default schedule in UTC, sent nowhere", c.Digest)
	}
	if !c.Privacy.StoreText || !c.Privacy.ShareTopicsInDigest {
		t.Errorf("Privacy = %+v; want both true", c.Privacy)
	}
	if c.Blockers.ExpireAfter != DefaultExpireAfter || c.Blockers.StaleAfter != DefaultStaleAfter {
		t.Errorf("Blockers = %+v", c.Blockers)
	}
	if len(c.TeamConfigs) != 0 || len(c.CheckTokens()) != 2 {
		t.Errorf("want no teams and two token problems, got %d teams, %v", len(c.TeamConfigs), c.CheckTokens())
	}
}

// TestTeamDefaults checks what a team that gives only its name, channel and
// members gets.
func TestTeamDefaults(t *testing.T) {
	in := "timezone: Asia/Tokyo\nteams:\n  - name: checkout\n    channel: C061CHECK01\n    members: [U02ENG0042]\n"
	c, err := Parse("c.yaml", strings.NewReader(in), getenvFrom(nil))
	if err != nil {
		t.Fatal(err)
	}
	tm := c.Team("checkout")
	want := Team{
		Name: "checkout", Channel: "C061CHECK01", Members: []string{"U02ENG0042"},
		Schedule: DefaultTeamSchedule, Timezone: "Asia/Tokyo", Questions: DefaultQuestions,
		ReminderAfter: 2 * time.Hour, AnswerWindow: 4 * time.Hour, Summary: true,
	}
	got := *tm
	got.key, got.schedule, got.location = "", nil, nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("team = %+v\nwant %+v", got, want)
	}
	if tm.Location().String() != "Asia/Tokyo" || tm.PerMemberZone() {
		t.Errorf("Location() = %v, PerMemberZone() = %v; want Asia/Tokyo, false", tm.Location(), tm.PerMemberZone())
	}
	// Saturday: the next standup is on Monday at 09:30 Tokyo time.
	tokyo := tm.Location()
	if got, want := tm.Cron().Next(time.Date(2026, 11, 21, 12, 0, 0, 0, tokyo)), time.Date(2026, 11, 23, 9, 30, 0, 0, tokyo); !got.Equal(want) {
		t.Errorf("Next = %v; want %v", got, want)
	}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		name   string
		config string
		env    map[string]string
		want   []string
	}{
		{"OK", "", map[string]string{"SLACK_APP_TOKEN": "xapp-1-A0-1-abc", "SLACK_BOT_TOKEN": "xoxb-1-2-abc"}, nil},
		{"Missing", "", nil, []string{
			`c.yaml:1: slack.app_token: missing: set SLACK_APP_TOKEN to the app-level token (xapp-…) from Basic Information > App-Level Tokens (with the connections:write scope)`,
			`c.yaml:1: slack.bot_token: missing: set SLACK_BOT_TOKEN to the bot token (xoxb-…) from OAuth & Permissions (Bot User OAuth Token)`,
		}},
		{"Swapped", "", map[string]string{"SLACK_APP_TOKEN": "xoxb-1-2-secret", "SLACK_BOT_TOKEN": "xapp-1-A0-secret"}, []string{
			`c.yaml:1: slack.app_token: does not look like an app-level token (from SLACK_APP_TOKEN): it should start with "xapp-" (got a token starting "xoxb-")`,
			`c.yaml:1: slack.bot_token: does not look like a bot token (from SLACK_BOT_TOKEN): it should start with "xoxb-" (got a token starting "xapp-")`,
		}},
		{"UserToken", "slack:\n  bot_token: ${MY_BOT}\n  app_token: xapp-1-A0-1-abc\n", map[string]string{"MY_BOT": "xoxp-1-2-secret"}, []string{
			`c.yaml:2: slack.bot_token: does not look like a bot token (from MY_BOT): it should start with "xoxb-" (got a token starting "xoxp-")`,
		}},
		{"MissingCustomVar", "slack:\n  bot_token: ${MY_BOT}\n  app_token: xapp-1-A0-1-abc\n", nil, []string{
			`c.yaml:2: slack.bot_token: missing: set MY_BOT to the bot token (xoxb-…) from OAuth & Permissions (Bot User OAuth Token)`,
		}},
		{"LiteralEmpty", "slack:\n  app_token: \"\"\n  bot_token: xoxb-1-2-abc\n", nil, []string{
			`c.yaml:2: slack.app_token: missing: give the app-level token (xapp-…) from Basic Information > App-Level Tokens (with the connections:write scope)`,
		}},
		{"NotAToken", "slack:\n  app_token: hunter2-password\n  bot_token: xoxb-\n", nil, []string{
			`c.yaml:2: slack.app_token: does not look like an app-level token: it should start with "xapp-" (got something that is not a Slack token)`,
			`c.yaml:3: slack.bot_token: is only "xoxb-": copy all of the bot token from OAuth & Permissions (Bot User OAuth Token)`,
		}},
		{"Whitespace", "", map[string]string{"SLACK_APP_TOKEN": "xapp-1-A0 1-abc", "SLACK_BOT_TOKEN": "xoxb-1-2-abc"}, []string{
			`c.yaml:1: slack.app_token: contains spaces or line breaks (from SLACK_APP_TOKEN): copy the app-level token again`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse("c.yaml", strings.NewReader(tt.config), getenvFrom(tt.env))
			if err != nil {
				t.Fatal(err)
			}
			got := problemStrings(c.CheckTokens())
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("CheckTokens() =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			for _, p := range got {
				if strings.Contains(p, "secret") || strings.Contains(p, "hunter2") || strings.Contains(p, "abc") {
					t.Errorf("problem shows the token: %s", p)
				}
			}
		})
	}
}

func TestAPIURL(t *testing.T) {
	tests := []struct {
		config string
		env    map[string]string
		want   string
	}{
		{"", nil, "https://slack.com/api/"},
		{"", map[string]string{"SLACK_API_URL": "http://127.0.0.1:4390/api"}, "http://127.0.0.1:4390/api/"},
		{"slack:\n  api_url: https://slack-gov.com/api/\n", map[string]string{"SLACK_API_URL": "http://127.0.0.1:1/"}, "https://slack-gov.com/api/"},
		{"slack:\n  api_url: ${EMU}\n", map[string]string{"EMU": "http://localhost:9/api"}, "http://localhost:9/api/"},
		{"slack:\n  api_url: \"\"\n", nil, "https://slack.com/api/"},
	}
	for _, tt := range tests {
		c, err := Parse("c.yaml", strings.NewReader(tt.config), getenvFrom(tt.env))
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.config, err)
		}
		if c.Slack.APIURL != tt.want {
			t.Errorf("Parse(%q) with %v: APIURL = %q; want %q", tt.config, tt.env, c.Slack.APIURL, tt.want)
		}
	}
	_, err := Parse("c.yaml", strings.NewReader(""), getenvFrom(map[string]string{"SLACK_API_URL": "ftp://x"}))
	if want := `c.yaml:1: slack.api_url: "ftp://x" (from SLACK_API_URL) is not an http(s) URL (like https://slack.com/api/)`; err == nil || err.Error() != want {
		t.Errorf("bad SLACK_API_URL: err = %v; want %s", err, want)
	}
}

func TestDatabasePath(t *testing.T) {
	abs := filepath.Join(t.TempDir(), "x.db")
	tests := []struct {
		file, database, want string
	}{
		{"/etc/unblock/config.yaml", "", "/etc/unblock/unblock.db"},
		{"/etc/unblock/config.yaml", "data/u.db", "/etc/unblock/data/u.db"},
		{"config.yaml", "u.db", "u.db"},
		{"conf/config.yaml", abs, abs},
		{"conf/config.yaml", ":memory:", ":memory:"},
		{"conf/config.yaml", "postgres://unblock@db:5432/unblock", "postgres://unblock@db:5432/unblock"},
		{"conf/config.yaml", "postgresql://db/unblock?sslmode=disable", "postgresql://db/unblock?sslmode=disable"},
	}
	for _, tt := range tests {
		in := ""
		if tt.database != "" {
			in = fmt.Sprintf("database: %q\n", tt.database)
		}
		c, err := Parse(tt.file, strings.NewReader(in), getenvFrom(nil))
		if err != nil {
			t.Fatal(err)
		}
		if got := c.DatabasePath(); got != tt.want {
			t.Errorf("file %s, database %q: DatabasePath() = %q; want %q", tt.file, tt.database, got, tt.want)
		}
	}
}

func TestExpand(t *testing.T) {
	env := map[string]string{"A": "alpha", "B_2": "beta"}
	tests := []struct {
		in, want, err string
	}{
		{"plain", "plain", ""},
		{"${A}", "alpha", ""},
		{"x-${A}-${B_2}-${UNSET}-y", "x-alpha-beta--y", ""},
		{"$A stays", "$A stays", ""},
		{"${A", "", `"${A" has a ${ that is not a variable reference like ${SLACK_BOT_TOKEN}`},
		{"${1X}", "", `"${1X}" has a ${ that is not a variable reference like ${SLACK_BOT_TOKEN}`},
	}
	for _, tt := range tests {
		got, err := expand(tt.in, getenvFrom(env))
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("expand(%q) error = %v; want %s", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("expand(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"90m", 90 * time.Minute, true},
		{"2h30m", 150 * time.Minute, true},
		{"7d", 7 * 24 * time.Hour, true},
		{"1d12h", 36 * time.Hour, true},
		{"0d", 0, true},
		{"7days", 0, false},
		{"1d-2h", 0, false},
		{"d", 0, false},
		{"", 0, false},
		{"99999999999999999999d", 0, false},
	}
	for _, tt := range tests {
		got, err := parseDuration(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parseDuration(%q) = %v, %v; want %v, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestRoleRules(t *testing.T) {
	c, err := parseFile(t, "rolerules.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	rules := c.RoleRules()
	tests := []struct {
		p          unblock.Person
		groups     []string
		wantRole   unblock.Role
		wantSource unblock.RoleSource
	}{
		{unblock.Person{ID: "U024BE7LH", Title: "Staff Engineer", Team: "checkout"}, nil, "design", unblock.RoleFromConfig},
		{unblock.Person{ID: "U02ENG0042", Team: "checkout"}, []string{"S0614FIN01"}, "finance", unblock.RoleFromUserGroup},
		{unblock.Person{ID: "U02ENG0043", Title: "Senior Accountant"}, nil, "finance", unblock.RoleFromTitle},
		{unblock.Person{ID: "U02ENG0044", Title: "Visual Designer"}, nil, "design", unblock.RoleFromTitle},
		{unblock.Person{ID: "U02ENG0045", Title: "Product Designer"}, nil, "design", unblock.RoleFromTitle},
		{unblock.Person{ID: "U02ENG0046", Team: "checkout"}, nil, "engineering", unblock.RoleFromTeam},
		{unblock.Person{ID: "U02ENG0047", Team: "nowhere"}, nil, unblock.RoleUnknown, unblock.RoleFromNothing},
		// The config's title keywords come before the built-in ones, longer or not.
		{unblock.Person{ID: "U02CS0001", Title: "Customer Success Specialist"}, nil, "success", unblock.RoleFromTitle},
		{unblock.Person{ID: "U02FL0001", Title: "Fleet & Depot Operations Manager"}, nil, "fleet", unblock.RoleFromTitle},
		{unblock.Person{ID: "U02OPS001", Title: "Operations Manager"}, nil, unblock.RoleOps, unblock.RoleFromTitle},
	}
	for _, tt := range tests {
		role, source, _ := rules.Resolve(tt.p, tt.groups)
		if role != tt.wantRole || source != tt.wantSource {
			t.Errorf("Resolve(%+v, %v) = %s, %s; want %s, %s", tt.p, tt.groups, role, source, tt.wantRole, tt.wantSource)
		}
	}
	// The config's words are added without touching the package defaults.
	if slices.Contains(unblock.DefaultTitleKeywords[unblock.RoleDesign], "visual designer") {
		t.Error("RoleRules changed unblock.DefaultTitleKeywords")
	}
	if got, want := c.RoleKeywords()["finance"], []string{"budget approval", "procurement"}; !reflect.DeepEqual(got, want) {
		t.Errorf("RoleKeywords()[finance] = %v; want %v", got, want)
	}
	if got, want := c.RoleOwners(), map[unblock.Role]string{"finance": "U02FIN0001"}; !reflect.DeepEqual(got, want) {
		t.Errorf("RoleOwners() = %v; want %v", got, want)
	}
	if got, want := c.TeamOf("U02ENG0042"), "checkout"; got != want {
		t.Errorf("TeamOf(U02ENG0042) = %q; want %q", got, want)
	}
	if got, want := c.TeamOf("U024BE7LH"), "checkout"; got != want {
		t.Errorf("TeamOf(U024BE7LH) = %q; want %q (from people:)", got, want)
	}
}

// TestMergeKeys checks that YAML anchors and merge keys share settings between
// teams, keys written in a team winning over merged ones.
func TestMergeKeys(t *testing.T) {
	c, err := parseFile(t, "merge.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	a, b := c.Team("checkout"), c.Team("payments")
	if a.Schedule != "0 10 * * MON-FRI" || a.AnswerWindow != 6*time.Hour || a.Channel != "C061CHECK01" {
		t.Errorf("checkout = %+v; want the shared schedule and window", a)
	}
	if b.Schedule != "0 8 * * MON-FRI" || b.AnswerWindow != 6*time.Hour || b.Channel != "C061PAY0001" {
		t.Errorf("payments = %+v; want its own schedule and the shared window", b)
	}
}

// TestMergeBomb checks that merge keys nesting many aliases to the same
// mappings are expanded once each, not exponentially.
func TestMergeBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("teams:\n  - &a0\n    name: a\n    channel: C061CHECK01\n    members: [U02ENG0042]\n")
	for i := 1; i <= 12; i++ {
		fmt.Fprintf(&b, "  - &a%d\n    <<: [", i)
		for j := 0; j < 12; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*a%d", i-1)
		}
		fmt.Fprintf(&b, "]\n    name: t%d\n", i)
	}
	// Expanded exponentially this is 12^12 mappings: the test would not end
	// (its timeout fails it), so no clock is read here.
	c, err := Parse("c.yaml", strings.NewReader(b.String()), getenvFrom(nil))
	if err != nil {
		t.Fatal(err)
	}
	if got := len(c.TeamConfigs); got != 13 {
		t.Errorf("teams = %d; want 13", got)
	}
	if c.Team("t12").Channel != "C061CHECK01" {
		t.Errorf("t12 = %+v; want the channel merged from a", c.Team("t12"))
	}
}

func TestFormatDuration(t *testing.T) {
	tests := []struct {
		in   time.Duration
		want string
	}{
		{7 * 24 * time.Hour, "7d"},
		{2 * time.Hour, "2h"},
		{90 * time.Minute, "1h30m"},
		{90 * time.Second, "1m30s"},
		{36 * time.Hour, "36h"},
		{0, "0s"},
		{-time.Hour, "-1h"},
	}
	for _, tt := range tests {
		if got := FormatDuration(tt.in); got != tt.want {
			t.Errorf("FormatDuration(%v) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// A relative database path resolves beside the config, or under $UNBLOCK_DATA_DIR
// when it is set (the Docker image's volume); absolute paths and URIs stay.
func TestDatabasePath_DataDir(t *testing.T) {
	tests := []struct {
		db, dataDir, want string
	}{
		{"unblock.db", "", "/etc/unblock/unblock.db"},
		{"unblock.db", "/data", "/data/unblock.db"},
		{"team/x.db", "/data", "/data/team/x.db"},
		{"/var/lib/unblock.db", "/data", "/var/lib/unblock.db"},
		{":memory:", "/data", ":memory:"},
	}
	for _, tt := range tests {
		env := map[string]string{"UNBLOCK_DATA_DIR": tt.dataDir}
		cfg, err := Parse("/etc/unblock/config.yaml", strings.NewReader("database: \""+tt.db+"\"\n"), func(k string) string { return env[k] })
		if err != nil {
			t.Fatal(err)
		}
		if got := cfg.DatabasePath(); got != tt.want {
			t.Errorf("database %q, UNBLOCK_DATA_DIR=%q: DatabasePath() = %q; want %q", tt.db, tt.dataDir, got, tt.want)
		}
	}
}
