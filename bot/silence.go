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
// a byte read, not even Slack's WebSocket ping, which comes every 10 s or so)
// before the bot takes it for half-open, closes it and reconnects: one and a
// half ping intervals. slack-go's own watchdog ticks only every PingInterval and
// so notices a dead socket after up to twice that.
const DefaultSilenceLimit = 15 * time.Second

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
