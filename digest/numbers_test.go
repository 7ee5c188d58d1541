package digest_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/digest"
	"github.com/unblock-dev/unblock/store"
)

// The digest read on the blockers' numbers (store migration 0010) is the digest
// read on their words, byte for byte in every format, on generated stores with
// reports late and in order, edits, deletions, buttons, renames (a name then
// resolves to someone else), role changes and forgotten people. The words are
// read when a blocker of the span is not numbered: the test unnumbers one by hand.
func TestBuildByNumberSameAsWords(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "digest.db")
			db, err := store.Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			fillGenerated(t, db, seed)
			var renders [2][]string
			for pass := range 2 {
				if pass == 1 {
					raw, err := sql.Open("sqlite3", store.DSN(path))
					if err != nil {
						t.Fatal(err)
					}
					if _, err := raw.Exec(`UPDATE blockers SET person_num = 0`); err != nil {
						t.Fatal(err)
					}
					raw.Close()
				}
				for _, p := range []unblock.Period{unblock.WeekEnding(asOf), unblock.WeekEnding(asOf.AddDate(0, 0, -5)),
					unblock.WeekEnding(asOf.AddDate(0, 0, -12))} {
					for _, hide := range []bool{false, true} {
						d, err := digest.Build(ctx, db, p, digest.Options{HideTopics: hide})
						if err != nil {
							t.Fatal(err)
						}
						renders[pass] = append(renders[pass], renderAll(t, d))
					}
				}
			}
			for i := range renders[0] {
				if renders[0][i] != renders[1][i] {
					t.Fatalf("digest %d by number differs from by words:\n%s\n---\n%s", i, renders[0][i], renders[1][i])
				}
			}
			if len(renders[0][0]) < 2000 {
				t.Fatalf("only %d bytes rendered: nothing to compare", len(renders[0][0]))
			}
		})
	}
}

// renderAll renders d in every format but PNG.
func renderAll(t *testing.T, d *digest.Digest) string {
	t.Helper()
	var b bytes.Buffer
	for _, f := range []func() error{
		func() error { return digest.Text(&b, d) },
		func() error { return digest.Markdown(&b, d) },
		func() error { return digest.JSON(&b, d) },
		func() error { buf, err := digest.Blocks(d); b.Write(buf); return err },
		func() error { return digest.DOT(&b, d.RoleView()) },
		func() error { return digest.DOT(&b, d.PersonView()) },
		func() error { return digest.Mermaid(&b, d.PersonView()) },
		func() error { return digest.GraphJSON(&b, d.PersonView()) },
		func() error { return digest.GraphJSON(&b, d.RoleView()) },
	} {
		if err := f(); err != nil {
			t.Fatal(err)
		}
		b.WriteString("\n====\n")
	}
	return b.String()
}

// fillGenerated writes three weeks of generated reports into db.
func fillGenerated(t *testing.T, db *store.DB, seed uint64) {
	t.Helper()
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(seed, 41))
	var ids []string
	for i := range 24 {
		ids = append(ids, fmt.Sprintf("U%03d", i))
	}
	names := []string{"Jo", "Ana", "Kim", "Lee", "Sam", "Ola"}
	upsert := func() {
		var ps []unblock.Person
		for i, id := range ids[:20] { // the last four are not in the table
			ps = append(ps, unblock.Person{ID: id, Name: names[(i+rng.IntN(3))%len(names)] + fmt.Sprint(i%4),
				Role: unblock.BuiltinRoles[rng.IntN(6)]})
		}
		if err := db.UpsertPeople(ctx, ps); err != nil {
			t.Fatal(err)
		}
	}
	upsert()
	target := func() unblock.Target {
		switch k := rng.IntN(10); {
		case k < 5:
			return unblock.Target{Kind: unblock.TargetPerson, Name: "<@" + ids[rng.IntN(len(ids))] + ">"}
		case k < 6:
			return unblock.Target{Kind: unblock.TargetPerson, Name: names[rng.IntN(len(names))] + fmt.Sprint(rng.IntN(4))}
		case k < 8:
			r := []string{"design", "eng", "legal", "the data team"}[rng.IntN(4)]
			return unblock.Target{Kind: unblock.TargetRole, Name: r}
		case k < 9:
			return unblock.Target{Kind: unblock.TargetArtifact, Name: []string{"API specs", "none", "test env"}[rng.IntN(3)]}
		}
		return unblock.Target{Kind: unblock.TargetExternal, Name: "Acme"}
	}
	start := asOf.AddDate(0, 0, -20)
	newest := start
	var applied []unblock.Report
	for n := 0; n < 700; n++ {
		k := rng.IntN(100)
		var err error
		switch {
		case k < 6 && len(applied) > 0:
			r := applied[rng.IntN(len(applied))]
			r.Edited = true
			_, err = db.ApplyReport(ctx, r, unblock.Statement{Text: "edited", Blocked: true, Targets: []unblock.Target{target()}, Topic: "edited"})
		case k < 10 && len(applied) > 0:
			r := applied[rng.IntN(len(applied))]
			_, err = db.DeleteReport(ctx, r.Channel, r.TS, newest.Add(time.Minute))
		case k < 13:
			var open []unblock.Blocker
			if open, err = db.OpenBlockers(ctx, newest); err == nil && len(open) > 0 {
				_, err = db.ResolveBlocker(ctx, open[rng.IntN(len(open))].ID, unblock.ResolvedByButton, newest.Add(time.Second))
			}
		case k < 15:
			upsert()
		case k == 15 && n > 400:
			if _, err = db.Forget(ctx, ids[rng.IntN(len(ids))]); unblock.ErrorCode(err) == unblock.ENOTFOUND {
				err = nil
			}
		default:
			at := newest.Add(time.Duration(rng.IntN(150)) * time.Minute)
			if k < 30 {
				at = newest.Add(-time.Duration(rng.IntN(72)) * time.Hour)
			} else {
				newest = at
			}
			st := unblock.Statement{Text: "standup", Blocked: true, Targets: []unblock.Target{target(), target()}, Topic: fmt.Sprint("topic ", rng.IntN(9))}
			switch rng.IntN(6) {
			case 0:
				st = unblock.Statement{Text: "done", Resolved: true, Targets: []unblock.Target{target()}}
			case 1:
				st = unblock.Statement{Text: "no blockers", None: true}
			}
			r := unblock.Report{PersonID: ids[rng.IntN(len(ids))], Channel: "C1", TS: fmt.Sprintf("%d.%06d", at.Unix(), n), At: at,
				Source: unblock.SourceImport, Standup: true}
			if _, err = db.ApplyReport(ctx, r, st); err == nil {
				applied = append(applied, r)
			}
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if newest.Before(asOf.AddDate(0, 0, -3)) {
		t.Fatalf("the reports end on %s, before the periods compared", newest)
	}
}
