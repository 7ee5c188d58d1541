package graph

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
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
		if got := median(slices.Clone(tt.in)); got != tt.want {
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
		if got := median(xs); got != want {
			t.Fatalf("median(%v) = %v; want %v", sorted, got, want)
		}
	}
}

// TestRolePairsPlain checks the role pairs against the plainest reading of the same
// snapshot: a map from each pair of roles to its blockers' ages and people, sorted
// ages for the median, on generated snapshots with blockers of nobody and unknown roles.
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
		s := readSnapshot(testAt, bs, nil)
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
			ages[k] = append(ages[k], s.ages[i])
			oldest[k] = max(oldest[k], s.ages[i])
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
		if got := rolePairs(s.roleGraph(), s); !slices.Equal(got, want) {
			t.Errorf("%d blockers: role pairs\n%+v\nwant\n%+v", n, got, want)
		}
	}
}
