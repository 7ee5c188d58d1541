package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/unblock-dev/unblock/slackexport/slackexporttest"
)

func TestShellWord(t *testing.T) {
	tests := []struct{ in, want string }{
		{"config.yaml", "config.yaml"},
		{"/tmp/a-b_c/x.db", "/tmp/a-b_c/x.db"},
		{"postgres://u:xxxxx@h:5432/db?sslmode=disable", `"postgres://u:xxxxx@h:5432/db?sslmode=disable"`},
		{"my dir/config.yaml", `"my dir/config.yaml"`},
		{`a"b$c` + "`d\\e", `"a\"b\$c\` + "`d\\\\e" + `"`},
		{"", `""`},
	}
	for _, tt := range tests {
		if got := shellWord(tt.in); got != tt.want {
			t.Errorf("shellWord(%q) = %s; want %s", tt.in, got, tt.want)
		}
	}
}

// hintPattern finds the command lines the CLI prints as hints: 'unblock …'.
var hintPattern = regexp.MustCompile(`'(unblock [^']*)'`)

// shellSplit splits a command line as a POSIX shell does for the quoting hint
// uses: words separated by spaces, double quotes with \-escapes.
func shellSplit(t *testing.T, line string) []string {
	var words []string
	var w strings.Builder
	in, quoted, inQuotes := false, false, false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case inQuotes && c == '\\' && i+1 < len(line):
			i++
			w.WriteByte(line[i])
		case c == '"':
			inQuotes, in, quoted = !inQuotes, true, true
		case c == ' ' && !inQuotes:
			if in {
				words = append(words, w.String())
				w.Reset()
				in, quoted = false, false
			}
		default:
			w.WriteByte(c)
			in = true
		}
	}
	if inQuotes {
		t.Fatalf("unterminated quote in %q", line)
	}
	if in || quoted {
		words = append(words, w.String())
	}
	return words
}

// TestHints_RunAsPrinted: every command line the CLI prints as a hint runs as
// printed against the same config and database, from a directory whose name
// has a space.
func TestHints_RunAsPrinted(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "my unblock")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "config.yaml") // its database: unblock.db beside it
	if err := os.WriteFile(cfg, []byte("timezone: UTC\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("timezone: Mars/Olympus\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "other x.db")
	zip := slackexporttest.CompanyXZip(t)
	env := map[string]string{"SLACK_APP_TOKEN": "xapp-1-A0-1-secret", "SLACK_BOT_TOKEN": "xoxb-1-2-secret"}
	runEnv := func(args ...string) (int, string) {
		var stdout, stderr bytes.Buffer
		e := &Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Getenv: func(k string) string { return env[k] }}
		code := Main(context.Background(), e, args)
		return code, stdout.String() + stderr.String()
	}
	tests := []struct {
		name     string
		args     []string // the command whose output holds the hint
		wantHint string   // its exit code being ignored
		hintCode int      // the hint's exit code
		hintOut  string   // what the hint's output holds
	}{
		{"import -db", []string{"import", "-config", cfg, "-db", db, zip},
			`unblock digest -config "` + cfg + `" -db "` + db + `" -as-of 2026-11-19`, 0, "Numbers"},
		{"import", []string{"import", "-config", cfg, zip},
			`unblock digest -config "` + cfg + `" -as-of 2026-11-19`, 0, "Numbers"},
		{"a config with problems", []string{"digest", "-config", bad},
			`unblock check-config "` + bad + `"`, exitUsage, bad + ":1: timezone:"},
		{"check-config, a digest sent nowhere", []string{"check-config", "-offline", cfg},
			`unblock digest -config "` + cfg + `"`, 0, "Numbers"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, out := runEnv(tt.args...)
			m := hintPattern.FindAllStringSubmatch(out, -1)
			if len(m) != 1 || m[0][1] != tt.wantHint {
				t.Fatalf("unblock %s printed hints %q; want one, %s:\n%s", tt.args[0], m, tt.wantHint, out)
			}
			words := shellSplit(t, m[0][1])
			code, out := runEnv(words[1:]...)
			if code != tt.hintCode || !strings.Contains(out, tt.hintOut) {
				t.Errorf("%s: exit %d, want %d and output holding %q:\n%s", m[0][1], code, tt.hintCode, tt.hintOut, out)
			}
		})
	}
}
