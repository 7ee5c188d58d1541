package unblock

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// StandupTeam is a standup team set up in Slack, from the App Home, and kept in
// the database. (Teams managed as code live in the YAML config, which wins for a
// name both define.) The scheduler runs it like a configured team unless Paused.
type StandupTeam struct {
	Name      string   // unique lower-case name, e.g. "checkout"
	Channel   string   // channel ID for the summary and public reminders
	Members   []string // user IDs picked one by one
	UserGroup string   // a user group ID ("S…") whose members are the team's too; "" for none

	Time     string         // prompt time of day, "HH:MM" (24 h) in Timezone
	Days     []time.Weekday // the days prompts go out, Sunday first
	Timezone string         // IANA zone, or StandupMemberZone for each member's own

	Questions     []string      // the standup questions, in order
	ReminderAfter time.Duration // one reminder this long after the prompt; 0 for none
	AnswerWindow  time.Duration // answers count this long after the prompt
	EveningBefore bool          // accept answers from 18:00 the evening before
	DigestTo      []string      // user IDs who also get the weekly digest by DM

	DefaultRole     Role // role of members whose role resolves no other way (the config's default_role); "" for none
	NoSummary       bool // post no summary in Channel (the config's summary: false); a summary is the default
	PublicReminders bool // remind late members in Channel rather than by DM

	// CreatedView is the Slack view ID of the modal that created the team: a
	// redelivered or repeated submission of that modal is the team's own.
	CreatedView string

	Paused    bool      // set up but sends nothing until resumed
	UpdatedBy string    // the admin who last changed it
	UpdatedAt time.Time // when
}

// Limits and defaults of a StandupTeam.
const (
	StandupMemberZone    = "member" // Timezone meaning each member's own Slack profile zone
	MaxStandupQuestions  = 10       // a prompt and its modal stay readable
	MaxStandupQuestion   = 300      // characters in one question
	MaxStandupTeamName   = 40       // characters in a team name
	DefaultStandupTime   = "09:30"
	DefaultStandupWindow = 4 * time.Hour
)

var (
	standupTeamName = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)
	// Slack IDs as pickers give them; anything else is a forged or broken form.
	slackUserID    = regexp.MustCompile(`^[UW][A-Z0-9]{2,}$`)
	slackChannelID = regexp.MustCompile(`^[CG][A-Z0-9]{2,}$`)
	slackGroupID   = regexp.MustCompile(`^S[A-Z0-9]{2,}$`)
)

// StandupTeamName turns what an admin typed into a team name: trimmed,
// lower-case, runs of spaces as one "-" ("Checkout Web" -> "checkout-web").
func StandupTeamName(typed string) string {
	return strings.ToLower(strings.Join(strings.Fields(typed), "-"))
}

// FieldErrors maps a field of a form (a StandupTeam's "name", "channel", …) to
// what is wrong with it, in words for the person who filled it in.
type FieldErrors map[string]string

// Problems returns what is wrong with t, per field: "name", "channel",
// "members", "usergroup", "time", "days", "timezone", "questions", "reminder",
// "window", "digest". It is empty when t can run. loadZone checks a zone name
// (time.LoadLocation).
func (t StandupTeam) Problems(loadZone func(string) (*time.Location, error)) FieldErrors {
	p := FieldErrors{}
	switch {
	case t.Name == "":
		p["name"] = "Give the team a name, like checkout."
	case len(t.Name) > MaxStandupTeamName:
		p["name"] = fmt.Sprintf("Keep the name to %d characters.", MaxStandupTeamName)
	case !standupTeamName.MatchString(t.Name):
		p["name"] = "Use letters, digits, - and _ only, like checkout-web."
	}
	switch {
	case t.Channel == "":
		p["channel"] = "Pick the channel for the team's summary."
	case !slackChannelID.MatchString(t.Channel):
		p["channel"] = "Pick a channel from the list."
	}
	switch {
	case len(t.Members) == 0 && t.UserGroup == "":
		p["members"] = "Pick the people to ask, or a user group."
	case !allMatch(slackUserID, t.Members):
		p["members"] = "Pick people from the list."
	case t.UserGroup != "" && !slackGroupID.MatchString(t.UserGroup):
		p["usergroup"] = "Pick a user group from the list."
	}
	if !allMatch(slackUserID, t.DigestTo) {
		p["digest"] = "Pick people from the list."
	}
	if _, _, ok := t.Clock(); !ok {
		p["time"] = "Pick the time prompts go out."
	}
	if len(t.Days) == 0 {
		p["days"] = "Pick at least one day."
	}
	if t.Timezone == "" {
		p["timezone"] = "Pick a time zone, or each member's own."
	} else if t.Timezone != StandupMemberZone {
		if _, err := loadZone(t.Timezone); err != nil || t.Timezone == "Local" {
			p["timezone"] = fmt.Sprintf("%q is not a time zone (like Europe/Berlin).", t.Timezone)
		}
	}
	switch {
	case len(t.Questions) == 0:
		p["questions"] = "Ask at least one question, one a line."
	case len(t.Questions) > MaxStandupQuestions:
		p["questions"] = fmt.Sprintf("Ask at most %d questions (one a line); this asks %d.", MaxStandupQuestions, len(t.Questions))
	default:
		for i, q := range t.Questions {
			if n := len([]rune(q)); n > MaxStandupQuestion {
				p["questions"] = fmt.Sprintf("Question %d is %d characters; keep each to %d.", i+1, n, MaxStandupQuestion)
				break
			}
		}
	}
	if t.AnswerWindow <= 0 {
		p["window"] = "Pick how long answers count."
	}
	if t.ReminderAfter < 0 || (t.ReminderAfter > 0 && t.AnswerWindow > 0 && t.ReminderAfter >= t.AnswerWindow) {
		p["reminder"] = "The reminder must come before the answer window closes."
	}
	return p
}

func allMatch(re *regexp.Regexp, ids []string) bool {
	for _, id := range ids {
		if !re.MatchString(id) {
			return false
		}
	}
	return true
}

// Clock returns the hour and minute of t.Time, and whether it is a valid "HH:MM".
func (t StandupTeam) Clock() (hour, minute int, ok bool) {
	at, err := time.Parse("15:04", t.Time)
	if err != nil {
		return 0, 0, false
	}
	return at.Hour(), at.Minute(), true
}

// Cron returns t's schedule as a 5-field cron spec ("30 9 * * MON,TUE"), for
// the scheduler; "" when t.Time or t.Days is not valid.
func (t StandupTeam) Cron() string {
	h, m, ok := t.Clock()
	if !ok || len(t.Days) == 0 {
		return ""
	}
	days := slices.Clone(t.Days)
	slices.Sort(days)
	days = slices.Compact(days)
	names := make([]string, len(days))
	for i, d := range days {
		names[i] = strings.ToUpper(d.String()[:3])
	}
	return fmt.Sprintf("%d %d * * %s", m, h, strings.Join(names, ","))
}

// DaysText names t's days for people: "weekdays", "every day", or "Mon, Wed".
func (t StandupTeam) DaysText() string {
	days := slices.Clone(t.Days)
	slices.Sort(days)
	days = slices.Compact(days)
	switch {
	case len(days) == 7:
		return "every day"
	case slices.Equal(days, []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}):
		return "weekdays"
	}
	names := make([]string, len(days))
	for i, d := range days {
		names[i] = d.String()[:3]
	}
	return strings.Join(names, ", ")
}

// SetupTeamOf returns the name of the first of setups (teams set up in the App
// Home) that has user as a member, picked or through one of groups (the user
// groups user is in), or "". Callers ask the config's teams first: they win.
func SetupTeamOf(setups []StandupTeam, user string, groups []string) string {
	for _, t := range setups {
		if slices.Contains(t.Members, user) {
			return t.Name
		}
	}
	for _, t := range setups {
		if t.UserGroup != "" && slices.Contains(groups, t.UserGroup) {
			return t.Name
		}
	}
	return ""
}

// WithSetupTeams returns r with the default roles of setups (teams set up in
// the App Home) among its team defaults; a team r has already (the config's)
// keeps its own.
func (r RoleRules) WithSetupTeams(setups []StandupTeam) RoleRules {
	defaults := make(map[string]Role, len(r.TeamDefaults)+len(setups))
	for name, role := range r.TeamDefaults {
		defaults[name] = role
	}
	for _, t := range setups {
		if _, ok := defaults[t.Name]; !ok && t.DefaultRole != RoleUnknown {
			defaults[t.Name] = t.DefaultRole
		}
	}
	r.TeamDefaults = defaults
	return r
}
