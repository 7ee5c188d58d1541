package graph

import (
	"math/rand/v2"
	"slices"
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
