package config

import (
	"fmt"
	"strings"
)

// tokenKind describes one Slack token for messages.
type tokenKind struct {
	key    string // "slack.app_token"
	prefix string // "xapp-"
	what   string // "app-level token"
	a      string // its article: "an"
	where  string // where in the app's settings to find it
}

var (
	appTokenKind = tokenKind{"slack.app_token", "xapp-", "app-level token", "an",
		"from Basic Information > App-Level Tokens (with the connections:write scope)"}
	botTokenKind = tokenKind{"slack.bot_token", "xoxb-", "bot token", "a",
		"from OAuth & Permissions (Bot User OAuth Token)"}
)

// CheckTokens returns a problem for each Slack token that is missing or does not
// look like the token it should be. Loading never checks tokens, because offline
// commands need none; check-config and run call this. A problem never shows a
// token, at most its prefix up to the first dash.
func (c *Config) CheckTokens() []Problem {
	var probs []Problem
	if p, ok := c.checkToken(appTokenKind, c.Slack.AppToken, c.Slack.appTokenVar); !ok {
		probs = append(probs, p)
	}
	if p, ok := c.checkToken(botTokenKind, c.Slack.BotToken, c.Slack.botTokenVar); !ok {
		probs = append(probs, p)
	}
	return probs
}

func (c *Config) checkToken(k tokenKind, token, envVar string) (Problem, bool) {
	p := Problem{File: c.file, Line: c.line(k.key), Key: k.key}
	from := ""
	if envVar != "" {
		from = " (from " + envVar + ")"
	}
	switch {
	case token == "":
		if envVar != "" {
			p.Msg = fmt.Sprintf("missing: set %s to the %s (%s…) %s", envVar, k.what, k.prefix, k.where)
		} else {
			p.Msg = fmt.Sprintf("missing: give the %s (%s…) %s", k.what, k.prefix, k.where)
		}
	case !strings.HasPrefix(token, k.prefix):
		p.Msg = fmt.Sprintf("does not look like %s %s%s: it should start with %q (%s)", k.a, k.what, from, k.prefix, gotPrefix(token))
	case len(token) == len(k.prefix):
		p.Msg = fmt.Sprintf("is only %q%s: copy all of the %s %s", k.prefix, from, k.what, k.where)
	case strings.ContainsAny(token, " \t\r\n"):
		p.Msg = fmt.Sprintf("contains spaces or line breaks%s: copy the %s again", from, k.what)
	default:
		return Problem{}, true
	}
	return p, false
}

// gotPrefix describes what a wrong token starts with without giving it away:
// its prefix up to the first dash, when that is short enough to be a token type.
func gotPrefix(token string) string {
	i := strings.IndexByte(token, '-')
	if i > 0 && i <= 5 && isLetters(token[:i]) {
		return fmt.Sprintf("got a token starting %q", token[:i+1])
	}
	return "got something that is not a Slack token"
}

func isLetters(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

// TokenSummary describes a token for display without giving it away: "xoxb-…",
// or "missing".
func TokenSummary(token string) string {
	if token == "" {
		return "missing"
	}
	if i := strings.IndexByte(token, '-'); i > 0 && i <= 5 && isLetters(token[:i]) {
		return token[:i+1] + "…"
	}
	return "set (not a Slack token)"
}
