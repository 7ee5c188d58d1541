// Package labelled reads sets of labelled statements (JSON Lines, the format of
// parse/testdata/*.jsonl) and scores a reader against them with the measures
// BENCHMARKS.md reports: blocked, resolved and "no blockers" precision, recall
// and F1; the right role and the right person on blockers that name one; and
// the topic. The parser's tests and "unblock eval" share this one
// implementation, so a figure means the same wherever it is printed.
package labelled

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/unblock-dev/unblock"
)

// MaxLine is the longest line a set may hold, in bytes (1 MiB).
const MaxLine = 1 << 20

// Statement is one labelled statement: the text and what a careful reader
// says of it (fields: ../shared/corpus/README.md).
type Statement struct {
	ID       string `json:"id"`
	Text     string `json:"text"`
	Source   string `json:"source,omitempty"`
	Blocked  bool   `json:"blocked"`  // the author is waiting on someone or something
	Resolved bool   `json:"resolved"` // the author says an earlier blocker cleared
	// None is the optional "no blockers" label: nil when the set does not say,
	// and then the statement does not count towards the "none" score.
	None    *bool            `json:"none,omitempty"`
	Targets []unblock.Target `json:"targets"`
	Topic   string           `json:"topic"`
	Note    string           `json:"note,omitempty"`
}

// Read reads the labelled set at path.
func Read(path string) ([]Statement, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Decode(f, path)
}

// Decode reads a labelled set, one JSON object a line; blank lines are
// skipped. name prefixes errors ("set.jsonl:12: …") and names statements
// without an id ("set.jsonl:12").
func Decode(r io.Reader, name string) ([]Statement, error) {
	var out []Statement
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), MaxLine)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var l Statement
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, n, err)
		}
		if l.ID == "" {
			l.ID = fmt.Sprintf("%s:%d", name, n)
		}
		for _, t := range l.Targets {
			if !t.Kind.Valid() {
				return nil, fmt.Errorf("%s:%d: target %q has kind %q, want person, role, team, external or artifact", name, n, t.Name, t.Kind)
			}
		}
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

// Role is the labelled role of a blocker: the first non-empty role among the
// labelled targets, "" when none has one.
func (l Statement) Role() unblock.Role {
	for _, t := range l.Targets {
		if t.Role != "" {
			return t.Role
		}
	}
	return ""
}

// Person is the first labelled person target's name, "" when none is a person.
func (l Statement) Person() string {
	for _, t := range l.Targets {
		if t.Kind == unblock.TargetPerson && t.Name != "" {
			return t.Name
		}
	}
	return ""
}
