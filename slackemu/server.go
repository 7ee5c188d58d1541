// Package slackemu is a local Slack: the Web API over HTTP and Socket Mode over
// WebSocket on 127.0.0.1, faithful enough that the unmodified slack-go client (and
// its socketmode package) talks to it. Tests and the demo script users, channels,
// messages, slash commands and button presses, and observe what the bot did.
//
// Point slack-go at it with slack.OptionAPIURL(s.APIURL()), the bot token
// s.BotToken() and slack.OptionAppLevelToken(s.AppToken()).
package slackemu

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"time"
)

// Identifiers of the emulated workspace and app.
const (
	TeamID     = "T0EMU"
	TeamDomain = "emu"
	AppID      = "A0EMU"
	BotID      = "B0EMU"
	BotUserID  = "U0BOT"
	BotName    = "unblock"
)

// Defaults for Options.
const (
	DefaultAckTimeout   = 3 * time.Second  // Slack's acknowledgement window
	DefaultMaxRetries   = 3                // Slack redelivers about three times
	DefaultPingInterval = 10 * time.Second // slack-go expects a ping within 30 s
	DefaultTriggerTTL   = 3 * time.Second  // a trigger_id is valid this long
	DefaultAppToken     = "xapp-1-EMU"
	DefaultBotToken     = "xoxb-emu"
)

// Options configure a Server. The zero value is usable.
type Options struct {
	// AckTimeout is how long an envelope waits for its ack before redelivery
	// (real time). Default 3 s.
	AckTimeout time.Duration
	// MaxRetries is how many times an unacked envelope is redelivered. Zero means
	// the default (3); a negative value means never.
	MaxRetries int
	// PingInterval is how often each socket gets a WebSocket ping. Default 10 s.
	PingInterval time.Duration
	// TriggerTTL is how long a trigger_id stays valid for views.open (real time).
	// Default 3 s.
	TriggerTTL time.Duration
	// Now is the (virtual) clock for message timestamps, event times and the
	// transcript. Default time.Now. Timeouts and rate limits use real time.
	Now func() time.Time
	// Transcript, if set, receives one JSON line for each Web API call and each
	// envelope sent (docs/DESIGN.md demo contract).
	Transcript io.Writer
	// RateLimits are per-method limits. Nil means DefaultRateLimits(); an empty
	// map disables rate limiting.
	RateLimits map[string]RateLimit
	// AppToken and BotToken are the valid tokens. Defaults "xapp-1-EMU", "xoxb-emu".
	AppToken, BotToken string
	// EchoBotMessages delivers the bot's own chat.postMessage/chat.update posts
	// back to it as message events with bot_id set, as Slack does. Off by default:
	// a bot ignores its own messages anyway.
	EchoBotMessages bool
	// DropMetadata keeps no message metadata: chat.postMessage accepts it and
	// conversations.history never returns it, as a Slack-compatible server that
	// does not implement message metadata. (Slack keeps it.)
	DropMetadata bool
}

// Server is a running emulator. All methods are safe for concurrent use.
type Server struct {
	opts    Options
	limiter *rateLimiter

	ln      net.Listener
	httpSrv *http.Server
	base    string // http://127.0.0.1:PORT
	wg      sync.WaitGroup

	mu      sync.Mutex
	changed chan struct{} // closed and replaced on every recorded change
	closed  bool
	ws      workspace
	revoked map[string]bool // tokens answered with token_revoked (see Revoke)
	sock    socketState
	rec     records

	faults    map[string]*Fault // by method (see InjectFault)
	faultsHit int
}

// New returns a Server configured by opts; call Start to listen.
func New(opts Options) *Server {
	if opts.AckTimeout <= 0 {
		opts.AckTimeout = DefaultAckTimeout
	}
	if opts.MaxRetries == 0 {
		opts.MaxRetries = DefaultMaxRetries
	} else if opts.MaxRetries < 0 {
		opts.MaxRetries = 0
	}
	if opts.PingInterval <= 0 {
		opts.PingInterval = DefaultPingInterval
	}
	if opts.TriggerTTL <= 0 {
		opts.TriggerTTL = DefaultTriggerTTL
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.RateLimits == nil {
		opts.RateLimits = DefaultRateLimits()
	}
	if opts.AppToken == "" {
		opts.AppToken = DefaultAppToken
	}
	if opts.BotToken == "" {
		opts.BotToken = DefaultBotToken
	}
	s := &Server{
		opts:    opts,
		limiter: newRateLimiter(opts.RateLimits),
		changed: make(chan struct{}),
	}
	s.ws.init()
	s.sock.init()
	s.rec.init()
	return s
}

// Start listens on 127.0.0.1 on a free port and serves in the background.
func (s *Server) Start() error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/api/", s.serveAPI)
	mux.HandleFunc("/link/", s.serveLink)
	mux.HandleFunc("/upload/", s.serveUpload)
	mux.HandleFunc("/response/", s.serveResponse)
	s.mu.Lock()
	s.ln = ln
	s.base = "http://" + ln.Addr().String()
	s.httpSrv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	s.mu.Unlock()
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		if err := s.httpSrv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.mu.Lock()
			s.rec.serveErr = err
			s.mu.Unlock()
		}
	}()
	return nil
}

// Close stops serving, closes every socket, stops redelivery and waits for the
// server's goroutines.
func (s *Server) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	srv := s.httpSrv
	conns := s.sock.connList()
	s.sock.stopTimers()
	s.notifyLocked()
	s.mu.Unlock()
	if srv != nil {
		_ = srv.Close()
	}
	for _, c := range conns {
		c.drop()
	}
	s.wg.Wait()
}

// APIURL is the Web API base URL, with the trailing slash slack-go needs.
func (s *Server) APIURL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.base + "/api/"
}

// AppToken is the valid app-level token (xapp-…).
func (s *Server) AppToken() string { return s.opts.AppToken }

// BotToken is the valid bot token (xoxb-…).
func (s *Server) BotToken() string { return s.opts.BotToken }

// Revoke revokes a token, as uninstalling the app or regenerating the token does:
// every later call with it is answered token_revoked. Revoking the app-level token
// also drops the Socket Mode connections, so the client must connect again.
func (s *Server) Revoke(token string) {
	s.mu.Lock()
	if s.revoked == nil {
		s.revoked = map[string]bool{}
	}
	s.revoked[token] = true
	s.mu.Unlock()
	if token == s.opts.AppToken {
		s.DropConnections()
	}
}

// WaitFor blocks until cond reports true or ctx ends. cond is evaluated now and
// after every recorded change (call, envelope, ack, connection, message); it must
// not block and may call the Server's observers.
func (s *Server) WaitFor(ctx context.Context, cond func() bool) error {
	for {
		s.mu.Lock()
		ch := s.changed
		s.mu.Unlock()
		if cond() {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return fmt.Errorf("slackemu: wait: %w", ctx.Err())
		}
	}
}

// WaitIdle blocks until no envelope is queued or awaiting its ack.
func (s *Server) WaitIdle(ctx context.Context) error {
	return s.WaitFor(ctx, func() bool { return s.Pending() == 0 })
}

// notifyLocked wakes every WaitFor. s.mu must be held.
func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// now is the virtual clock.
func (s *Server) now() time.Time { return s.opts.Now() }
