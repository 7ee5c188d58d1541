package config

import (
	"fmt"
	"net"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/parse"
)

// cronParser reads standard 5-field specs and descriptors such as @daily.
var cronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

const cronFields = "5 fields: minute hour day-of-month month day-of-week"

var (
	userID      = regexp.MustCompile(`^[UW][A-Z0-9]{2,}$`)
	channelID   = regexp.MustCompile(`^[CGD][A-Z0-9]{2,}$`)
	userGroupID = regexp.MustCompile(`^S[A-Z0-9]{2,}$`)
	roleName    = regexp.MustCompile(`^[a-z][a-z0-9_-]*$`)
	teamName    = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)
)

// validator checks a decoded Config and fills in its parsed values.
type validator struct {
	c     *Config
	probs Problems
	roles map[unblock.Role]bool // the role vocabulary: built-in and defined
	vocab *unblock.Vocabulary   // the built-in vocabulary extended with the config's roles and words
}

// addf records a problem at key, on the line where key (or its nearest parent)
// was written.
func (v *validator) addf(key, format string, args ...any) {
	v.probs = append(v.probs, Problem{File: v.c.file, Line: v.c.line(key), Key: key, Msg: redact(fmt.Sprintf(format, args...))})
}

// line returns the line where key was written, else the line of its nearest
// written parent (the section it belongs in), else 1: a top-level key the file
// lacks belongs in the document, whose first line every problem can point at,
// so each reads "file:line: key: message". A config read from no file has no
// lines to point at: 0.
func (c *Config) line(key string) int {
	for key != "" {
		if l, ok := c.lines[key]; ok {
			return l
		}
		i := strings.LastIndexAny(key, ".[")
		if i < 0 {
			break
		}
		key = key[:i]
	}
	if c.file == "" {
		return 0
	}
	return 1
}

func (c *Config) validate() Problems {
	v := &validator{c: c, roles: map[unblock.Role]bool{}, vocab: unblock.DefaultVocabulary()}
	c.vocab = v.vocab
	for _, r := range unblock.BuiltinRoles {
		v.roles[r] = true
	}
	v.slack()
	if c.Database == "" {
		c.Database = DefaultDatabase
	}
	if unblock.IsPostgresKeywords(c.Database) {
		v.addf("database", "a PostgreSQL connection string in keyword/value form; give it as a URL, postgres://USER:PASSWORD@HOST:PORT/DBNAME")
	}
	if c.Timezone == "" {
		c.Timezone = DefaultTimezone
	}
	c.location = v.zone("timezone", c.Timezone)
	if c.location == nil {
		c.location = time.UTC
	}
	v.definedRoles()
	v.people()
	v.teams()
	for i, ch := range c.PassiveChannels {
		v.channel(fmt.Sprintf("passive_channels[%d]", i), ch)
	}
	for i, id := range c.Admins {
		v.user(fmt.Sprintf("admins[%d]", i), id)
	}
	if c.Blockers.ExpireAfter < 1 {
		v.addf("blockers.expire_after", "must be 1 or more (reports without a mention before a blocker expires), got %d", c.Blockers.ExpireAfter)
	}
	if c.Blockers.ExpireAfterDays < 1 {
		v.addf("blockers.expire_after_days", "must be 1 or more (days with no report at all before a person's blockers expire), got %d", c.Blockers.ExpireAfterDays)
	}
	v.positive("blockers.stale_after", c.Blockers.StaleAfter)
	v.digest()
	v.reader()
	if c.Privacy.TextDays < 0 {
		v.addf("privacy.text_days", "must be 0 (keep text) or a number of days, got %d", c.Privacy.TextDays)
	}
	if l := c.Ops.Listen; l != "" {
		if _, port, err := net.SplitHostPort(l); err != nil || port == "" {
			v.addf("ops.listen", "%q is not host:port (like 127.0.0.1:9090, or :9090 for loopback)", l)
		}
	}
	v.oneOf("log.format", c.Log.Format, LogFormats)
	v.oneOf("log.level", c.Log.Level, LogLevels)
	v.lexicon()
	c.holidays = map[string]bool{}
	for i, h := range c.Holidays {
		if _, err := time.Parse(time.DateOnly, h); err != nil {
			v.addf(fmt.Sprintf("holidays[%d]", i), "%q is not a date (YYYY-MM-DD, like 2026-12-25)", h)
			continue
		}
		c.holidays[h] = true
	}
	return v.probs
}

// oneOf records a problem unless value is one of allowed.
func (v *validator) oneOf(key, value string, allowed []string) {
	if !slices.Contains(allowed, value) {
		v.addf(key, "%q is not one of %s", value, strings.Join(allowed, ", "))
	}
}

func (v *validator) slack() {
	s := &v.c.Slack
	if s.APIURL == "" {
		return // filled in by Parse from SLACK_API_URL or the default
	}
	u, err := url.Parse(s.APIURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		from := ""
		if s.apiURLVar != "" {
			from = " (from " + s.apiURLVar + ")"
		}
		v.addf("slack.api_url", "%q%s is not an http(s) URL (like %s)", unblock.RedactedURL(s.APIURL), from, DefaultAPIURL)
		return
	}
	if !strings.HasSuffix(s.APIURL, "/") {
		s.APIURL += "/"
	}
}

func (v *validator) definedRoles() {
	seen := map[unblock.Role]string{}
	groups := map[string]unblock.Role{}
	for i := range v.c.Roles {
		r := &v.c.Roles[i]
		key := r.key
		switch {
		case r.Name == "":
			v.addf(key, "needs a name (a built-in role to add words to, or a new one)")
		case !roleName.MatchString(string(r.Name)):
			v.addf(key+".name", "%q is not a role name: use lower-case letters, digits, - and _ (like \"finance\")", r.Name)
		default:
			if first, ok := seen[r.Name]; ok {
				v.addf(key+".name", "role %q is already listed at %s; give each role one entry", r.Name, first)
			}
			seen[r.Name] = key
			if err := v.vocab.AddRole(r.Name); err != nil {
				v.addf(key+".name", "%v: add keywords to that role instead", err)
			} else {
				v.roles[r.Name] = true
			}
		}
		v.words(key+".keywords", r.Keywords)
		v.words(key+".title_keywords", r.TitleKeywords)
		if v.vocab.Has(r.Name) {
			for j, w := range r.Keywords {
				if strings.TrimSpace(w) == "" {
					continue
				}
				if err := v.vocab.AddWords(r.Name, w); err != nil {
					v.addf(fmt.Sprintf("%s.keywords[%d]", key, j), "%v; a word names one role", err)
				}
			}
			v.vocab.AddTitleKeywords(r.Name, r.TitleKeywords...)
		}
		for j, g := range r.UserGroups {
			gkey := fmt.Sprintf("%s.user_groups[%d]", key, j)
			if !v.userGroup(gkey, g) {
				continue
			}
			if other, ok := groups[g]; ok && other != r.Name {
				v.addf(gkey, "user group %s is already mapped to role %q; a group gives one role", g, other)
			}
			groups[g] = r.Name
		}
		if r.Owner != "" {
			v.user(key+".owner", r.Owner)
		}
	}
}

func (v *validator) words(key string, words []string) {
	for i, w := range words {
		if strings.TrimSpace(w) == "" {
			v.addf(fmt.Sprintf("%s[%d]", key, i), "empty keyword")
		}
	}
}

func (v *validator) people() {
	seen := map[string]string{}
	for _, p := range v.c.People {
		key := p.key
		if p.ID == "" {
			v.addf(key, "needs an id (the person's Slack member ID, U…)")
		} else if v.user(key+".id", p.ID) {
			if first, ok := seen[p.ID]; ok {
				v.addf(key+".id", "%s is already listed at %s; give each person one entry", p.ID, first)
			}
			seen[p.ID] = key
		}
		if p.Role != unblock.RoleUnknown {
			v.role(key+".role", p.Role)
		}
		if p.Team != "" && v.c.Team(p.Team) == nil {
			v.addf(key+".team", "%s", v.unknownTeam(p.Team))
		}
	}
}

func (v *validator) unknownTeam(name string) string {
	var names []string
	for _, t := range v.c.TeamConfigs {
		if t.Name != "" && !slices.Contains(names, t.Name) {
			names = append(names, t.Name)
		}
	}
	if s := closest(name, names); s != "" {
		return fmt.Sprintf("no team is named %q (did you mean %q?)", name, s)
	}
	if len(names) == 0 {
		return fmt.Sprintf("no team is named %q: there are no teams under teams:", name)
	}
	return fmt.Sprintf("no team is named %q (teams: %s)", name, strings.Join(names, ", "))
}

func (v *validator) teams() {
	seen := map[string]string{}
	for i := range v.c.TeamConfigs {
		t := &v.c.TeamConfigs[i]
		key := t.key
		switch {
		case t.Name == "":
			v.addf(key, "needs a name (like \"checkout\")")
		case !teamName.MatchString(t.Name):
			v.addf(key+".name", "%q is not a team name: use lower-case letters, digits, - and _ (like \"checkout\")", t.Name)
		default:
			if first, ok := seen[t.Name]; ok {
				v.addf(key+".name", "duplicate team name %q (first at line %d)", t.Name, v.c.line(first+".name"))
			}
			seen[t.Name] = key
		}
		if t.Channel != "" {
			v.channel(key+".channel", t.Channel)
		} else if t.Summary {
			v.addf(key, "needs a channel (C…) for its standup summary, or summary: false")
		} else if t.PublicReminders {
			v.addf(key, "needs a channel (C…) for public reminders, or public_reminders: false")
		}
		if t.DefaultRole != unblock.RoleUnknown {
			v.role(key+".default_role", t.DefaultRole)
		}
		members := map[string]bool{}
		for j, m := range t.Members {
			mkey := fmt.Sprintf("%s.members[%d]", key, j)
			if v.user(mkey, m) {
				if members[m] {
					v.addf(mkey, "%s is listed twice", m)
				}
				members[m] = true
			}
		}
		if t.UserGroup != "" {
			v.userGroup(key+".user_group", t.UserGroup)
		} else if len(t.Members) == 0 {
			v.addf(key, "has no members: list members (U… IDs) or give a user_group (S… ID)")
		}
		t.schedule = v.cron(key+".schedule", t.Schedule)
		switch t.Timezone {
		case "":
			t.Timezone = v.c.Timezone
			t.location = v.c.location
		case MemberTimezone:
			t.location = v.c.location
		default:
			t.location = v.zone(key+".timezone", t.Timezone)
		}
		if len(t.Questions) == 0 {
			v.addf(key+".questions", "needs at least one question")
		}
		for j, q := range t.Questions {
			if strings.TrimSpace(q) == "" {
				v.addf(fmt.Sprintf("%s.questions[%d]", key, j), "empty question")
			}
		}
		okReminder := v.positive(key+".reminder_after", t.ReminderAfter)
		okWindow := v.positive(key+".answer_window", t.AnswerWindow)
		if okReminder && okWindow && t.ReminderAfter >= t.AnswerWindow {
			v.addf(key+".reminder_after", "%s is not shorter than answer_window (%s): the reminder would come after answers close",
				FormatDuration(t.ReminderAfter), FormatDuration(t.AnswerWindow))
		}
	}
}

func (v *validator) digest() {
	d := &v.c.Digest
	d.schedule = v.cron("digest.schedule", d.Schedule)
	if d.Timezone == "" {
		d.Timezone = v.c.Timezone
		d.location = v.c.location
	} else if d.Timezone == MemberTimezone {
		v.addf("digest.timezone", "\"member\" is for teams; the digest needs one IANA time zone (like Europe/Berlin)")
	} else {
		d.location = v.zone("digest.timezone", d.Timezone)
	}
	if d.Channel != "" {
		v.channel("digest.channel", d.Channel)
	}
	for i, l := range d.Leads {
		v.user(fmt.Sprintf("digest.leads[%d]", i), l)
	}
}

// cron parses spec as a standard 5-field cron spec or a descriptor (@daily).
func (v *validator) cron(key, spec string) cron.Schedule {
	if spec == "" {
		v.addf(key, "empty schedule: give a cron spec (%s), like \"30 9 * * MON-FRI\"", cronFields)
		return nil
	}
	if strings.HasPrefix(spec, "TZ=") || strings.HasPrefix(spec, "CRON_TZ=") {
		v.addf(key, "%q: put the time zone under timezone:, not in the schedule", spec)
		return nil
	}
	if !strings.HasPrefix(spec, "@") && len(strings.Fields(spec)) != 5 {
		v.addf(key, "%q is not a cron spec (%s)", spec, cronFields)
		return nil
	}
	s, err := cronParser.Parse(spec)
	if err != nil {
		v.addf(key, "%q is not a cron spec: %v (%s)", spec, err, cronFields)
		return nil
	}
	// February 30th parses but never comes.
	from := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	if s.Next(from).IsZero() {
		v.addf(key, "%q never runs: no date matches it", spec)
		return nil
	}
	return s
}

// zone loads the IANA time zone name.
func (v *validator) zone(key, name string) *time.Location {
	if name == "Local" || strings.Contains(name, "..") {
		v.addf(key, "%q is not an IANA time zone (like Europe/Berlin, America/New_York or UTC)", name)
		return nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		v.addf(key, "%q is not an IANA time zone (like Europe/Berlin, America/New_York or UTC)", name)
		return nil
	}
	return loc
}

// role checks that r is in the role vocabulary.
func (v *validator) role(key string, r unblock.Role) {
	if v.roles[r] {
		return
	}
	var names []string
	for _, b := range v.c.RoleNames() {
		names = append(names, string(b))
	}
	if w := v.vocab.Role(string(r)); w != unblock.RoleUnknown {
		v.addf(key, "%q is a word for role %q: write %q", r, w, w)
		return
	}
	if s := closest(string(r), names); s != "" {
		v.addf(key, "%q is not a known role (did you mean %q?)", r, s)
		return
	}
	v.addf(key, "%q is not a known role: use a built-in one (%s) or define it under roles:", r, strings.Join(names[:len(unblock.BuiltinRoles)], ", "))
}

func (v *validator) user(key, id string) bool {
	if userID.MatchString(id) {
		return true
	}
	if strings.HasPrefix(id, "@") || strings.HasPrefix(id, "<@") {
		v.addf(key, "%q is not a user ID: use the member ID (U…, in Slack: profile, ⋮, Copy member ID), not a mention", id)
	} else {
		v.addf(key, "%q is not a user ID (U… or W…, capital letters and digits, like U024BE7LH)", id)
	}
	return false
}

func (v *validator) channel(key, id string) bool {
	if channelID.MatchString(id) {
		return true
	}
	if strings.HasPrefix(id, "#") {
		v.addf(key, "%q is not a channel ID: use the ID (C…, at the bottom of the channel's details), not the name", id)
	} else {
		v.addf(key, "%q is not a channel ID (C…, G… or D…, capital letters and digits, like C061EG9SL)", id)
	}
	return false
}

func (v *validator) userGroup(key, id string) bool {
	if userGroupID.MatchString(id) {
		return true
	}
	v.addf(key, "%q is not a user group ID (S…, capital letters and digits, like S0614TZR7)", id)
	return false
}

func (v *validator) positive(key string, d time.Duration) bool {
	if d > 0 {
		return true
	}
	v.addf(key, "must be longer than zero, got %s", FormatDuration(d))
	return false
}

// FormatDuration writes a duration as a config would: whole days as "7d", and
// without zero minutes and seconds: "2h", "1h30m", "90s".
func FormatDuration(d time.Duration) string {
	day := 24 * time.Hour
	if d > 0 && d%day == 0 {
		return fmt.Sprintf("%dd", d/day)
	}
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// lexicon reads the parser lexicon file and checks every entry with the
// parser's own loader: an entry that can never match is a problem naming the
// lexicon file and line.
func (v *validator) lexicon() {
	path := v.c.LexiconPath()
	if path == "" {
		return
	}
	data, err := os.ReadFile(path)
	if err != nil {
		v.addf("lexicon", "cannot read the parser lexicon: %v", err)
		return
	}
	v.c.lexicon = string(data)
	lex := parse.NewLexicon()
	for _, r := range v.c.Roles {
		if v.vocab.Has(r.Name) {
			lex.AddRoleWords(r.Name, string(r.Name))
		}
	}
	if err := lex.Load(path, v.c.lexicon); err != nil {
		v.c.lexicon = ""
		v.addf("lexicon", "%v", err)
	}
}
