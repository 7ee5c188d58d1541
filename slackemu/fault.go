package slackemu

import (
	"cmp"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// Fault is a failure injected into the answers of one Web API method (or of
// "response_url", for the response URLs of commands and interactions), so tests
// see what a real network and a real Slack do now and then.
type Fault struct {
	// Status answers with this HTTP status instead of serving the call: 500, 502,
	// 503 (the body is not JSON, as a proxy's), or 429 with RetryAfter seconds
	// (a negative RetryAfter sends no Retry-After header, as some proxies do).
	// Another status sends Retry-After only when RetryAfter is above 0 (a 503
	// saying how long the service is unavailable).
	Status     int
	RetryAfter int
	// HTML answers with a proxy's HTML error page (Content-Type text/html) and
	// Status, or 200 when Status is 0: what a load balancer or captive portal
	// in front of Slack serves.
	HTML bool
	// Warning serves the call and adds Slack's warning fields to its answer:
	// "warning": Warning and "response_metadata": {"warnings": [Warning]}, as
	// Slack does for a deprecated argument or a missing charset.
	Warning string
	// ContentType serves the call and answers its JSON under this Content-Type
	// ("text/plain", "text/html"), as a proxy that rewrites headers does.
	ContentType string
	// Error answers HTTP 200 with {"ok": false, "error": Error}, as Slack answers
	// a call it refuses (channel_not_found, msg_too_long, invalid_blocks…); with
	// Status, that status instead of 200 (a gateway that answers 401 or 403 with
	// Slack's JSON).
	Error string
	// Reset closes the connection without an answer.
	Reset bool
	// Delay holds the call this long (real time) before it is served, or, with
	// Served, holds its answer after it was served: a slow Slack.
	Delay time.Duration
	// Served serves the call first and fails its answer after: the effect is made
	// but the client cannot know (an uncertain outcome).
	Served bool
	// Times is how many calls the fault hits; 0 means every call until ClearFaults.
	Times int
}

// InjectFault makes calls of method fail as f says. A later fault for the same
// method replaces it.
func (s *Server) InjectFault(method string, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.faults == nil {
		s.faults = map[string]*Fault{}
	}
	s.faults[method] = &f
}

// ClearFaults removes every injected fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

// FaultsHit returns how many calls injected faults have hit so far.
func (s *Server) FaultsHit() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.faultsHit
}

// faultFor returns the fault that hits this call of method, if any, and counts it.
func (s *Server) faultFor(method string) *Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.faults[method]
	if f == nil {
		return nil
	}
	hit := *f
	if f.Times > 0 {
		if f.Times--; f.Times == 0 {
			delete(s.faults, method)
		}
	}
	s.faultsHit++
	return &hit
}

// failBefore applies the part of f that comes before the call is served; it
// reports whether the answer was written (or the connection dropped) already.
func (f *Fault) failBefore(w http.ResponseWriter) bool {
	if f == nil {
		return false
	}
	if f.Served {
		return false
	}
	if f.Delay > 0 {
		time.Sleep(f.Delay)
	}
	return f.fail(w)
}

// failAfter applies the part of f that comes after the call is served.
func (f *Fault) failAfter(w http.ResponseWriter) bool {
	if f == nil || !f.Served {
		return false
	}
	if f.Delay > 0 {
		time.Sleep(f.Delay)
	}
	return f.fail(w)
}

func (f *Fault) fail(w http.ResponseWriter) bool {
	switch {
	case f.Reset:
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				if tc, ok := conn.(interface{ SetLinger(int) error }); ok {
					_ = tc.SetLinger(0) // a reset, not a clean close
				}
				conn.Close()
				return true
			}
		}
		http.Error(w, "connection reset", http.StatusBadGateway)
		return true
	case f.Error != "":
		w.Header().Set("Content-Type", f.contentType())
		writeJSON(w, cmp.Or(f.Status, http.StatusOK), map[string]any{"ok": false, "error": f.Error})
		return true
	case f.HTML:
		status := cmp.Or(f.Status, http.StatusOK)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(status)
		fmt.Fprintf(w, "<!DOCTYPE html>\n<html><head><title>%d %s</title></head><body><h1>%s</h1><p>The upstream server is unavailable.</p></body></html>\n",
			status, http.StatusText(status), http.StatusText(status))
		return true
	case f.Status == http.StatusTooManyRequests:
		if f.RetryAfter >= 0 {
			w.Header().Set("Retry-After", strconv.Itoa(f.RetryAfter))
		}
		writeJSON(w, f.Status, map[string]any{"ok": false, "error": "ratelimited"})
		return true
	case f.Status != 0:
		if f.RetryAfter > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(f.RetryAfter))
		}
		http.Error(w, http.StatusText(f.Status), f.Status)
		return true
	}
	return false
}

// contentType returns the Content-Type a served answer goes out under.
func (f *Fault) contentType() string {
	if f == nil || f.ContentType == "" {
		return "application/json; charset=utf-8"
	}
	return f.ContentType
}

// warn adds f's warning, if any, to a served answer.
func (f *Fault) warn(res map[string]any) {
	if f == nil || f.Warning == "" {
		return
	}
	res["warning"] = f.Warning
	res["response_metadata"] = map[string]any{"warnings": []string{f.Warning}}
}

// EarlyCalls returns how many calls of method came before the end of a
// Retry-After the server had answered for it (from a rate limit, an injected
// 429, or another injected status with a Retry-After): calls a client that honours Retry-After never makes.
func (s *Server) EarlyCalls(method string) int { return s.limiter.earlyCalls(method) }
