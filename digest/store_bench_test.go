package digest_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/digest"
	"github.com/unblock-dev/unblock/graph"
	"github.com/unblock-dev/unblock/store"
)

var benchStore = flag.String("digest-bench-store", "", "BenchmarkDigestVsAnalyze's store: read from this file if it exists, else made there and kept (the store takes a minute to make)")

// storeCompany fills a SQLite store with people in the 11 built-in roles, each
// reporting every day of two weeks: by asOf, `open` blockers are open (five a
// person, on other people) and the period holds others opened and resolved.
func storeCompany(b testing.TB, open int) *store.DB {
	b.Helper()
	ctx := context.Background()
	path, saved := filepath.Join(b.TempDir(), "digest.db"), false
	if _, bench := b.(*testing.B); bench && *benchStore != "" {
		path = *benchStore
		_, err := os.Stat(path)
		saved = err == nil
	}
	db, err := store.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if saved {
		return db // made by an earlier run with the same open
	}
	const perPerson = 5
	people := open / perPerson
	ps := make([]unblock.Person, people)
	for i := range ps {
		ps[i] = unblock.Person{ID: fmt.Sprintf("U%06d", i), Name: fmt.Sprintf("person %d", i), Role: unblock.BuiltinRoles[i%len(unblock.BuiltinRoles)]}
	}
	start := asOf.AddDate(0, 0, -13)
	err = db.Update(ctx, func(tx *store.Tx) error {
		if err := tx.UpsertPeople(ctx, ps); err != nil {
			return err
		}
		for d := 0; d < 14; d++ {
			for i, p := range ps {
				at := start.AddDate(0, 0, d).Add(time.Duration(i) * time.Millisecond)
				var st unblock.Statement
				switch {
				case d == 0 || d == 7 && i%4 == 0: // waits opened, some of them again in the period
					st = unblock.Statement{Blocked: true, Topic: fmt.Sprintf("topic %d", i)}
					for k := 1; k <= perPerson; k++ {
						st.Targets = append(st.Targets, unblock.Target{Kind: unblock.TargetPerson, Name: "<@" + ps[(i*31+k*7919)%people].ID + ">"})
					}
				case d == 6 && i%4 == 0: // resolved, to open again the next day
					st = unblock.Statement{Resolved: true, None: true}
				default: // still waiting (no topic: on all of them)
					st = unblock.Statement{Blocked: true}
				}
				st.Text = "standup"
				r := unblock.Report{PersonID: p.ID, Channel: "C1", TS: fmt.Sprintf("%d.%06d", at.Unix(), i), At: at, Source: unblock.SourceImport, Standup: true}
				if _, err := tx.ApplyReport(ctx, r, st); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return db
}

// BenchmarkDigestVsAnalyze measures, side by side in each iteration, the digest of
// a week built from a SQLite store holding 100,000 open blockers (20,000 people,
// two weeks of daily reports) and graph.Analyze alone on the same snapshot, and
// reports digest/analyze (issue 16's target: at most 2), in wall time and in the
// process's CPU time (steadier on a shared machine).
//
//	go test -run '^$' -bench DigestVsAnalyze -benchtime 5x ./digest/
func BenchmarkDigestVsAnalyze(b *testing.B) {
	const open = 100_000
	db := storeCompany(b, open)
	ctx := context.Background()
	p := unblock.WeekEnding(asOf)
	snap, err := db.OpenBlockers(ctx, p.To)
	if err != nil {
		b.Fatal(err)
	}
	if len(snap) != open {
		b.Fatalf("%d blockers open, want %d", len(snap), open)
	}
	snap = graph.Canonicalize(snap, nil)
	var tDigest, tAnalyze, cDigest, cAnalyze time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		runtime.GC() // each pays for its own garbage
		start, cpu := time.Now(), cpuTime()
		d, err := digest.Build(ctx, db, p, digest.Options{})
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		tDigest += time.Since(start)
		cDigest += cpuTime() - cpu
		if d.Stats.Open != open {
			b.Fatalf("digest open = %d, want %d", d.Stats.Open, open)
		}
		start, cpu = time.Now(), cpuTime()
		graph.Analyze(p.To, snap, graph.Options{})
		runtime.GC()
		tAnalyze += time.Since(start)
		cAnalyze += cpuTime() - cpu
	}
	b.StopTimer()
	b.ReportMetric(float64(cDigest.Milliseconds())/float64(b.N), "digest-cpu-ms")
	b.ReportMetric(float64(cAnalyze.Milliseconds())/float64(b.N), "analyze-cpu-ms")
	b.ReportMetric(cDigest.Seconds()/cAnalyze.Seconds(), "cpu-digest/analyze")
	b.ReportMetric(float64(tDigest.Milliseconds())/float64(b.N), "digest-ms")
	b.ReportMetric(float64(tAnalyze.Milliseconds())/float64(b.N), "analyze-ms")
	b.ReportMetric(tDigest.Seconds()/tAnalyze.Seconds(), "digest/analyze")
}

// cpuTime returns the CPU time the process has used, all threads.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkSnapshotNumbered measures graph.SnapshotNumbered alone on the snapshot
// BenchmarkDigestVsAnalyze's digest analyses: 100,000 open blockers read with the
// store's user numbers and canonicalized, as the digest reads them.
//
//	go test -run '^$' -bench SnapshotNumbered -benchtime 20x ./digest/
func BenchmarkSnapshotNumbered(b *testing.B) {
	const open = 100_000
	db := storeCompany(b, open)
	ctx := context.Background()
	at := unblock.WeekEnding(asOf).To
	snap, nums, err := db.BlockersSpanNumbered(ctx, at, at)
	if err != nil {
		b.Fatal(err)
	}
	snap = graph.Canonicalize(snap, nil)
	if len(snap) != open || len(nums.To) != open {
		b.Fatalf("%d blockers canonical and %d numbered, want %d open", len(snap), len(nums.To), open)
	}
	for i := range snap {
		if !snap[i].OpenAt(at) {
			b.Fatalf("blocker %d not open at %s", snap[i].ID, at)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		graph.SnapshotNumbered(at, snap, nums)
	}
}
