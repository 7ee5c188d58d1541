package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/unblock-dev/unblock"
)

// DefaultHTTPTimeout bounds every Web API call (including apps.connections.open):
// an API that accepts connections and never answers must not hang the bot. Uploads
// of the digest picture are the largest calls and take well under this.
const DefaultHTTPTimeout = 30 * time.Second

// refusedCodes are the Web API errors that mean a token is not, or no longer,
// accepted. The bot cannot work with such a token: it stops with one line that
// names the token, so a supervisor restarts it and a person sees why.
var refusedCodes = map[string]bool{
	"invalid_auth":           true,
	"not_authed":             true,
	"token_revoked":          true,
	"token_expired":          true,
	"account_inactive":       true,
	"not_allowed_token_type": true,
}

// tokenRefused returns the Slack error code when err says a token was refused.
func tokenRefused(err error) (string, bool) {
	if err == nil {
		return "", false
	}
	// slack-go's errors for an API answer with ok=false read as Slack's code.
	code := err.Error()
	return code, refusedCodes[code]
}

// TokenRefused reports whether err, or an error it wraps, is Slack refusing a
// token. The bot already stops on such an error with one line of its own
// (refusedError), so a caller that would log the same failure leaves it out.
func TokenRefused(err error) bool {
	for ; err != nil; err = errors.Unwrap(err) {
		if _, ok := tokenRefused(err); ok {
			return true
		}
	}
	return false
}

// tokenName names the token a Web API method is called with, as the config and the
// environment know it (never the token itself).
func tokenName(method string) string {
	if method == "apps.connections.open" {
		return "the app-level token xapp-… (slack.app_token, default $SLACK_APP_TOKEN)"
	}
	return "the bot token xoxb-… (slack.bot_token, default $SLACK_BOT_TOKEN)"
}

// refusedError is the one line the bot stops with when Slack refuses a token.
func refusedError(method, code string) error {
	return unblock.Errorf(unblock.EUNAUTHORIZED, "Slack refused %s: %s (%s); create or reinstall the app's tokens and restart",
		tokenName(method), code, method)
}

// authWatch is the HTTP client of the Web API. It sets a timeout on every call,
// watches the answers for a refused token, which it reports once to onRefused,
// and for Slack's warnings, which it hands to onWarning, and keeps every
// method's Retry-After (see rateWindows). (slack-go's own OptionOnWarning misses
// the chat.* methods, which parse their answers apart.)
type authWatch struct {
	client    *http.Client
	api       string // the Web API's base URL: answers from elsewhere (response_url, uploads) are not Slack's JSON
	onRefused func(error)
	onWarning func(method string, codes []string)
	metrics   Metrics
	limits    *rateWindows
}

// Do sends req and, when Slack answers that the token was refused, reports it.
// The body is read and handed back unchanged to slack-go. A call of a method
// whose Retry-After has not passed is not sent: it is answered 429 with the time
// left. Any other answer carrying a valid Retry-After (a 503) holds the method
// as long, and is handed on as it came. A 429 is handed on with its Retry-After in whole seconds, whatever form
// it came in, so slack-go always reads it as a rate limit. A Web API answer of
// 200 that is not JSON (a proxy's or a captive portal's HTML page) is handed on
// as the 502 it is: Slack did not answer, and the call may or may not have
// reached it.
func (a authWatch) Do(req *http.Request) (*http.Response, error) {
	method := req.URL.Path[strings.LastIndexByte(req.URL.Path, '/')+1:]
	if left := a.limits.wait(method); left > 0 {
		return held(req, left), nil
	}
	resp, err := a.client.Do(req)
	if err != nil {
		a.metrics.APICall(method, 0, "")
		return resp, err
	}
	if resp.StatusCode == http.StatusTooManyRequests {
		resp.Header.Set("Retry-After", seconds(a.limits.limited(method, resp.Header)))
	} else if resp.Header.Get("Retry-After") != "" {
		a.limits.answered(method, resp.Header)
	}
	// Slack's JSON is read from every Web API answer of 200 and from any answer
	// that says it is JSON (a gateway may refuse a token with 401 or 403 and
	// Slack's own body).
	webAPI := strings.HasPrefix(req.URL.String(), a.api)
	isJSON := strings.Contains(resp.Header.Get("Content-Type"), "json")
	if !isJSON && (resp.StatusCode != http.StatusOK || !webAPI) {
		a.metrics.APICall(method, resp.StatusCode, "")
		return resp, err
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if webAPI && resp.StatusCode == http.StatusOK && !json.Valid(body) {
		a.metrics.APICall(method, http.StatusBadGateway, "")
		resp.StatusCode, resp.Status = http.StatusBadGateway, "502 answer is not JSON ("+resp.Header.Get("Content-Type")+")"
		return resp, nil
	}
	var answer struct {
		OK       bool   `json:"ok"`
		Error    string `json:"error"`
		Warning  string `json:"warning"`
		Metadata struct {
			Warnings []string `json:"warnings"`
		} `json:"response_metadata"`
	}
	err = json.Unmarshal(body, &answer)
	if err == nil && (answer.Warning != "" || len(answer.Metadata.Warnings) > 0) {
		a.onWarning(method, append(strings.Split(answer.Warning, ","), answer.Metadata.Warnings...))
	}
	if err == nil && !answer.OK {
		a.metrics.APICall(method, resp.StatusCode, answer.Error)
		if refusedCodes[answer.Error] {
			a.onRefused(refusedError(method, answer.Error))
			// A gateway's 401 or 403 with Slack's JSON is Slack's answer: handed
			// on as 200, slack-go reads its code, so every caller knows the token
			// was refused (and not the call: the effect or envelope in hand is kept).
			resp.StatusCode, resp.Status = http.StatusOK, "200 OK"
		}
	} else {
		a.metrics.APICall(method, resp.StatusCode, "")
	}
	return resp, nil
}

// stop reports a condition the bot cannot work under; the first one wins. From
// then on the sender sends nothing: what is pending stays for the next start.
func (b *Bot) stop(err error) {
	b.stopOnce.Do(func() {
		b.log.Error("stopping: the bot cannot work under this condition", "err", err)
		b.haltErr = err
		close(b.halted)
		b.fatal <- err // buffered: never blocks
	})
}

// stopping reports whether the bot stops under a condition it cannot work under.
func (b *Bot) stopping() bool {
	select {
	case <-b.halted:
		return true
	default:
		return false
	}
}

// Halt stops the bot under a condition found outside it that it cannot work
// under (the standup scheduler finding that the database cannot be written):
// Fatal delivers err, as for the bot's own.
func (b *Bot) Halt(err error) { b.stop(err) }

// Fatal delivers the condition under which the bot cannot go on (a refused token):
// the caller should close the bot and exit with it.
func (b *Bot) Fatal() <-chan error { return b.fatal }

// logOnce reports whether the condition key is met for the first time in this
// process: a condition that repeats (Slack's warning on every call of a method,
// an envelope type the bot does not know) is logged at Warn once, then at Debug.
func (b *Bot) logOnce(key string) bool {
	_, seen := b.logged.LoadOrStore(key, true)
	return !seen
}

// warned logs Slack's warnings on an answer (a deprecated argument, a missing
// charset), once per method and warning: the call worked, so they must not flood
// the log. The request is not logged: it may hold what people wrote.
func (b *Bot) warned(method string, codes []string) {
	slices.Sort(codes)
	for _, code := range slices.Compact(codes) {
		if code = strings.TrimSpace(code); code == "" {
			continue
		}
		level := slog.LevelDebug
		if b.logOnce("warning:" + method + ":" + code) {
			level = slog.LevelWarn
		}
		b.log.Log(context.Background(), level, "Slack warned about a Web API call (logged once per method and warning)", "method", method, "warning", code)
	}
}
