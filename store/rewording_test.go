package store_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/parse"
)

// TestRewordings plays testdata/rewordings.txt: one person's standups in drifting
// words, read by the real parser, must give the ledger its want lines say.
func TestRewordings(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		f, err := os.Open("testdata/rewordings.txt")
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		type group struct {
			name       string
			who, texts []string
			want       []string
		}
		var groups []group
		sc := bufio.NewScanner(f)
		for n := 1; sc.Scan(); n++ {
			line := strings.TrimSpace(sc.Text())
			switch {
			case line == "" || strings.HasPrefix(line, "#"):
			case strings.HasPrefix(line, "=="):
				groups = append(groups, group{name: strings.TrimSpace(line[2:])})
			case len(groups) == 0:
				t.Fatalf("rewordings.txt:%d: a line before the first ==", n)
			case strings.HasPrefix(line, "want "):
				g := &groups[len(groups)-1]
				g.want = append(g.want, strings.TrimPrefix(line, "want "))
			default:
				who, text, ok := strings.Cut(line, "|")
				if !ok {
					t.Fatalf("rewordings.txt:%d: want PERSON | TEXT", n)
				}
				g := &groups[len(groups)-1]
				g.who = append(g.who, strings.TrimSpace(who))
				g.texts = append(g.texts, strings.ReplaceAll(strings.TrimSpace(text), `\n`, "\n"))
			}
		}
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
		for _, g := range groups {
			t.Run(g.name, func(t *testing.T) {
				ctx := context.Background()
				db := MustOpenDB(t)
				mustPeople(t, db)
				people := []unblock.Person{
					{ID: "U5", Name: "jo", RealName: "Jo Kim", Role: unblock.RoleDesign},
					{ID: "U6", Name: "lea", RealName: "Lea Ortiz", Role: unblock.RoleLegal},
					{ID: "U7", Name: "samir", RealName: "Samir Eng", Role: unblock.RoleEngineering},
				}
				if err := db.UpsertPeople(ctx, people); err != nil {
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
				last := 0
				for i, text := range g.texts {
					// One report a weekday: Monday to Friday, then the next week.
					d := i + 2*(i/5)
					last = d
					st := parse.Parse(text, lex)
					r := unblock.Report{PersonID: g.who[i], Channel: "C1", TS: fmt.Sprintf("%d.000100", 1700000000+i),
						At: identityDay(d), Text: text, Standup: true}
					if _, err := db.ApplyReport(ctx, r, st); err != nil {
						t.Fatal(err)
					}
				}
				got := ledgerLines(t, db, identityDay(last).Add(9*3600e9))
				want := slices.Clone(g.want)
				slices.Sort(want)
				if strings.Join(got, "\n") != strings.Join(want, "\n") {
					var parsed []string
					for _, text := range g.texts {
						st := parse.Parse(text, lex)
						parsed = append(parsed, fmt.Sprintf("%q -> blocked=%v none=%v %v %q", text, st.Blocked, st.None, st.Targets, st.Topic))
					}
					t.Fatalf("ledger:\n%s\nwant\n%s\nparsed:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"), strings.Join(parsed, "\n"))
				}
			})
		}
	})
}
