package main

import (
	"context"
	"fmt"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/store"
)

// ForgetCommand removes everything stored about one person.
type ForgetCommand struct {
	db dbFlags
}

func (c *ForgetCommand) Name() string { return "forget" }
func (c *ForgetCommand) Synopsis() string {
	return "removes everything stored about a person (their reports, text, blockers)"
}

func (c *ForgetCommand) Run(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, c, "[-config FILE | -db PATH] USER")
	c.db.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("forget takes one Slack user ID, e.g. 'unblock forget -config config.yaml U0123ABCD'")
	}
	db, path, err := c.db.open(ctx, env, c.Name())
	if err != nil {
		return err
	}
	defer db.Close()
	id := fs.Arg(0)
	f, err := db.Forget(ctx, id)
	if unblock.ErrorCode(err) == unblock.ENOTFOUND {
		return unknownUser(id, path)
	} else if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "forgot %s: %s, %s, %s, %s and %s deleted; "+
		"%s of others on them now wait on their role, and their mentions were removed from %s of others\n",
		id, unblock.Plural(f.Reports, "report"), unblock.Plural(f.Blockers, "blocker"), unblock.Plural(f.Sessions, "standup session"),
		unblock.Plural(f.Envelopes, "received envelope"), unblock.Plural(f.Posts, "post record"), unblock.Plural(f.Repointed, "blocker"),
		unblock.Plural(f.Redacted, "report"))
	return nil
}

// unknownUser is the error of export-user and forget for a user ID the
// database at path knows nothing of: a problem with the command line (a
// mistyped ID, another workspace's database, someone forgotten already), not a
// failure, so exit 2.
func unknownUser(id, path string) error {
	return unblock.Errorf(unblock.EINVALID, "nothing is stored about user %s in %s (or they were forgotten)", id, store.Redacted(path))
}

// ExportUserCommand prints everything stored about one person, as JSON.
type ExportUserCommand struct {
	db dbFlags
}

func (c *ExportUserCommand) Name() string { return "export-user" }
func (c *ExportUserCommand) Synopsis() string {
	return "prints everything stored about a person, as JSON"
}

// The export-user JSON: the profile, the reports, the person's own blockers and the
// blockers others have on them (both in the shape of `unblock blockers -format
// json`), and standup sessions. Every key is present; lists are [] when empty.
type jsonPersonRecord struct {
	ID         string          `json:"id"`
	Profile    *jsonProfile    `json:"profile"`
	Reports    []jsonReport    `json:"reports"`
	Blockers   []jsonLedgerRow `json:"blockers"`
	WaitedOnBy []jsonLedgerRow `json:"waited_on_by"`
	Sessions   []jsonSession   `json:"sessions"`
}

type jsonProfile struct {
	Name        string  `json:"name"`
	RealName    string  `json:"real_name"`
	Title       string  `json:"title"`
	Team        string  `json:"team"`
	TZ          string  `json:"tz"`
	Role        string  `json:"role"`
	RoleSource  string  `json:"role_source"`
	RoleDetail  string  `json:"role_detail"`
	StatusText  string  `json:"status_text"`
	StatusEmoji string  `json:"status_emoji"`
	AwayUntil   *string `json:"away_until"`
}

type jsonReport struct {
	ID       int64  `json:"id"`
	At       string `json:"at"`
	Channel  string `json:"channel"`
	TS       string `json:"ts"`
	ThreadTS string `json:"thread_ts"`
	Source   string `json:"source"`
	Text     string `json:"text"`
	Edited   bool   `json:"edited"`
	Deleted  bool   `json:"deleted"`
}

type jsonSession struct {
	Team       string  `json:"team"`
	Day        string  `json:"day"`
	PromptAt   *string `json:"prompt_at"`
	RemindedAt *string `json:"reminded_at"`
	AnsweredAt *string `json:"answered_at"`
	Skipped    string  `json:"skipped"`
}

func (c *ExportUserCommand) Run(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, c, "[-config FILE | -db PATH] USER")
	c.db.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("export-user takes one Slack user ID, e.g. 'unblock export-user -config config.yaml U0123ABCD'")
	}
	db, path, err := c.db.openRead(ctx, env, c.Name())
	if err != nil {
		return err
	}
	defer db.Close()
	now := time.Now()
	rec, err := db.PersonRecord(ctx, fs.Arg(0), now)
	if unblock.ErrorCode(err) == unblock.ENOTFOUND {
		return unknownUser(fs.Arg(0), path)
	} else if err != nil {
		return err
	}
	out := jsonPersonRecord{ID: fs.Arg(0), Reports: []jsonReport{}, Blockers: ledgerRows(rec.Blockers, now),
		WaitedOnBy: ledgerRows(rec.WaitedOnBy, now), Sessions: []jsonSession{}}
	if rec.Known {
		p := rec.Person
		out.Profile = &jsonProfile{Name: p.Name, RealName: p.RealName, Title: p.Title, Team: p.Team, TZ: p.TZ,
			Role: string(p.Role), RoleSource: string(p.RoleSource), RoleDetail: p.RoleDetail,
			StatusText: p.StatusText, StatusEmoji: p.StatusEmoji, AwayUntil: optStamp(p.AwayUntil)}
	}
	for _, r := range rec.Reports {
		out.Reports = append(out.Reports, jsonReport{ID: r.ID, At: stamp(r.At), Channel: r.Channel, TS: r.TS,
			ThreadTS: r.ThreadTS, Source: string(r.Source), Text: r.Text, Edited: r.Edited, Deleted: r.Deleted})
	}
	for _, s := range rec.Sessions {
		out.Sessions = append(out.Sessions, jsonSession{Team: s.Team, Day: s.Day, PromptAt: optStamp(s.PromptAt),
			RemindedAt: optStamp(s.RemindedAt), AnsweredAt: optStamp(s.AnsweredAt), Skipped: s.Skipped})
	}
	return writeJSON(env.Stdout, out)
}

// optStamp is stamp for a time that may be unset (null in JSON).
func optStamp(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := stamp(t)
	return &s
}
