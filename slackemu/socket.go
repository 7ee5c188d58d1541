package slackemu

import (
	"encoding/json"
	"net/http"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

const (
	writeTimeout    = 30 * time.Second
	disconnectGrace = 2 * time.Second // how long a socket may stay open after "disconnect"
)

// socketState is the Socket Mode side. Guarded by Server.mu.
type socketState struct {
	conns    map[*conn]struct{}
	queue    []*envelope          // waiting for a socket
	inflight map[string]*envelope // sent, waiting for the ack
	wake     chan struct{}        // closed when the queue gains an envelope
	sent     []EnvelopeRecord
	sentIdx  map[string]int
	pending  int // deliveries neither acked nor given up
	lateAcks int
	pongs    int    // answers to our pings, for tests of the keep-alive
	refuse   string // the disconnect reason each new socket gets after hello (see RefuseConnections)
}

func (st *socketState) init() {
	st.conns = map[*conn]struct{}{}
	st.inflight = map[string]*envelope{}
	st.wake = make(chan struct{})
	st.sentIdx = map[string]int{}
}

func (st *socketState) connList() []*conn {
	out := make([]*conn, 0, len(st.conns))
	for c := range st.conns {
		out = append(out, c)
	}
	return out
}

// stopTimers ends redelivery and settles every open delivery with ErrClosed.
func (st *socketState) stopTimers() {
	for _, e := range st.inflight {
		e.timer.Stop()
		e.d.finish(nil, ErrClosed)
	}
	for _, e := range st.queue {
		e.d.finish(nil, ErrClosed)
	}
	st.inflight, st.queue, st.pending = map[string]*envelope{}, nil, 0
}

// conn is one Socket Mode WebSocket. Only its writer goroutine writes data frames.
type conn struct {
	ws   *websocket.Conn
	ctrl chan []byte   // a disconnect frame to send before closing
	done chan struct{} // closed when the socket is finished
	once sync.Once

	stall     chan struct{} // closed by Stall: the socket goes silent, half-open
	stallOnce sync.Once
}

// drop closes the socket at once, without a close frame.
func (c *conn) drop() {
	c.once.Do(func() { close(c.done) })
	_ = c.ws.Close()
}

func (c *conn) write(frame []byte) error {
	_ = c.ws.SetWriteDeadline(time.Now().Add(writeTimeout))
	return c.ws.WriteMessage(websocket.TextMessage, frame)
}

func (c *conn) ping() error {
	return c.ws.WriteControl(websocket.PingMessage, nil, time.Now().Add(writeTimeout))
}

var upgrader = websocket.Upgrader{
	// slack-go dials with Origin: https://api.slack.com.
	CheckOrigin: func(*http.Request) bool { return true },
}

// serveLink upgrades a request for a ticket issued by apps.connections.open.
func (s *Server) serveLink(w http.ResponseWriter, r *http.Request) {
	ticket := r.URL.Query().Get("ticket")
	s.mu.Lock()
	ok := s.rec.tickets[ticket] && !s.closed
	delete(s.rec.tickets, ticket)
	s.mu.Unlock()
	if !ok {
		http.Error(w, "invalid or used ticket", http.StatusUnauthorized)
		return
	}
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return // the upgrader has answered the client
	}
	c := &conn{ws: ws, ctrl: make(chan []byte, 1), done: make(chan struct{}), stall: make(chan struct{})}
	ws.SetPongHandler(func(string) error {
		s.mu.Lock()
		s.sock.pongs++
		s.notifyLocked()
		s.mu.Unlock()
		return nil
	})
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		c.drop()
		return
	}
	s.sock.conns[c] = struct{}{}
	n := len(s.sock.conns)
	s.wg.Add(2)
	s.notifyLocked()
	s.mu.Unlock()
	go s.runReader(c)
	go s.runWriter(c, n)
}

// runReader reads acks until the socket fails.
func (s *Server) runReader(c *conn) {
	defer s.wg.Done()
	defer c.drop()
	for {
		_, data, err := c.ws.ReadMessage()
		if err != nil {
			return
		}
		var ack struct {
			EnvelopeID string          `json:"envelope_id"`
			Payload    json.RawMessage `json:"payload"`
		}
		if json.Unmarshal(data, &ack) != nil || ack.EnvelopeID == "" {
			continue // Slack ignores frames it cannot read
		}
		s.ack(ack.EnvelopeID, ack.Payload)
	}
}

// runWriter sends hello, then queued envelopes and pings, until the socket ends.
func (s *Server) runWriter(c *conn, n int) {
	defer s.wg.Done()
	defer s.removeConn(c)
	hello, _ := json.Marshal(map[string]any{
		"type":            "hello",
		"num_connections": n,
		"debug_info":      map[string]any{"host": "slackemu", "build_number": 1, "approximate_connection_time": 18060},
		"connection_info": map[string]any{"app_id": AppID},
	})
	if c.write(hello) != nil {
		c.drop()
		return
	}
	s.mu.Lock()
	refuse := s.sock.refuse
	s.mu.Unlock()
	if refuse != "" {
		s.closeWith(c, disconnectFrame(refuse))
		return
	}
	ping := time.NewTicker(s.opts.PingInterval)
	defer ping.Stop()
	for {
		select {
		case <-c.done:
			return
		case <-c.stall:
			<-c.done // half-open: nothing more is written until the client gives up
			return
		case frame := <-c.ctrl:
			s.closeWith(c, frame)
			return
		case <-ping.C:
			if c.ping() != nil {
				c.drop()
				return
			}
			continue
		default:
		}
		frame, wake := s.nextFrame()
		if frame != nil {
			if c.write(frame) != nil {
				// The envelope stays in flight: its ack timer redelivers it.
				c.drop()
				return
			}
			continue
		}
		select {
		case <-c.done:
			return
		case <-c.stall:
			<-c.done
			return
		case frame := <-c.ctrl:
			s.closeWith(c, frame)
			return
		case <-ping.C:
			if c.ping() != nil {
				c.drop()
				return
			}
		case <-wake:
		}
	}
}

// closeWith sends a disconnect frame and a close frame, lets the client hang up
// (slack-go does at once) and then closes the socket.
func (s *Server) closeWith(c *conn, frame []byte) {
	if c.write(frame) == nil {
		_ = c.ws.WriteControl(websocket.CloseMessage,
			websocket.FormatCloseMessage(websocket.CloseNormalClosure, ""), time.Now().Add(writeTimeout))
		t := time.NewTimer(disconnectGrace)
		select {
		case <-c.done:
		case <-t.C:
		}
		t.Stop()
	}
	c.drop()
}

func (s *Server) removeConn(c *conn) {
	s.mu.Lock()
	delete(s.sock.conns, c)
	s.notifyLocked()
	s.mu.Unlock()
}

// Disconnect sends {"type":"disconnect","reason":reason} on every socket and
// closes them, as Slack does before a refresh ("refresh_requested", "warning",
// "link_disabled"). slack-go reconnects through apps.connections.open.
func (s *Server) Disconnect(reason string) {
	frame := disconnectFrame(reason)
	s.mu.Lock()
	conns := s.sock.connList()
	s.mu.Unlock()
	for _, c := range conns {
		select {
		case c.ctrl <- frame:
		default: // a disconnect is already on its way
		}
	}
}

func disconnectFrame(reason string) []byte {
	frame, _ := json.Marshal(map[string]any{
		"type": "disconnect", "reason": reason, "debug_info": map[string]any{"host": "slackemu"},
	})
	return frame
}

// RefuseConnections makes every socket opened from now on get its hello and then
// {"type":"disconnect","reason":reason} at once, before any envelope, as Slack
// does while Socket Mode is turned off in the app's settings ("link_disabled")
// or while ten connections are open on the app-level token
// ("too_many_websockets"). "" serves sockets again. Open sockets are left alone.
func (s *Server) RefuseConnections(reason string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sock.refuse = reason
}

// DropConnections closes every socket abruptly, with no frame, like a network failure.
func (s *Server) DropConnections() {
	s.mu.Lock()
	conns := s.sock.connList()
	s.mu.Unlock()
	for _, c := range conns {
		c.drop()
	}
}

// Stall makes every open socket half-open: the emulator stops writing to it (no
// pings, no envelopes) and keeps it open, as a connection whose other end is gone.
// Envelopes wait for the client's next socket.
func (s *Server) Stall() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.sock.connList() {
		c.stallOnce.Do(func() { close(c.stall) })
	}
}
