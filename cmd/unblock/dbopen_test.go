package main

import (
	"net/url"
	"strings"
	"testing"

	"github.com/unblock-dev/unblock/store/pgtest"
)

// unopenable are PostgreSQL URLs that cannot be opened, each with its password
// (s3cretpw), the URL as a line must name it (masked), and what the line says.
type unopenable struct {
	name   string
	url    string
	named  string
	wantIn string
}

// unopenableDatabases returns a database the server does not have, a user it does
// not have and a server that does not answer.
func unopenableDatabases(t *testing.T) []unopenable {
	server, err := url.Parse(pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	with := func(user, database string) *url.URL {
		u := *server
		u.User = url.UserPassword(user, "s3cretpw")
		if database != "" {
			u.Path = "/" + database
		}
		return &u
	}
	noDB := with(server.User.Username(), "unblock_no_such_db")
	noRole := with("unblock_no_such_role", "")
	return []unopenable{
		{"NoDatabase", noDB.String(), noDB.Redacted(), `database "unblock_no_such_db" does not exist`},
		{"NoRole", noRole.String(), noRole.Redacted(), `"unblock_no_such_role"`},
		// Nothing listens on port 1: the connection is refused at once.
		{"Refused", "postgres://unblock:s3cretpw@127.0.0.1:1/unblock?sslmode=disable&connect_timeout=5",
			"postgres://unblock:xxxxx@127.0.0.1:1/unblock", "connection refused"},
	}
}

// openArgs are commands that open the database url, one of each way they do.
func openArgs(t *testing.T, url string) [][]string {
	return [][]string{
		{"people", "-db", url},
		{"digest", "-config", "testdata/companyx.yaml", "-db", url},
		{"export-user", "-db", url, "U1"},
		{"migrate-db", "-from", url, "-to", t.TempDir() + "/out.db"},
	}
}

// TestOpenDatabase_OneLine: a PostgreSQL database that cannot be opened is one
// line naming the URL once, its password masked, and saying what failed.
func TestOpenDatabase_OneLine(t *testing.T) {
	for _, tt := range unopenableDatabases(t) {
		for _, args := range openArgs(t, tt.url) {
			t.Run(tt.name+"/"+args[0], func(t *testing.T) {
				_, _, stderr := run(t, args...)
				if strings.Contains(stderr, "s3cretpw") {
					t.Fatalf("the password reached stderr: %q", stderr)
				}
				if got := strings.Count(stderr, "\n"); got != 1 {
					t.Errorf("stderr has %d lines, want 1: %q", got, stderr)
				}
				if got := strings.Count(stderr, tt.named); got != 1 {
					t.Errorf("stderr names %s %d times, want once: %q", tt.named, got, stderr)
				}
				if !strings.Contains(stderr, tt.wantIn) {
					t.Errorf("stderr %q does not say %q", stderr, tt.wantIn)
				}
			})
		}
	}
}

// TestOpenDatabase_ExitCode: a database or user the server does not have is a
// configuration problem, exit 2 as the README's exit codes say for every config
// error; a server that does not answer is a runtime error, exit 1.
func TestOpenDatabase_ExitCode(t *testing.T) {
	want := map[string]int{"NoDatabase": exitUsage, "NoRole": exitUsage, "Refused": exitRuntime}
	for _, tt := range unopenableDatabases(t) {
		for _, args := range openArgs(t, tt.url) {
			t.Run(tt.name+"/"+args[0], func(t *testing.T) {
				if code, _, stderr := run(t, args...); code != want[tt.name] {
					t.Errorf("exit %d, want %d; stderr %q", code, want[tt.name], stderr)
				}
			})
		}
	}
}
