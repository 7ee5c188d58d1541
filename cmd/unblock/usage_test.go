package main

import (
	"os"
	"regexp"
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

// TestUsage_NamesEveryFlag: a command's usage line names every flag it takes,
// and a -db flag says what it accepts and what it defaults to, as everywhere.
func TestUsage_NamesEveryFlag(t *testing.T) {
	for _, c := range commands() {
		t.Run(c.Name(), func(t *testing.T) {
			_, out, _ := run(t, c.Name(), "-h")
			usage, _, _ := strings.Cut(out, "\n")
			_, flags, _ := strings.Cut(out, "\nFlags:\n")
			flags, _, _ = strings.Cut(flags, "\nEnvironment:\n")
			for _, line := range strings.Split(flags, "\n") {
				if !strings.HasPrefix(line, "  -") {
					continue
				}
				name := strings.Fields(line)[0]
				if !strings.Contains(usage+" ", "["+name+" ") && !strings.Contains(usage+" ", " "+name+" ") &&
					!strings.Contains(usage, "["+name+"]") && !strings.Contains(usage, "| "+name+" ") {
					t.Errorf("the usage line %q does not name %s", usage, name)
				}
			}
			if strings.Contains(flags, "  -db ") && !strings.Contains(flags, dbFlagUsage) {
				t.Errorf("-db is described otherwise than %q:\n%s", dbFlagUsage, flags)
			}
		})
	}
}

// TestUsage_DesignListsEveryCommand: docs/DESIGN.md's CLI contract has an entry
// for every command ("- `unblock NAME …") and names every flag the command takes
// in it, so the contract other tools read is the binary's.
func TestUsage_DesignListsEveryCommand(t *testing.T) {
	design, err := os.ReadFile("../../docs/DESIGN.md")
	if err != nil {
		t.Fatal(err)
	}
	_, cli, ok := strings.Cut(string(design), "**Contract — CLI.**")
	if !ok {
		t.Fatal("docs/DESIGN.md has no CLI contract")
	}
	cli, _, _ = strings.Cut(cli, "**Contract — environment")
	entries := map[string]string{} // command -> the text of its entries
	for _, e := range strings.Split(cli, "\n- `unblock ")[1:] {
		name, _, _ := strings.Cut(e, " ")
		name = strings.TrimSuffix(name, "`")
		entries[name] += e
	}
	for _, c := range commands() {
		entry, ok := entries[c.Name()]
		if !ok {
			t.Errorf("docs/DESIGN.md's CLI contract has no entry for unblock %s", c.Name())
			continue
		}
		_, out, _ := run(t, c.Name(), "-h")
		_, flags, _ := strings.Cut(out, "\nFlags:\n")
		flags, _, _ = strings.Cut(flags, "\nEnvironment:\n")
		for _, line := range strings.Split(flags, "\n") {
			if !strings.HasPrefix(line, "  -") {
				continue
			}
			name := strings.Fields(line)[0]
			if !regexp.MustCompile("(^|[\\s\\[`(|])" + regexp.QuoteMeta(name) + "($|[\\s\\]`)|,.:])").MatchString(entry) {
				t.Errorf("docs/DESIGN.md's entry for unblock %s does not name %s", c.Name(), name)
			}
		}
	}
}
