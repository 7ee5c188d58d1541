package digest_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/digest"
)

// plainSource hides a store's BlockersSpanTable: the digest then reads its
// blockers in full (BlockersSpan) and numbers them itself.
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
		if !sameDigest(t, got, want) {
			t.Errorf("%v: the digest by the store's numbers differs from the digest without them", p)
		}
	}
}

// sameDigest reports whether got and want say the same: their fields, their open
// and stale blockers in full, and every format but PNG byte for byte.
func sameDigest(t *testing.T, got, want *digest.Digest) bool {
	t.Helper()
	same := reflect.DeepEqual(got.Open(), want.Open()) && renderAll(t, got) == renderAll(t, want) && len(got.Stale) == len(want.Stale)
	for i := range got.Stale {
		same = same && i < len(want.Stale) && got.Stale[i].Age == want.Stale[i].Age &&
			reflect.DeepEqual(got.Stale[i].Blocker(), want.Stale[i].Blocker())
	}
	g, w := *got, *want
	g.Stale, w.Stale = nil, nil
	return same && reflect.DeepEqual(g.Period, w.Period) && reflect.DeepEqual(g.Stats, w.Stats) && reflect.DeepEqual(g.Previous, w.Previous) &&
		reflect.DeepEqual(g.RoleLoops, w.RoleLoops) && reflect.DeepEqual(g.PersonLoops, w.PersonLoops) &&
		reflect.DeepEqual(g.Chains, w.Chains) && reflect.DeepEqual(g.Bottlenecks, w.Bottlenecks) &&
		reflect.DeepEqual(g.Roles, w.Roles) && reflect.DeepEqual(names(g.People), names(w.People)) && reflect.DeepEqual(g.Trends, w.Trends) &&
		reflect.DeepEqual(g.Participation, w.Participation) && g.StaleAfter == w.StaleAfter
}

// names returns people with only what names them and their role, as a store gives
// a digest its people (store.DB.PeopleNamed).
func names(people map[string]unblock.Person) map[string]unblock.Person {
	out := make(map[string]unblock.Person, len(people))
	for id, p := range people {
		out[id] = unblock.Person{ID: p.ID, Name: p.Name, RealName: p.RealName, Role: p.Role}
	}
	return out
}
