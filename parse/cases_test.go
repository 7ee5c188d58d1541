package parse

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/unblock-dev/unblock"
)

// tabCase is one line of a tab-separated testdata file of made-up statements:
// its line number (for messages as file:line) and its fields.
type tabCase struct {
	line   int
	fields []string
}

// tabCases reads path, skipping blank lines and # comments; every other line
// must hold as many tab-separated fields as shape names (shape is the line's
// form, as "WANT<tab>RULE<tab>TEXT", quoted when a line does not fit). A file
// with no cases fails the test.
func tabCases(t *testing.T, path, shape string) []tabCase {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := strings.Count(shape, "<tab>") + 1
	var cases []tabCase
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		s := sc.Text()
		if strings.TrimSpace(s) == "" || s[0] == '#' {
			continue
		}
		fields := strings.SplitN(s, "\t", n)
		if len(fields) != n {
			t.Fatalf("%s:%d: want %s, got %q", filepath.Base(path), line, shape, s)
		}
		cases = append(cases, tabCase{line, fields})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatalf("%s holds no statements", filepath.Base(path))
	}
	return cases
}

// signals names what Parse said of a statement as the testdata files write
// it: B blocked, R resolved, N an explicit none, - none of them.
func signals(st unblock.Statement) string {
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
	if st.Continues {
		got += "C"
	}
	if got == "" {
		got = "-"
	}
	return got
}
