package parse

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// TestSignals reads testdata/signals.txt: made-up statements grouped by the
// signal rule they exercise (a resolution, a wait, an explicit none or a
// distractor), each family with siblings in other words, and checks what
// Parse says of each.
func TestSignals(t *testing.T) {
	f, err := os.Open("testdata/signals.txt")
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
			t.Fatalf("signals.txt:%d: want WANT<tab>RULE<tab>TEXT, got %q", line, s)
		}
		want, rule, in := fields[0], fields[1], fields[2]
		switch want {
		case "B", "R", "BR", "N", "-":
		default:
			t.Fatalf("signals.txt:%d: WANT %q, want B, R, BR, N or -", line, want)
		}
		n++
		st, steps := Explain(in, nil)
		got := ""
		if st.Blocked {
			got += "B"
		}
		if st.Resolved {
			got += "R"
		}
		if st.None {
			got += "N"
		}
		if got == "" {
			got = "-"
		}
		if got != want {
			t.Errorf("signals.txt:%d (%s): Parse(%q) = %s; want %s (trace %v)", line, rule, in, got, want, steps)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("signals.txt holds no statements")
	}
}
