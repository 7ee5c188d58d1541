package graph

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	unblock "github.com/unblock-dev/unblock"
)

// analysisInput is a snapshot of blockers to analyse, with the vocabulary to read
// them with.
type analysisInput struct {
	name  string
	bs    []unblock.Blocker
	vocab *unblock.Vocabulary
}

// analysisInputs returns the snapshots the differential tests of the analysis
// read: the test files, old rows with raw words, and a generated company with
// blockers of nobody, on nothing and on oneself, a person named only by a mention
// or by an ID that is no user ID, raw role words and targets named only by To.
func analysisInputs(t *testing.T) []analysisInput {
	finance := withFinance(t)
	old := append(oldRows(),
		oldRow(9, "U1", "design", target("team", "fp&a", ""), ""),
		oldRow(10, "U2", "finance", target("role", "designers", ""), "designers"),
	)
	generated := snapshotOf(300, 3000)
	rng := rand.New(rand.NewPCG(3, 3))
	for i := range generated {
		b := &generated[i]
		switch rng.IntN(50) {
		case 0:
			b.PersonID = "" // a blocker of nobody
		case 1:
			b.To, b.Target = "", unblock.Target{} // on nothing
		case 2:
			b.To = b.PersonID // on oneself
		case 3:
			b.PersonID, b.To = "", "" // neither
		case 4:
			b.PersonRole = "eng" // a raw word
		case 5:
			if b.ToPerson() {
				b.To = "" // a person named only by the mention in Target
			}
		case 6:
			b.PersonID = "person:" + b.PersonID // not a user ID
		case 7:
			if !b.ToPerson() {
				b.Target = unblock.Target{} // a target named only by its To
			}
		case 8:
			b.To, b.Target = []string{"role:eng", "team:the-data-team", "gizmo:x", "team:", "artifact:none"}[rng.IntN(5)], unblock.Target{}
		}
	}
	return []analysisInput{
		{"companyx", readBlockers(t, "companyx.txt"), nil},
		{"chains", readBlockers(t, "chains.txt"), nil},
		{"noloops", readBlockers(t, "noloops.txt"), nil},
		{"old rows", old, nil},
		{"old rows, finance", old, finance},
		{"generated", generated, nil},
		{"generated, finance", generated, finance},
		{"none", nil, nil},
	}
}

// TestAnalyzeSnapshotSame checks that the analysis of a snapshot given as integers
// is the analysis of the same blockers given in full: loops with their evidence,
// chains, bottlenecks and roles, on the test files, on old rows with raw words, and
// on a generated company (analysisInputs); with the user IDs numbered as SnapshotOf
// numbers them, not numbered, and numbered as a store numbers them
// (SnapshotNumbered).
func TestAnalyzeSnapshotSame(t *testing.T) {
	for _, tt := range analysisInputs(t) {
		t.Run(tt.name, func(t *testing.T) {
			opt := Options{Roles: tt.vocab, MaxBottlenecks: 100, MaxChains: 100}
			want := Analyze(testAt, tt.bs, opt)
			numbered := SnapshotOf(testAt, tt.bs)
			unnumbered := *numbered
			unnumbered.Users = 0
			unnumbered.People, unnumbered.Targets = slices.Clone(numbered.People), slices.Clone(numbered.Targets)
			for i := range unnumbered.People {
				unnumbered.People[i].User = 0
			}
			for i := range unnumbered.Targets {
				unnumbered.Targets[i].User = 0
			}
			store := SnapshotNumbered(testAt, tt.bs, storeNumbers(tt.bs))
			for _, in := range []*Snapshot{numbered, &unnumbered, store} {
				sameAnalysis(t, AnalyzeSnapshot(in, opt), want)
			}
		})
	}
}

// TestAnalyzeSnapshotCanonical checks that a snapshot marked canonical
// (Snapshot.Canonical) is analysed as the same snapshot unmarked: a table made
// canonical by CanonicalizeTable, as the digest reads it, and blockers made
// canonical by Canonicalize, on every input of analysisInputs.
func TestAnalyzeSnapshotCanonical(t *testing.T) {
	for _, tt := range analysisInputs(t) {
		t.Run(tt.name, func(t *testing.T) {
			opt := Options{Roles: tt.vocab, MaxBottlenecks: 100, MaxChains: 100}
			table := unblock.TableOf(tt.bs)
			CanonicalizeTable(&table, tt.vocab)
			full := Canonicalize(slices.Clone(tt.bs), tt.vocab)
			for _, in := range []*Snapshot{tableSnapshot(&table, testAt), SnapshotOf(testAt, full)} {
				want := AnalyzeSnapshot(in, opt)
				marked := *in
				marked.Canonical = true
				sameAnalysis(t, AnalyzeSnapshot(&marked, opt), want)
			}
		})
	}
}

// TestBenchBlockersCanonical checks that the benchmarks' blockers are canonical,
// as a store writes them, so that BenchmarkAnalyzeScaling may mark its snapshots
// so (Snapshot.Canonical).
func TestBenchBlockersCanonical(t *testing.T) {
	bs := snapshotOf(300, 3000)
	if got := Canonicalize(slices.Clone(bs), nil); !reflect.DeepEqual(got, bs) {
		t.Fatal("the benchmarks' blockers are not canonical")
	}
}

// tableSnapshot returns the rows of t as a Snapshot at `at`, as the digest gives
// its table to the analysis.
func tableSnapshot(t *unblock.BlockerTable, at time.Time) *Snapshot {
	s := &Snapshot{At: at, Users: t.Users, Blocker: t.Blocker}
	for _, r := range t.Rows {
		s.Person, s.Target, s.Opened = append(s.Person, r.Person), append(s.Target, r.Target), append(s.Opened, r.OpenedAt)
	}
	for _, p := range t.People {
		s.People = append(s.People, SnapshotPerson{ID: p.ID, Role: p.Role, User: p.User})
	}
	for _, g := range t.Targets {
		s.Targets = append(s.Targets, SnapshotTarget{To: g.To, Target: g.Target, ToRole: g.ToRole, User: g.User})
	}
	return s
}

// sameAnalysis reports every field where got differs from want.
func sameAnalysis(t *testing.T, got, want Analysis) {
	t.Helper()
	g, w := reflect.ValueOf(got), reflect.ValueOf(want)
	for f := range g.NumField() {
		if !reflect.DeepEqual(g.Field(f).Interface(), w.Field(f).Interface()) {
			gs, ws := fmt.Sprintf("%+v", g.Field(f)), fmt.Sprintf("%+v", w.Field(f))
			k := 0
			for k < min(len(gs), len(ws)) && gs[k] == ws[k] {
				k++
			}
			t.Errorf("%s differs at %d:\nAnalyzeSnapshot …%.300s\nAnalyze         …%.300s", g.Type().Field(f).Name, k, gs[max(k-100, 0):], ws[max(k-100, 0):])
		}
	}
}

// storeNumbers numbers the user IDs of bs as a store might: in an order of its own
// (by ID, backwards), with gaps (people no blocker names), leaving some To and
// some persons unnumbered, as a mention read as To after the store numbered them
// is, and some IDs not numbered at all.
func storeNumbers(bs []unblock.Blocker) unblock.UserNumbers {
	var ids []string
	for _, b := range bs {
		ids = append(ids, b.PersonID, b.To)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	slices.Reverse(ids)
	number := map[string]int32{}
	for i, id := range ids {
		if i%5 != 1 { // some IDs the store does not number at all
			number[id] = int32(2 * i)
		}
	}
	nums := unblock.UserNumbers{Person: make([]int32, len(bs)), To: make([]int32, len(bs)), Users: 2 * len(ids)}
	of := func(id string) int32 {
		if id == "" || !isUserID(id) {
			return -1
		}
		if u, ok := number[id]; ok {
			return u
		}
		return -1
	}
	for i, b := range bs {
		nums.Person[i], nums.To[i] = of(b.PersonID), of(b.To)
		if i%7 == 3 {
			nums.To[i] = -1
		}
		if i%11 == 5 {
			nums.Person[i] = -1
		}
	}
	return nums
}
