package unblock

import (
	"strings"
	"testing"
)

// No password survives RedactedURL, wherever the URL carries one.
func TestRedactedURL(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://slack.com/api/", "https://slack.com/api/"},
		{"http://user:hunter2@proxy.internal:8080/api/", "http://user:xxxxx@proxy.internal:8080/api/"},
		{"http://user@proxy.internal/api/", "http://user@proxy.internal/api/"},
		{"https://llm.internal/v1?password=hunter2", "https://llm.internal/v1?password=xxxxx"},
		{"postgres://unblock:hunter2@db:5432/unblock", "postgres://unblock:xxxxx@db:5432/unblock"},
		{"postgres://unblock@db/unblock?sslmode=verify-full&sslpassword=hunter2", "postgres://unblock@db/unblock?sslmode=verify-full&sslpassword=xxxxx"},
		{"postgres://unblock:hunter2%zz@db/unblock", "postgres://(not a URL)"},
		{"http://user:hunter2%zz@proxy/api/", "http://(not a URL)"},
		{"user:hunter2%zz@proxy", "(not a URL)"},
	} {
		got := RedactedURL(tc.in)
		if got != tc.want || strings.Contains(got, "hunter2") {
			t.Errorf("RedactedURL(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
