package graph

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	unblock "github.com/unblock-dev/unblock"
)

func TestMedian(t *testing.T) {
	tests := []struct {
		in   []time.Duration
		want time.Duration
	}{
		{nil, 0},
		{[]time.Duration{5}, 5},
		{[]time.Duration{9, 1}, 5},
		{[]time.Duration{3, 1, 2}, 2},
		{[]time.Duration{4, 4, 4, 4}, 4},
		{[]time.Duration{10, 1, 7, 3}, 5},
		{[]time.Duration{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 6},
	}
	for _, tt := range tests {
		if got := median(slices.Clone(tt.in), itself); got != tt.want {
			t.Errorf("median(%v) = %v; want %v", tt.in, got, tt.want)
		}
	}
	// Against sorting, on inputs with many repeats.
	rng := rand.New(rand.NewPCG(7, 8))
	for range 500 {
		xs := make([]time.Duration, 1+rng.IntN(60))
		for i := range xs {
			xs[i] = time.Duration(rng.IntN(10))
		}
		sorted := slices.Sorted(slices.Values(xs))
		n := len(sorted)
		want := sorted[n/2]
		if n%2 == 0 {
			want = sorted[n/2-1] + (sorted[n/2]-sorted[n/2-1])/2
		}
		if got := median(xs, itself); got != want {
			t.Fatalf("median(%v) = %v; want %v", sorted, got, want)
		}
	}
}

// TestRolePairsPlain checks the role pairs against the plainest reading of the same
// snapshot: a map from each pair of roles to its blockers' ages and people, sorted
// ages for the median, on generated snapshots with blockers of nobody and unknown roles,
// read in full and as integers, with room of their own and in the person graph's.
func TestRolePairsPlain(t *testing.T) {
	for _, n := range []int{0, 1, 50, 3000} {
		bs := snapshotOf(max(n/10, 10), n)
		for i := range bs {
			switch i % 17 {
			case 3:
				bs[i].PersonID = ""
			case 5:
				bs[i].PersonRole = ""
			case 7:
				bs[i].ToRole, bs[i].Target.Role = "", ""
			}
		}
		for _, read := range []string{"in full", "as integers"} {
			s := readSnapshot(testAt, bs, nil)
			if read == "as integers" {
				s = readInts(SnapshotOf(testAt, bs), nil)
			}
			for _, room := range []string{"own", "the person graph's"} {
				var spare []ageEntry
				if room != "own" {
					spare = s.personGraph().spare
				}
				checkRolePairs(t, fmt.Sprintf("%d blockers read %s, room %s", n, read, room), s, spare)
			}
		}
	}
}

// checkRolePairs checks rolePairs on s with room against the plainest reading of s.
func checkRolePairs(t *testing.T, name string, s *snapshot, room []ageEntry) {
	t.Helper()
	type pair struct{ from, to int32 }
	ages := map[pair][]time.Duration{}
	people := map[pair]map[int32]bool{}
	oldest := map[pair]time.Duration{}
	for i, u := range s.from {
		v := s.to[i]
		if u < 0 || v < 0 {
			continue
		}
		k := pair{u, v}
		ages[k] = append(ages[k], s.age(i))
		oldest[k] = max(oldest[k], s.age(i))
		if people[k] == nil {
			people[k] = map[int32]bool{}
		}
		if p := s.person[i]; p >= 0 {
			people[k][p] = true
		}
	}
	var want []RolePair
	for k, as := range ages {
		slices.Sort(as)
		m := as[len(as)/2]
		if len(as)%2 == 0 {
			lo := as[len(as)/2-1]
			m = lo + (m-lo)/2
		}
		want = append(want, RolePair{From: s.roleName(k.from), To: s.roleName(k.to), Blockers: len(as),
			People: len(people[k]), Oldest: oldest[k], MedianWait: m})
	}
	slices.SortFunc(want, func(a, b RolePair) int {
		if a.From != b.From {
			return strings.Compare(string(a.From), string(b.From))
		}
		return strings.Compare(string(a.To), string(b.To))
	})
	if got := rolePairs(s.roleGraph(nil), s, room); !slices.Equal(got, want) {
		t.Errorf("%s: role pairs\n%+v\nwant\n%+v", name, got, want)
	}
}

// itself is a duration as median reads it.
func itself(d time.Duration) time.Duration { return d }

// TestRoleGraphInRoom checks that the role loops and role pairs of an analysis,
// whose role graph is written over the person graph's blockers (done with once the
// person loops have their evidence), are those of a role graph in an array of its
// own read from a snapshot nothing else has analysed, and that the room was used:
// on the test files and on generated companies, with evidence bounds small and
// large (a person loop's evidence read after the room were written over would
// differ from Analyze's own golden figures; see TestAnalyzeLoops).
func TestRoleGraphInRoom(t *testing.T) {
	sets := map[string][]unblock.Blocker{
		"companyx":  readBlockers(t, "companyx.txt"),
		"chains":    readBlockers(t, "chains.txt"),
		"generated": snapshotOf(300, 3000),
		"larger":    snapshotOf(2000, 20000),
	}
	for name, bs := range sets {
		for _, maxEvidence := range []int{1, 50, 1000} {
			opt := Options{MaxEvidence: maxEvidence}.withDefaults()
			snap := readInts(SnapshotOf(testAt, bs), nil)
			got := analyze(testAt, snap, opt)

			plain := readInts(SnapshotOf(testAt, bs), nil)
			roles := plain.roleGraph(nil)
			rcomp, _ := SCC(roles.g)
			wantLoops := roles.loops(findCycles(roles, rcomp, opt.MaxLoopLen, opt.MaxLoops, maxLoopSteps), plain, opt.MaxEvidence)
			wantPairs := rolePairs(roles, plain, nil)
			if !reflect.DeepEqual(got.RoleLoops, wantLoops) {
				t.Errorf("%s, evidence %d: role loops differ", name, maxEvidence)
			}
			if !slices.Equal(got.RolePairs, wantPairs) {
				t.Errorf("%s, evidence %d: role pairs differ", name, maxEvidence)
			}
			people := snap.personGraph()
			if r := snap.roleGraph(people.blockers); len(r.blockers) > 0 && &r.blockers[0] != &people.blockers[0] {
				t.Errorf("%s: the role graph did not take the person graph's room", name)
			}
		}
	}
}
