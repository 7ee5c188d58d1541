package digest_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/digest"
	"github.com/unblock-dev/unblock/graph"
)

// bigLoops has loops with more blockers than any format lists: design and product
// wait on each other through 400 and 5 blockers (a role loop), and two engineers
// through 350 and 3 (a person loop, ahead of a small one of Ana's and Ben's). Short
// lines without topics fit the most of them in a Slack section, and openings shared
// by many blockers leave the order on an edge to their IDs.
func bigLoops() *fakeSource {
	src := &fakeSource{people: []unblock.Person{
		{ID: "U1", Name: "Ana", Role: unblock.RoleEngineering},
		{ID: "U2", Name: "Ben", Role: unblock.RoleDesign},
		{ID: "U3", Name: "Cy", Role: unblock.RoleProduct},
		{ID: "U4", Name: "Dee", Role: unblock.RoleEngineering},
		{ID: "U5", Name: "Eve", Role: unblock.RoleEngineering},
	}}
	roles := map[string]unblock.Role{}
	for _, p := range src.people {
		roles[p.ID] = p.Role
	}
	add := func(n int, from, to string) {
		for i := range n {
			b := unblock.Blocker{ID: int64(len(src.blockers) + 1), PersonID: from, PersonRole: roles[from], OpenedAt: asOf.Add(-time.Duration(i%9*24+1) * time.Hour)}
			if r := unblock.Role(strings.TrimPrefix(to, "role:")); r != unblock.Role(to) {
				b.Target = unblock.Target{Kind: unblock.TargetRole, Name: string(r), Role: r}
				b.To, b.ToRole = b.Target.Key(), r
			} else {
				b.Target = unblock.Target{Kind: unblock.TargetPerson, Name: "<@" + to + ">"}
				b.To, b.ToRole = to, roles[to]
			}
			src.blockers = append(src.blockers, b)
		}
	}
	add(200, "U2", "role:product")
	add(350, "U4", "U5")
	add(5, "U3", "role:design")
	add(200, "U2", "role:product")
	add(3, "U5", "U4")
	add(1, "U1", "U2")
	add(1, "U2", "U1")
	return src
}

// TestLoopsBeyondWhatIsListed checks that a loop with more blockers than the
// analysis keeps as its evidence is counted in full and listed with the same lines,
// in every format, as from an analysis that keeps every blocker.
func TestLoopsBeyondWhatIsListed(t *testing.T) {
	p := unblock.WeekEnding(asOf)
	bounded, err := digest.Build(context.Background(), bigLoops(), p, digest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	everything, err := digest.Build(context.Background(), bigLoops(), p, digest.Options{Graph: graph.Options{MaxEvidence: 1 << 20}})
	if err != nil {
		t.Fatal(err)
	}
	if len(bounded.RoleLoops) != 2 || len(bounded.PersonLoops) != 2 {
		t.Fatalf("fixture: %d role loops, %d person loops; want 2 and 2", len(bounded.RoleLoops), len(bounded.PersonLoops))
	}
	for _, l := range []unblock.Loop{bounded.RoleLoops[0], bounded.PersonLoops[0]} {
		if l.Blockers != 405 && l.Blockers != 353 || len(l.Evidence) >= l.Blockers {
			t.Errorf("loop %v: %d blockers, %d kept; want 405 or 353, fewer kept", l.Members, l.Blockers, len(l.Evidence))
		}
	}

	formats := map[string]func(*bytes.Buffer, *digest.Digest) error{
		"text":     func(w *bytes.Buffer, d *digest.Digest) error { return digest.Text(w, d) },
		"markdown": func(w *bytes.Buffer, d *digest.Digest) error { return digest.Markdown(w, d) },
		"json":     func(w *bytes.Buffer, d *digest.Digest) error { return digest.JSON(w, d) },
		"blocks":   indentedBlocks,
	}
	out := map[string]string{}
	for name, render := range formats {
		var got, want bytes.Buffer
		if err := render(&got, bounded); err != nil {
			t.Fatal(err)
		}
		if err := render(&want, everything); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%s differs from the digest of every blocker:\n%s", name, firstDifference(got.String(), want.String()))
		}
		out[name] = got.String()
	}

	for name, want := range map[string][]string{
		"text": {"Loop: Design -> Product -> Design (405 blockers, oldest 8 days)\n  Ben (design) waits on product, 8 days\n",
			"  …and 355 more\n", "Dee -> Eve -> Dee (353 blockers, oldest 8 days)\n    Dee (engineering) waits on Eve, 8 days\n",
			"    …and 303 more\n"},
		"markdown": {"## Loop: Design → Product → Design\n\n405 blockers, oldest 8 days.\n", "- …and 355 more\n", "  - …and 303 more\n"},
		"json": {`"roles": [
        "design",
        "product"
      ],
      "blockers": 405,`, `"people": [
        "U4",
        "U5"
      ],
      "blockers": 353,`},
		"blocks": {`*Loop: Design → Product → Design* (405 blockers, oldest 8 days)\n• Ben (design) waits on product, 8 days\n`,
			`*Person loops*\n• *Dee → Eve → Dee* (353 blockers, oldest 8 days)\n      ◦ Dee (engineering) waits on Eve, 8 days\n`},
	} {
		for _, w := range want {
			if !strings.Contains(out[name], w) {
				t.Errorf("%s lacks %q", name, w)
			}
		}
	}
	// The text lists the first 50 of the role loop: design's 400 oldest first (the 44
	// opened 8 days ago, by ID), then product's; Slack cuts the list with the count of
	// everything left, the small person loop's lines too.
	_, role, _ := strings.Cut(out["text"], "Loop: Design -> Product -> Design")
	role, _, _ = strings.Cut(role, "…and")
	if got := strings.Count(role, "waits on product, 8 days"); got != 44 {
		t.Errorf("text lists %d of design's 8-day-old blockers first; want 44", got)
	}
	if got := strings.Count(role, "waits on"); got != 50 {
		t.Errorf("text lists %d blockers of the role loop; want 50", got)
	}
	_, person, _ := strings.Cut(out["blocks"], "*Person loops*")
	person, _, _ = strings.Cut(person, `"`)
	shown := strings.Count(person, `\n`) - 1 // the last line is the count
	if want := fmt.Sprintf(`…and %d more`, 1+353+1+2-shown); !strings.HasSuffix(person, want) {
		t.Errorf("person loops section, %d lines shown, does not end with %q: …%s", shown, want, person[max(len(person)-100, 0):])
	}
}

// firstDifference returns the lines around the first difference of a and b.
func firstDifference(a, b string) string {
	i := 0
	for i < min(len(a), len(b)) && a[i] == b[i] {
		i++
	}
	from := max(strings.LastIndexByte(a[:i], '\n'), 0)
	return fmt.Sprintf("got  …%.200q\nwant …%.200q", a[from:], b[from:])
}
