package digest_test

import (
	"context"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/digest"
)

// benchCompany has people in 11 roles and n open blockers between them, each person
// waiting on a few others: a workspace of a large company's size for a digest.
func benchCompany(people, n int) *fakeSource {
	src := &fakeSource{}
	for i := range people {
		src.people = append(src.people, unblock.Person{
			ID: fmt.Sprintf("U%06d", i), Name: fmt.Sprintf("person %d", i), Role: unblock.BuiltinRoles[i%len(unblock.BuiltinRoles)],
		})
	}
	for i := range n {
		from, to := i%people, (i*31+i/people+1)%people
		if from == to {
			to = (to + 1) % people
		}
		src.blockers = append(src.blockers, unblock.Blocker{
			ID: int64(i + 1), PersonID: src.people[from].ID, PersonRole: src.people[from].Role,
			To: src.people[to].ID, ToRole: src.people[to].Role,
			Target: unblock.Target{Kind: unblock.TargetPerson, Name: "<@" + src.people[to].ID + ">"},
			Topic:  fmt.Sprintf("topic %d", i), OpenedAt: asOf.Add(-time.Duration(i%500) * time.Hour),
		})
	}
	return src
}

func BenchmarkBuildAndRender(b *testing.B) {
	src := benchCompany(10_000, 50_000)
	p := unblock.WeekEnding(asOf)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		d, err := digest.Build(ctx, src, p, digest.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := digest.JSON(io.Discard, d); err != nil {
			b.Fatal(err)
		}
		if err := digest.Text(io.Discard, d); err != nil {
			b.Fatal(err)
		}
		if _, err := digest.Blocks(d); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRolePNG(b *testing.B) {
	src := benchCompany(10_000, 50_000)
	d, err := digest.Build(context.Background(), src, unblock.WeekEnding(asOf), digest.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := digest.RolePNG(context.Background(), d); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPersonPNG draws dense person graphs: 57 people with 249 blockers between
// them (Graphviz took 18 s and 574 MB on such a graph), one at the bounds
// (MaxPNGNodes, MaxPNGEdges), and one five times past them, which PNG focuses.
func BenchmarkPersonPNG(b *testing.B) {
	for _, size := range []struct{ people, blockers int }{{57, 249}, {digest.MaxPNGNodes, digest.MaxPNGEdges}, {5 * digest.MaxPNGNodes, 2200}} {
		b.Run(fmt.Sprintf("%dnodes", size.people), func(b *testing.B) {
			d, err := digest.Build(context.Background(), benchCompany(size.people, size.blockers), unblock.WeekEnding(asOf), digest.Options{})
			if err != nil {
				b.Fatal(err)
			}
			v := d.PersonView()
			b.ReportMetric(float64(len(v.Edges)), "edges")
			b.ReportAllocs()
			for b.Loop() {
				if err := digest.PNG(context.Background(), io.Discard, v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
