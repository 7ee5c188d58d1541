package slackemu

import (
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// apiError is a Slack error code, answered as {"ok":false,"error":code} with HTTP 200.
type apiError string

func (e apiError) Error() string { return string(e) }

// handler serves one Web API method. It runs with s.mu held and returns the
// fields of a successful answer ("ok":true is added) or an apiError.
type handler func(s *Server, r *request) (map[string]any, error)

var apiMethods = map[string]handler{
	"auth.test":                    (*Server).authTest,
	"apps.connections.open":        (*Server).appsConnectionsOpen,
	"users.info":                   (*Server).usersInfo,
	"users.list":                   (*Server).usersList,
	"usergroups.list":              (*Server).usergroupsList,
	"usergroups.users.list":        (*Server).usergroupsUsersList,
	"conversations.open":           (*Server).conversationsOpen,
	"conversations.info":           (*Server).conversationsInfo,
	"conversations.members":        (*Server).conversationsMembers,
	"conversations.history":        (*Server).conversationsHistory,
	"conversations.replies":        (*Server).conversationsReplies,
	"chat.postMessage":             (*Server).chatPostMessage,
	"chat.postEphemeral":           (*Server).chatPostEphemeral,
	"chat.update":                  (*Server).chatUpdate,
	"chat.delete":                  (*Server).chatDelete,
	"views.open":                   (*Server).viewsOpen,
	"views.push":                   (*Server).viewsPush,
	"views.update":                 (*Server).viewsUpdate,
	"views.publish":                (*Server).viewsPublish,
	"files.getUploadURLExternal":   (*Server).filesGetUploadURLExternal,
	"files.completeUploadExternal": (*Server).filesCompleteUploadExternal,
}

// jsonFields are form fields whose values are JSON documents.
var jsonFields = map[string]bool{"blocks": true, "attachments": true, "files": true, "view": true, "metadata": true}

// request is one Web API request, form-encoded or JSON.
type request struct {
	token  string
	bearer bool // the token came in the Authorization header
	form   url.Values
	body   map[string]json.RawMessage // a JSON request's fields
	args   map[string]any             // for the record: the parameters without the token
}

const maxBody = 8 << 20

func parseRequest(r *http.Request) (*request, error) {
	req := &request{args: map[string]any{}}
	if tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
		req.token, req.bearer = strings.TrimSpace(tok), true
	}
	ctype, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ctype == "application/json" {
		b, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
		if err != nil {
			return req, fmt.Errorf("read body: %w", err)
		}
		if len(strings.TrimSpace(string(b))) > 0 {
			if err := json.Unmarshal(b, &req.body); err != nil {
				return req, apiError("invalid_json")
			}
		}
		for k, v := range req.body {
			var x any
			_ = json.Unmarshal(v, &x)
			req.args[k] = x
		}
		req.form = r.URL.Query()
	} else {
		r.Body = http.MaxBytesReader(nil, r.Body, maxBody)
		if err := r.ParseForm(); err != nil {
			return req, apiError("invalid_form_data")
		}
		req.form = r.Form
	}
	for k, vs := range req.form {
		if len(vs) == 0 || k == "token" {
			continue
		}
		var x any
		if jsonFields[k] && json.Unmarshal([]byte(vs[0]), &x) == nil {
			req.args[k] = x
		} else {
			req.args[k] = vs[0]
		}
	}
	if !req.bearer {
		req.token = req.form.Get("token")
	}
	delete(req.args, "token")
	return req, nil
}

// str returns parameter name as a string ("" when absent).
func (r *request) str(name string) string {
	if v, ok := r.body[name]; ok {
		var s string
		if json.Unmarshal(v, &s) == nil {
			return s
		}
		return strings.TrimSpace(string(v))
	}
	return r.form.Get(name)
}

func (r *request) boolean(name string) bool {
	b, _ := strconv.ParseBool(r.str(name))
	return b || r.str(name) == "1"
}

func (r *request) integer(name string, def int) int {
	n, err := strconv.Atoi(r.str(name))
	if err != nil {
		return def
	}
	return n
}

// jsonArg returns parameter name as a JSON document: a JSON field as it is, or a
// string (form field or JSON string) that holds JSON. It reports whether the
// parameter is present and returns errBad if it is not valid JSON.
func (r *request) jsonArg(name string, errBad apiError) (json.RawMessage, bool, error) {
	var s string
	if v, ok := r.body[name]; ok {
		if json.Unmarshal(v, &s) != nil {
			if string(v) == "null" {
				return nil, false, nil
			}
			return v, true, nil
		}
	} else {
		s = r.form.Get(name)
	}
	if strings.TrimSpace(s) == "" {
		return nil, false, nil
	}
	if !json.Valid([]byte(s)) {
		return nil, true, errBad
	}
	return json.RawMessage(s), true, nil
}

// checkToken applies Slack's token rules: the app-level token only for
// apps.connections.open, and only in the Authorization header; the bot token for
// everything else.
func (s *Server) checkToken(method string, r *request) error {
	if r.token == "" || (method == "apps.connections.open" && !r.bearer) {
		return apiError("not_authed")
	}
	want, other := s.opts.BotToken, s.opts.AppToken
	if method == "apps.connections.open" {
		want, other = other, want
	}
	s.mu.Lock()
	revoked := s.revoked[r.token]
	s.mu.Unlock()
	switch {
	case revoked:
		return apiError("token_revoked")
	case r.token == want:
		return nil
	case r.token == other:
		return apiError("not_allowed_token_type")
	}
	return apiError("invalid_auth")
}

func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	method := strings.TrimPrefix(r.URL.Path, "/api/")
	req, err := parseRequest(r)
	s.limiter.arrive(method, req.str("channel"))
	fault := s.faultFor(method)
	if fault != nil && !fault.Served && !fault.HTML && !fault.Reset &&
		(fault.Status == http.StatusTooManyRequests || fault.Status != 0 && fault.Error == "" && fault.RetryAfter > 0) {
		s.limiter.refused(method, max(fault.RetryAfter, 0))
	}
	if fault.failBefore(w) {
		return
	}
	h, known := apiMethods[method]
	status, retryAfter := http.StatusOK, 0
	if err == nil && !known {
		err = apiError("unknown_method")
	}
	if err == nil {
		err = s.checkToken(method, req)
	}
	if err == nil {
		if ok, wait := s.limiter.allow(method, req.str("channel")); !ok {
			status, retryAfter, err = http.StatusTooManyRequests, wait, apiError("ratelimited")
		}
	}

	s.mu.Lock()
	var res map[string]any
	if err == nil {
		res, err = h(s, req)
	}
	call := Call{At: s.now(), Method: method, Args: req.args, Status: status}
	if err != nil {
		call.Error = errorCode(err)
	}
	s.rec.calls = append(s.rec.calls, call)
	s.transcriptCallLocked(call)
	s.notifyLocked()
	s.mu.Unlock()

	if res == nil {
		res = map[string]any{}
	}
	res["ok"] = err == nil
	if err != nil {
		res["error"] = errorCode(err)
	}
	if retryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(retryAfter))
	}
	if fault.failAfter(w) {
		return
	}
	if err == nil {
		fault.warn(res)
	}
	w.Header().Set("Content-Type", fault.contentType())
	writeJSON(w, status, res)
}

func errorCode(err error) string {
	if e, ok := err.(apiError); ok {
		return string(e)
	}
	return "internal_error"
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
	}
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// page returns items[from:from+limit] and the cursor of the next page ("" at the
// end). Cursors are opaque to clients, as Slack's are.
func page[T any](items []T, cursor string, limit, defLimit int) ([]T, string, error) {
	from := 0
	if cursor != "" {
		n, err := strconv.Atoi(strings.TrimPrefix(cursor, "next:"))
		if err != nil || !strings.HasPrefix(cursor, "next:") || n < 0 || n > len(items) {
			return nil, "", apiError("invalid_cursor")
		}
		from = n
	}
	if limit <= 0 {
		limit = defLimit
	}
	to := min(from+limit, len(items))
	next := ""
	if to < len(items) {
		next = "next:" + strconv.Itoa(to)
	}
	return items[from:to], next, nil
}
