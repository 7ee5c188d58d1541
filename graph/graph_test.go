package graph

import (
	"bufio"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	unblock "github.com/unblock-dev/unblock"
)

// testAt is the snapshot time of every fixture.
var testAt = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

const day = 24 * time.Hour

// readBlockers reads a fixture of open blockers, one a line:
//
//	PERSON ROLE TO TO-ROLE DAYS TOPIC…
//
// ROLE and TO-ROLE are "-" when unknown; TO is a user ID or "KIND:NAME"; DAYS is the
// blocker's age at testAt. Blank lines and lines starting with # are skipped.
func readBlockers(tb testing.TB, name string) []unblock.Blocker {
	tb.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []unblock.Blocker
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fs := strings.Fields(text)
		if len(fs) < 5 {
			tb.Fatalf("%s:%d: want PERSON ROLE TO TO-ROLE DAYS TOPIC, got %q", name, line, text)
		}
		days, err := strconv.ParseFloat(fs[4], 64)
		if err != nil {
			tb.Fatalf("%s:%d: days: %v", name, line, err)
		}
		out = append(out, newBlocker(int64(len(out)+1), fs[0], role(fs[1]), fs[2], role(fs[3]),
			time.Duration(days*float64(day)), strings.Join(fs[5:], " ")))
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

func role(s string) unblock.Role {
	if s == "-" {
		return unblock.RoleUnknown
	}
	return unblock.Role(s)
}

// newBlocker returns an open blocker as store's OpenBlockers fills it.
func newBlocker(id int64, person string, personRole unblock.Role, to string, toRole unblock.Role, age time.Duration, topic string) unblock.Blocker {
	t := unblock.Target{Kind: unblock.TargetPerson, Name: "<@" + to + ">", Role: toRole}
	if kind, name, ok := strings.Cut(to, ":"); ok {
		t = unblock.Target{Kind: unblock.TargetKind(kind), Name: strings.ReplaceAll(name, "-", " "), Role: toRole}
	}
	return unblock.Blocker{
		ID: id, PersonID: person, PersonRole: personRole, Target: t, To: to, ToRole: toRole,
		Topic: topic, OpenedAt: testAt.Add(-age), LastSeenAt: testAt,
	}
}

// loopSummary is a loop without its evidence's details, for comparison. The
// fixtures' loops are small: their evidence is every blocker they count.
type loopSummary struct {
	Members  string
	Evidence []int64 // blocker IDs, in loop order
	Oldest   time.Duration
}

func summarise(tb testing.TB, loops []unblock.Loop) []loopSummary {
	tb.Helper()
	var out []loopSummary
	for _, l := range loops {
		if l.Blockers != len(l.Evidence) {
			tb.Errorf("loop %v counts %d blockers, keeps %d", l.Members, l.Blockers, len(l.Evidence))
		}
		s := loopSummary{Members: strings.Join(l.Members, " "), Oldest: l.Oldest}
		for _, b := range l.Evidence {
			s.Evidence = append(s.Evidence, b.ID)
		}
		out = append(out, s)
	}
	return out
}

func TestAnalyzeLoops(t *testing.T) {
	tests := []struct {
		file        string
		roleLoops   []loopSummary
		personLoops []loopSummary
	}{
		{
			file: "companyx.txt",
			roleLoops: []loopSummary{
				// design <-> product leads: shortest first. Oldest first on each edge.
				{"design product", []int64{5, 3, 6}, 6 * day},
				// The Company X loop: engineering -> design -> product -> engineering.
				{"design product engineering", []int64{5, 3, 4, 1, 2}, 6 * day},
			},
			personLoops: []loopSummary{
				{"UDES2 UPM2", []int64{5, 6}, 6 * day},
				{"UENG3 UENG4", []int64{7, 8}, 2 * day}, // engineers: a person loop, not a role loop
				{"UDES1 UPM1 UENG1", []int64{3, 4, 1}, 5 * day},
			},
		},
		{file: "noloops.txt"},
		{
			file: "chains.txt",
			roleLoops: []loopSummary{
				{"design engineering", []int64{4, 9, 10, 12}, 4 * day},
				{"design engineering product", []int64{4, 2, 11}, 5 * day},
			},
			personLoops: []loopSummary{{"U7 U8", []int64{6, 7}, day}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			a := Analyze(testAt, readBlockers(t, tt.file), Options{})
			if got := summarise(t, a.RoleLoops); !reflect.DeepEqual(got, tt.roleLoops) {
				t.Errorf("RoleLoops = %+v; want %+v", got, tt.roleLoops)
			}
			if got := summarise(t, a.PersonLoops); !reflect.DeepEqual(got, tt.personLoops) {
				t.Errorf("PersonLoops = %+v; want %+v", got, tt.personLoops)
			}
		})
	}
}

// TestLoopRotation checks that a loop reads the same whatever order the blockers
// come in and wherever the search starts: from its alphabetically first member, in
// the direction of waiting.
func TestLoopRotation(t *testing.T) {
	ring := []string{"Ud", "Ub", "Ue", "Ua", "Uc"} // Ud waits on Ub, …, Uc on Ud
	roles := []unblock.Role{"qa", "design", "ops", "product", "legal"}
	var bs []unblock.Blocker
	for i := range ring {
		j := (i + 1) % len(ring)
		bs = append(bs, newBlocker(int64(i+1), ring[i], roles[i], ring[j], roles[j], time.Duration(i+1)*day, ""))
	}
	for shift := range bs {
		rotated := append(slices.Clone(bs[shift:]), bs[:shift]...)
		for _, order := range [][]unblock.Blocker{rotated, reversed(rotated)} {
			a := Analyze(testAt, order, Options{})
			if got := summarise(t, a.PersonLoops); len(got) != 1 || got[0].Members != "Ua Uc Ud Ub Ue" {
				t.Errorf("shift %d: PersonLoops = %+v; want one loop Ua Uc Ud Ub Ue", shift, got)
			}
			if got := summarise(t, a.RoleLoops); len(got) != 1 || got[0].Members != "design ops product legal qa" {
				t.Errorf("shift %d: RoleLoops = %+v; want one loop design ops product legal qa", shift, got)
			}
		}
	}
}

func reversed[T any](xs []T) []T {
	out := slices.Clone(xs)
	slices.Reverse(out)
	return out
}

func TestAnalyzeBounds(t *testing.T) {
	// Everyone in a clique of 30 waits on everyone else: 435 two-person loops and
	// astronomically many longer ones.
	var bs []unblock.Blocker
	for i := range 30 {
		for j := range 30 {
			if i != j {
				bs = append(bs, newBlocker(int64(len(bs)+1), fmt.Sprintf("U%02d", i), "", fmt.Sprintf("U%02d", j), "", day, ""))
			}
		}
	}
	tests := []struct {
		opt      Options
		loops    int
		firstLen int
		lastLen  int
	}{
		{Options{}, DefaultMaxLoops, 2, 2},
		{Options{MaxLoops: 500}, 500, 2, 3},
		{Options{MaxLoops: 5, MaxLoopLen: 1}, 5, 2, 2}, // a loop has at least 2 members
	}
	for _, tt := range tests {
		a := Analyze(testAt, bs, tt.opt)
		if got := len(a.PersonLoops); got != tt.loops {
			t.Fatalf("%+v: %d person loops; want %d", tt.opt, got, tt.loops)
		}
		first, last := a.PersonLoops[0], a.PersonLoops[len(a.PersonLoops)-1]
		if len(first.Members) != tt.firstLen || len(last.Members) != tt.lastLen {
			t.Errorf("%+v: loops of %d to %d members; want %d to %d", tt.opt, len(first.Members), len(last.Members), tt.firstLen, tt.lastLen)
		}
		if got := strings.Join(first.Members, " "); got != "U00 U01" {
			t.Errorf("%+v: first loop %s; want U00 U01", tt.opt, got)
		}
	}
}

func TestAnalyzeChains(t *testing.T) {
	tests := []struct {
		file   string
		opt    Options
		chains []unblock.Chain
	}{
		{
			file: "chains.txt",
			// Both chains are as old as their oldest link, legal's 10 days (not the
			// sum of their links): equal, so by name.
			chains: []unblock.Chain{
				{Path: []string{"U1", "U2", "U3", "role:legal"}, Oldest: 10 * day},
				{Path: []string{"U5", "U2", "U3", "role:legal"}, Oldest: 10 * day},
			},
		},
		{
			file:   "chains.txt",
			opt:    Options{MaxChains: 1},
			chains: []unblock.Chain{{Path: []string{"U1", "U2", "U3", "role:legal"}, Oldest: 10 * day}},
		},
		{
			// The loop is no chain; the qa engineer's wait into it goes one step.
			file: "companyx.txt",
			chains: []unblock.Chain{
				{Path: []string{"UQA1", "UENG1", "role:legal"}, Oldest: 12 * day},
			},
		},
	}
	for _, tt := range tests {
		a := Analyze(testAt, readBlockers(t, tt.file), tt.opt)
		if !reflect.DeepEqual(a.Chains, tt.chains) {
			t.Errorf("%s %+v: Chains = %v; want %v", tt.file, tt.opt, a.Chains, tt.chains)
		}
	}
}

func TestAnalyzeBottlenecks(t *testing.T) {
	b := func(target string, kind unblock.TargetKind, waiting, transitive int) unblock.Bottleneck {
		return unblock.Bottleneck{Target: target, Kind: kind, Waiting: waiting, Transitive: transitive}
	}
	tests := []struct {
		file string
		opt  Options
		want []unblock.Bottleneck
	}{
		{
			file: "chains.txt",
			want: []unblock.Bottleneck{
				b("design", unblock.TargetRole, 4, 4),
				b("U2", unblock.TargetPerson, 2, 2),
				b("U7", unblock.TargetPerson, 2, 2), // U8 waits on U7 waits on U8: U7 is no waiter of its own
				b("legal", unblock.TargetRole, 1, 4),
				b("U3", unblock.TargetPerson, 1, 3),
				b("api-spec", unblock.TargetArtifact, 1, 3),
				b("U8", unblock.TargetPerson, 1, 2),
			},
		},
		{
			file: "chains.txt",
			opt:  Options{MaxBottlenecks: 2},
			want: []unblock.Bottleneck{b("design", unblock.TargetRole, 4, 4), b("U2", unblock.TargetPerson, 2, 2)},
		},
		{
			file: "noloops.txt",
			opt:  Options{MaxBottlenecks: 3},
			// All wait on one each: the five who reach design through U7 count.
			want: []unblock.Bottleneck{
				b("design", unblock.TargetRole, 1, 5),
				b("U7", unblock.TargetPerson, 1, 4),
				b("UX1", unblock.TargetPerson, 1, 3),
			},
		},
	}
	for _, tt := range tests {
		a := Analyze(testAt, readBlockers(t, tt.file), tt.opt)
		if !reflect.DeepEqual(a.Bottlenecks, tt.want) {
			t.Errorf("%s %+v: Bottlenecks = %+v; want %+v", tt.file, tt.opt, a.Bottlenecks, tt.want)
		}
	}
}

func TestAnalyzeRoles(t *testing.T) {
	a := Analyze(testAt, readBlockers(t, "companyx.txt"), Options{})
	wantRoles := []RoleLoad{
		{"design", 2, 4},
		{"engineering", 5, 4},
		{"legal", 0, 1},
		{"product", 2, 2},
		{"qa", 1, 0},
	}
	if !reflect.DeepEqual(a.Roles, wantRoles) {
		t.Errorf("Roles = %+v; want %+v", a.Roles, wantRoles)
	}
	h := func(days float64) time.Duration { return time.Duration(days * float64(day)) }
	wantPairs := []RolePair{
		{From: "design", To: "product", Blockers: 2, People: 2, Oldest: h(6), MedianWait: h(5)},
		{From: "engineering", To: "design", Blockers: 2, People: 2, Oldest: h(5), MedianWait: h(3.5)},
		{From: "engineering", To: "engineering", Blockers: 2, People: 2, Oldest: h(2), MedianWait: h(1.5)},
		{From: "engineering", To: "legal", Blockers: 1, People: 1, Oldest: h(12), MedianWait: h(12)},
		{From: "product", To: "design", Blockers: 1, People: 1, Oldest: h(1), MedianWait: h(1)},
		{From: "product", To: "engineering", Blockers: 1, People: 1, Oldest: h(3), MedianWait: h(3)},
		{From: "qa", To: "engineering", Blockers: 1, People: 1, Oldest: h(1), MedianWait: h(1)},
	}
	if !reflect.DeepEqual(a.RolePairs, wantPairs) {
		t.Errorf("RolePairs = %+v; want %+v", a.RolePairs, wantPairs)
	}
}

func TestAnalyzeEmpty(t *testing.T) {
	a := Analyze(testAt, nil, Options{})
	if a.RoleLoops != nil || a.PersonLoops != nil || a.Chains != nil || a.Bottlenecks != nil || a.Roles != nil || a.RolePairs != nil {
		t.Errorf("Analyze(nil) = %+v; want nothing", a)
	}
	if !a.At.Equal(testAt) {
		t.Errorf("At = %v; want %v", a.At, testAt)
	}
}

// TestAnalyzeDeepChain checks that a wait chain far longer than any recursion could
// follow is analysed whole: the searches keep their own stacks.
func TestAnalyzeDeepChain(t *testing.T) {
	const n = 200_000
	bs := make([]unblock.Blocker, n-1)
	for i := range bs {
		bs[i] = newBlocker(int64(i+1), fmt.Sprintf("U%06d", i), "engineering", fmt.Sprintf("U%06d", i+1), "engineering", time.Hour, "")
	}
	a := Analyze(testAt, bs, Options{})
	if len(a.Chains) != 1 || len(a.Chains[0].Path) != n || a.Chains[0].Path[n-1] != fmt.Sprintf("U%06d", n-1) {
		t.Fatalf("got %d chains; want one of %d people", len(a.Chains), n)
	}
	if got, want := a.Chains[0].Oldest, time.Hour; got != want {
		t.Errorf("chain oldest link %v; want %v", got, want)
	}
	if got, want := a.Chains[0].Links(), n-1; got != want {
		t.Errorf("chain links %d; want %d", got, want)
	}
	if len(a.PersonLoops) != 0 {
		t.Errorf("PersonLoops = %d; want none", len(a.PersonLoops))
	}
	last := a.Bottlenecks[len(a.Bottlenecks)-1]
	if a.Bottlenecks[0].Transitive != n-1 || last.Transitive != n-10 {
		t.Errorf("bottlenecks wait from %d to %d; want %d to %d", a.Bottlenecks[0].Transitive, last.Transitive, n-1, n-10)
	}

	// Closing the chain makes one loop of everyone, longer than any loop reported,
	// and no chain.
	bs = append(bs, newBlocker(n, fmt.Sprintf("U%06d", n-1), "engineering", "U000000", "engineering", time.Hour, ""))
	a = Analyze(testAt, bs, Options{})
	if len(a.Chains) != 0 || len(a.PersonLoops) != 0 {
		t.Errorf("ring: %d chains, %d loops; want none", len(a.Chains), len(a.PersonLoops))
	}
}

// TestLoopEvidenceBound checks that a loop with more blockers than the evidence it
// keeps counts them all and keeps the first of them in the order they are shown:
// edge by edge in loop order, oldest first on each, then by ID, also when many
// share an opening and the snapshot is not in ID order; and that the integer
// snapshot keeps the same.
func TestLoopEvidenceBound(t *testing.T) {
	bs := snapshotOf(300, 3000)
	rng := rand.New(rand.NewPCG(4, 4))
	for i := range bs {
		bs[i].OpenedAt = testAt.Add(-time.Duration(rng.IntN(5)) * day) // many share an opening
	}
	rng.Shuffle(len(bs), func(i, j int) { bs[i], bs[j] = bs[j], bs[i] })

	all := Analyze(testAt, bs, Options{MaxEvidence: len(bs)})
	roleEdge := func(b unblock.Blocker) (string, string) { return string(b.PersonRole), string(b.ToRole) }
	personEdge := func(b unblock.Blocker) (string, string) { return b.PersonID, b.To }
	checkOrder(t, "role", all.RoleLoops, roleEdge)
	checkOrder(t, "person", all.PersonLoops, personEdge)
	most := 0
	for _, l := range all.RoleLoops {
		most = max(most, l.Blockers)
	}
	if most <= DefaultMaxEvidence || len(all.PersonLoops) == 0 {
		t.Fatalf("fixture: largest role loop %d blockers, %d person loops; want one over %d and some", most, len(all.PersonLoops), DefaultMaxEvidence)
	}

	for _, k := range []int{1, 7, DefaultMaxEvidence} {
		opt := Options{MaxEvidence: k}
		for name, a := range map[string]Analysis{
			"Analyze":         Analyze(testAt, bs, opt),
			"AnalyzeSnapshot": AnalyzeSnapshot(SnapshotOf(testAt, bs), opt),
		} {
			for kind, loops := range map[string][2][]unblock.Loop{
				"role":   {a.RoleLoops, all.RoleLoops},
				"person": {a.PersonLoops, all.PersonLoops},
			} {
				got, want := loops[0], loops[1]
				if len(got) != len(want) {
					t.Fatalf("%s, %d kept: %d %s loops; want %d", name, k, len(got), kind, len(want))
				}
				for i, l := range got {
					w := want[i]
					if !slices.Equal(l.Members, w.Members) || l.Blockers != w.Blockers || l.Oldest != w.Oldest {
						t.Errorf("%s, %d kept: %s loop %d is %v (%d blockers, %v); want %v (%d, %v)", name, k, kind, i,
							l.Members, l.Blockers, l.Oldest, w.Members, w.Blockers, w.Oldest)
					}
					if first := w.Evidence[:min(k, w.Blockers)]; !reflect.DeepEqual(l.Evidence, first) {
						t.Errorf("%s, %d kept: %s loop %v keeps %d blockers, not the first %d of all", name, k, kind, l.Members, len(l.Evidence), len(first))
					}
				}
			}
		}
	}
}

// checkOrder checks that every loop keeps all its blockers, edge by edge in loop
// order (edge names a blocker's edge), oldest first on each edge, then by ID.
func checkOrder(t *testing.T, kind string, loops []unblock.Loop, edge func(unblock.Blocker) (string, string)) {
	t.Helper()
	for _, l := range loops {
		if len(l.Evidence) != l.Blockers {
			t.Errorf("%s loop %v keeps %d of %d blockers", kind, l.Members, len(l.Evidence), l.Blockers)
		}
		at := func(b unblock.Blocker) int {
			from, to := edge(b)
			for i, m := range l.Members {
				if m == from && l.Members[(i+1)%len(l.Members)] == to {
					return i
				}
			}
			t.Fatalf("%s loop %v: blocker %d (%s -> %s) is on none of its edges", kind, l.Members, b.ID, from, to)
			return -1
		}
		for j := 1; j < len(l.Evidence); j++ {
			a, b := l.Evidence[j-1], l.Evidence[j]
			ea, eb := at(a), at(b)
			if ea > eb || ea == eb && (a.OpenedAt.After(b.OpenedAt) || a.OpenedAt.Equal(b.OpenedAt) && a.ID >= b.ID) {
				t.Fatalf("%s loop %v: blocker %d (edge %d, %v) before %d (edge %d, %v)", kind, l.Members, a.ID, ea, a.OpenedAt, b.ID, eb, b.OpenedAt)
			}
		}
	}
}

// TestLoopEvidenceOwnRoom checks that the loops' evidence, allocated together, is
// each loop's own: appending to one loop's leaves every other loop's as it was.
func TestLoopEvidenceOwnRoom(t *testing.T) {
	bs := snapshotOf(300, 3000)
	for name, a := range map[string]Analysis{
		"Analyze":         Analyze(testAt, bs, Options{}),
		"AnalyzeSnapshot": AnalyzeSnapshot(SnapshotOf(testAt, bs), Options{}),
	} {
		for kind, loops := range map[string][]unblock.Loop{"role": a.RoleLoops, "person": a.PersonLoops} {
			if len(loops) < 2 {
				t.Fatalf("%s: %d %s loops; want two or more", name, len(loops), kind)
			}
			before := make([][]unblock.Blocker, len(loops))
			for i, l := range loops {
				before[i] = slices.Clone(l.Evidence)
			}
			for i := range loops {
				loops[i].Evidence = append(loops[i].Evidence, unblock.Blocker{ID: -1})
			}
			for i, l := range loops {
				if !reflect.DeepEqual(l.Evidence[:len(l.Evidence)-1], before[i]) {
					t.Errorf("%s: %s loop %d's evidence changed when the others grew", name, kind, i)
				}
			}
		}
	}
}

// TestPersonGraphInTwoSame holds the person graph scattered in two passes
// (scatterInTwo, taken past scatterDirectMax blockers) to the one scattered in one:
// the same edges, evidence, ages and blockers, on the test files, on generated
// snapshots with people of no blockers and of hundreds, blockers of nobody and on
// nothing, and on the benchmark's shape with enough people for many groups.
func TestPersonGraphInTwoSame(t *testing.T) {
	sets := map[string][]unblock.Blocker{
		"companyx": readBlockers(t, "companyx.txt"),
		"chains":   readBlockers(t, "chains.txt"),
		"larger":   snapshotOf(20_000, 200_000),
	}
	rng := rand.New(rand.NewPCG(10, 10))
	for round := range 100 {
		people := 1 + rng.IntN(600)
		var bs []unblock.Blocker
		for i := range rng.IntN(3000) {
			u := rng.IntN(people)
			if rng.IntN(4) == 0 {
				u = rng.IntN(3) // a few people with hundreds of blockers
			}
			from, to := fmt.Sprintf("U%d", u), fmt.Sprintf("U%d", rng.IntN(people))
			switch rng.IntN(10) {
			case 0:
				from = ""
			case 1:
				to = ""
			case 2:
				to = fmt.Sprintf("team:t%d", rng.IntN(5))
			}
			bs = append(bs, newBlocker(int64(i+1), from, "", to, "", time.Duration(rng.IntN(5))*day, ""))
		}
		sets[fmt.Sprintf("round %d", round)] = bs
	}
	for name, bs := range sets {
		s := readInts(SnapshotOf(testAt, bs), nil)
		one, two := s.personGraphScattered(math.MaxInt), s.personGraphScattered(0)
		if !slices.Equal(one.g.Offsets, two.g.Offsets) || !slices.Equal(one.g.Targets, two.g.Targets) ||
			!slices.Equal(one.evidence, two.evidence) || !slices.Equal(one.blockers, two.blockers) ||
			!slices.Equal(one.oldest, two.oldest) {
			t.Fatalf("%s: the person graphs scattered in one pass and in two differ", name)
		}
	}
}
