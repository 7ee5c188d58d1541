package parse

import (
	"testing"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/labelled"
)

// readLabelled reads a labelled set (schema: ../shared/corpus/README.md).
func readLabelled(t *testing.T, path string) []labelled.Statement {
	t.Helper()
	set, err := labelled.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// measure scores the rules over set with lexicon lex (nil: the built-in one).
func measure(set []labelled.Statement, lex *Lexicon) labelled.Metrics {
	return labelled.Measure(set, func(l labelled.Statement) unblock.Statement { return Parse(l.Text, lex) })
}

// hasRole reports whether any target has role r.
func hasRole(ts []unblock.Target, r unblock.Role) bool { return labelled.HasRole(ts, r) }

// report logs the figures and, with -v, every disagreement.
func report(t *testing.T, m labelled.Metrics, name string) {
	t.Helper()
	t.Log(m.Summary(name))
	if testing.Verbose() {
		for _, s := range m.Misses {
			t.Log("  " + s.String())
		}
		for _, s := range m.TopicMisses {
			t.Log("  " + s.String())
		}
	}
}

// TestCorpus measures the parser on every labelled statement of the shared
// corpus and fails below the quality bar of issue 4.
func TestCorpus(t *testing.T) {
	m := measure(readLabelled(t, "testdata/corpus.jsonl"), nil)
	report(t, m, "corpus")
	if f := m.Blocked.F1(); f < 0.92 {
		t.Errorf("blocked F1 = %.3f, want >= 0.92", f)
	}
	if f := m.Resolved.F1(); f < 0.85 {
		t.Errorf("resolved F1 = %.3f, want >= 0.85", f)
	}
	if r := m.Role.Ratio(); r < 0.85 {
		t.Errorf("right role on %.3f of role-bearing blockers, want >= 0.85", r)
	}
}

// TestDev measures the parser on the dev sets written independently of the
// shared corpus (testdata/dev_heldout*.jsonl, dev_topics.jsonl). They were
// once called held-out but rules were tuned on them, so they are dev sets:
// their figures show lost ground, not how the rules generalise.
func TestDev(t *testing.T) {
	set := append(readLabelled(t, "testdata/dev_heldout.jsonl"), readLabelled(t, "testdata/dev_heldout2.jsonl")...)
	set = append(set, readLabelled(t, "testdata/dev_heldout3.jsonl")...)
	set = append(set, readLabelled(t, "testdata/dev_topics.jsonl")...)
	m := measure(set, nil)
	report(t, m, "dev set")
	if f := m.Blocked.F1(); f < 0.92 {
		t.Errorf("dev set: blocked F1 = %.3f, want >= 0.92", f)
	}
	if f := m.Resolved.F1(); f < 0.85 {
		t.Errorf("dev set: resolved F1 = %.3f, want >= 0.85", f)
	}
	if r := m.Role.Ratio(); r < 0.85 {
		t.Errorf("dev set: right role on %.3f of role-bearing blockers, want >= 0.85", r)
	}
}

// TestDevPublic measures the parser on real statements from public meeting
// notes, standups and issue threads (testdata/dev_public.jsonl). Its first
// run, before any rule saw it, is the honest figure recorded in
// BENCHMARKS.md; rules were tuned on it since, so it is a dev set now. Run
// with -v to see every disagreement.
func TestDevPublic(t *testing.T) {
	checkFloor(t, "testdata/dev_public.jsonl", "public dev set", publicFloor)
}

// publicFloor is what the parser reaches on the public dev set, so a change
// that loses ground there fails.
var publicFloor = floor{0.95, 0.85, 0.69}

// TestDevPublic2 measures the parser on a second dev set of real statements
// from public meeting minutes, status notes, weeknotes and issue threads
// (testdata/dev_public2.jsonl), labelled by LABELLING.md before the parser
// ran on them. Rules may be tuned on it; its floor sits a little below what
// the parser reached when the set landed, so lost ground fails. Run with -v
// to see every disagreement.
func TestDevPublic2(t *testing.T) {
	checkFloor(t, "testdata/dev_public2.jsonl", "public dev set 2", public2Floor)
}

// public2Floor is a little below what the parser reaches on the second public
// dev set, so a change that loses ground there fails.
var public2Floor = floor{0.86, 0.81, 0.70}

// TestDevPublic3 measures the parser on a third dev set of real statements
// from public issue threads, support desks, status notes and meeting minutes
// (testdata/dev_public3.jsonl). Its first run, before any rule was tuned on
// it, is in BENCHMARKS.md; rules are tuned on it since, and its floor sits a
// little below what they reach, so lost ground fails.
func TestDevPublic3(t *testing.T) {
	checkFloor(t, "testdata/dev_public3.jsonl", "public dev set 3", public3Floor)
}

// public3Floor is a little below what the parser reaches on the third public
// dev set.
var public3Floor = floor{0.79, 0.72, 0.59}

// TestDevPublic3Part2 measures the parser on the third public dev set's
// second part (testdata/dev_public3_part2.jsonl), kept apart so each part's
// floor keeps measuring what it was set on. Its figures before the signal
// rules were tuned on it are in BENCHMARKS.md.
func TestDevPublic3Part2(t *testing.T) {
	checkFloor(t, "testdata/dev_public3_part2.jsonl", "public dev set 3, part two", public3Part2Floor)
}

// public3Part2Floor is a little below what the parser reaches on the second
// part of the third public dev set.
var public3Part2Floor = floor{0.80, 0.74, 0.58}

// floor is what a dev set's figures may not drop below.
type floor struct{ blocked, resolved, role float64 }

// TestDevPublic4 measures the parser on the fourth public dev set's two parts
// (testdata/dev_public4_a.jsonl: work diaries, capstone and GSoC reports;
// dev_public4_b.jsonl: threads, minutes, reports). Their first runs, before
// any rule was tuned on them, are in BENCHMARKS.md; the floors sit a little
// below what the rules reach now, so lost ground fails.
func TestDevPublic4(t *testing.T) {
	checkFloor(t, "testdata/dev_public4_a.jsonl", "public dev set 4, part A", floor{0.53, 0.59, 0.26})
	checkFloor(t, "testdata/dev_public4_b.jsonl", "public dev set 4, part B", floor{0.82, 0.56, 0.72})
}

// TestDevPublic2026_12 measures the parser on the six sets labelled blind as
// test sets until session 6, when the statement model was chosen on them
// (testdata/dev_public_2026-12*.jsonl), and on the fifth and sixth public dev
// sets (dev_public5_c, _d, dev_public6_a, _b, dev_public7_a, _b, dev_public8_a, _b, _c, dev_public9_a, _b, dev_public10_a, _b, dev_public11). Their first runs are in
// BENCHMARKS.md; the floors sit a little below what the parser reaches now,
// so lost ground fails. The model is trained on these sets, and training it
// again on more data moves what it reads of them by a statement or two, so
// the floors leave that much room. Session 7 lowered five floors once, when
// the model's weights became the mean over its later epochs: it memorises its
// training data less (these in-sample figures fell) and reads unseen sets as
// well (cross-validated, ModelCrossValidation), and more data now moves far
// fewer readings (TestModelStableUnderMoreData).
func TestDevPublic2026_12(t *testing.T) {
	for _, c := range []struct {
		file string
		f    floor
	}{
		{"dev_public_2026-12.jsonl", floor{0.76, 0.65, 0.42}},
		{"dev_public_2026-12-06.jsonl", floor{0.67, 0.58, 0.24}},
		{"dev_public_2026-12-06b.jsonl", floor{0.75, 0.71, 0.34}},
		{"dev_public_2026-12-06c.jsonl", floor{0.66, 0.52, 0.32}},
		{"dev_public_2026-12-06d.jsonl", floor{0.66, 0.54, 0.40}},
		{"dev_public_2026-12-06e.jsonl", floor{0.68, 0.71, 0.30}},
		{"dev_public5_c.jsonl", floor{0.63, 0.73, 0.14}},
		{"dev_public5_d.jsonl", floor{0.77, 0.48, 0.18}},
		{"dev_public6_a.jsonl", floor{0.66, 0.84, 0.25}},
		{"dev_public6_b.jsonl", floor{0.58, 0.42, 0.12}},
		{"dev_public7_a.jsonl", floor{0.80, 0.65, 0.55}},
		{"dev_public7_b.jsonl", floor{0.54, 0.52, 0.30}},
		{"dev_public8_a.jsonl", floor{0.52, 0.38, 0.50}},
		{"dev_public8_b.jsonl", floor{0.78, 0.69, 0.58}},
		{"dev_public8_c.jsonl", floor{0.58, 0.53, 0.05}},
		{"dev_public9_a.jsonl", floor{0.42, 0.30, 0}},
		{"dev_public9_b.jsonl", floor{0.76, 0.53, 0.40}},
		{"dev_public10_a.jsonl", floor{0.56, 0.66, 0.24}},
		{"dev_public10_b.jsonl", floor{0.60, 0.54, 0.11}},
		{"dev_public11.jsonl", floor{0.73, 0.64, 0.39}},
		// Test sets until session 10, when the statement model's policy was
		// chosen by cross-validation on them; no rule was written from them
		// (see testdata/README.md, "Rule-blind dev sets"). In-sample figures.
		{"dev_ruleblind_2026-12-06f.jsonl", floor{0.69, 0.52, 0.37}},
		{"dev_ruleblind_2026-12-06g.jsonl", floor{0.60, 0.64, 0.22}},
		{"dev_ruleblind_2026-12-06h.jsonl", floor{0.81, 0.66, 0.34}},
		{"dev_ruleblind_2026-12-06i.jsonl", floor{0.82, 0.72, 0.41}},
		{"dev_ruleblind_2026-12-06j.jsonl", floor{0.83, 0.58, 0.60}},
		{"dev_ruleblind_2026-12-06k.jsonl", floor{0.72, 0.61, 0.22}},
		{"dev_ruleblind_2026-12-06l.jsonl", floor{0.64, 0.55, 0.33}},
		{"dev_ruleblind_2026-12-06m.jsonl", floor{0.62, 0.47, 0.05}},
		{"dev_ruleblind_2026-12-06n.jsonl", floor{0.65, 0.49, 0.45}},
		// Test sets until session 14, when their misses were read and rules
		// written from them (see testdata/README.md); in-sample figures.
		{"dev_public_2026-12-06o.jsonl", floor{0.68, 0.67, 0.50}},
		{"dev_public_2026-12-06p.jsonl", floor{0.81, 0.67, 0.55}},
		{"dev_public_2026-12-06q.jsonl", floor{0.78, 0.68, 0.22}},
		{"dev_public_2026-12-06r.jsonl", floor{0.81, 0.55, 0.42}},
		// A test set until session 19, when its misses were read (its first
		// run, blocked 0.632, resolved 0.667, role 18 of 39, is in
		// BENCHMARKS.md); in-sample figures.
		{"dev_public_2026-12-07aa.jsonl", floor{0.78, 0.79, 0.53}},
		// A test set until session 20, when its misses were read (its first
		// run, blocked 0.516, resolved 0.510, role 8 of 39, is in
		// BENCHMARKS.md); in-sample figures.
		{"dev_public_2026-12-07ab.jsonl", floor{0.59, 0.80, 0.26}},
	} {
		checkFloor(t, "testdata/"+c.file, c.file, c.f)
	}
}

// checkFloor measures the parser on a labelled dev set and fails when its
// blocked F1, resolved F1 or right-role share is below f. Run with -v to see
// every disagreement.
func checkFloor(t *testing.T, path, name string, f floor) {
	t.Helper()
	m := measure(readLabelled(t, path), nil)
	report(t, m, name)
	if got := m.Blocked.F1(); got < f.blocked {
		t.Errorf("%s: blocked F1 = %.3f, want >= %.2f", name, got, f.blocked)
	}
	if got := m.Resolved.F1(); got < f.resolved {
		t.Errorf("%s: resolved F1 = %.3f, want >= %.2f", name, got, f.resolved)
	}
	if got := m.Role.Ratio(); got < f.role {
		t.Errorf("%s: right role on %.3f of role-bearing blockers, want >= %.2f", name, got, f.role)
	}
}

// TestChatter measures the reader on a dev set of ordinary team chat
// (testdata/dev_chatter_fluid.jsonl: 399 messages of an open-source project's
// IRC channels, six of them about a wait), the text a workspace holds most of
// and the other sets hold little of. What counts there is how much chatter it
// reads as a wait, an arrival or a none: each is a blocker the digest invents,
// or open blockers an arrival that names nothing clears. It is read twice: as
// chat (ParseChat), as the bot and an import read a message outside any
// standup, and as reports (Parse), as chatter posted in a standup channel is.
// The ceilings sit at what the reader reads now, so more false readings fail.
func TestChatter(t *testing.T) {
	set := readLabelled(t, "testdata/dev_chatter_fluid.jsonl")
	for _, r := range []struct {
		name              string
		read              func(string, *Lexicon) unblock.Statement
		blocked, res, non int
		recall            int // waits and arrivals read right, at least
	}{
		{"as chat", ParseChat, 3, 2, 1, 2},
		{"as reports", Parse, 15, 4, 3, 3},
	} {
		m := labelled.Measure(set, func(l labelled.Statement) unblock.Statement { return r.read(l.Text, nil) })
		report(t, m, "dev_chatter_fluid.jsonl "+r.name)
		for _, c := range []struct {
			what    string
			fp, max int
		}{{"blocked", m.Blocked.FP, r.blocked}, {"resolved", m.Resolved.FP, r.res}, {"none", m.None.FP, r.non}} {
			if c.fp > c.max {
				t.Errorf("%s: chatter read as %s: %d of %d messages, want at most %d", r.name, c.what, c.fp, m.Statements, c.max)
			}
		}
		if tp := m.Blocked.TP + m.Resolved.TP; tp < r.recall {
			t.Errorf("%s: %d waits and arrivals read right, want at least %d", r.name, tp, r.recall)
		}
	}
}
