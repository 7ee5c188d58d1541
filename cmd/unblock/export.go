package main

import (
	"context"
	"encoding/csv"
	"io"
	"strconv"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/store"
)

// DefaultExportDays is how many days `unblock export` covers without -from: the
// 30 days ending on -to.
const DefaultExportDays = 30

// ExportCommand writes the answers of a date range with what was read from each,
// and the blockers of the range, for spreadsheets and other tools.
type ExportCommand struct {
	ConfigPath string
	DBPath     string
	From, To   string
	Format     string
}

func (c *ExportCommand) Name() string { return "export" }
func (c *ExportCommand) Synopsis() string {
	return "writes the answers and blockers of a date range as CSV or JSON, for spreadsheets and other tools"
}

func (c *ExportCommand) Run(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, c, "-config FILE [-db PATH] [-from YYYY-MM-DD] [-to YYYY-MM-DD] [-format csv|json]")
	fs.StringVar(&c.ConfigPath, "config", "", "path to the YAML config (required)")
	fs.StringVar(&c.DBPath, "db", "", dbFlagUsage)
	fs.StringVar(&c.From, "from", "", "first day, YYYY-MM-DD (default: 29 days before -to)")
	fs.StringVar(&c.To, "to", "", "last day, YYYY-MM-DD, included (default: today)")
	fs.StringVar(&c.Format, "format", "csv", "csv (one row per answer and blocker it touched) or json")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q (run 'unblock export -h')", fs.Arg(0))
	}
	if c.Format != "csv" && c.Format != "json" {
		return usagef("-format %q: want csv or json", c.Format)
	}
	cfg, db, last, err := openOffline(ctx, env, c.ConfigPath, c.DBPath, c.To)
	if err != nil {
		return err
	}
	defer db.Close()
	loc := cfg.Location()
	to := unblock.WeekEnding(last).To // midnight after the last day
	from := to.AddDate(0, 0, -DefaultExportDays)
	if c.From != "" {
		first, err := time.ParseInLocation(time.DateOnly, c.From, loc)
		if err != nil {
			return usagef("-from %q is not a date: write it as YYYY-MM-DD, e.g. -from 2026-11-01", c.From)
		}
		from = first
	}
	if !from.Before(to) {
		return usagef("-from %s is after -to %s", c.From, last.Format(time.DateOnly))
	}
	x, err := readExport(ctx, db, from, to, loc)
	if err != nil {
		return err
	}
	if c.Format == "json" {
		return x.JSON(env.Stdout)
	}
	return x.CSV(env.Stdout)
}

// export is what `unblock export` writes: the answers of [From, To) with their
// effects, and the blockers open at any time in it, as they stood at To.
type export struct {
	From, To time.Time // To is the midnight after the last day
	Loc      *time.Location
	Answers  []unblock.HistoryEntry
	Blockers []unblock.LedgerEntry
	byID     map[int64]unblock.LedgerEntry
}

func readExport(ctx context.Context, db *store.DB, from, to time.Time, loc *time.Location) (*export, error) {
	answers, err := db.History(ctx, "", from, to)
	if err != nil {
		return nil, err
	}
	ledger, err := db.Ledger(ctx, to, store.LedgerFilter{})
	if err != nil {
		return nil, err
	}
	x := &export{From: from, To: to, Loc: loc, Answers: answers, byID: map[int64]unblock.LedgerEntry{}}
	for _, e := range ledger {
		if !e.ResolvedAt.IsZero() && e.ResolvedAt.Before(from) {
			continue // closed before the range
		}
		x.Blockers = append(x.Blockers, e)
		x.byID[e.ID] = e
	}
	return x, nil
}

// blocker returns the blocker of an effect as it stood at To.
func (x *export) blocker(f unblock.BlockerEffect) unblock.LedgerEntry {
	if e, ok := x.byID[f.Blocker.ID]; ok {
		return e
	}
	return unblock.LedgerEntry{Blocker: f.Blocker}
}

// The export JSON of docs/DESIGN.md: every key present, lists [] and never null.
type jsonExport struct {
	From     string          `json:"from"`
	To       string          `json:"to"`
	Answers  []jsonAnswer    `json:"answers"`
	Blockers []jsonLedgerRow `json:"blockers"`
}

type jsonAnswer struct {
	ID      int64        `json:"id"`
	Person  string       `json:"person"`
	At      string       `json:"at"`
	Day     string       `json:"day"`
	Channel string       `json:"channel"`
	TS      string       `json:"ts"`
	Source  string       `json:"source"`
	Text    string       `json:"text"`
	Read    []jsonEffect `json:"read"`
}

type jsonEffect struct {
	Effect  string `json:"effect"`
	Blocker int64  `json:"blocker_id"`
}

// JSON writes the export as the export JSON of docs/DESIGN.md.
func (x *export) JSON(w io.Writer) error {
	out := jsonExport{From: x.From.Format(time.DateOnly), To: x.To.Add(-time.Nanosecond).Format(time.DateOnly),
		Answers: []jsonAnswer{}, Blockers: ledgerRows(x.Blockers, x.To)}
	for _, a := range x.Answers {
		r := a.Report
		ja := jsonAnswer{ID: r.ID, Person: r.PersonID, At: stamp(r.At), Day: r.At.In(x.Loc).Format(time.DateOnly),
			Channel: r.Channel, TS: r.TS, Source: string(r.Source), Text: r.Text, Read: []jsonEffect{}}
		for _, f := range a.Effects {
			ja.Read = append(ja.Read, jsonEffect{Effect: string(f.Effect), Blocker: f.Blocker.ID})
		}
		out.Answers = append(out.Answers, ja)
	}
	return writeJSON(w, out)
}

// exportHeader names the export CSV's columns: the answer's, then one blocker it
// touched, as it stood at the end of the range.
var exportHeader = []string{"report_id", "person", "at", "day", "channel", "ts", "source", "text",
	"effect", "blocker_id", "target_kind", "target_name", "target_node", "target_role", "topic",
	"blocker_status", "closed_at", "closed_how"}

// CSV writes one row per answer and blocker it touched (an answer that touched
// none has one row with the blocker columns empty). User text is made inert for
// spreadsheets, as in `unblock blockers -format csv`.
func (x *export) CSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(exportHeader); err != nil {
		return err
	}
	for _, a := range x.Answers {
		r := a.Report
		answer := []string{strconv.FormatInt(r.ID, 10), r.PersonID, stamp(r.At), r.At.In(x.Loc).Format(time.DateOnly),
			r.Channel, r.TS, string(r.Source), inert(r.Text)}
		if len(a.Effects) == 0 {
			if err := cw.Write(append(answer, make([]string, len(exportHeader)-len(answer))...)); err != nil {
				return err
			}
		}
		for _, f := range a.Effects {
			e := x.blocker(f)
			closed := ""
			if !e.ResolvedAt.IsZero() && !e.ResolvedAt.After(x.To) {
				closed = stamp(e.ResolvedAt)
			}
			how := ""
			if closed != "" {
				how = string(e.Resolution)
			}
			row := append(answer[:len(answer):len(answer)], string(f.Effect), strconv.FormatInt(e.ID, 10),
				string(e.Target.Kind), inert(e.Target.Name), inert(e.To), string(e.ToRole), inert(e.Topic),
				string(e.StatusAt(x.To)), closed, how)
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
