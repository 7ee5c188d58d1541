// Package llmtest is a fake OpenAI-compatible chat completions server on
// loopback, for tests of the LLM reader and of what uses it.
package llmtest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
)

// Request is what the server saw of one chat completion request.
type Request struct {
	Auth, APIKey string          // the Authorization and api-key headers
	Model        string          // the request's model
	System, User string          // the two messages' content
	Format       json.RawMessage // the response_format
}

// Reply is the server's answer to one request.
type Reply struct {
	Status     int    // 0 means 200
	RetryAfter int    // seconds, sent as Retry-After when > 0
	Content    string // the answer's message content, for a 200
	Body       string // sent as it is instead of a chat completion, when not ""
	Block      bool   // hold the request until the client gives up (a timeout)
}

// Server answers each request with the Reply its function gives.
type Server struct {
	*httptest.Server
	answer func(Request) Reply

	mu       sync.Mutex
	requests []Request
	done     chan struct{}
}

// New starts a server that answers with answer; Close it when done.
func New(answer func(Request) Reply) *Server {
	s := &Server{answer: answer, done: make(chan struct{})}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// Close releases blocked requests and stops the server.
func (s *Server) Close() {
	close(s.done)
	s.Server.Close()
}

// Requests returns the requests seen so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions" {
		http.NotFound(w, r)
		return
	}
	var body struct {
		Model    string `json:"model"`
		Messages []struct {
			Role, Content string
		} `json:"messages"`
		ResponseFormat json.RawMessage `json:"response_format"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	req := Request{Auth: r.Header.Get("Authorization"), APIKey: r.Header.Get("api-key"), Model: body.Model, Format: body.ResponseFormat}
	for _, m := range body.Messages {
		switch m.Role {
		case "system":
			req.System = m.Content
		case "user":
			req.User = m.Content
		}
	}
	s.mu.Lock()
	s.requests = append(s.requests, req)
	s.mu.Unlock()

	rep := s.answer(req)
	if rep.Block {
		select {
		case <-r.Context().Done():
		case <-s.done:
		}
		return
	}
	if rep.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(rep.RetryAfter))
	}
	if rep.Status != 0 && rep.Status != http.StatusOK {
		http.Error(w, `{"error": {"message": "fake error"}}`, rep.Status)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	if rep.Body != "" {
		w.Write([]byte(rep.Body))
		return
	}
	out := map[string]any{"choices": []any{map[string]any{
		"index": 0, "finish_reason": "stop",
		"message": map[string]any{"role": "assistant", "content": rep.Content},
	}}}
	json.NewEncoder(w).Encode(out)
}

// Statement returns the "statement" of a request's user message.
func (r Request) Statement() string {
	var m struct {
		Statement string `json:"statement"`
	}
	json.Unmarshal([]byte(r.User), &m)
	return m.Statement
}

// OpenBlockers returns the ids of the open blockers a request's user message gave.
func (r Request) OpenBlockers() []int64 {
	var m struct {
		Open []struct {
			ID int64 `json:"id"`
		} `json:"open_blockers"`
	}
	json.Unmarshal([]byte(r.User), &m)
	var ids []int64
	for _, b := range m.Open {
		ids = append(ids, b.ID)
	}
	return ids
}
