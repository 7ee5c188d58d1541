package unblock

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
)

// Things people wait for are data: things.txt lists them with the role that
// owns each, for the parser, and marks the generic kinds among them, for the
// same-blocker rule (TopicWords). One home for both.
//
//go:embed things.txt
var thingsFile string

// Thing is one awaited thing of things.txt: a word or phrase, the role that
// usually owns it ("" when none), whether that owner is only a guess that a
// stronger word in the phrase overrides, and whether its words name a kind of
// thing ("mocks", "review") rather than which one.
type Thing struct {
	Phrase  string
	Owner   Role
	Weak    bool
	Generic bool
}

// Things returns the built-in awaited things, in the order of things.txt.
func Things() []Thing { return append([]Thing(nil), builtinThings().things...) }

type thingList struct {
	things  []Thing
	generic []string // the words of generic: lines
}

var builtinThings = sync.OnceValue(func() thingList {
	l, err := readThings("things.txt", thingsFile)
	if err != nil {
		panic(err) // the embedded file is tested; a broken one is a build defect
	}
	return l
})

// readThings reads lines of "artifact ROLE [weak] [generic]: phrases" and
// "generic: words"; an error names the file and line.
func readThings(name, text string) (thingList, error) {
	var l thingList
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		head, list, ok := strings.Cut(line, ":")
		f := strings.Fields(head)
		if !ok || len(f) == 0 {
			return l, fmt.Errorf("%s:%d: want \"KIND [ARGS]: ITEM, ITEM\", got %q", name, n+1, line)
		}
		var items []string
		for _, it := range strings.Split(strings.TrimSuffix(strings.TrimSpace(list), ","), ",") {
			if it = normalWord(it); it == "" {
				return l, fmt.Errorf("%s:%d: an empty item can never match", name, n+1)
			}
			items = append(items, it)
		}
		switch {
		case f[0] == "generic" && len(f) == 1:
			l.generic = append(l.generic, items...)
		case f[0] == "artifact" && len(f) >= 2:
			t := Thing{}
			if f[1] != "-" {
				if t.Owner = Role(f[1]); !t.Owner.IsBuiltin() {
					return l, fmt.Errorf("%s:%d: %q is not a built-in role", name, n+1, f[1])
				}
			}
			for _, a := range f[2:] {
				switch {
				case a == "weak" && !t.Weak:
					t.Weak = true
				case a == "generic" && !t.Generic:
					t.Generic = true
				default:
					return l, fmt.Errorf("%s:%d: want \"artifact ROLE [weak] [generic]: phrases\", got %q", name, n+1, head)
				}
			}
			for _, it := range items {
				t.Phrase = it
				l.things = append(l.things, t)
			}
		default:
			return l, fmt.Errorf("%s:%d: want \"artifact ROLE [weak] [generic]: phrases\" or \"generic: words\", got %q", name, n+1, head)
		}
	}
	return l, nil
}

// genericWords returns the words that name a kind of thing: every word of a
// generic thing and of the generic: lines.
func (l thingList) genericWords() []string {
	out := append([]string(nil), l.generic...)
	for _, t := range l.things {
		if t.Generic {
			out = append(out, t.Phrase)
		}
	}
	return out
}
