package config

import (
	"fmt"
	"sort"
	"strings"

	"github.com/unblock-dev/unblock"
)

// Problem is one thing wrong with a config: where it is and what was expected.
type Problem struct {
	File string // the config file as named by the caller, "" if none
	Line int    // 1-based line of the key or value, else of the section it belongs in (1: the document); 0 only without a file
	Key  string // the key path, e.g. "teams[1].schedule"; "" for a YAML syntax error
	Msg  string // what is wrong and what was expected
}

// String formats p as "FILE:LINE: KEY: message", leaving out the parts p lacks.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if p.Key != "" {
		b.WriteString(p.Key)
		b.WriteString(": ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// Problems is every problem found in a config. As an error it is an
// unblock.EINVALID error, so the CLI exits with status 2.
type Problems []Problem

// Error returns the problems one a line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the application error behind ps, so unblock.ErrorCode(err)
// reports EINVALID.
func (ps Problems) Unwrap() error {
	return &unblock.Error{Code: unblock.EINVALID, Message: ps.Error()}
}

// sortByLine orders ps by line, keeping the order of problems on the same line.
// Problems without a line come last.
func (ps Problems) sortByLine() {
	sort.SliceStable(ps, func(i, j int) bool {
		li, lj := ps[i].Line, ps[j].Line
		if li == 0 || lj == 0 {
			return li != 0 && lj == 0
		}
		return li < lj
	})
}
