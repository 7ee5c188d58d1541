// Package config loads and validates unblock's YAML configuration. Every problem
// it finds names the file, the line and the key, and says what was expected.
package config

import (
	"path/filepath"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/parse"

	_ "time/tzdata" // time zones work in a minimal container without /usr/share/zoneinfo
)

// Defaults, applied to every key the config leaves out.
const (
	DefaultAppTokenVar     = "SLACK_APP_TOKEN"        // environment variable holding the app-level token
	DefaultBotTokenVar     = "SLACK_BOT_TOKEN"        // environment variable holding the bot token
	DefaultAPIURLVar       = "SLACK_API_URL"          // environment variable overriding the Web API URL
	DataDirVar             = "UNBLOCK_DATA_DIR"       // where a relative database path resolves, instead of beside the config (the Docker image sets /data)
	DefaultAPIURL          = "https://slack.com/api/" // Slack's Web API
	DefaultDatabase        = "unblock.db"             // SQLite file, beside the config file
	DefaultTimezone        = "UTC"                    // IANA zone for schedules and dates
	DefaultTeamSchedule    = "30 9 * * MON-FRI"       // standup prompt: 09:30 on weekdays
	DefaultReminderAfter   = 2 * time.Hour            // remind people who have not answered after this long
	DefaultAnswerWindow    = 4 * time.Hour            // answers count for the day's standup until this long after the prompt
	DefaultExpireAfter     = 3                        // a blocker not mentioned in this many reports expires
	DefaultExpireAfterDays = 7                        // a person's blockers expire after this many days with no report at all
	DefaultStaleAfter      = 7 * 24 * time.Hour       // an open blocker older than this is stale in the digest
	DefaultDigestSchedule  = "0 9 * * MON"            // weekly digest: Mondays at 09:00
	MemberTimezone         = "member"                 // a team's timezone meaning each member's Slack profile zone
	EveningBeforeHour      = 18                       // open_evening_before accepts answers from 18:00 the day before
)

// DefaultQuestions are the standup questions a team gets unless it lists its own.
var DefaultQuestions = []string{
	"What did you get done since the last standup?",
	"What are you working on today?",
	"Is anything blocking you? Who or what are you waiting on?",
}

// Config is a loaded and validated configuration. Its exported fields hold the
// values as written (with ${VAR} expanded and defaults filled in); the methods
// return parsed forms (schedules, locations, role rules) so no caller re-parses.
type Config struct {
	Slack           Slack    // how to reach Slack
	Database        string   // SQLite file (a relative path is beside the config file, see DatabasePath) or a PostgreSQL URL
	Timezone        string   // IANA zone for schedules, dates and holidays; default UTC
	Roles           []Role   // additions to the role vocabulary: built-in roles gain words, new roles are defined
	People          []Person // per-person overrides: role, team, and names the parser should know
	TeamConfigs     []Team   // the teams: section; Teams returns them as domain teams
	Lexicon         string   // a file of parser words in parse/lexicon.txt's format, beside the config unless absolute
	PassiveChannels []string // channel IDs read for standup posts; empty means every channel the bot is in
	Admins          []string // user IDs who may set up standups in the App Home, beside the workspace's admins and owners
	Blockers        Blockers // the blocker lifecycle
	Digest          Digest   // the weekly digest for leads
	Holidays        []string // YYYY-MM-DD dates with no standup prompts
	Privacy         Privacy  // what unblock keeps and shares
	Reader          Reader   // the optional LLM reader; off unless reader.url is set
	Log             Log      // how the bot logs
	Ops             Ops      // the operator's endpoints: health, readiness, metrics

	file     string         // the file name as given to Parse
	dataDir  string         // $UNBLOCK_DATA_DIR: where a relative database path resolves, "" for beside the config
	lines    map[string]int // key path -> line where it was written
	location *time.Location
	holidays map[string]bool
	vocab    *unblock.Vocabulary // the built-in role vocabulary extended by Roles, set by validation
	lexicon  string              // the text of the Lexicon file, read by validation
}

// Slack says how to reach Slack. The tokens are checked only by CheckTokens, so
// offline commands load a config without any.
type Slack struct {
	AppToken string // app-level token "xapp-…" for Socket Mode; default ${SLACK_APP_TOKEN}
	BotToken string // bot token "xoxb-…" for the Web API; default ${SLACK_BOT_TOKEN}
	APIURL   string // Web API base URL ending in "/"; default $SLACK_API_URL, else https://slack.com/api/

	appTokenVar string // the environment variable the app token came from, "" if written literally
	botTokenVar string // the environment variable the bot token came from, "" if written literally
	apiURLVar   string // the environment variable the API URL came from, "" if from the file
}

// Role adds to the role vocabulary. A built-in name gains words; a new name is a
// new role.
type Role struct {
	Name          unblock.Role // lower-case role name, e.g. "design" or "finance"
	Keywords      []string     // words the parser reads as this role ("the designers", "UX")
	TitleKeywords []string     // words in a Slack profile title that give a person this role
	UserGroups    []string     // user group IDs ("S…") whose members have this role
	Owner         string       // user ID ("U…") nudged about blockers waiting on this role, "" for none

	key string // where it was written: "roles[2]"
}

// Person overrides what unblock would otherwise work out about someone.
type Person struct {
	ID   string       // Slack user ID, "U…" or "W…"
	Name string       // a name the parser should read as this person ("Ana")
	Role unblock.Role // the person's role, over any user group, title or team default
	Team string       // the team the person belongs to, by name

	key string // where it was written: "people[2]"
}

// Team is a group of people who share a standup.
type Team struct {
	Name              string       // unique lower-case name, e.g. "checkout"
	Channel           string       // channel ID ("C…") where the summary and public reminders go
	DefaultRole       unblock.Role // role of members whose role resolves no other way
	Members           []string     // user IDs of the members
	UserGroup         string       // user group ID ("S…") whose members are also the team's
	Schedule          string       // cron spec (5 fields or a descriptor) for the standup prompt
	Timezone          string       // IANA zone for the schedule, or "member" for each member's own zone
	Questions         []string     // the standup questions, in order
	ReminderAfter     time.Duration
	AnswerWindow      time.Duration
	OpenEveningBefore bool // accept answers from 18:00 the evening before the prompt
	Summary           bool // post a summary to the channel on the first answer and update it in place as answers arrive
	PublicReminders   bool // remind late members in the channel rather than by DM

	key      string // where it was written: "teams[2]"
	schedule cron.Schedule
	location *time.Location
}

// Blockers tunes the blocker lifecycle.
type Blockers struct {
	ExpireAfter     int           // a blocker not mentioned in this many of the person's reports expires
	ExpireAfterDays int           // after this many days with no report at all, the person's open blockers expire
	StaleAfter      time.Duration // an open blocker older than this is listed as stale
}

// ExpireSilence is ExpireAfterDays as a duration.
func (b Blockers) ExpireSilence() time.Duration {
	return time.Duration(b.ExpireAfterDays) * 24 * time.Hour
}

// Digest configures the weekly digest. With neither a channel nor leads it is
// not sent, but `unblock digest` still prints it.
type Digest struct {
	Schedule string   // cron spec for sending the digest
	Timezone string   // IANA zone for the schedule; default the global timezone
	Channel  string   // channel ID ("C…") to post the digest in, "" for none
	Leads    []string // user IDs ("U…") who get the digest by DM

	schedule cron.Schedule
	location *time.Location
}

// Ops configures the operator's HTTP endpoints (/healthz, /readyz, /metrics).
type Ops struct {
	Listen string // host:port; "" turns them off; a bare ":9090" listens on loopback only
}

// Log says how unblock logs: the format of each line and the least level shown.
type Log struct {
	Format string // "text" (key=value) or "json" (one object a line)
	Level  string // "debug", "info", "warn" or "error"
}

// Log formats and levels, and their defaults.
const (
	DefaultLogFormat = "text"
	DefaultLogLevel  = "info"
)

// LogFormats and LogLevels are the values log.format and log.level accept.
var (
	LogFormats = []string{"text", "json"}
	LogLevels  = []string{"debug", "info", "warn", "error"}
)

// TextKeep is how long what people wrote is kept (privacy.text_days); 0 keeps it.
func (p Privacy) TextKeep() time.Duration { return time.Duration(p.TextDays) * 24 * time.Hour }

// Privacy says what unblock keeps and shares.
type Privacy struct {
	StoreText           bool // keep the text of standup answers; false keeps only what was parsed
	ShareTopicsInDigest bool // show blocker topics ("checkout mocks") in the digest; false shows counts only
	TextDays            int  // drop what people wrote after this many days, keeping what was read from it; 0 keeps it
}

// defaults returns a Config with every default in place. getenv supplies the
// token and API URL defaults.
func defaults(getenv func(string) string) *Config {
	return &Config{
		Slack: Slack{
			AppToken:    getenv(DefaultAppTokenVar),
			BotToken:    getenv(DefaultBotTokenVar),
			appTokenVar: DefaultAppTokenVar,
			botTokenVar: DefaultBotTokenVar,
		},
		Database: DefaultDatabase,
		Timezone: DefaultTimezone,
		Blockers: Blockers{ExpireAfter: DefaultExpireAfter, ExpireAfterDays: DefaultExpireAfterDays, StaleAfter: DefaultStaleAfter},
		Digest:   Digest{Schedule: DefaultDigestSchedule},
		Privacy:  Privacy{StoreText: true, ShareTopicsInDigest: true},
		Reader:   defaultReader(),
		Log:      Log{Format: DefaultLogFormat, Level: DefaultLogLevel},
		lines:    map[string]int{},
	}
}

// defaultTeam returns a team with every default in place but the time zone,
// which comes from the global one during validation.
func defaultTeam() Team {
	return Team{
		Schedule:      DefaultTeamSchedule,
		Questions:     append([]string(nil), DefaultQuestions...),
		ReminderAfter: DefaultReminderAfter,
		AnswerWindow:  DefaultAnswerWindow,
		Summary:       true,
	}
}

// Default returns the configuration of an empty config file, ignoring the
// environment: no tokens, no teams, Slack's own API URL.
func Default() *Config {
	c, err := Parse("", strings.NewReader(""), func(string) string { return "" })
	if err != nil {
		panic("config: the defaults do not validate: " + err.Error())
	}
	return c
}

// File returns the name of the file the config was read from.
func (c *Config) File() string { return c.file }

// DatabasePath returns the database path, a relative one resolved under
// $UNBLOCK_DATA_DIR when it is set (the Docker image's volume), else beside the
// config file. SQLite's ":memory:" and "file:" URIs and PostgreSQL URLs are
// returned as they are.
func (c *Config) DatabasePath() string {
	db := c.Database
	switch {
	case db == ":memory:" || strings.HasPrefix(db, "file:") || filepath.IsAbs(db) || unblock.IsPostgresURL(db):
		return db
	case c.dataDir != "":
		return filepath.Join(c.dataDir, db)
	case c.file == "":
		return db
	}
	return filepath.Join(filepath.Dir(c.file), db)
}

// LexiconPath returns the parser lexicon file's path (beside the config unless
// absolute), or "" when the config names none.
func (c *Config) LexiconPath() string {
	if c.Lexicon == "" || filepath.IsAbs(c.Lexicon) || c.file == "" {
		return c.Lexicon
	}
	return filepath.Join(filepath.Dir(c.file), c.Lexicon)
}

// TeachParser adds the config's words to a parser lexicon: the roles and their
// keywords, people's names, team names and user groups, and the entries of the
// lexicon file.
func (c *Config) TeachParser(lex *parse.Lexicon) {
	for _, r := range c.Roles {
		lex.AddRoleWords(r.Name, append([]string{string(r.Name)}, r.Keywords...)...)
	}
	for _, p := range c.People {
		if p.Name != "" {
			lex.AddPerson(p.Name, p.ID)
		}
	}
	// A team is named with "team" ("the checkout team"), or a short name in
	// capitals ("CS"): bare team names in lower case are often everyday words
	// ("checkout", "design") that must keep their usual meaning (AddTeamName).
	for _, t := range c.Teams() {
		lex.AddTeamName(t.Name, t.DefaultRole)
		if t.Channel != "" {
			// "blocked on <#C0CHECKOUT>": the team whose channel it is.
			lex.AddTeamChannel(t.Channel, t.Name+" team", t.DefaultRole)
		}
	}
	for _, r := range c.Roles {
		for _, g := range r.UserGroups {
			lex.AddUserGroup(g, "", r.Name)
		}
	}
	if c.lexicon != "" {
		// Validation loaded this text into a lexicon already: it has no problem left.
		_ = lex.Load(c.LexiconPath(), c.lexicon)
	}
}

// Location returns the global time zone.
func (c *Config) Location() *time.Location { return c.location }

// IsHoliday reports whether t falls on a configured holiday, by its date in the
// global time zone.
func (c *Config) IsHoliday(t time.Time) bool {
	return c.holidays[t.In(c.location).Format(time.DateOnly)]
}

// Team returns the team named name, or nil.
func (c *Config) Team(name string) *Team {
	for i := range c.TeamConfigs {
		if c.TeamConfigs[i].Name == name {
			return &c.TeamConfigs[i]
		}
	}
	return nil
}

// Teams returns the teams as domain teams.
func (c *Config) Teams() []unblock.Team {
	out := make([]unblock.Team, len(c.TeamConfigs))
	for i, t := range c.TeamConfigs {
		out[i] = unblock.Team{
			Name:        t.Name,
			Channel:     t.Channel,
			DefaultRole: t.DefaultRole,
			Members:     append([]string(nil), t.Members...),
			UserGroup:   t.UserGroup,
		}
	}
	return out
}

// TeamOf returns the team of the user with ID id: the team given under people:,
// else the first team listing the user as a member, else "".
func (c *Config) TeamOf(id string) string {
	for _, p := range c.People {
		if p.ID == id && p.Team != "" {
			return p.Team
		}
	}
	for _, t := range c.TeamConfigs {
		for _, m := range t.Members {
			if m == id {
				return t.Name
			}
		}
	}
	return ""
}

// Vocabulary returns the role vocabulary: the built-in one (roles.txt) with the
// roles, keywords and title keywords the config adds.
func (c *Config) Vocabulary() *unblock.Vocabulary {
	if c.vocab == nil {
		return unblock.DefaultVocabulary()
	}
	return c.vocab
}

// RoleNames returns the role vocabulary's roles: the built-in roles, then the
// roles the config defines, in the order written.
func (c *Config) RoleNames() []unblock.Role {
	return c.Vocabulary().Roles()
}

// RoleKeywords returns the parser words the config adds, by role.
func (c *Config) RoleKeywords() map[unblock.Role][]string {
	out := map[unblock.Role][]string{}
	for _, r := range c.Roles {
		out[r.Name] = append(out[r.Name], r.Keywords...)
	}
	return out
}

// RoleOwners returns who to nudge about blockers waiting on a role: role -> user ID.
func (c *Config) RoleOwners() map[unblock.Role]string {
	out := map[unblock.Role]string{}
	for _, r := range c.Roles {
		if r.Owner != "" {
			out[r.Name] = r.Owner
		}
	}
	return out
}

// RoleRules returns the rules that resolve a person's role: people overrides,
// mapped user groups, title keywords (the config's, tried first, then the built-in ones
// plus the config's) and team default roles.
func (c *Config) RoleRules() unblock.RoleRules {
	rules := unblock.RoleRules{
		People:              map[string]unblock.Role{},
		UserGroups:          map[string]unblock.Role{},
		ConfigTitleKeywords: map[unblock.Role][]string{},
		TitleKeywords:       map[unblock.Role][]string{},
		TeamDefaults:        map[string]unblock.Role{},
	}
	for _, p := range c.People {
		if p.Role != unblock.RoleUnknown {
			rules.People[p.ID] = p.Role
		}
	}
	rules.TitleKeywords = c.Vocabulary().TitleKeywords()
	for _, r := range c.Roles {
		for _, g := range r.UserGroups {
			rules.UserGroups[g] = r.Name
		}
		if len(r.TitleKeywords) > 0 {
			rules.ConfigTitleKeywords[r.Name] = append(rules.ConfigTitleKeywords[r.Name], r.TitleKeywords...)
		}
	}
	for _, t := range c.TeamConfigs {
		if t.DefaultRole != unblock.RoleUnknown {
			rules.TeamDefaults[t.Name] = t.DefaultRole
		}
	}
	return rules
}

// Cron returns the parsed standup schedule.
func (t *Team) Cron() cron.Schedule { return t.schedule }

// PerMemberZone reports whether the schedule runs in each member's own time zone.
func (t *Team) PerMemberZone() bool { return t.Timezone == MemberTimezone }

// Location returns the zone the schedule runs in. For a team whose timezone is
// "member" it is the global zone, the fallback for members whose profile has none.
func (t *Team) Location() *time.Location { return t.location }

// Cron returns the parsed digest schedule.
func (d *Digest) Cron() cron.Schedule { return d.schedule }

// Location returns the zone the digest schedule runs in.
func (d *Digest) Location() *time.Location { return d.location }

// Sent reports whether the digest goes anywhere: a channel or at least one lead.
func (d *Digest) Sent() bool { return d.Channel != "" || len(d.Leads) > 0 }
