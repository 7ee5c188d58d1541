package bot

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
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

// tokenName names the token a Web API method is called with, as the config and the
// environment know it (never the token itself).
func tokenName(method string) string {
	if method == "apps.connections.open" {
		return "the app-level token (slack.app_token, default $SLACK_APP_TOKEN)"
	}
	return "the bot token (slack.bot_token, default $SLACK_BOT_TOKEN)"
}

// refusedError is the one line the bot stops with when Slack refuses a token.
func refusedError(method, code string) error {
	return unblock.Errorf(unblock.EUNAUTHORIZED, "Slack refused %s: %s (%s); create or reinstall the app's tokens and restart",
		tokenName(method), code, method)
}

// authWatch is the HTTP client of the Web API. It sets a timeout on every call and
// watches the answers for a refused token, which it reports once to onRefused.
type authWatch struct {
	client    *http.Client
	onRefused func(error)
	metrics   Metrics
}

// Do sends req and, when Slack answers that the token was refused, reports it.
// The body is read and handed back unchanged to slack-go.
func (a authWatch) Do(req *http.Request) (*http.Response, error) {
	method := req.URL.Path[strings.LastIndexByte(req.URL.Path, '/')+1:]
	resp, err := a.client.Do(req)
	if err != nil {
		a.metrics.APICall(method, 0, "")
		return resp, err
	}
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Type"), "json") {
		a.metrics.APICall(method, resp.StatusCode, "")
		return resp, err
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	var answer struct {
		OK    bool   `json:"ok"`
		Error string `json:"error"`
	}
	if json.Unmarshal(body, &answer) == nil && !answer.OK {
		a.metrics.APICall(method, resp.StatusCode, answer.Error)
		if refusedCodes[answer.Error] {
			a.onRefused(refusedError(method, answer.Error))
		}
	} else {
		a.metrics.APICall(method, resp.StatusCode, "")
	}
	return resp, nil
}

// stop reports a condition the bot cannot work under; the first one wins.
func (b *Bot) stop(err error) {
	b.stopOnce.Do(func() {
		b.log.Error("stopping: the bot cannot work under this condition", "err", err)
		b.fatal <- err // buffered: never blocks
	})
}

// Fatal delivers the condition under which the bot cannot go on (a refused token):
// the caller should close the bot and exit with it.
func (b *Bot) Fatal() <-chan error { return b.fatal }
