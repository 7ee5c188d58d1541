package main

import (
	"strings"
	"testing"
)

// TestUsage_Consistent: every command's help reads alike: its synopsis starts
// with a verb in the third person ("prints", like the others), and no line of
// its help, nor of the list of commands, ends in a space.
func TestUsage_Consistent(t *testing.T) {
	tests := [][]string{{"help"}}
	for _, c := range commands() {
		tests = append(tests, []string{c.Name(), "-h"})
	}
	for _, args := range tests {
		t.Run(args[0], func(t *testing.T) {
			code, out, errOut := run(t, args...)
			if code != exitOK || errOut != "" {
				t.Fatalf("unblock %s: exit %d, stderr %q", strings.Join(args, " "), code, errOut)
			}
			for _, line := range strings.Split(out, "\n") {
				if strings.TrimRight(line, " \t") != line {
					t.Errorf("unblock %s: line %q ends in a space", strings.Join(args, " "), line)
				}
			}
		})
	}
	for _, c := range commands() {
		if verb, _, _ := strings.Cut(c.Synopsis(), " "); !strings.HasSuffix(verb, "s") {
			t.Errorf("%s's synopsis %q starts with %q; want a verb like the others' (\"prints\")", c.Name(), c.Synopsis(), verb)
		}
	}
	if _, out, _ := run(t, "help"); !strings.Contains(out, "  help          shows this list") {
		t.Errorf("unblock help does not describe help like the others:\n%s", out)
	}
}
