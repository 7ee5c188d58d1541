package parse

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/unblock-dev/unblock"
)

// TestRoles reads testdata/roles.txt: made-up statements grouped by the target
// and role rule they exercise, each family with siblings in other words, and
// checks the targets Parse reads in each.
func TestRoles(t *testing.T) {
	f, err := os.Open("testdata/roles.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for line := 1; sc.Scan(); line++ {
		s := sc.Text()
		if strings.TrimSpace(s) == "" || s[0] == '#' {
			continue
		}
		fields := strings.SplitN(s, "\t", 3)
		if len(fields) != 3 {
			t.Fatalf("roles.txt:%d: want WANT<tab>FAMILY<tab>TEXT, got %q", line, s)
		}
		want, family, in := fields[0], fields[1], fields[2]
		n++
		st := Parse(in, nil)
		checkInvariants(t, in, st)
		for _, w := range splitWant(want) {
			not := strings.HasPrefix(w, "!")
			parts := strings.SplitN(strings.TrimPrefix(w, "!"), "/", 3)
			if len(parts) < 2 || !not && len(parts) != 3 {
				t.Fatalf("roles.txt:%d: want KIND/ROLE/NAME or !KIND/ROLE, got %q", line, w)
			}
			kind, role := unblock.TargetKind(parts[0]), unblock.Role(parts[1])
			found := false
			for _, tg := range st.Targets {
				found = found || tg.Kind == kind && tg.Role == role && (not || tg.Name == parts[2])
			}
			if found == not {
				t.Errorf("roles.txt:%d (%s): Parse(%q) targets %+v; want %s", line, family, in, st.Targets, w)
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("roles.txt holds no statements")
	}
}

// splitWant splits a WANT field into its targets: KIND/ROLE/NAME items, where
// a NAME may hold spaces up to the next item's KIND/.
func splitWant(s string) []string {
	var out []string
	for _, f := range strings.Fields(s) {
		if len(out) > 0 && !strings.Contains(f, "/") {
			out[len(out)-1] += " " + f // "artifact/security/security review"
			continue
		}
		out = append(out, f)
	}
	return out
}
