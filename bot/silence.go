package bot

import (
	"context"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

// DefaultSilenceLimit is how long the Socket Mode connection may stay silent (not
// a byte read, not even the server's WebSocket ping) before the bot takes it for
// half-open, closes it and reconnects. Slack documents no ping interval; Slack's
// own Node SDK waits 30 s for the server's ping (serverPingTimeout), and servers
// built on common WebSocket libraries ping every 20 s, so a shorter limit would
// replace every healthy connection of such a server again and again. 30 s is
// also slack-go's PingInterval, whose watchdog ticks only that often and so
// notices a dead socket after up to twice that.
const DefaultSilenceLimit = 30 * time.Second

// silenceDialer returns the WebSocket dialer of the Socket Mode connection: each
// connection it dials is watched, and closed after limit without a byte read.
func (b *Bot) silenceDialer(limit time.Duration) *websocket.Dialer {
	var d net.Dialer
	return &websocket.Dialer{
		Proxy:            http.ProxyFromEnvironment,
		HandshakeTimeout: 45 * time.Second,
		NetDialContext: func(dctx context.Context, network, addr string) (net.Conn, error) {
			c, err := d.DialContext(dctx, network, addr)
			if err != nil {
				return nil, err
			}
			w := &watchedConn{Conn: c}
			w.touch()
			b.wg.Add(1)
			go func() { defer b.wg.Done(); w.watch(b.runCtx, limit, b.onSilence) }()
			return w, nil
		},
	}
}

func (b *Bot) onSilence(silent time.Duration) {
	b.log.Warn("socket mode connection silent: taking it for half-open and reconnecting", "silent", silent.Round(time.Second))
}

// watchedConn is a connection that remembers when it last read anything.
type watchedConn struct {
	net.Conn
	last   atomic.Int64 // Unix nanoseconds of the last read
	closed atomic.Bool
}

func (w *watchedConn) touch() { w.last.Store(time.Now().UnixNano()) }

func (w *watchedConn) Read(p []byte) (int, error) {
	n, err := w.Conn.Read(p)
	if n > 0 {
		w.touch()
	}
	return n, err
}

func (w *watchedConn) Close() error {
	w.closed.Store(true)
	return w.Conn.Close()
}

// watch closes w once it has read nothing for limit, so slack-go's reader fails
// and reconnects; it returns when w is closed or ctx is done.
func (w *watchedConn) watch(ctx context.Context, limit time.Duration, onSilence func(time.Duration)) {
	t := time.NewTicker(max(limit/15, 10*time.Millisecond))
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			if w.closed.Load() {
				return
			}
			if silent := now.Sub(time.Unix(0, w.last.Load())); silent > limit {
				onSilence(silent)
				w.Close()
				return
			}
		}
	}
}

// Slack ends a Socket Mode connection as soon as it is made when it will not
// serve the app: Socket Mode turned off in the app's settings (disconnect
// link_disabled) or ten connections already open on the app-level token
// (too_many_websockets). slack-go connects again at once, every time, so such a
// refusal would spin. A connection that ends within shortConnection of being made,
// before any envelope came on it, counts as refused; from the refusedConnections-th
// in a row, apps.connections.open is held back with backoff (through the Web API's
// Retry-After windows, which slack-go waits out), and the bot says why once a run
// of them.
const (
	shortConnection    = 10 * time.Second
	refusedConnections = 3
)

// connLife is how the Socket Mode connections fare; readEvents's own.
type connLife struct {
	up     bool      // connected, and not yet reconnecting
	since  time.Time // when it was made
	used   bool      // an envelope came on it
	short  int       // connections refused in a row
	hellos int       // hellos received in this run
}

// connectionEnded notes that the connection in hand, if any, has ended (slack-go
// is connecting again) and paces the next one if Slack keeps refusing them.
func (b *Bot) connectionEnded() {
	c := &b.conn
	if !c.up {
		return // a failed attempt, not an ended connection: slack-go backs off itself
	}
	c.up = false
	lived := time.Since(c.since)
	if lived >= shortConnection || c.used {
		c.short = 0
		return
	}
	c.short++
	if c.short < refusedConnections {
		return
	}
	wait := backoff(c.short - refusedConnections + 1)
	b.limits.hold("apps.connections.open", wait)
	if c.short == refusedConnections {
		b.log.Warn("Slack ends each Socket Mode connection as soon as it is made: is Socket Mode on in the app's settings (disconnect link_disabled)? are ten connections already open on the app-level token (too_many_websockets)? connecting again with backoff",
			"refused_in_a_row", c.short, "lived", lived.Round(time.Millisecond), "next_in", wait.Round(time.Millisecond))
	}
}
