package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/graph"
)

// BlockersSpanNumbered reads what BlockersSpan reads and numbers its user IDs, one
// number an ID, whether the people table has them or not; and the analysis of the
// snapshot it gives, found by those numbers, is the analysis of the same blockers
// without them: on generated ledgers with people the table lacks, people named only
// by name, teams, artifacts and explicit nones.
func TestBlockersSpanNumbered(t *testing.T) { eachBackend(t, testBlockersSpanNumbered) }

func testBlockersSpanNumbered(t *testing.T) {
	for seed := uint64(1); seed <= 4; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			ctx := context.Background()
			db := MustOpenDB(t)
			rng := rand.New(rand.NewPCG(seed, 17))
			people := []string{"U1", "U2", "U3", "U4", "U5", "U6", "U7"}
			var ps []unblock.Person
			for i, id := range people[:5] { // U6 and U7 are not in the table
				ps = append(ps, unblock.Person{ID: id, Name: "p" + id, Role: unblock.BuiltinRoles[i%4]})
			}
			if err := db.UpsertPeople(ctx, ps); err != nil {
				t.Fatal(err)
			}
			targets := []unblock.Target{
				role("design"), role("legal"), person("<@U2>"), person("<@U5>"), person("<@U7>"), person("<@U9>"),
				person("Jo"), {Kind: unblock.TargetTeam, Name: "the data team"}, {Kind: unblock.TargetArtifact, Name: "API specs"},
				{Kind: unblock.TargetExternal, Name: "Acme"}, {Kind: unblock.TargetArtifact, Name: "none"},
			}
			for n := 0; n < 150; n++ {
				p := people[rng.IntN(len(people))]
				at := day(0).Add(time.Duration(n) * 6 * time.Hour)
				var st unblock.Statement
				if rng.IntN(5) == 0 {
					st = resolved(targets[rng.IntN(len(targets))])
				} else {
					st = blocked(fmt.Sprint("topic ", n%5), targets[rng.IntN(len(targets))], targets[rng.IntN(len(targets))])
				}
				if _, err := db.ApplyReport(ctx, report(p, fmt.Sprintf("%d.%04d", at.Unix(), n), at), st); err != nil {
					t.Fatal(err)
				}
			}
			for from := 0; from < 40; from += 9 {
				f, to := day(from), day(from+14)
				want, err := db.BlockersSpan(ctx, f, to)
				if err != nil {
					t.Fatal(err)
				}
				got, nums, err := db.BlockersSpanNumbered(ctx, f, to)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("day %d: BlockersSpanNumbered's blockers differ from BlockersSpan's", from)
				}
				if len(nums.Person) != len(got) || len(nums.To) != len(got) {
					t.Fatalf("day %d: %d, %d numbers for %d blockers", from, len(nums.Person), len(nums.To), len(got))
				}
				byID, byNumber := map[string]int32{}, map[int32]string{}
				check := func(id string, u int32) {
					if id == "" || strings.Contains(id, ":") {
						if u != -1 {
							t.Errorf("day %d: %q numbered %d, want -1", from, id, u)
						}
						return
					}
					if u < 0 || int(u) >= nums.Users {
						t.Fatalf("day %d: %q numbered %d, want 0 to %d", from, id, u, nums.Users-1)
					}
					if v, ok := byID[id]; ok && v != u {
						t.Errorf("day %d: %q numbered %d and %d", from, id, v, u)
					}
					if v, ok := byNumber[u]; ok && v != id {
						t.Errorf("day %d: %q and %q both numbered %d", from, v, id, u)
					}
					byID[id], byNumber[u] = u, id
				}
				for i, b := range got {
					check(b.PersonID, nums.Person[i])
					check(b.To, nums.To[i])
				}
				// The analysis at the end of the span, found by number and by ID.
				var open []unblock.Blocker
				var openNums unblock.UserNumbers
				openNums.Users = nums.Users
				for i, b := range got {
					if b.OpenAt(to) {
						open = append(open, b)
						openNums.Person = append(openNums.Person, nums.Person[i])
						openNums.To = append(openNums.To, nums.To[i])
					}
				}
				numbered := graph.SnapshotNumbered(to, open, openNums)
				if numbered.Users < nums.Users {
					t.Fatalf("day %d: snapshot of %d users, the store numbered %d", from, numbered.Users, nums.Users)
				}
				plain := graph.SnapshotOf(to, open)
				plain.Users = 0
				for i := range plain.People {
					plain.People[i].User = -1
				}
				for i := range plain.Targets {
					plain.Targets[i].User = -1
				}
				opt := graph.Options{MaxBottlenecks: 100, MaxChains: 100}
				a, b := graph.AnalyzeSnapshot(numbered, opt), graph.AnalyzeSnapshot(plain, opt)
				if !reflect.DeepEqual(a, b) {
					t.Errorf("day %d: analysis by number\n%+v\nwithout numbers\n%+v", from, a, b)
				}
				if c := graph.Analyze(to, open, opt); !reflect.DeepEqual(a, c) {
					t.Errorf("day %d: analysis by number\n%+v\nAnalyze\n%+v", from, a, c)
				}
			}
		})
	}
}
