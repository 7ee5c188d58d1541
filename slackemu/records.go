package slackemu

import (
	"encoding/json"
	"slices"
	"time"
)

// Call is one Web API call the bot made, accepted or not.
type Call struct {
	At     time.Time      // virtual clock
	Method string         // e.g. "chat.postMessage"
	Args   map[string]any // the parameters, token removed; JSON-valued fields decoded
	Error  string         // Slack's error code, "" when ok
	Status int            // HTTP status: 200, or 429 when rate limited
}

// Arg returns the argument name as a string: strings as they are, other values as
// JSON, "" when absent.
func (c Call) Arg(name string) string {
	v, ok := c.Args[name]
	if !ok || v == nil {
		return ""
	}
	if s, ok := v.(string); ok {
		return s
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// Ephemeral is a message only one user sees (chat.postEphemeral, or an ephemeral
// slash command reply).
type Ephemeral struct {
	Channel  string
	User     string
	TS       string
	ThreadTS string
	Text     string
	Blocks   json.RawMessage
}

// Response is one POST the bot made to a response_url.
type Response struct {
	ID              string // the response_url's ID
	Channel         string // where the command or click happened
	User            string // who ran the command or clicked
	Text            string
	ResponseType    string // "ephemeral" or "in_channel"
	ReplaceOriginal bool
	DeleteOriginal  bool
	Body            json.RawMessage // the whole body as sent
}

// File is a file uploaded through files.getUploadURLExternal and the upload URL.
type File struct {
	ID             string
	Name           string
	Title          string
	Length         int // as announced to files.getUploadURLExternal
	Data           []byte
	Channels       []string // shared to, by files.completeUploadExternal
	InitialComment string
	ThreadTS       string
	Complete       bool // files.completeUploadExternal was called
}

// View is a modal or a Home tab as the bot last set it.
type View struct {
	ID              string
	Type            string // "modal" or "home"
	User            string
	CallbackID      string
	PrivateMetadata string
	ExternalID      string
	Hash            string
	JSON            json.RawMessage // the full view object as views.* return it
}

type trigger struct {
	user   string
	issued time.Time // real time
	used   bool
}

type responseTarget struct {
	channel   string
	user      string
	messageTS string // the message a button sat on, for replace_original
}

// records is what the bot did, for observers. Guarded by Server.mu.
type records struct {
	calls        []Call
	ephemerals   []Ephemeral
	responses    []Response
	responseURLs map[string]responseTarget
	files        map[string]*File
	fileOrder    []string
	views        map[string]map[string]any // by view ID, the full object
	viewUser     map[string]string         // view ID -> user
	home         map[string]string         // user -> home view ID
	modals       map[string][]string       // user -> modal stack of view IDs
	triggers     map[string]*trigger
	tickets      map[string]bool
	opened       int // successful apps.connections.open calls
	serveErr     error
}

func (r *records) init() {
	r.responseURLs = map[string]responseTarget{}
	r.files = map[string]*File{}
	r.views = map[string]map[string]any{}
	r.viewUser = map[string]string{}
	r.home = map[string]string{}
	r.modals = map[string][]string{}
	r.triggers = map[string]*trigger{}
	r.tickets = map[string]bool{}
}

// Messages returns the messages in channel in ts order, edits applied, deleted
// ones included with Deleted set.
func (s *Server) Messages(channel string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Message
	for _, m := range s.ws.messages[channel] {
		c := *m
		c.Files = slices.Clone(m.Files)
		out = append(out, c)
	}
	return out
}

// Calls returns the Web API calls made to method, oldest first; all calls when
// method is "".
func (s *Server) Calls(method string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.rec.calls {
		if method == "" || c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

// HomeView returns the Home tab last published for user.
func (s *Server) HomeView(user string) (View, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id, ok := s.rec.home[user]
	if !ok {
		return View{}, false
	}
	return s.viewLocked(id), true
}

// Modals returns user's open modal stack, bottom first.
func (s *Server) Modals(user string) []View {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []View
	for _, id := range s.rec.modals[user] {
		out = append(out, s.viewLocked(id))
	}
	return out
}

func (s *Server) viewLocked(id string) View {
	v := s.rec.views[id]
	b, _ := json.Marshal(v)
	str := func(k string) string { x, _ := v[k].(string); return x }
	return View{
		ID: id, Type: str("type"), User: s.rec.viewUser[id], CallbackID: str("callback_id"),
		PrivateMetadata: str("private_metadata"), ExternalID: str("external_id"), Hash: str("hash"), JSON: b,
	}
}

// Ephemerals returns the ephemeral messages user was shown.
func (s *Server) Ephemerals(user string) []Ephemeral {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Ephemeral
	for _, e := range s.rec.ephemerals {
		if e.User == user {
			out = append(out, e)
		}
	}
	return out
}

// Responses returns every POST made to a response_url, oldest first.
func (s *Server) Responses() []Response {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.rec.responses)
}

// Files returns the files uploaded, in upload order.
func (s *Server) Files() []File {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []File
	for _, id := range s.rec.fileOrder {
		f := *s.rec.files[id]
		f.Data = slices.Clone(f.Data)
		f.Channels = slices.Clone(f.Channels)
		out = append(out, f)
	}
	return out
}

// ConnectionsOpened counts successful apps.connections.open calls.
func (s *Server) ConnectionsOpened() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rec.opened
}

// Connections counts the sockets open now.
func (s *Server) Connections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sock.conns)
}

// Pending counts the envelopes queued or awaiting their ack.
func (s *Server) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sock.pending
}

// Envelopes returns every envelope sent so far, in send order.
func (s *Server) Envelopes() []EnvelopeRecord {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.sock.sent)
}

// Forget drops the recorded history (calls, envelope records, messages,
// ephemerals, responses) and keeps the directory, views, files and the
// deliveries still pending. Long benchmarks call it to keep memory flat.
func (s *Server) Forget() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rec.calls, s.rec.ephemerals, s.rec.responses = nil, nil, nil
	s.sock.sent, s.sock.sentIdx = nil, map[string]int{}
	s.ws.messages = map[string][]*Message{}
	s.notifyLocked()
}
