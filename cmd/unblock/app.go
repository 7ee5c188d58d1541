package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/bot"
	"github.com/unblock-dev/unblock/clock"
	"github.com/unblock-dev/unblock/config"
	"github.com/unblock-dev/unblock/digest"
	"github.com/unblock-dev/unblock/graph"
	"github.com/unblock-dev/unblock/ops"
	"github.com/unblock-dev/unblock/parse"
	"github.com/unblock-dev/unblock/standup"
	"github.com/unblock-dev/unblock/store"
)

// App is the running bot with its store and schedules: what `run` and `demo` share.
type App struct {
	DB  *store.DB
	Bot *bot.Bot

	teams      *teamSource // the YAML's teams and the App Home's, handed to the scheduler
	cancel     context.CancelFunc
	wg         sync.WaitGroup
	scheduling atomic.Bool // the standup scheduler runs
	standingBy atomic.Bool // another replica runs the schedules; this one waits to take over
}

// Checks are the readiness checks of /readyz: Slack connected, database
// writable, scheduler running.
func (a *App) Checks() map[string]ops.Check {
	return map[string]ops.Check{
		"slack": func(context.Context) error {
			if !a.Bot.Connected() {
				return errors.New("Socket Mode is not connected")
			}
			return nil
		},
		"database": a.DB.CheckWritable,
		"scheduler": func(context.Context) error {
			if !a.scheduling.Load() && !a.standingBy.Load() {
				return errors.New("the standup scheduler is not running")
			}
			return nil
		},
	}
}

// opsState is what the metrics read from the store at every scrape.
type opsState struct{ db *store.DB }

func (s opsState) InboxDepth(ctx context.Context) (int, error) { return s.db.InboxDepth(ctx) }
func (s opsState) OpenBlockers(ctx context.Context, at time.Time) ([]unblock.Blocker, error) {
	return s.db.OpenBlockers(ctx, at)
}
func (s opsState) OutboxDepth(ctx context.Context) (int, int, error) { return s.db.OutboxDepth(ctx) }
func (s opsState) CountReadings(ctx context.Context) (int, error)    { return s.db.CountReadings(ctx) }

// LastDigest is when the last weekly digest was delivered to Slack: one decided
// and not sent (pending, or dead-lettered: a channel the bot is not in) does not
// count, so the README's alert on it fires when digests fail to send.
func (s opsState) LastDigest(ctx context.Context) (time.Time, error) {
	return s.db.LastDelivered(ctx, bot.DigestKeyPrefix)
}

// openApp opens the store, connects the bot and starts the standup and digest
// schedules on clk. Close stops everything and waits.
//
// m, when not nil, receives the bot's metrics and reads the store's state at
// every scrape.
func openApp(ctx context.Context, cfg *config.Config, dbPath string, clk clock.Clock, log *slog.Logger, hc *http.Client, m *ops.Metrics) (*App, error) {
	var db *store.DB
	err := untilUnlocked(ctx, log, "open", func() (err error) {
		db, err = store.Open(ctx, dbPath)
		return err
	})
	if err != nil {
		return nil, err // store.Open's errors name the database
	}
	db.SetExpireAfter(cfg.Blockers.ExpireAfter)
	db.SetDayZone(cfg.Location()) // the days of people whose profile has no time zone
	db.SetExpireSilence(cfg.Blockers.ExpireSilence())
	db.SetStoreText(cfg.Privacy.StoreText)
	if err := untilUnlocked(ctx, log, "store teams", func() error { return db.UpsertTeams(ctx, cfg.Teams()) }); err != nil {
		db.Close()
		return nil, fmt.Errorf("store teams: %w", err)
	}
	bc := botConfig(cfg, clk, log, hc)
	bc.Replicas = store.IsPostgres(dbPath) // several `run` on one PostgreSQL share the app-level token by design
	if m != nil {
		bc.Metrics = m
		m.Watch(opsState{db}, clk.Now)
	}
	if cfg.Reader.Enabled() {
		if bc.Reader, err = readerWorker(cfg, db, clk, log); err != nil {
			db.Close()
			return nil, err
		}
		bc.ReaderChannels = cfg.Reader.Channels
		if m != nil {
			bc.Reader.Observe(m.Reading)
		}
		log.Info("LLM reader on", "url", unblock.RedactedURL(cfg.Reader.URL), "model", cfg.Reader.Model, "requests_per_minute", cfg.Reader.RequestsPerMinute)
	} else if n, err := db.ClearReadings(ctx); err != nil {
		log.Warn("dropping the LLM reader's queue failed", "err", err)
	} else if n > 0 {
		log.Info("LLM reader off: dropped its queue; the rules' reading stands", "readings", n)
	}
	b, err := bot.New(bc, db)
	if err != nil {
		db.Close()
		return nil, err
	}
	src := newTeamSource(cfg, db, b.GroupMembers, log)
	// The App Home before the directory: its teams place people in teams and
	// give them a team's default role, as the config's do.
	b.SetAdmin(bot.Admin{
		Admins: cfg.Admins, Teams: db, CodeTeams: src.codeTeams, Changed: src.apply, NewTeam: newTeamDefaults(cfg),
	})
	// The directory next: a team given as a user group needs its members before
	// the standup schedule is planned. It makes the start's first call with the
	// bot token (users.list): a refused token stops the start here, before the
	// channel checks, which would each fail on it too.
	if err := b.SyncDirectory(ctx); err != nil {
		if refused := startRefused(b); refused != nil {
			db.Close()
			return nil, refused
		}
		if bot.TokenRefused(err) {
			db.Close()
			return nil, err
		}
		log.Warn("directory sync failed; user-group teams have no members until a sync works (tried again with backoff)", "err", err)
	}
	teams, err := src.teams(ctx)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("read standup teams: %w", err)
	}
	sched := standup.New(teams, holidays(cfg), cfg.Location(), clk, db, db, b, log)
	// A prompt the database cannot record cannot be sent: stop, as the inbox does.
	sched.OnUnwritable(b.Halt)
	sched.SetBusy(store.Busy)
	b.SetStandups(sched, teams)
	src.sched, src.bot = sched, b
	// A sync that finds the user groups' members changed (the first that works
	// after the start's failed, too) gives the teams of user groups their members.
	b.OnGroupsChanged(src.apply)
	for _, p := range b.CheckChannels(ctx, postChannels(cfg)) {
		log.Warn("unblock cannot post in a configured channel", "problem", p)
	}
	app := &App{DB: db, Bot: b, teams: src}
	if err := b.Open(ctx); err != nil {
		db.Close()
		if refused := startRefused(b); refused != nil {
			return nil, refused
		}
		return nil, err
	}
	runCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	app.cancel = cancel
	app.wg.Add(1)
	app.standingBy.Store(true) // ready from the start: the schedules begin as soon as the lease is held
	go func() {
		defer app.wg.Done()
		app.leadSchedules(runCtx, log, func(ctx context.Context) {
			// The teams as they are now: another replica may have changed them
			// while this one stood by.
			if err := src.apply(ctx); err != nil && ctx.Err() == nil {
				log.Error("reading the standup teams failed; running the ones read at start", "err", err)
			}
			var wg sync.WaitGroup
			if store.IsPostgres(db.Path()) {
				wg.Go(func() { src.watch(ctx, DefaultTeamsPoll, src.apply) })
			}
			wg.Go(func() {
				if err := sched.Run(ctx); err != nil && ctx.Err() == nil {
					log.Error("standup scheduler stopped", "err", err)
				}
			})
			wg.Go(func() {
				d := digestDelivery(cfg)
				d.MoreLeads = src.moreLeads
				b.RunDigests(ctx, clk, d, db)
			})
			wg.Wait()
		})
	}()
	return app, nil
}

// startRefused returns the refused token the bot stopped on while starting, as
// its "stopping" line logged it (naming the call Slack refused first), or nil.
// The start ends with that error, so its last line names the same call as the log.
func startRefused(b *bot.Bot) error {
	select {
	case err := <-b.Fatal():
		return err
	default:
		return nil
	}
}

// Reload takes the teams of cfg, the config read again (SIGHUP), and applies
// them with the teams set up in the App Home, with no restart. Other settings
// take effect at the next start.
func (a *App) Reload(ctx context.Context, cfg *config.Config) error {
	return a.teams.reload(ctx, cfg)
}

// standupTeams copies each team's standup settings out of the config; members
// are the configured ones plus those of the team's user group.
func standupTeams(cfg *config.Config, groupMembers func(string) []string) []standup.Team {
	var teams []standup.Team
	for _, t := range cfg.TeamConfigs {
		st := standup.Team{
			Name: t.Name, Channel: t.Channel, Questions: t.Questions,
			Schedule: t.Cron(), ReminderAfter: t.ReminderAfter, AnswerWindow: t.AnswerWindow,
			EveningBefore: t.OpenEveningBefore, Summary: t.Summary, PublicReminders: t.PublicReminders,
		}
		seen := map[string]bool{}
		for _, m := range t.Members {
			if !seen[m] {
				seen[m] = true
				st.Members = append(st.Members, m)
			}
		}
		if t.UserGroup != "" {
			for _, m := range groupMembers(t.UserGroup) {
				if !seen[m] {
					seen[m] = true
					st.Members = append(st.Members, m)
				}
			}
		}
		if !t.PerMemberZone() {
			st.Location = t.Location()
		}
		teams = append(teams, st)
	}
	return teams
}

// holidays returns the config's holidays as dates in its time zone.
func holidays(cfg *config.Config) []time.Time {
	var days []time.Time
	for _, h := range cfg.Holidays {
		if d, err := time.ParseInLocation("2006-01-02", h, cfg.Location()); err == nil {
			days = append(days, d)
		}
	}
	return days
}

// Close stops the schedules and the bot, then closes the store.
func (a *App) Close() error {
	if a.cancel != nil {
		a.cancel()
	}
	a.wg.Wait()
	a.Bot.Close()
	return a.DB.Close()
}

// botConfig copies what the bot needs out of the config.
func botConfig(cfg *config.Config, clk clock.Clock, log *slog.Logger, hc *http.Client) bot.Config {
	teamOf := map[string]string{}
	teamGroups := map[string]string{}
	teamRoles := map[string]unblock.Role{}
	var teams []string
	for _, t := range cfg.Teams() {
		teams = append(teams, t.Name)
		teamRoles[t.Name] = t.DefaultRole
		if t.UserGroup != "" {
			teamGroups[t.UserGroup] = t.Name
		}
		for _, m := range t.Members {
			teamOf[m] = t.Name
		}
	}
	for _, p := range cfg.People {
		if p.Team != "" {
			teamOf[p.ID] = p.Team
		}
	}
	return bot.Config{
		AppToken:        cfg.Slack.AppToken,
		BotToken:        cfg.Slack.BotToken,
		APIURL:          cfg.Slack.APIURL,
		PassiveChannels: cfg.PassiveChannels,
		RoleRules:       cfg.RoleRules(),
		TeamOf:          teamOf,
		TeamGroups:      teamGroups,
		Teach:           func(lex *parse.Lexicon) { teachLexicon(cfg, lex) },
		Roles:           cfg.Vocabulary(),
		Teams:           teams,
		TeamRoles:       teamRoles,
		RoleOwners:      cfg.RoleOwners(),
		ShareTopics:     cfg.Privacy.ShareTopicsInDigest,
		Leads:           cfg.Digest.Leads,
		TextKeep:        cfg.Privacy.TextKeep(),
		HTTPClient:      hc,
		Now:             clk.Now,
		Logger:          log,
	}
}

// teachLexicon adds the config's words to the parser (config.TeachParser).
func teachLexicon(cfg *config.Config, lex *parse.Lexicon) { cfg.TeachParser(lex) }

func digestDelivery(cfg *config.Config) bot.DigestDelivery {
	return bot.DigestDelivery{
		Schedule: cfg.Digest.Cron(),
		Location: cfg.Digest.Location(),
		Channel:  cfg.Digest.Channel,
		Leads:    cfg.Digest.Leads,
		Options:  digestOptions(cfg),
	}
}

// postChannels maps each channel the config has the bot post in to what it is for.
func postChannels(cfg *config.Config) map[string]string {
	uses := map[string]string{}
	if c := cfg.Digest.Channel; c != "" {
		uses[c] = "the weekly digest"
	}
	for _, t := range cfg.TeamConfigs {
		if t.Channel != "" && t.Summary {
			if uses[t.Channel] == "" {
				uses[t.Channel] = "the standup summary of team " + t.Name
			}
		}
	}
	return uses
}

// untilUnlocked runs fn, a step of the start that writes, again for as long as it
// fails on the database's write lock held by another process (store.Busy: past
// the busy timeout, or PostgreSQL's lock timeout). A lock held at start (a
// backup, an import, someone's sqlite3 shell, a crash's restart racing a
// stand-in's lock) is waited out, one line each try, not taken for a fatal
// error; ctx ending stops the wait.
func untilUnlocked(ctx context.Context, log *slog.Logger, step string, fn func() error) error {
	for attempt := 1; ; attempt++ {
		err := fn()
		if err == nil || !store.Busy(err) || ctx.Err() != nil {
			return err
		}
		wait := min(time.Duration(attempt)*time.Second, maxLockWait)
		log.Warn("the database is locked by another process; waiting for it to be released", "step", step, "attempt", attempt, "next_in", wait)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
	}
}

// maxLockWait bounds the pause between two tries of a start step that met a lock
// (each try itself waits the busy timeout).
const maxLockWait = 30 * time.Second

func openFile(path string) (*os.File, error) { return os.Open(path) }

// digestOptions carries the config's digest settings: staleness and privacy.
func digestOptions(cfg *config.Config) digest.Options {
	return digest.Options{StaleAfter: cfg.Blockers.StaleAfter, HideTopics: !cfg.Privacy.ShareTopicsInDigest,
		Graph: graph.Options{Roles: cfg.Vocabulary()}}
}

// leadSchedules runs the schedules (prompts, reminders, digests) while this
// process holds the store's schedules lease, until ctx is done. On SQLite the one
// process on the file holds it at once. On PostgreSQL one replica holds it; the
// others stand by (ready, processing what they receive) and one of them takes
// over when the holder dies or loses its connection (store.Lease).
func (a *App) leadSchedules(ctx context.Context, log *slog.Logger, run func(ctx context.Context)) {
	for ctx.Err() == nil {
		a.standingBy.Store(true)
		waiting := time.Now()
		if store.IsPostgres(a.DB.Path()) {
			log.Info("standing by: the schedules run on the replica that holds the schedules lease, or here once it is free")
		}
		lease, err := a.DB.LeadSchedules(ctx)
		if err != nil {
			if ctx.Err() == nil {
				log.Error("schedules lease: cannot reach the database; trying again", "err", err)
				wait, release := clock.Real{}.At(time.Now().Add(bot.RetryBase))
				select {
				case <-ctx.Done():
				case <-wait:
				}
				release()
			}
			continue
		}
		if store.IsPostgres(a.DB.Path()) {
			log.Info("running the schedules: this replica holds the schedules lease", "waited", time.Since(waiting).Round(time.Millisecond).String())
		}
		sctx, stop := context.WithCancel(ctx)
		a.scheduling.Store(true)
		a.standingBy.Store(false)
		done := make(chan struct{})
		go func() { defer close(done); run(sctx) }()
		select {
		case <-ctx.Done():
		case <-lease.Lost():
			log.Warn("schedules lease lost: stopping the schedules; another replica takes them over", "err", lease.Err())
		case <-done:
		}
		stop()
		<-done
		a.scheduling.Store(false)
		lease.Release()
		if ctx.Err() == nil {
			select {
			case <-lease.Lost():
			default:
				return // the schedules ended on their own (nothing to schedule)
			}
		}
	}
	a.standingBy.Store(false)
}
