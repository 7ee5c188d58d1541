package main

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/csv"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/clock"
	"github.com/unblock-dev/unblock/config"
	"github.com/unblock-dev/unblock/digest"
	"github.com/unblock-dev/unblock/slackemu"
)

//go:embed demo.yaml
var demoConfig []byte

// DemoCommand runs the real bot against the built-in Slack emulator through a
// scripted Company X week on a virtual clock, then prints the digest.
type DemoCommand struct {
	Transcript string
	Verbose    bool
}

func (c *DemoCommand) Name() string { return "demo" }
func (c *DemoCommand) Synopsis() string {
	return "runs the bot against the built-in Slack emulator through a scripted Company X week"
}

func (c *DemoCommand) Run(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, c, "[-transcript FILE] [-v]")
	fs.StringVar(&c.Transcript, "transcript", "", "also write everything that crossed the emulator to FILE as JSON Lines")
	fs.BoolVar(&c.Verbose, "v", false, "log what the bot does")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q (run 'unblock demo -h')", fs.Arg(0))
	}
	var transcript io.Writer
	if c.Transcript != "" {
		f, err := os.Create(c.Transcript)
		if err != nil {
			return unblock.Errorf(unblock.EINVALID, "transcript: %v", err)
		}
		defer f.Close()
		transcript = f
	}
	level := slog.LevelError
	if c.Verbose {
		level = slog.LevelInfo
	}
	log := slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: level}))
	dir, err := os.MkdirTemp("", "unblock-demo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	return runDemo(ctx, env.Stdout, transcript, filepath.Join(dir, "demo.db"), log)
}

// The demo's week: Monday 16 to Sunday 22 November 2026 in Berlin; the digest goes
// out on Monday 23 at 09:00.
var (
	demoZone, _ = time.LoadLocation("Europe/Berlin")
	demoMonday  = time.Date(2026, 11, 16, 0, 0, 0, 0, demoZone)
)

// Company X's people. Their roles come from their titles.
const (
	ana   = "U0ANA0001" // Senior Backend Engineer
	ben   = "U0BEN0001" // Frontend Engineer
	quinn = "U0QUINN01" // QA Engineer
	dana  = "U0DANA001" // Senior Product Designer
	eve   = "U0EVE0001" // UX Designer
	priya = "U0PRIYA01" // Product Manager
	omar  = "U0OMAR001" // Senior Product Manager
	lena  = "U0LENA001" // VP of Engineering, a workspace admin: sets up a standup, reads the digest
	lee   = "U0LEGAL01" // Legal Counsel

	checkoutCh = "C0CHECKOUT"
	designCh   = "C0DESIGN01"
	productCh  = "C0PRODUCT1"
	leadsCh    = "C0LEADS001"
)

var demoUsers = []slackemu.User{
	{ID: ana, Name: "ana", RealName: "Ana Ruiz", Title: "Senior Backend Engineer", TZ: "Europe/Madrid"},
	{ID: ben, Name: "ben", RealName: "Ben Okafor", Title: "Frontend Engineer", TZ: "Europe/London"},
	{ID: quinn, Name: "quinn", RealName: "Quinn Baker", Title: "QA Engineer", TZ: "Europe/Berlin"},
	{ID: dana, Name: "dana", RealName: "Dana Levi", Title: "Senior Product Designer", TZ: "Europe/Berlin"},
	{ID: eve, Name: "eve", RealName: "Eve Park", Title: "UX Designer", TZ: "Europe/Berlin"},
	{ID: priya, Name: "priya", RealName: "Priya Shah", Title: "Product Manager", TZ: "Europe/Berlin"},
	{ID: omar, Name: "omar", RealName: "Omar Haddad", Title: "Senior Product Manager", TZ: "Europe/Berlin"},
	{ID: lena, Name: "lena", RealName: "Lena Vogt", Title: "VP of Engineering", TZ: "Europe/Berlin", IsAdmin: true},
	{ID: lee, Name: "lee", RealName: "Lee Marsh", Title: "Legal Counsel", TZ: "Europe/Berlin"},
}

// runDemo plays the week and prints what a lead would see.
func runDemo(ctx context.Context, out, transcript io.Writer, dbPath string, log *slog.Logger) error {
	clk := clock.NewFake(demoMonday.Add(8 * time.Hour))
	emu := slackemu.New(slackemu.Options{Now: clk.Now, Transcript: transcript})
	if err := emu.Start(); err != nil {
		return fmt.Errorf("start the Slack emulator: %w", err)
	}
	defer emu.Close()
	for _, u := range demoUsers {
		emu.AddUser(u)
	}
	emu.AddChannel(checkoutCh, "checkout-standup", ana, ben, quinn, slackemu.BotUserID)
	emu.AddChannel(designCh, "design", dana, eve, slackemu.BotUserID)
	emu.AddChannel(productCh, "product", priya, omar, slackemu.BotUserID)
	emu.AddChannel(leadsCh, "leads", lena, slackemu.BotUserID)

	env := map[string]string{
		"SLACK_APP_TOKEN": emu.AppToken(),
		"SLACK_BOT_TOKEN": emu.BotToken(),
		"SLACK_API_URL":   emu.APIURL(),
	}
	cfg, err := config.Parse("demo.yaml", bytes.NewReader(demoConfig), func(k string) string { return env[k] })
	if err != nil {
		return fmt.Errorf("the demo's config: %w", err)
	}
	app, err := openApp(ctx, cfg, dbPath, clk, log, nil, nil)
	if err != nil {
		return err
	}
	defer app.Close()

	d := &demoRun{ctx: ctx, out: out, emu: emu, clk: clk, app: app}
	if err := d.week(); err != nil {
		return err
	}
	fmt.Fprintln(out)
	fmt.Fprintln(out, "What Lena, the VP of Engineering, reads on Monday morning:")
	fmt.Fprintln(out)
	dg, err := digest.Build(ctx, app.DB, unblock.WeekEnding(demoMonday.AddDate(0, 0, 6)), digestOptions(cfg))
	if err != nil {
		return err
	}
	if err := digest.Text(out, dg); err != nil {
		return err
	}
	if err := demoExport(ctx, out, app, cfg); err != nil {
		return err
	}
	fmt.Fprintf(out, "\n%d Web API calls and %d envelopes crossed the emulator; the digest went to #leads and to Lena by DM with the role graph as a picture (%d files uploaded).\n",
		len(emu.Calls("")), len(emu.Envelopes()), len(emu.Files()))
	return nil
}

// demoExportRows is how many rows of the week's export the demo shows.
const demoExportRows = 5

// demoExportColumns are the export's columns the demo shows: the answers' text
// runs over several lines, which a spreadsheet shows in one cell.
var demoExportColumns = []string{"report_id", "person", "day", "source", "effect", "blocker_id", "target_node", "topic", "blocker_status"}

// demoExport shows the week's answers as `unblock export` writes them for a
// spreadsheet: a few of its columns, in its first rows.
func demoExport(ctx context.Context, out io.Writer, app *App, cfg *config.Config) error {
	week := unblock.WeekEnding(demoMonday.AddDate(0, 0, 6))
	x, err := readExport(ctx, app.DB, week.From, week.To, cfg.Location())
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := x.CSV(&buf); err != nil {
		return err
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		return err
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	// The demo's database goes when it ends, so no command line here could run as
	// printed: the export is named, with the week's dates, not spelled out.
	fmt.Fprintf(out, "\nFor a spreadsheet, unblock export (with -from %s -to %s, on your own config) writes every answer with what was read from it: %d rows; the first %d, some of their columns:\n\n",
		week.From.Format(time.DateOnly), week.To.AddDate(0, 0, -1).Format(time.DateOnly), len(rows)-1, demoExportRows)
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	for i, row := range rows {
		if i > demoExportRows {
			break
		}
		cells := make([]string, len(demoExportColumns))
		for j, name := range demoExportColumns {
			cells[j] = row[col[name]]
		}
		fmt.Fprintf(w, "  %s\n", strings.Join(cells, "\t"))
	}
	return w.Flush()
}
