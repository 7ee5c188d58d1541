package slackemu

import (
	"encoding/json"
	"time"
)

// apiLine is a transcript line for one Web API call (docs/DESIGN.md demo contract).
// Error is an addition: present only when Slack refused the call.
type apiLine struct {
	At     string         `json:"at"`
	Dir    string         `json:"dir"` // "api"
	Method string         `json:"method"`
	Args   map[string]any `json:"args"`
	Error  string         `json:"error,omitempty"`
}

// envelopeLine is a transcript line for one envelope sent over Socket Mode.
type envelopeLine struct {
	At      string          `json:"at"`
	Dir     string          `json:"dir"` // "envelope"
	Type    string          `json:"type"`
	Payload json.RawMessage `json:"payload"`
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// transcriptCallLocked writes c as one JSON line. s.mu must be held, which keeps
// the lines in the order things happened.
func (s *Server) transcriptCallLocked(c Call) {
	args := c.Args
	if args == nil {
		args = map[string]any{}
	}
	s.writeLineLocked(apiLine{At: stamp(c.At), Dir: "api", Method: c.Method, Args: args, Error: c.Error})
}

// transcriptEnvelopeLocked writes one line for an envelope sent. s.mu must be held.
func (s *Server) transcriptEnvelopeLocked(typ string, payload json.RawMessage) {
	s.writeLineLocked(envelopeLine{At: stamp(s.now()), Dir: "envelope", Type: typ, Payload: payload})
}

func (s *Server) writeLineLocked(v any) {
	if s.opts.Transcript == nil {
		return
	}
	b, err := json.Marshal(v)
	if err != nil {
		return
	}
	// A failing transcript writer must not break the emulator; the demo checks
	// its own file when it closes it.
	_, _ = s.opts.Transcript.Write(append(b, '\n'))
}
