package store_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/parse"
)

// TestMixedReports plays testdata/mixed.txt: reports that say one wait cleared
// and another goes on ("got the mocks from design, still waiting on legal for
// the DPA"), read by the real parser over days, must close what arrived, keep
// or open only what is still awaited, and count as the want and count lines say.
func TestMixedReports(t *testing.T) {
	type line struct {
		day       int
		who, text string
	}
	type group struct {
		name    string
		reports []line
		want    []string
		count   string
	}
	f, err := os.Open("testdata/mixed.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var groups []group
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		s := strings.TrimSpace(sc.Text())
		switch {
		case s == "" || strings.HasPrefix(s, "#"):
		case strings.HasPrefix(s, "=="):
			groups = append(groups, group{name: strings.TrimSpace(s[2:])})
		case len(groups) == 0:
			t.Fatalf("mixed.txt:%d: a line before the first ==", n)
		case strings.HasPrefix(s, "want "):
			g := &groups[len(groups)-1]
			g.want = append(g.want, strings.TrimPrefix(s, "want "))
		case strings.HasPrefix(s, "count "):
			groups[len(groups)-1].count = strings.TrimPrefix(s, "count ")
		default:
			f := strings.SplitN(s, "|", 3)
			d, err := strconv.Atoi(strings.TrimSpace(f[0]))
			if len(f) != 3 || err != nil {
				t.Fatalf("mixed.txt:%d: want DAY | PERSON | TEXT", n)
			}
			g := &groups[len(groups)-1]
			g.reports = append(g.reports, line{d, strings.TrimSpace(f[1]), strings.TrimSpace(f[2])})
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	eachBackend(t, func(t *testing.T) {
		for _, g := range groups {
			t.Run(g.name, func(t *testing.T) {
				ctx := context.Background()
				db := MustOpenDB(t)
				mustPeople(t, db)
				if err := db.UpsertPeople(ctx, []unblock.Person{
					{ID: "U5", Name: "jo", RealName: "Jo Kim", Role: unblock.RoleDesign},
					{ID: "U6", Name: "lea", RealName: "Lea Ortiz", Role: unblock.RoleLegal},
					{ID: "U7", Name: "samir", RealName: "Samir Eng", Role: unblock.RoleEngineering},
				}); err != nil {
					t.Fatal(err)
				}
				all, err := db.People(ctx)
				if err != nil {
					t.Fatal(err)
				}
				lex := parse.NewLexicon()
				for _, p := range all {
					if !p.IsBot {
						for _, name := range p.Names() {
							lex.AddPerson(name, p.ID)
						}
					}
				}
				var opened, resolved int
				var parsed []string
				last := 0
				for i, r := range g.reports {
					last = max(last, r.day)
					st := parse.Parse(r.text, lex)
					parsed = append(parsed, fmt.Sprintf("%q -> blocked=%v resolved=%v %+v %q", r.text, st.Blocked, st.Resolved, st.Targets, st.Topic))
					rep := unblock.Report{PersonID: r.who, Channel: "C1", TS: fmt.Sprintf("%d.000100", 1700000000+i),
						At: identityDay(r.day).Add(pmin(i)), Text: r.text, Standup: true}
					ch, err := db.ApplyReport(ctx, rep, st)
					if err != nil {
						t.Fatal(err)
					}
					opened += len(ch.Opened)
					resolved += len(ch.Resolved)
				}
				asOf := identityDay(last).Add(9 * 3600e9)
				got := ledgerLines(t, db, asOf)
				open, err := db.OpenBlockers(ctx, asOf)
				if err != nil {
					t.Fatal(err)
				}
				want := slices.Clone(g.want)
				slices.Sort(want)
				gotCount := fmt.Sprintf("opened=%d resolved=%d open=%d", opened, resolved, len(open))
				if strings.Join(got, "\n") != strings.Join(want, "\n") || gotCount != g.count {
					t.Fatalf("ledger:\n%s\n%s\nwant\n%s\n%s\nparsed:\n%s", strings.Join(got, "\n"), gotCount,
						strings.Join(want, "\n"), g.count, strings.Join(parsed, "\n"))
				}
			})
		}
	})
}

// pmin is i minutes: reports of one day come in the order written.
func pmin(i int) time.Duration { return time.Duration(i) * time.Minute }
