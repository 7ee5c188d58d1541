package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
)

// FuzzParse feeds the loader arbitrary bytes: it must never panic, must report
// trouble as Problems, and a config it accepts must have every parsed value in
// place.
//
//	go test -run '^$' -fuzz FuzzParse -fuzztime 2m -fuzzminimizetime 3s ./config/
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.yaml")
	seeds = append(seeds, "../config.example.yaml")
	for _, name := range seeds {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("teams:\n  - name: a\n    channel: C1A\n    members: [U1A]\n    schedule: \"TZ=\"\n")
	f.Add("teams: [{name: a, channel: C1A, members: [U1A], schedule: '@every 1h', timezone: member}]")
	f.Add("a: &a [*a]")
	env := func(k string) string {
		if k == "X" {
			return "0 9 * * *"
		}
		return ""
	}
	f.Fuzz(func(t *testing.T, in string) {
		c, err := Parse("f.yaml", strings.NewReader(in), env)
		if c == nil {
			t.Fatalf("Parse returned no config (err %v)", err)
		}
		_ = c.CheckTokens()
		if err != nil {
			var ps Problems
			if !errors.As(err, &ps) || len(ps) == 0 {
				t.Fatalf("error %T %v is not Problems", err, err)
			}
			if unblock.ErrorCode(err) != unblock.EINVALID {
				t.Fatalf("ErrorCode = %q; want invalid", unblock.ErrorCode(err))
			}
			for _, p := range ps {
				if p.Line < 0 || p.Msg == "" || p.File != "f.yaml" {
					t.Fatalf("malformed problem %#v", p)
				}
			}
			return
		}
		if c.Location() == nil || c.Digest.Cron() == nil || c.Digest.Location() == nil {
			t.Fatalf("accepted config lacks parsed global values: %+v", c)
		}
		for _, tm := range c.TeamConfigs {
			if tm.Cron() == nil || tm.Location() == nil {
				t.Fatalf("accepted team %q lacks a schedule or location", tm.Name)
			}
			tm.Cron().Next(time.Date(2026, 1, 1, 0, 0, 0, 0, tm.Location()))
		}
		_ = c.RoleRules()
		_ = c.Teams()
		_ = c.DatabasePath()
	})
}
