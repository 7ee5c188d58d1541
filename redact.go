package unblock

import (
	"net/url"
	"strings"
)

// RedactedURL returns u with its passwords masked as "xxxxx", in the user
// information (https://user:xxxxx@host/) and in password or sslpassword query
// parameters, for logs and messages. It is the one rule for every URL unblock
// shows: a database's, the Slack API's (SLACK_API_URL), the LLM reader's. A u
// that does not parse as a URL is shown as its scheme alone ("postgres://(not a
// URL)"), never as written.
func RedactedURL(u string) string {
	p, err := url.Parse(u)
	if err == nil && p.Opaque != "" {
		return "(not a URL)" // "user:password@host" parses as scheme "user"
	}
	if err != nil {
		scheme, _, ok := strings.Cut(u, "://")
		if !ok || strings.ContainsAny(scheme, "@:/") {
			return "(not a URL)"
		}
		return scheme + "://(not a URL)"
	}
	if q := p.Query(); q.Has("password") || q.Has("sslpassword") {
		for _, k := range []string{"password", "sslpassword"} {
			if q.Has(k) {
				q.Set(k, "xxxxx")
			}
		}
		p.RawQuery = q.Encode()
	}
	return p.Redacted()
}
