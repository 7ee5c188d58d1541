package store_test

import (
	"strings"
	"testing"

	"github.com/unblock-dev/unblock/store"
)

// A database path reaches error messages and logs only through Redacted: no
// password survives it, wherever the URL carries one.
func TestRedacted(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"unblock.db", "unblock.db"},
		{"/var/lib/unblock/unblock.db", "/var/lib/unblock/unblock.db"},
		{"postgres://unblock@db:5432/unblock", "postgres://unblock@db:5432/unblock"},
		{"postgres://unblock:hunter2@db:5432/unblock", "postgres://unblock:xxxxx@db:5432/unblock"},
		{"postgresql://unblock:hunter2@db/unblock?sslmode=require", "postgresql://unblock:xxxxx@db/unblock?sslmode=require"},
		{"postgres://unblock@db/unblock?password=hunter2", "postgres://unblock@db/unblock?password=xxxxx"},
		{"postgres://unblock@db/unblock?sslmode=verify-full&sslpassword=hunter2", "postgres://unblock@db/unblock?sslmode=verify-full&sslpassword=xxxxx"},
		{"postgres://unblock:hunter2@db/unblock?password=hunter2&search_path=unblock", "postgres://unblock:xxxxx@db/unblock?password=xxxxx&search_path=unblock"},
		{"postgres://unblock:hunter2%zz@db/unblock", "postgres://(not a URL)"},
		// The keyword/value form, which unblock refuses, in its error.
		{"host=db user=unblock password=hunter2 dbname=unblock", "host=db user=unblock password=xxxxx dbname=unblock"},
		{"host=db password = 'hunter2 x' sslpassword=hunter2", "host=db password=xxxxx sslpassword=xxxxx"},
		{"dbname=unblock PASSWORD='hun\\'ter2'", "dbname=unblock PASSWORD=xxxxx"},
	} {
		got := store.Redacted(tc.in)
		if got != tc.want || strings.Contains(got, "hunter2") || strings.Contains(got, "ter2") {
			t.Errorf("Redacted(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
