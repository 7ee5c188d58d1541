package main

import (
	"strings"
	"testing"
)

// TestDatabaseURLPasswordNeverPrinted: a command given a PostgreSQL URL it
// cannot open says so on one line, with the password masked as everywhere
// else ("postgres://unblock:xxxxx@…"), never the password itself.
func TestDatabaseURLPasswordNeverPrinted(t *testing.T) {
	// Nothing listens on port 1: the connection is refused at once.
	const url = "postgres://unblock:s3cretpw@127.0.0.1:1/unblock?sslmode=disable&connect_timeout=5"
	tests := []struct {
		name string
		args []string
	}{
		{"people", []string{"people", "-db", url}},
		{"blockers", []string{"blockers", "-config", "testdata/companyx.yaml", "-db", url}},
		{"digest", []string{"digest", "-config", "testdata/companyx.yaml", "-db", url}},
		{"graph", []string{"graph", "-config", "testdata/companyx.yaml", "-db", url}},
		{"export", []string{"export", "-config", "testdata/companyx.yaml", "-db", url}},
		{"export-user", []string{"export-user", "-db", url, "U1"}},
		{"forget", []string{"forget", "-db", url, "U1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := run(t, tt.args...)
			if code != exitRuntime {
				t.Fatalf("exit %d, want %d; stderr %q", code, exitRuntime, stderr)
			}
			if strings.Contains(stderr, "s3cretpw") {
				t.Fatalf("the password reached stderr: %q", stderr)
			}
			if !strings.Contains(stderr, "postgres://unblock:xxxxx@127.0.0.1:1/unblock") {
				t.Errorf("stderr %q does not name the database", stderr)
			}
		})
	}
}
