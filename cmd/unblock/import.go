package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/clock"
	"github.com/unblock-dev/unblock/llm"
	"github.com/unblock-dev/unblock/parse"
	"github.com/unblock-dev/unblock/slackexport"
	"github.com/unblock-dev/unblock/store"
)

// DefaultBotName is the name of the bot user an import looks for in the
// export's users.json when -bot-user is not given: the one the app manifest
// gives unblock's bot.
const DefaultBotName = "unblock"

// ImportCommand backfills a Slack export into the database.
type ImportCommand struct {
	ConfigPath string
	DBPath     string
	Reader     string
	BotUser    string // unblock's bot user ID; "" finds it in the export by DefaultBotName
}

func (c *ImportCommand) Name() string { return "import" }
func (c *ImportCommand) Synopsis() string {
	return "backfills a Slack export (.zip or its folder) into the database; safe to run twice"
}

func (c *ImportCommand) Run(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, c, "-config FILE [-db PATH] [-reader rules|llm] [-bot-user ID] EXPORT.zip|EXPORT-FOLDER")
	fs.StringVar(&c.ConfigPath, "config", "", "path to the YAML config (required)")
	fs.StringVar(&c.DBPath, "db", "", dbFlagUsage)
	fs.StringVar(&c.Reader, "reader", "rules", "rules, or llm: the rules, then the LLM of the config's reader: section on their candidates, at its requests_per_minute")
	fs.StringVar(&c.BotUser, "bot-user", "", "unblock's bot user ID (U…), so a message that @mentions it is read as told to it, as the bot reads it (default: the export's bot user named "+DefaultBotName+")")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if c.BotUser != "" && !userID(c.BotUser) {
		return usagef("-bot-user is a user ID (U… or W…, capital letters and digits, like U024BE7LH), not %q", c.BotUser)
	}
	if fs.NArg() != 1 {
		return usagef("give exactly one export: its .zip, or the folder it unzips to (run 'unblock import -h')")
	}
	if c.ConfigPath == "" {
		return usagef("-config FILE is required (config.example.yaml works as it is)")
	}
	if c.Reader != "rules" && c.Reader != "llm" {
		return usagef("-reader is rules or llm, not %q", c.Reader)
	}
	cfg, err := loadConfig(env, c.ConfigPath)
	if err != nil {
		return err
	}
	if c.Reader == "llm" && !cfg.Reader.Enabled() {
		return unblock.Errorf(unblock.EINVALID, "-reader llm needs the config's reader: section (url and model)")
	}
	dbPath := c.DBPath
	if dbPath == "" {
		dbPath = cfg.DatabasePath()
	}
	if unblock.IsPostgresKeywords(dbPath) { // before reading a large export
		return unblock.PostgresKeywordsError(store.Redacted(dbPath))
	}
	exp, err := slackexport.Open(fs.Arg(0))
	if err != nil {
		return err
	}
	for _, line := range exp.Skipped {
		fmt.Fprintf(env.Stderr, "warning: %s\n", line)
	}
	// Which bot user is unblock, so that a message told to it (@unblock) is read
	// as the bot reads it, and a DM with it as a DM to it. When the export names
	// none, none is told: a reply under another's post that mentions the bot
	// stays chat, and no DM is read.
	botUsers := exp.BotUsers(DefaultBotName)
	if c.BotUser != "" {
		botUsers = []string{c.BotUser}
	}
	private := exp.KeepDirectWith(botUsers) // DMs between people and group DMs are never read
	if len(cfg.PassiveChannels) > 0 {
		for _, name := range exp.Filter(cfg.PassiveChannels) {
			fmt.Fprintf(env.Stderr, "warning: passive channel %s is not in the export\n", name)
		}
	}
	db, err := store.Open(ctx, dbPath)
	if err != nil {
		return err // store.Open's errors name the database
	}
	defer db.Close()
	// People are placed in the config's teams, then in those set up in the App
	// Home, as the bot places them: an import never undoes what the bot did.
	setups, err := appHomeTeams(ctx, cfg, db)
	if err != nil {
		return err
	}
	rules := cfg.RoleRules().WithSetupTeams(setups)
	for i, p := range exp.People {
		if p.Team == "" {
			p.Team = cfg.TeamOf(p.ID)
		}
		if p.Team == "" {
			p.Team = unblock.SetupTeamOf(setups, p.ID, nil)
		}
		p.Role, p.RoleSource, p.RoleDetail = rules.Resolve(p, nil)
		exp.People[i] = p
	}
	lex := parse.NewLexicon()
	teachLexicon(cfg, lex)
	for _, t := range setups {
		lex.AddTeamName(t.Name, t.DefaultRole)
	}
	for _, p := range exp.People {
		if !p.IsBot && !p.Deleted {
			for _, name := range p.Names() {
				lex.AddPerson(name, p.ID)
			}
		}
	}

	db.SetExpireAfter(cfg.Blockers.ExpireAfter)
	db.SetDayZone(cfg.Location()) // the days of people whose profile has no time zone
	db.SetExpireSilence(cfg.Blockers.ExpireSilence())
	db.SetStoreText(cfg.Privacy.StoreText)

	var worker *llm.Worker
	if c.Reader == "llm" {
		if worker, err = readerWorker(cfg, db, clock.Real{}, slog.New(slog.NewTextHandler(env.Stderr, nil))); err != nil {
			return err
		}
	}

	// Messages are parsed on a goroutine of their own (slackexport.Import), and
	// a message the parser fails on says so on stderr, as progress does.
	stderr := &lockedWriter{w: env.Stderr}
	progress := c.progress(env, stderr, "importing", "messages", len(exp.Messages))
	var stats slackexport.Stats
	var newBlockers int
	// The write transaction runs under a context that is never cancelled, so that
	// go-sqlite3 runs its statements without a goroutine each; Import checks ctx
	// between messages, and a cancelled import rolls back.
	write := context.WithoutCancel(ctx)
	err = db.Update(write, func(tx *store.Tx) error {
		if bulkImport {
			tx.Bulk()
		}
		tx.CountOnly() // the import looks at no Change
		before, err := tx.BlockerCount(write)
		if err != nil {
			return err
		}
		if err := tx.UpsertTeams(write, cfg.Teams()); err != nil {
			return err
		}
		sink := &txSink{tx: tx, standupChannels: map[string]bool{}, names: map[string]string{}, dms: map[string]bool{},
			replies: exp.RepliesToOthers, bots: botUsers}
		if worker != nil {
			sink.read = map[string]bool{}
			for _, ch := range cfg.Reader.Channels {
				sink.read[ch] = true
			}
		}
		for _, t := range cfg.Teams() {
			sink.standupChannels[t.Channel] = t.Channel != ""
		}
		for _, ch := range exp.Channels {
			// After KeepDirectWith the export's DMs are with the bot; after
			// Filter its other channels are the passive ones.
			sink.dms[ch.ID] = ch.Kind == slackexport.KindDM
			if len(cfg.PassiveChannels) > 0 && !sink.dms[ch.ID] {
				sink.standupChannels[ch.ID] = true
			}
			sink.names[ch.ID] = ch.Name
		}
		stats, err = slackexport.Import(ctx, exp, sink, func(r unblock.Report) (unblock.Report, unblock.Statement) {
			return sink.readSafely(stderr, r, lex)
		}, progress)
		if err != nil {
			return err
		}
		// What the import added to the ledger, net: a report older than the
		// history it joins may take over a blocker a later one had opened, and
		// an edit or a deletion withdraws what it alone opened.
		after, err := tx.BlockerCount(write)
		newBlockers = after - before
		return err
	})
	if err != nil {
		return fmt.Errorf("import %s (nothing was written): %w", fs.Arg(0), err)
	}
	if err := db.Analyze(ctx); err != nil {
		return fmt.Errorf("import %s: %w", fs.Arg(0), err)
	}
	if keep := cfg.Privacy.TextKeep(); keep > 0 {
		if _, err := db.DropTextBefore(ctx, time.Now().Add(-keep)); err != nil {
			return fmt.Errorf("import %s: privacy.text_days: %w", fs.Arg(0), err)
		}
	}
	added := unblock.Plural(newBlockers, "new blocker") + " in the ledger"
	if newBlockers < 0 {
		added = unblock.Plural(-newBlockers, "blocker") + " fewer in the ledger (withdrawn by edits and deletions)"
	}
	fmt.Fprintf(env.Stdout, "imported %s into %s: %s, %s, %s; %s (%d stating a blocker, %d a resolution, %d no blockers); %s\n",
		fs.Arg(0), store.Redacted(dbPath), unblock.Plural(stats.People, "person"), unblock.Plural(stats.Channels, "channel"),
		unblock.Plural(stats.Messages, "message"), unblock.Plural(stats.Reports, "report"), stats.Blocked, stats.Resolved, stats.None, added)
	if private > 0 {
		fmt.Fprintf(env.Stdout, "%s left out: DMs between people and group DMs are never read, only DMs with unblock's bot user\n", unblock.Plural(private, "private conversation"))
	}
	if n := len(exp.Skipped); n > 0 {
		fmt.Fprintf(env.Stdout, "%s: parts of the export were left out (the warning lines above say which)\n", unblock.Plural(n, "warning"))
	}
	if n := len(exp.Messages); n > 0 {
		// The digest and the ledger default to today: an export's weeks are in the past.
		first := exp.Messages[0].At.In(cfg.Location()).Format(time.DateOnly)
		last := exp.Messages[n-1].At.In(cfg.Location()).Format(time.DateOnly)
		args := append(offlineArgs("digest", c.ConfigPath, c.DBPath), "-as-of", last)
		fmt.Fprintf(env.Stdout, "the export's messages run from %s to %s: '%s' shows its last week\n", first, last, hint(args...))
	}
	if worker == nil {
		return nil
	}
	// The rules' reading is committed: the LLM revises it statement by statement,
	// each in its own transaction, so an interrupted run resumes where it stopped.
	n, err := db.CountReadings(ctx)
	if err != nil {
		return err
	}
	rs, err := worker.Drain(ctx, c.progress(env, env.Stderr, "reading with the LLM", "statements", n))
	if err != nil {
		return fmt.Errorf("read with the LLM (the rules' reading stands for the rest; run the import again to go on): %w", err)
	}
	fmt.Fprintf(env.Stdout, "read %s with %s: %d revised, %d left to the rules (no usable answer)\n",
		unblock.Plural(rs.Revised+rs.Stale+rs.Dropped, "statement"), cfg.Reader.Model, rs.Revised, rs.Dropped)
	return nil
}

// bulkImport writes an import's history in batches (store.Tx.Bulk); tests turn
// it off to compare the ledger it writes with the one written a statement a
// time.
var bulkImport = true

// progress returns a progress bar on a terminal (env's stderr) and plain log
// lines otherwise, written to w (env's stderr, or a writer over it).
func (c *ImportCommand) progress(env *Env, w io.Writer, what, unit string, total int) func(done, total int) {
	if f, ok := env.Stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		bar := progressbar.NewOptions(total,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription(what),
			progressbar.OptionShowCount(),
			progressbar.OptionThrottle(100_000_000),
			progressbar.OptionClearOnFinish(),
		)
		return func(done, _ int) { _ = bar.Set(done) }
	}
	lastDecile := -1
	return func(done, total int) {
		if total == 0 {
			return
		}
		if d := done * 10 / total; d != lastDecile {
			lastDecile = d
			fmt.Fprintf(w, "%s: %d/%d %s (%d%%)\n", what, done, total, unit, done*100/total)
		}
	}
}

// txSink feeds an import into one store transaction.
type txSink struct {
	tx *store.Tx
	// standupChannels are the teams' channels and the configured passive ones:
	// every post there is a standup report.
	standupChannels map[string]bool
	names           map[string]string // channel ID -> name, for channels named for standups
	dms             map[string]bool   // the DMs with unblock's bot user: read as DMs to it
	// replies are the channel and ts of replies under another's post
	// (slackexport.Export.RepliesToOthers): chat wherever they were posted.
	replies map[[2]string]bool
	// bots are the user IDs of unblock's bot user: a message that mentions
	// one is told to the bot (told).
	bots []string
	// read, when not nil, queues the rules' candidates for the LLM reader, in
	// these channels only unless it is empty.
	read map[string]bool
}

func (s *txSink) UpsertPeople(ctx context.Context, people []unblock.Person) error {
	return s.tx.UpsertPeople(ctx, people)
}

// posting is where r was posted, as far as the standup rule asks; the export
// marked r.Standup on a standup bot's post and on a reply to a standup prompt.
func (s *txSink) posting(r unblock.Report) unblock.Posting {
	return unblock.Posting{DM: s.dms[r.Channel], StandupBot: r.Standup, TeamChannel: s.standupChannels[r.Channel], ChannelName: s.names[r.Channel],
		ReplyToOther: s.replies[[2]string{r.Channel, r.TS}]}
}

// ApplyReports applies a batch of messages, marked by readSafely, and queues
// the LLM reader's candidates among them.
func (s *txSink) ApplyReports(ctx context.Context, reports []unblock.Report, statements []unblock.Statement) error {
	if err := s.tx.ApplyReports(ctx, reports, statements); err != nil || s.read == nil {
		return err
	}
	for i, r := range reports {
		if st := statements[i]; (len(s.read) == 0 || s.read[r.Channel]) && llm.Candidate(r.Text, st, r.Standup) {
			if err := s.tx.QueueReading(ctx, r, st, time.Now()); err != nil {
				return err
			}
		}
	}
	return nil
}

// DeleteReport withdraws a deleted message, and any reading queued for it, as the
// live bot does (store's DeleteReportQueued).
func (s *txSink) DeleteReport(ctx context.Context, channel, ts string, at time.Time) error {
	_, err := s.tx.DeleteReportQueued(ctx, channel, ts, at)
	return err
}

// readSafely parses one message and marks it a standup report or not, by the
// rule the live bot asks too (parse.StandupReport), in one reading of its text
// (parse.ParseStandup). A parser bug on one message (a panic) skips that
// message's statement with a line on stderr instead of failing the whole
// import; the standup rule is then asked alone. Import calls it on the
// goroutine that reads ahead of the transaction (it only reads s's maps).
//
// A message told to the bot (it mentions unblock's bot user) is read as the
// live bot reads it: the mention is taken out of its text, a reply under
// another's post is no chat for it (unblock.Posting.Mention), and outside any
// standup it is read as a report, not as chat.
func (s *txSink) readSafely(stderr io.Writer, r unblock.Report, lex *parse.Lexicon) (out unblock.Report, st unblock.Statement) {
	p := s.posting(r)
	r.Text, p.Mention = unblock.ToldBot(r.Text, s.bots...)
	defer func() {
		if e := recover(); e != nil {
			fmt.Fprintf(stderr, "unblock import: a message could not be read and is skipped (parser error: %v)\n", e)
			st = unblock.Statement{Text: r.Text}
			out = r
			out.Standup = parse.StandupReport(p, r.Text)
		}
	}()
	st, r.Standup = parse.ParseStandup(r.Text, lex, p)
	if p.Mention && !r.Standup {
		st = parse.Parse(r.Text, lex) // told to the bot: a report, not chat
	}
	return r, st
}

// userID reports whether s looks like a Slack user ID, as the config checks
// one: U or W, then two or more capital letters and digits.
func userID(s string) bool {
	if len(s) < 3 || s[0] != 'U' && s[0] != 'W' {
		return false
	}
	for _, c := range s[1:] {
		if (c < 'A' || c > 'Z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// lockedWriter is a writer several goroutines share.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
