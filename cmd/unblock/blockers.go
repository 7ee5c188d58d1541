package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/store"
)

// BlockersCommand lists the blocker ledger with the evidence behind every blocker.
type BlockersCommand struct {
	ConfigPath string
	DBPath     string
	AsOf       string
	Status     string
	Format     string
}

func (c *BlockersCommand) Name() string { return "blockers" }
func (c *BlockersCommand) Synopsis() string {
	return "lists every blocker with the reports that opened, kept and closed it"
}

func (c *BlockersCommand) Run(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, c, "-config FILE [-db PATH] [-as-of YYYY-MM-DD] [-status open|all] [-format text|json|csv]")
	fs.StringVar(&c.ConfigPath, "config", "", "path to the YAML config (required)")
	fs.StringVar(&c.DBPath, "db", "", dbFlagUsage)
	fs.StringVar(&c.AsOf, "as-of", "", "the ledger as it stood at the end of this day, YYYY-MM-DD (default: today)")
	fs.StringVar(&c.Status, "status", "all", "open (the blockers open at the as-of date) or all (every blocker opened by then)")
	fs.StringVar(&c.Format, "format", "text", "text, json or csv")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q (run 'unblock blockers -h')", fs.Arg(0))
	}
	if c.Status != "open" && c.Status != "all" {
		return usagef("-status %q: want open or all", c.Status)
	}
	switch c.Format {
	case "text", "json", "csv":
	default:
		return usagef("-format %q: want text, json or csv", c.Format)
	}
	cfg, db, asOf, err := openOffline(ctx, env, c.ConfigPath, c.DBPath, c.AsOf)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := noteOldData(ctx, env, db, c.AsOf, asOf, cfg.Location()); err != nil {
		return err
	}
	at := unblock.WeekEnding(asOf).To // the end of the as-of day
	list, err := db.Ledger(ctx, at, store.LedgerFilter{OpenOnly: c.Status == "open"})
	if err != nil {
		return err
	}
	l := ledger{At: at, Status: c.Status, Entries: list, Loc: cfg.Location()}
	switch c.Format {
	case "json":
		return l.JSON(env.Stdout)
	case "csv":
		return l.CSV(env.Stdout)
	}
	people, err := db.People(ctx)
	if err != nil {
		return err
	}
	l.People = make(map[string]unblock.Person, len(people))
	for _, p := range people {
		l.People[p.ID] = p
	}
	return l.Text(env.Stdout)
}

// ledger is what "unblock blockers" prints: the blockers as they stood at At.
type ledger struct {
	At      time.Time // the end of the as-of day
	Status  string    // "open" or "all"
	Entries []unblock.LedgerEntry
	People  map[string]unblock.Person // for names in text
	Loc     *time.Location            // the config's zone, for times in text
}

// The blockers JSON contract of docs/DESIGN.md: every key present, lists [] and
// never null; the one null is closed_at of an open blocker.
type jsonLedger struct {
	AsOf     string          `json:"as_of"`
	Status   string          `json:"status"`
	Blockers []jsonLedgerRow `json:"blockers"`
}

type jsonLedgerRow struct {
	ID         int64            `json:"id"`
	Person     string           `json:"person"`
	PersonRole string           `json:"person_role"`
	Target     jsonLedgerTarget `json:"target"`
	Topic      string           `json:"topic"`
	FirstSeen  string           `json:"first_seen"`
	LastSeen   string           `json:"last_seen"`
	AgeDays    int              `json:"age_days"`
	Status     string           `json:"status"`
	ClosedAt   *string          `json:"closed_at"`
	ClosedHow  string           `json:"closed_how"`
	Reports    []jsonEvidence   `json:"reports"`
}

type jsonLedgerTarget struct {
	Kind string `json:"kind"`
	Name string `json:"name"`
	Node string `json:"node"`
	Role string `json:"role"`
}

type jsonEvidence struct {
	ID      int64  `json:"id"`
	Effect  string `json:"effect"`
	At      string `json:"at"`
	Person  string `json:"person"`
	Channel string `json:"channel"`
	TS      string `json:"ts"`
	Source  string `json:"source"`
	Text    string `json:"text"`
}

// stamp formats a time for JSON and CSV: RFC 3339 in UTC.
func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// JSON writes the ledger as the blockers JSON of docs/DESIGN.md.
func (l ledger) JSON(w io.Writer) error {
	return writeJSON(w, jsonLedger{AsOf: l.asOf(), Status: l.Status, Blockers: ledgerRows(l.Entries, l.At)})
}

// ledgerRows are entries as the blockers JSON lists them, as they stood at at.
func ledgerRows(entries []unblock.LedgerEntry, at time.Time) []jsonLedgerRow {
	rows := make([]jsonLedgerRow, 0, len(entries))
	for _, e := range entries {
		row := jsonLedgerRow{
			ID: e.ID, Person: e.PersonID, PersonRole: string(e.PersonRole),
			Target: jsonLedgerTarget{Kind: string(e.Target.Kind), Name: e.Target.Name, Node: e.To, Role: string(e.ToRole)},
			Topic:  e.Topic, FirstSeen: stamp(e.OpenedAt), LastSeen: stamp(e.LastSeenAt), AgeDays: ageDays(e, at),
			Status: string(e.StatusAt(at)), ClosedHow: string(e.Resolution),
			Reports: make([]jsonEvidence, 0, len(e.Evidence)),
		}
		if !e.ResolvedAt.IsZero() {
			s := stamp(e.ResolvedAt)
			row.ClosedAt = &s
		}
		for _, ev := range e.Evidence {
			r := ev.Report
			row.Reports = append(row.Reports, jsonEvidence{ID: r.ID, Effect: string(ev.Effect), At: stamp(r.At),
				Person: r.PersonID, Channel: r.Channel, TS: r.TS, Source: string(r.Source), Text: r.Text})
		}
		rows = append(rows, row)
	}
	return rows
}

// writeJSON writes v indented, without escaping <, > and & (Slack mentions stay readable).
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// csvHeader names the CSV columns: the blocker's, then one report's.
var csvHeader = []string{"blocker_id", "person", "person_role", "target_kind", "target_name", "target_node",
	"target_role", "topic", "first_seen", "last_seen", "age_days", "status", "closed_at", "closed_how",
	"effect", "report_id", "report_at", "channel", "ts", "source", "text"}

// CSV writes the ledger one row per blocker and report (a blocker opened, seen
// twice and resolved has four rows), so a spreadsheet can filter by either. What
// people wrote (target names, topics, report text) is made inert for spreadsheets
// (see inert); JSON keeps it as written.
func (l ledger) CSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for _, e := range l.Entries {
		closed := ""
		if !e.ResolvedAt.IsZero() {
			closed = stamp(e.ResolvedAt)
		}
		blocker := []string{strconv.FormatInt(e.ID, 10), e.PersonID, string(e.PersonRole), string(e.Target.Kind),
			inert(e.Target.Name), inert(e.To), string(e.ToRole), inert(e.Topic), stamp(e.OpenedAt), stamp(e.LastSeenAt),
			strconv.Itoa(ageDays(e, l.At)), string(e.StatusAt(l.At)), closed, string(e.Resolution)}
		if len(e.Evidence) == 0 {
			if err := cw.Write(append(blocker, make([]string, 7)...)); err != nil {
				return err
			}
		}
		for _, ev := range e.Evidence {
			r := ev.Report
			row := append(blocker[:len(blocker):len(blocker)], string(ev.Effect), strconv.FormatInt(r.ID, 10),
				stamp(r.At), r.Channel, r.TS, string(r.Source), inert(r.Text))
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// inert keeps a spreadsheet from reading user text as a formula: a cell that
// starts with =, +, -, @, a tab or a carriage return gets a leading apostrophe.
func inert(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// Text writes the ledger for a terminal: a count by status, then each blocker with
// its status and the reports behind it, quoted.
func (l ledger) Text(w io.Writer) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	count := map[unblock.Status]int{}
	for _, e := range l.Entries {
		count[e.StatusAt(l.At)]++
	}
	what := "every blocker opened by then"
	if l.Status == "open" {
		what = "the blockers open then"
	}
	p("Blockers at the end of %s (%s): %d open, %d resolved, %d expired, %d dismissed\n", l.asOf(), what,
		count[unblock.StatusOpen], count[unblock.StatusResolved], count[unblock.StatusExpired], count[unblock.StatusDismissed])
	if len(l.Entries) == 0 {
		p("\nNone.\n")
	}
	for _, e := range l.Entries {
		p("\n#%d %s waits on %s", e.ID, oneLineText(l.name(e.PersonID)+roleNote(e.PersonRole)), oneLineText(l.targetText(e)))
		if e.Topic != "" {
			p(": %s", oneLineText(e.Topic))
		}
		p("\n   %s\n", l.statusText(e))
		for _, ev := range e.Evidence {
			r := ev.Report
			text := "(text not kept)"
			if r.Text != "" {
				text = strconv.Quote(shortText(oneLineText(r.Text), 300))
			}
			p("   %s  %-8s  %s %s  %s\n", r.At.In(l.Loc).Format("2006-01-02 15:04"), ev.Effect, r.Source, r.Channel, text)
		}
	}
	return bw.Flush()
}

// asOf returns the as-of date: the day before the midnight At.
func (l ledger) asOf() string { return l.At.Add(-time.Nanosecond).Format(time.DateOnly) }

// statusText says where a blocker stands: "open for 6 days (first seen 2026-11-14,
// last seen 2026-11-19)" or "resolved 2026-11-19 (said no blockers) after 5 days …".
func (l ledger) statusText(e unblock.LedgerEntry) string {
	day := func(t time.Time) string { return t.In(l.Loc).Format(time.DateOnly) }
	seen := fmt.Sprintf("first seen %s, last seen %s", day(e.OpenedAt), day(e.LastSeenAt))
	age := unblock.Plural(ageDays(e, l.At), "day")
	status := e.StatusAt(l.At)
	if status == unblock.StatusOpen {
		return fmt.Sprintf("open for %s (%s)", age, seen)
	}
	return fmt.Sprintf("%s %s (%s) after %s (%s)", status, day(e.ResolvedAt), e.Resolution.Describe(), age, seen)
}

func (l ledger) name(id string) string {
	if p, ok := l.People[id]; ok {
		return p.Label()
	}
	return id
}

// targetText names what a blocker waits on: "Dana (design)", "design (role)",
// "the API spec (artifact, engineering)".
func (l ledger) targetText(e unblock.LedgerEntry) string {
	if e.ToPerson() {
		return l.name(e.To) + roleNote(e.ToRole)
	}
	name := e.Target.Name
	if e.Target.Kind == unblock.TargetRole && e.ToRole != unblock.RoleUnknown {
		name = string(e.ToRole)
	}
	note := string(e.Target.Kind)
	if e.ToRole != unblock.RoleUnknown && e.Target.Kind != unblock.TargetRole {
		note += ", " + string(e.ToRole)
	}
	return name + " (" + note + ")"
}

func roleNote(r unblock.Role) string {
	if r == unblock.RoleUnknown {
		return ""
	}
	return " (" + string(r) + ")"
}

// ageDays returns how many whole days e has been open at `at`, or was open.
func ageDays(e unblock.LedgerEntry, at time.Time) int { return int(e.Age(at) / (24 * time.Hour)) }

// oneLineText makes user text one printable line: control characters (newlines,
// terminal escapes) become spaces, and runs of spaces one.
func oneLineText(s string) string {
	return strings.Join(strings.Fields(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)), " ")
}

// shortText cuts s to at most n runes, ending with "…" when it was cut.
func shortText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
