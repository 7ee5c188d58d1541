// Package bot is the Slack side of unblock: the Socket Mode loop, ack-after-commit,
// routing of events, slash commands and interactions, and Web API writes. It knows
// nothing of SQL: it talks to the store through the small interfaces below.
package bot

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/clock"
	"github.com/unblock-dev/unblock/llm"
	"github.com/unblock-dev/unblock/parse"
	"github.com/unblock-dev/unblock/standup"
)

// Defaults for Config fields left zero.
const (
	// DefaultDirectoryRefresh is how often users and user groups are re-read (6 hours).
	DefaultDirectoryRefresh = 6 * time.Hour
	// InboxKeep is how long processed envelopes are kept for dedupe (7 days);
	// Slack stops redelivering long before.
	InboxKeep = 7 * 24 * time.Hour
	// DefaultPingInterval is how long slack-go waits for a WebSocket ping before it
	// reconnects (Slack pings every few seconds).
	DefaultPingInterval = 30 * time.Second
	// DefaultStartPatience is how long Open keeps trying auth.test while it fails
	// in a way that passes (a 5xx, a 429, a timeout, a proxy's page): two minutes,
	// so a bot started during a short Slack or network outage rides it out.
	DefaultStartPatience = 2 * time.Minute
)

// Config is what the bot needs from the outside, copied in when wiring.
type Config struct {
	AppToken string // xapp-…, only for apps.connections.open
	BotToken string // xoxb-…, for the Web API
	APIURL   string // ends in "/", e.g. https://slack.com/api/

	// PassiveChannels restricts passive reading to these channel IDs; empty means
	// every channel the bot is a member of.
	PassiveChannels []string
	// RoleRules resolve people's roles after each directory sync.
	RoleRules unblock.RoleRules
	// TeamOf maps user IDs to their unblock team (from the config).
	TeamOf map[string]string
	// TeamGroups maps user group IDs to the team whose members they are.
	TeamGroups map[string]string
	// Teach adds the company's words to a fresh lexicon (roles, people, teams).
	Teach func(*parse.Lexicon)
	// Roles is the role vocabulary, the built-in one extended by the config;
	// nil means the built-in one.
	Roles *unblock.Vocabulary
	// Teams are the configured team names, for "/blocked TEAM", with their default roles.
	Teams     []string
	TeamRoles map[string]unblock.Role
	// RoleOwners are the people nudged for a blocker on a role.
	RoleOwners map[unblock.Role]string
	// ShareTopics is privacy.share_topics_in_digest: when set, every /blocked answer
	// and the App Home show what others wait for (their blockers' topics), and
	// "/blocked why @person" shows anyone the evidence of another person's blockers
	// (topics, dates, what each report did, never the reports' text); when not,
	// each person sees only their own topics (topicsShown).
	ShareTopics bool
	// Leads are the people who see others' history ("/blocked history @person")
	// and, in participation, who missed or answered late (digest.leads).
	Leads []string

	// Reader is the optional LLM reader's worker, nil when it is off. The bot
	// queues the rules' candidates for it, in the report's own transaction,
	// from ReaderChannels (every channel it reads when empty), and runs it
	// until Close. The store must then be a ReaderStore.
	Reader         *llm.Worker
	ReaderChannels []string
	// TextKeep is how long what people wrote is kept (privacy.text_days); 0 keeps it.
	TextKeep time.Duration

	DirectoryRefresh time.Duration
	PingInterval     time.Duration
	// SilenceLimit is how long the socket may read nothing before it is taken for
	// half-open and reconnected; default DefaultSilenceLimit.
	SilenceLimit time.Duration
	Metrics      Metrics       // nil: none
	HTTPClient   *http.Client  // nil: one with HTTPTimeout
	HTTPTimeout  time.Duration // bounds every Web API call; default DefaultHTTPTimeout
	// StartPatience bounds how long Open retries auth.test failures that pass;
	// default DefaultStartPatience. A refused token stops Open at once.
	StartPatience time.Duration
	Now           func() time.Time
	// Clock paces the outbox's retries; nil means Now with real timers.
	Clock  clock.Clock
	Logger *slog.Logger
	// Replicas says other processes share the bot's database and its app-level
	// token by design (PostgreSQL replicas): their Socket Mode connections are
	// no reason to warn. Without it (SQLite: one process), another connection
	// on the token is a process that should not be there, and the bot says so.
	Replicas bool
}

// Store is what the bot needs of the store; *store.DB satisfies it. It is the
// four jobs below, each a small interface of its own.
type Store interface {
	Inbox
	Directory
	Blockers
	Posts
	Outbox
	Records
}

// Inbox holds received envelopes between their commit and their processing.
type Inbox interface {
	// InboxAddAll commits envelopes (Key, Kind, Payload) in one transaction and
	// reports which were new.
	InboxAddAll(ctx context.Context, items []unblock.InboxItem, at time.Time) ([]bool, error)
	InboxPending(ctx context.Context, limit int) ([]unblock.InboxItem, error)
	// InboxClaim, inside Atomic, reports whether an item is still to be processed
	// here: false when it was processed already (by another replica, too).
	InboxClaim(ctx context.Context, key string) (bool, error)
	// InboxDoneKey marks an item processed; inside Atomic it commits with the processing.
	InboxDoneKey(ctx context.Context, key string, at time.Time, procErr error) error
	// InboxSettle marks in the inbox file the items whose processing committed
	// without error, done at `at`.
	InboxSettle(ctx context.Context, items []unblock.InboxItem, at time.Time) error
	InboxPrune(ctx context.Context, before time.Time) (int64, error)
	DropTextBefore(ctx context.Context, t time.Time) (int64, error)
}

// Directory holds people: who they are, their roles and whether they are away.
type Directory interface {
	UpsertPeople(ctx context.Context, people []unblock.Person) error
	People(ctx context.Context) ([]unblock.Person, error)
	Person(ctx context.Context, id string) (unblock.Person, error)
	SetAway(ctx context.Context, personID string, until time.Time) error
}

// Blockers applies reports to the blocker lifecycle and answers questions about it.
type Blockers interface {
	ApplyReport(ctx context.Context, r unblock.Report, st unblock.Statement) (unblock.Change, error)
	DeleteReport(ctx context.Context, channel, ts string, at time.Time) (unblock.Change, error)
	Blocker(ctx context.Context, id int64) (unblock.Blocker, error)
	ResolveBlocker(ctx context.Context, id int64, how unblock.Resolution, at time.Time) (unblock.Blocker, error)
	OpenBlockers(ctx context.Context, at time.Time) ([]unblock.Blocker, error)
	BlockersOf(ctx context.Context, personID string, at time.Time) ([]unblock.Blocker, error)
	// LedgerOf returns a person's blockers opened by `at` with their evidence.
	LedgerOf(ctx context.Context, personID string, at time.Time) ([]unblock.LedgerEntry, error)
}

// ReaderStore applies reports and queues them for the LLM reader in one
// transaction (*store.DB is one); the bot needs it only with Config.Reader.
type ReaderStore interface {
	ApplyReportQueued(ctx context.Context, r unblock.Report, st unblock.Statement, queue bool, now time.Time) (unblock.Change, error)
	DeleteReportQueued(ctx context.Context, channel, ts string, at time.Time) (unblock.Change, error)
	PruneReaderCache(ctx context.Context, before time.Time) (int64, error)
}

// Posts remembers what was posted under a key, so nothing is posted twice.
type Posts interface {
	Post(ctx context.Context, key string) (channel, ts string, ok bool, err error)
	SavePost(ctx context.Context, key, channel, ts string, at time.Time) error
	PostKeys(ctx context.Context, prefix string) ([]string, error)
}

// Bot is a running Socket Mode bot. Open starts it; Close stops it and waits.
type Bot struct {
	cfg    Config
	store  Store
	api    *slack.Client
	socket *socketmode.Client
	log    *slog.Logger
	routes *router

	botUserID string
	botID     string // our own bot ID, to tell our posts from other bots'
	passive   map[string]bool
	readings  ReaderStore     // nil unless the LLM reader is on
	reads     map[string]bool // the channels the LLM reader may read; empty: all
	lexicon   atomic.Pointer[parse.Lexicon]

	reportHooks  []ReportHook
	onGroups     func(ctx context.Context) error // see OnGroupsChanged
	standups     Standups
	standupTeams map[string]standup.Team // guarded by teamsMu: a reload replaces it
	teamsMu      sync.Mutex
	admin        adminState
	teamDir      atomic.Pointer[teamDirectory] // the App Home's teams, beside the config's (teamdir.go)
	dir          directory
	dms          sync.Map // user ID -> DM channel ID
	posts        postings // channels' names and standup prompts, for the standup rule (posting.go)

	wake      chan struct{}        // nudges the inbox worker
	outWake   chan struct{}        // nudges the sender
	retries   map[int64]inboxRetry // inbox items that failed transiently; the worker's own
	readFails int                  // inbox reads failed in a row; the worker's own
	outcomes  map[int64]outcome    // attempts whose outcome the sender knows and could not record; the sender's own
	decoded   decodedCache         // what slack-go decoded of committed envelopes, for the worker
	effectSeq atomic.Int64         // makes generated effect keys unique within the process
	logged    sync.Map             // "what:detail" -> true: conditions logged once per process (see logOnce)
	fatal     chan error           // a condition the bot cannot work under (see Fatal)
	stopOnce  sync.Once
	halted    chan struct{} // closed when stop is called: the sender sends no more
	haltErr   error         // stop's condition, set before halted is closed
	connected atomic.Bool   // the Socket Mode connection is up (see Connected)
	limits    *rateWindows  // the Web API's Retry-After windows, shared with the HTTP client
	conn      connLife      // the readEvents goroutine's own: how the connections fare
	idle      struct {
		sync.Mutex
		drained chan struct{} // closed each time the worker finds the inbox empty
		sent    chan struct{} // closed each time the sender has sent what was due
		// retryAt: the sender's last round ended with the outbox failing, and
		// it backs off until then; what is due waits for that retry.
		retryAt time.Time
	}

	cancel context.CancelFunc
	runCtx context.Context // Open's, for what the socket's dialer starts
	wg     sync.WaitGroup
}

// New checks cfg and returns a bot that is not yet connected.
func New(cfg Config, st Store) (*Bot, error) {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.DirectoryRefresh <= 0 {
		cfg.DirectoryRefresh = DefaultDirectoryRefresh
	}
	if cfg.PingInterval <= 0 {
		cfg.PingInterval = DefaultPingInterval
	}
	if cfg.Metrics == nil {
		cfg.Metrics = noMetrics{}
	}
	if err := CheckTokens(cfg.AppToken, cfg.BotToken); err != nil {
		return nil, err
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: cmp.Or(cfg.HTTPTimeout, DefaultHTTPTimeout)}
	}
	b := &Bot{}
	limits := &rateWindows{now: func() time.Time { return b.clock().Now() }}
	opts := []slack.Option{
		slack.OptionAppLevelToken(cfg.AppToken),
		// The HTTP client first: the retry option wraps whatever client is set.
		slack.OptionHTTPClient(authWatch{client: hc, api: cmp.Or(cfg.APIURL, slack.APIURL), onRefused: b.stop, onWarning: b.warned, metrics: cfg.Metrics,
			limits: limits}),
		// Retry a 429 with a short Retry-After in place; a longer one, and every other
		// error, surfaces to the caller: the sender retries it later without holding
		// anything up, the inbox worker retries the item.
		slack.OptionRetryConfig(slack.RetryConfig{MaxRetries: 3, Handlers: []slack.RetryHandler{shortRateLimit{}}}),
	}
	if cfg.APIURL != "" {
		opts = append(opts, slack.OptionAPIURL(cfg.APIURL))
	}
	api := slack.New(cfg.BotToken, opts...)
	*b = Bot{
		cfg:   cfg,
		store: st,
		api:   api,
		socket: socketmode.New(api,
			socketmode.OptionPingInterval(cfg.PingInterval),
			socketmode.OptionLog(slogPrinter{cfg.Logger}),
			socketmode.OptionDialer(b.silenceDialer(cmp.Or(cfg.SilenceLimit, DefaultSilenceLimit))),
		),
		log:     cfg.Logger,
		limits:  limits,
		passive: map[string]bool{},
		wake:    make(chan struct{}, 1),
		outWake: make(chan struct{}, 1),
		retries: map[int64]inboxRetry{},
		fatal:   make(chan error, 1),
		halted:  make(chan struct{}),
	}
	b.idle.drained = make(chan struct{})
	b.idle.sent = make(chan struct{})
	for _, c := range cfg.PassiveChannels {
		b.passive[c] = true
	}
	if cfg.Reader != nil {
		rs, ok := st.(ReaderStore)
		if !ok {
			return nil, fmt.Errorf("bot: the LLM reader needs a store that queues readings (%T does not)", st)
		}
		b.readings, b.reads = rs, map[string]bool{}
		for _, c := range cfg.ReaderChannels {
			b.reads[c] = true
		}
	}
	b.lexicon.Store(b.newLexicon(nil))
	b.routes = b.defaultRoutes()
	return b, nil
}

// CheckTokens reports which token is missing or malformed, without printing either.
func CheckTokens(appToken, botToken string) error {
	var errs []error
	switch {
	case appToken == "":
		errs = append(errs, unblock.Errorf(unblock.EINVALID, "the app-level token is missing: set SLACK_APP_TOKEN to the token starting with \"xapp-\" (Basic Information -> App-Level Tokens, scope connections:write)"))
	case !hasPrefix(appToken, "xapp-"):
		errs = append(errs, unblock.Errorf(unblock.EINVALID, "the app-level token should start with \"xapp-\" (got %q…)", tokenPrefix(appToken)))
	}
	switch {
	case botToken == "":
		errs = append(errs, unblock.Errorf(unblock.EINVALID, "the bot token is missing: set SLACK_BOT_TOKEN to the token starting with \"xoxb-\" (OAuth & Permissions -> Bot User OAuth Token)"))
	case !hasPrefix(botToken, "xoxb-"):
		errs = append(errs, unblock.Errorf(unblock.EINVALID, "the bot token should start with \"xoxb-\" (got %q…)", tokenPrefix(botToken)))
	}
	if len(errs) == 1 {
		return errs[0]
	} else if len(errs) > 1 {
		return unblock.Errorf(unblock.EINVALID, "%v; %v", errs[0], errs[1])
	}
	return nil
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

// tokenPrefix shows only the part of a token before its first dash, so a wrong
// token can be recognised without leaking it.
func tokenPrefix(tok string) string {
	for i, c := range tok {
		if c == '-' {
			return tok[:i+1]
		}
		if i >= 4 {
			break
		}
	}
	return ""
}

// Open authenticates, syncs the directory and starts the Socket Mode loop and the
// inbox worker. It returns once the bot is running; use Close to stop it.
func (b *Bot) Open(ctx context.Context) error {
	auth, err := b.authTest(ctx)
	if err != nil {
		return err
	}
	b.botUserID, b.botID = auth.UserID, auth.BotID
	b.log.Info("authenticated", "team", auth.Team, "bot_user", auth.UserID)
	if err := b.loadIgnores(ctx); err != nil {
		b.log.Warn("reading the dismissed phrases failed", "err", err)
	}
	if !b.dir.synced() {
		if err := b.SyncDirectory(ctx); err != nil && !TokenRefused(err) {
			// The bot still works without a directory; roles stay as stored.
			b.log.Warn("directory sync failed", "err", err)
		}
	}

	ctx, b.cancel = context.WithCancel(context.WithoutCancel(ctx))
	b.runCtx = ctx
	b.wg.Add(5)
	go func() { defer b.wg.Done(); b.runSender(ctx) }()
	go func() { defer b.wg.Done(); b.runSocket(ctx) }()
	go func() { defer b.wg.Done(); b.readEvents(ctx) }()
	go func() { defer b.wg.Done(); b.runWorker(ctx) }()
	go func() { defer b.wg.Done(); b.refreshDirectory(ctx) }()
	if b.cfg.Reader != nil {
		b.wg.Add(1)
		go func() { defer b.wg.Done(); b.cfg.Reader.Run(ctx) }()
	}
	return nil
}

// authTest asks Slack who the bot is. A failure that passes (slackFailure: a
// 5xx, a 429, a timeout, a proxy's page) is tried again with backoff, at least
// the Retry-After, for up to StartPatience; a refused token, an error Slack
// answered or ctx ending stops it at once.
func (b *Bot) authTest(ctx context.Context) (*slack.AuthTestResponse, error) {
	giveUp := time.Now().Add(cmp.Or(b.cfg.StartPatience, DefaultStartPatience))
	for attempt := 1; ; attempt++ {
		auth, err := b.api.AuthTestContext(ctx)
		if err == nil {
			return auth, nil
		}
		if code, refused := tokenRefused(err); refused {
			return nil, refusedError("auth.test", code)
		}
		f, known := slackFailure(err)
		wait := max(backoff(attempt), f.retryAfter)
		if !known || !f.transient || ctx.Err() != nil || time.Now().Add(wait).After(giveUp) {
			return nil, fmt.Errorf("auth.test with the bot token: %w", err)
		}
		b.log.Warn("auth.test failed; retrying", "attempt", attempt, "in", wait.Round(time.Millisecond), "err", err)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, fmt.Errorf("auth.test with the bot token: %w", err)
		case <-t.C:
		}
	}
}

// Close stops reading from Slack, lets the worker finish the item in hand and waits.
// Acknowledged envelopes not yet processed stay in the inbox for the next start.
func (b *Bot) Close() error {
	if b.cancel != nil {
		b.cancel()
	}
	b.wg.Wait()
	return nil
}

// runSocket keeps the Socket Mode connection up; slack-go reconnects on disconnects.
func (b *Bot) runSocket(ctx context.Context) {
	for {
		err := b.socket.RunContext(ctx)
		if ctx.Err() != nil {
			return
		}
		// RunContext returns only on fatal errors (invalid_auth and the like).
		if code, refused := tokenRefused(err); refused {
			b.stop(refusedError("apps.connections.open", code))
			return
		}
		b.log.Error("socket mode stopped", "err", err)
		select {
		case <-ctx.Done():
			return
		case <-time.After(10 * time.Second):
		}
	}
}

// refreshDirectory re-reads the directory and prunes the inbox every
// DirectoryRefresh, so both stay current without a restart. A sync that fails
// (Slack down, a 429, the database locked) is tried again with backoff, not a
// DirectoryRefresh later: until one works, people who joined are unknown and a
// team given as a user group has no members. When a sync finds the user
// groups' members changed (the first sync after the start's failed, too), the
// OnGroupsChanged hook hands the teams their members, again until it works.
func (b *Bot) refreshDirectory(ctx context.Context) {
	b.pruneInbox(ctx)
	clk := b.clock()
	pruneAt := clk.Now().Add(b.cfg.DirectoryRefresh)
	next, fails := pruneAt, 0
	if !b.dir.synced() { // the syncs at start failed
		fails = 1
		next = clk.Now().Add(backoff(fails))
	}
	regroup := false // the groups changed and the hook has not taken it yet
	for {
		if !sleepUntil(ctx, clk, next) {
			return
		}
		before := b.groupsOf()
		err := b.SyncDirectory(ctx)
		if ctx.Err() != nil {
			return
		}
		if err == nil && !maps.EqualFunc(before, b.groupsOf(), slices.Equal) {
			regroup = b.onGroups != nil
		}
		if regroup && err == nil {
			if err = b.onGroups(ctx); err == nil {
				regroup = false
			} else if ctx.Err() != nil {
				return
			} else {
				err = fmt.Errorf("teams of the user groups: %w", err)
			}
		}
		now := clk.Now()
		switch {
		case err == nil:
			fails, next = 0, now.Add(b.cfg.DirectoryRefresh)
		case TokenRefused(err): // run stops with its own line
			next = now.Add(b.cfg.DirectoryRefresh)
		default:
			fails++
			next = now.Add(min(backoff(fails), b.cfg.DirectoryRefresh))
			b.log.Warn("directory sync failed; trying again", "attempt", fails, "next", next, "err", err)
		}
		if !now.Before(pruneAt) {
			b.pruneInbox(ctx)
			pruneAt = now.Add(b.cfg.DirectoryRefresh)
		}
	}
}

// OnGroupsChanged registers fn, called when a directory sync finds the user
// groups' members changed, so that teams given as a user group get them (the
// app applies its teams again). Set it before Open.
func (b *Bot) OnGroupsChanged(fn func(ctx context.Context) error) { b.onGroups = fn }

// groupsOf returns the user groups of each person as of the last sync.
func (b *Bot) groupsOf() map[string][]string {
	b.dir.mu.Lock()
	defer b.dir.mu.Unlock()
	return b.dir.groups
}

func (b *Bot) pruneInbox(ctx context.Context) {
	// Effects sent or dead-lettered are kept as long as envelopes, for the record.
	if n, err := b.store.OutboxPrune(ctx, b.cfg.Now().Add(-InboxKeep)); err != nil && ctx.Err() == nil {
		b.log.Warn("outbox prune failed", "err", err)
	} else if n > 0 {
		b.log.Info("outbox pruned", "effects", n)
	}
	n, err := b.store.InboxPrune(ctx, b.cfg.Now().Add(-InboxKeep))
	if err != nil && ctx.Err() == nil {
		b.log.Warn("inbox prune failed", "err", err)
	} else if n > 0 {
		b.log.Info("inbox pruned", "envelopes", n)
	}
	if b.readings != nil {
		if n, err := b.readings.PruneReaderCache(ctx, b.cfg.Now().Add(-llm.CacheKeep)); err != nil && ctx.Err() == nil {
			b.log.Warn("LLM answer cache prune failed", "err", err)
		} else if n > 0 {
			b.log.Info("LLM answer cache pruned", "answers", n)
		}
	}
	if b.cfg.TextKeep <= 0 {
		return
	}
	if n, err := b.store.DropTextBefore(ctx, b.cfg.Now().Add(-b.cfg.TextKeep)); err != nil && ctx.Err() == nil {
		b.log.Warn("dropping old text failed", "err", err)
	} else if n > 0 {
		b.log.Info("old text dropped", "reports", n)
	}
}

// API returns the Web API client, for wiring other components (standups, digests).
func (b *Bot) API() *slack.Client { return b.api }

// BotUserID returns the bot's own user ID, known after Open.
func (b *Bot) BotUserID() string { return b.botUserID }

// slogPrinter adapts slog to the Println/Printf logger slack-go wants.
type slogPrinter struct{ l *slog.Logger }

func (p slogPrinter) Output(_ int, s string) error { p.l.Debug("slack-go", "msg", s); return nil }
