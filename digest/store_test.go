package digest_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/digest"
)

// plainSource hides a store's BlockersSpanNumbered: the digest then analyses its
// blockers by their IDs (graph.Analyze).
type plainSource struct{ digest.Source }

// The digest of a store, whose analysis finds people by the store's numbers, is
// the digest of the same store read without them.
func TestBuildNumberedSame(t *testing.T) {
	db := storeCompany(t, 2000)
	ctx := context.Background()
	for _, p := range []unblock.Period{unblock.WeekEnding(asOf), unblock.WeekEnding(asOf.AddDate(0, 0, -3))} {
		got, err := digest.Build(ctx, db, p, digest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		want, err := digest.Build(ctx, plainSource{db}, p, digest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got.Stats.Open == 0 || len(got.PersonLoops)+len(got.Chains) == 0 {
			t.Fatalf("%v: %d open, %d loops, %d chains: nothing to compare", p, got.Stats.Open, len(got.PersonLoops), len(got.Chains))
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%v: the digest by the store's numbers differs from the digest without them", p)
		}
	}
}
