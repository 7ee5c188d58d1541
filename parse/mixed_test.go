package parse

import (
	"bufio"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestMixed reads testdata/mixed.txt: reports that say one wait cleared and
// another goes on must be blocked and resolved, with what arrived (and from
// whom) marked resolved and only the wait still on awaited, with its topic; a
// block chosen on purpose is no wait; marks appear in no other report.
func TestMixed(t *testing.T) {
	f, err := os.Open("testdata/mixed.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	names := func(s string) []string {
		if s == "-" {
			return nil
		}
		out := strings.Split(s, ",")
		slices.Sort(out)
		return out
	}
	sc := bufio.NewScanner(f)
	n := 0
	for line := 1; sc.Scan(); line++ {
		s := sc.Text()
		if strings.TrimSpace(s) == "" || s[0] == '#' {
			continue
		}
		fields := strings.SplitN(s, "\t", 5)
		if len(fields) != 5 {
			t.Fatalf("mixed.txt:%d: want WANT<tab>CLEARED<tab>AWAITED<tab>TOPIC<tab>TEXT, got %q", line, s)
		}
		want, in := fields[0], fields[4]
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
		var cleared, awaited []string
		for _, tg := range st.Targets {
			if tg.Resolved {
				cleared = append(cleared, tg.Name)
			} else {
				awaited = append(awaited, tg.Name)
			}
		}
		slices.Sort(cleared)
		slices.Sort(awaited)
		topic := st.Topic
		if topic == "" {
			topic = "-"
		}
		if got != want || !slices.Equal(cleared, names(fields[1])) || !slices.Equal(awaited, names(fields[2])) ||
			fields[3] != "*" && topic != fields[3] {
			t.Errorf("mixed.txt:%d: Parse(%q) = %s, cleared %q, awaited %q, topic %q; want %s, %s, %s, %s (trace %v)",
				line, in, got, cleared, awaited, topic, want, fields[1], fields[2], fields[3], steps)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("mixed.txt holds no statements")
	}
}
