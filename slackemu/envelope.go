package slackemu

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
)

// Envelope types.
const (
	TypeEventsAPI     = "events_api"
	TypeSlashCommands = "slash_commands"
	TypeInteractive   = "interactive"
)

var (
	// ErrNotAcked is returned by WaitAck when no envelope of a delivery was
	// acknowledged in time, after every redelivery.
	ErrNotAcked = errors.New("slackemu: envelope not acknowledged")
	// ErrNotDelivered is returned by WaitAck when the app does not receive the
	// event at all (for example a message in a channel the bot is not in).
	ErrNotDelivered = errors.New("slackemu: no envelope: the app does not receive this event")
	// ErrClosed is returned by WaitAck when the server closed first.
	ErrClosed = errors.New("slackemu: server closed")
)

// Delivery is one thing sent to the app over Socket Mode (an event, a slash
// command, an interaction) across its redeliveries.
type Delivery struct {
	Type    string // TypeEventsAPI, TypeSlashCommands or TypeInteractive
	EventID string // events_api only; the same in every redelivery
	TS      string // the message's ts, for message posts
	ViewID  string // the view, for view interactions
	Payload json.RawMessage

	accepts bool
	onAck   func(payload json.RawMessage) // runs with s.mu held
	done    chan struct{}
	ack     json.RawMessage
	err     error
	last    int // the retry_attempt of the latest envelope
}

func newDelivery(typ string, payload json.RawMessage, accepts bool) *Delivery {
	return &Delivery{Type: typ, Payload: payload, accepts: accepts, done: make(chan struct{})}
}

// notDelivered is a delivery that never sends an envelope.
func notDelivered(ts string) *Delivery {
	d := &Delivery{TS: ts, done: make(chan struct{}), err: ErrNotDelivered}
	close(d.done)
	return d
}

// WaitAck blocks until an envelope of the delivery is acknowledged and returns
// the ack's payload (nil when the ack carried none), or until every attempt timed
// out (ErrNotAcked), or until ctx ends.
func (d *Delivery) WaitAck(ctx context.Context) (json.RawMessage, error) {
	select {
	case <-d.done:
		return d.ack, d.err
	case <-ctx.Done():
		return nil, fmt.Errorf("slackemu: wait for ack: %w", ctx.Err())
	}
}

// finish settles the delivery once. s.mu must be held.
func (d *Delivery) finish(ack json.RawMessage, err error) {
	select {
	case <-d.done:
		return
	default:
	}
	d.ack, d.err = ack, err
	close(d.done)
}

// EnvelopeRecord is one envelope sent over a socket.
type EnvelopeRecord struct {
	ID           string
	Type         string
	EventID      string
	RetryAttempt int
	RetryReason  string
	Acked        bool
	AckPayload   json.RawMessage
}

// envelope is one attempt at a delivery.
type envelope struct {
	id      string
	d       *Delivery
	attempt int
	reason  string
	timer   *time.Timer
}

func (e *envelope) frame() []byte {
	f := map[string]any{
		"envelope_id":              e.id,
		"type":                     e.d.Type,
		"accepts_response_payload": e.d.accepts,
		"payload":                  e.d.Payload,
	}
	if e.d.Type == TypeEventsAPI {
		f["retry_attempt"] = e.attempt
		f["retry_reason"] = e.reason
	}
	b, _ := json.Marshal(f)
	return b
}

// sendLocked queues the first envelope of d. s.mu must be held.
func (s *Server) sendLocked(d *Delivery) *Delivery {
	if s.closed {
		d.finish(nil, ErrClosed)
		return d
	}
	s.sock.pending++
	s.queueLocked(&envelope{id: uuid.NewString(), d: d})
	return d
}

func (s *Server) queueLocked(e *envelope) {
	e.d.last = e.attempt
	s.sock.queue = append(s.sock.queue, e)
	close(s.sock.wake)
	s.sock.wake = make(chan struct{})
	s.notifyLocked()
}

// nextFrame takes the next queued envelope, starts its ack timer and returns its
// frame; with nothing queued it returns a channel closed when something is.
func (s *Server) nextFrame() ([]byte, <-chan struct{}) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed || len(s.sock.queue) == 0 {
		return nil, s.sock.wake
	}
	e := s.sock.queue[0]
	s.sock.queue = s.sock.queue[1:]
	s.sock.inflight[e.id] = e
	e.timer = time.AfterFunc(s.opts.AckTimeout, func() { s.expire(e) })
	s.sock.sentIdx[e.id] = len(s.sock.sent)
	s.sock.sent = append(s.sock.sent, EnvelopeRecord{
		ID: e.id, Type: e.d.Type, EventID: e.d.EventID, RetryAttempt: e.attempt, RetryReason: e.reason,
	})
	s.transcriptEnvelopeLocked(e.d.Type, e.d.Payload)
	s.notifyLocked()
	return e.frame(), nil
}

// ack settles the envelope id acknowledged by the app. Acks for unknown or
// expired envelopes are ignored, as Slack does.
func (s *Server) ack(id string, payload json.RawMessage) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.sock.inflight[id]
	if !ok {
		s.sock.lateAcks++
		s.notifyLocked()
		return
	}
	e.timer.Stop()
	delete(s.sock.inflight, id)
	if len(payload) == 0 || string(payload) == "null" {
		payload = nil
	}
	if i, ok := s.sock.sentIdx[id]; ok {
		s.sock.sent[i].Acked, s.sock.sent[i].AckPayload = true, payload
	}
	s.sock.pending--
	e.d.finish(payload, nil)
	if e.d.onAck != nil {
		e.d.onAck(payload)
	}
	s.notifyLocked()
}

// expire handles an envelope whose ack did not come in time: an event is
// redelivered with a new envelope ID, up to MaxRetries times; slash commands and
// interactions are not (the user sees an error instead).
func (s *Server) expire(e *envelope) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.sock.inflight[e.id]; !ok || s.closed {
		return
	}
	delete(s.sock.inflight, e.id)
	if e.d.Type == TypeEventsAPI && e.attempt < s.opts.MaxRetries {
		s.queueLocked(&envelope{id: uuid.NewString(), d: e.d, attempt: e.attempt + 1, reason: "timeout"})
		return
	}
	s.sock.pending--
	e.d.finish(nil, ErrNotAcked)
	s.notifyLocked()
}

// Redeliver sends d's payload again as a new delivery: a new envelope ID, the
// same event_id, retry_attempt one more than d's last, retry_reason "timeout".
// It lets a test play Slack's redelivery without waiting for a timeout.
func (s *Server) Redeliver(d *Delivery) *Delivery {
	if d.Type == "" {
		return notDelivered(d.TS)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	r := newDelivery(d.Type, d.Payload, d.accepts)
	r.EventID, r.TS, r.ViewID = d.EventID, d.TS, d.ViewID
	if s.closed {
		r.finish(nil, ErrClosed)
		return r
	}
	s.sock.pending++
	s.queueLocked(&envelope{id: uuid.NewString(), d: r, attempt: d.last + 1, reason: "timeout"})
	return r
}

// SendRaw sends payload as is in an envelope of type typ, for tests of what the
// app does with envelopes it cannot use: an unknown inner event, a payload of the
// wrong shape. Events API envelopes sent this way are redelivered like any other.
func (s *Server) SendRaw(typ string, payload json.RawMessage) *Delivery {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sendLocked(newDelivery(typ, payload, typ != TypeEventsAPI))
}
