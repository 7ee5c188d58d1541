package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/robfig/cron/v3"
	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/bot"
	"github.com/unblock-dev/unblock/config"
	"github.com/unblock-dev/unblock/store"
)

// CheckConfigCommand validates a config, resolves roles and prints every problem as file:line: key.
type CheckConfigCommand struct {
	// Now is the time next runs are counted from; nil means time.Now.
	Now     func() time.Time
	Offline bool // -offline: do not ask Slack about the tokens and channels
}

func (c *CheckConfigCommand) Name() string { return "check-config" }
func (c *CheckConfigCommand) Synopsis() string {
	return "validates a config, resolves roles and prints every problem as file:line: key"
}

// Run prints every problem with the config and its Slack tokens to stderr, one a
// line, and fails with EINVALID if there are any. A config that loads gets a
// summary on stdout (teams, schedules with their next run, roles, people), even
// when only its tokens are missing, so it can be checked before Slack is set up.
func (c *CheckConfigCommand) Run(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, c, "[-offline] FILE")
	fs.BoolVar(&c.Offline, "offline", false, "do not ask Slack whether it accepts the tokens and the bot is in its channels")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("check-config takes one config FILE, e.g. 'unblock check-config config.example.yaml'")
	}
	path := fs.Arg(0)
	f, err := os.Open(path)
	if err != nil {
		return unblock.Errorf(unblock.EINVALID, "config: %v", err)
	}
	defer f.Close()
	cfg, err := config.Parse(path, f, env.Getenv)
	var problems config.Problems
	if errors.As(err, &problems) {
		// The file has problems; the tokens are still worth checking.
	} else if err != nil {
		return err
	}
	if len(problems) == 0 {
		now := time.Now
		if c.Now != nil {
			now = c.Now
		}
		tokens := cfg.CheckTokens()
		status := "valid"
		if len(tokens) > 0 {
			// Never "valid" above a list of problems: the file is, the tokens are not.
			status = fmt.Sprintf("the file is valid, but %s (below); tokens can be added later, when the Slack app exists", unblock.Plural(len(tokens), "token problem"))
		} else if !c.Offline {
			slackProblems, err := bot.CheckSlack(ctx, cfg.Slack.APIURL, cfg.Slack.AppToken, cfg.Slack.BotToken, nil, postChannels(cfg))
			switch {
			case errors.Is(err, bot.ErrUnreachable):
				status = "valid (Slack was not checked: " + err.Error() + ")"
			case err != nil:
				return err
			case len(slackProblems) > 0:
				status = fmt.Sprintf("the file is valid, but Slack says %s (below)", unblock.Plural(len(slackProblems), "problem"))
				for _, p := range slackProblems {
					tokens = append(tokens, config.Problem{File: path, Key: "slack", Msg: p})
				}
			default:
				status = "valid; Slack accepts both tokens and the bot is in every channel it posts in"
			}
		}
		printSummary(env.Stdout, cfg, status, now())
		problems = tokens
	} else {
		problems = append(problems, cfg.CheckTokens()...)
	}
	for _, p := range problems {
		fmt.Fprintln(env.Stderr, p)
	}
	switch len(problems) {
	case 0:
		return nil
	case 1:
		return unblock.Errorf(unblock.EINVALID, "1 problem in %s", path)
	}
	return unblock.Errorf(unblock.EINVALID, "%d problems in %s", len(problems), path)
}

// printSummary shows what the config means: where unblock connects, when each
// team is asked, where the digest goes, the role vocabulary and how each person
// listed under people: resolves.
func printSummary(w io.Writer, cfg *config.Config, status string, now time.Time) {
	fmt.Fprintf(w, "%s: %s\n", cfg.File(), status)
	fmt.Fprintf(w, "slack: app token %s, bot token %s, API %s\n",
		config.TokenSummary(cfg.Slack.AppToken), config.TokenSummary(cfg.Slack.BotToken), unblock.RedactedURL(cfg.Slack.APIURL))
	db := cfg.DatabasePath()
	if store.IsPostgres(db) {
		db = store.Redacted(db) + " (PostgreSQL)"
	} else if abs, err := filepath.Abs(db); err == nil && !strings.HasPrefix(db, "file:") && db != ":memory:" {
		db = abs
	}
	fmt.Fprintf(w, "database: %s\n", db)
	fmt.Fprintf(w, "timezone: %s\n", cfg.Timezone)

	fmt.Fprintf(w, "\nteams: %d\n", len(cfg.TeamConfigs))
	who := "the workspace's admins and owners"
	if len(cfg.Admins) > 0 {
		who += " and " + strings.Join(cfg.Admins, ", ")
	}
	if len(cfg.TeamConfigs) == 0 {
		fmt.Fprintf(w, "  none here: %s set standups up in the App Home\n", who)
	} else {
		fmt.Fprintf(w, "  managed as code (read-only in the App Home, where %s set up more)\n", who)
	}
	for i := range cfg.TeamConfigs {
		t := &cfg.TeamConfigs[i]
		fmt.Fprintf(w, "  %s: %s\n", t.Name, teamLine(t))
		if t.PerMemberZone() {
			fmt.Fprintf(w, "    standup %q in each member's own time zone; a member in %s is next asked %s\n",
				t.Schedule, t.Location(), nextRun(t.Cron(), t.Location(), now))
		} else {
			fmt.Fprintf(w, "    standup %q in %s, next %s\n", t.Schedule, t.Location(), nextRun(t.Cron(), t.Location(), now))
		}
		fmt.Fprintf(w, "    %s, reminder after %s, answers until %s after the prompt%s\n",
			unblock.Plural(len(t.Questions), "question"), config.FormatDuration(t.ReminderAfter), config.FormatDuration(t.AnswerWindow), teamFlags(t))
	}

	d := &cfg.Digest
	fmt.Fprintf(w, "\ndigest: %q in %s, next %s, %s\n", d.Schedule, d.Location(), nextRun(d.Cron(), d.Location(), now), digestRecipients(d, cfg.File()))
	if len(cfg.PassiveChannels) > 0 {
		fmt.Fprintf(w, "passive reading: %s\n", strings.Join(cfg.PassiveChannels, ", "))
	} else {
		fmt.Fprintln(w, "passive reading: every channel the bot is a member of")
	}
	if len(cfg.Holidays) > 0 {
		fmt.Fprintf(w, "holidays: %s\n", strings.Join(cfg.Holidays, ", "))
	}
	fmt.Fprintln(w, readerLine(cfg.Reader))

	fmt.Fprintf(w, "\nroles: %s (built-in)", joinRoles(unblock.BuiltinRoles))
	if added := cfg.RoleNames()[len(unblock.BuiltinRoles):]; len(added) > 0 {
		fmt.Fprintf(w, "; %s (added)", joinRoles(added))
	}
	fmt.Fprintln(w)
	for _, r := range cfg.Roles {
		fmt.Fprintf(w, "  %s: %s\n", r.Name, roleLine(r))
	}

	if len(cfg.People) > 0 {
		fmt.Fprintf(w, "\npeople: %d\n", len(cfg.People))
		rules := cfg.RoleRules()
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		for _, p := range cfg.People {
			person := unblock.Person{ID: p.ID, Name: p.Name, Team: cfg.TeamOf(p.ID)}
			role, source, detail := rules.Resolve(person, nil)
			fmt.Fprintf(tw, "  %s\t%s\t%s\n", p.ID, p.Name, resolution(role, source, detail))
		}
		tw.Flush()
	}
}

func teamLine(t *config.Team) string {
	var parts []string
	if t.Channel != "" {
		parts = append(parts, "channel "+t.Channel)
	} else {
		parts = append(parts, "no channel")
	}
	switch n := len(t.Members); {
	case n > 0 && t.UserGroup != "":
		parts = append(parts, fmt.Sprintf("%s and user group %s", unblock.Plural(n, "member"), t.UserGroup))
	case t.UserGroup != "":
		parts = append(parts, "members from user group "+t.UserGroup)
	default:
		parts = append(parts, unblock.Plural(n, "member"))
	}
	if t.DefaultRole != unblock.RoleUnknown {
		parts = append(parts, "default role "+string(t.DefaultRole))
	}
	return strings.Join(parts, ", ")
}

func teamFlags(t *config.Team) string {
	var s string
	if t.OpenEveningBefore {
		s += ", open from 18:00 the evening before"
	}
	if !t.Summary {
		s += ", no summary"
	}
	if t.PublicReminders {
		s += ", reminders in the channel"
	}
	return s
}

func digestRecipients(d *config.Digest, file string) string {
	var to []string
	if d.Channel != "" {
		to = append(to, "channel "+d.Channel)
	}
	if len(d.Leads) > 0 {
		to = append(to, "leads "+strings.Join(d.Leads, ", "))
	}
	if len(to) == 0 {
		return "sent nowhere (no channel or leads; '" + hint("digest", "-config", file) + "' still prints it)"
	}
	return "to " + strings.Join(to, " and ")
}

func roleLine(r config.Role) string {
	var parts []string
	if !r.Name.IsBuiltin() {
		parts = append(parts, "new role")
	}
	if len(r.Keywords) > 0 {
		parts = append(parts, "keywords "+strings.Join(r.Keywords, ", "))
	}
	if len(r.TitleKeywords) > 0 {
		parts = append(parts, "title keywords "+strings.Join(r.TitleKeywords, ", "))
	}
	if len(r.UserGroups) > 0 {
		parts = append(parts, "user groups "+strings.Join(r.UserGroups, ", "))
	}
	if r.Owner != "" {
		parts = append(parts, "owner "+r.Owner)
	}
	if len(parts) == 0 {
		return "nothing added"
	}
	return strings.Join(parts, "; ")
}

// resolution says how a person's role resolves offline, where user groups and
// profile titles are not known.
func resolution(role unblock.Role, source unblock.RoleSource, detail string) string {
	switch source {
	case unblock.RoleFromConfig:
		return fmt.Sprintf("%s (set under people:)", role)
	case unblock.RoleFromTeam:
		return fmt.Sprintf("%s (default of %s, unless a user group or profile title says otherwise)", role, detail)
	case unblock.RoleFromNothing:
		return "unknown until Slack shows a mapped user group or a profile title keyword"
	}
	return fmt.Sprintf("%s (%s)", role, detail)
}

func joinRoles(roles []unblock.Role) string {
	s := make([]string, len(roles))
	for i, r := range roles {
		s[i] = string(r)
	}
	return strings.Join(s, ", ")
}

// nextRun formats the next time s fires after now in loc.
func nextRun(s cron.Schedule, loc *time.Location, now time.Time) string {
	if s == nil || loc == nil {
		return "never"
	}
	return s.Next(now.In(loc)).Format("Mon 2006-01-02 15:04 MST")
}
