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
	"github.com/unblock-dev/unblock/store"
)

// TestBlockerIdentity plays the sequences of testdata/identity.txt: one person's
// reports over days and weeks in drifting words, and the ledger they must give.
// The store applies unblock.SameWait; these only state outcomes.
//
// A sequence starts with "== name". A report line is
//
//	DAY | PERSON | VERBS | TARGETS | TOPIC
//
// with DAY counted from Monday 2026-11-02 (a report at 09:00 UTC), VERBS a "+"
// list of blocked, resolved, none, continues ("same as yesterday"), standup (a standup report that says nothing
// of blockers; every report is a standup report unless it says chatter: a post
// outside standups, e.g. in a random channel), TARGETS a comma list of KIND:NAME or KIND:NAME/ROLE (ROLE a built-in role). Then
//
//	at DAY [expire_after N] [silence DAYS]
//	want PERSON -> NODE | TOPIC | opened=DAY | open, or RESOLUTION@DAY
//
// lists every blocker of the sequence, open or not, as of DAY at 18:00.
func TestBlockerIdentity(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		for _, seq := range readSequences(t, "testdata/identity.txt") {
			t.Run(seq.name, func(t *testing.T) {
				ctx := context.Background()
				db := MustOpenDB(t)
				mustPeople(t, db)
				if err := db.UpsertPeople(ctx, []unblock.Person{
					{ID: "U5", Name: "jo", RealName: "Jo Kim", Role: unblock.RoleDesign},
					{ID: "U6", Name: "lea", RealName: "Lea Ortiz", Role: unblock.RoleLegal},
					{ID: "U7", Name: "sam.e", RealName: "Samir Eng", Role: unblock.RoleEngineering},
				}); err != nil {
					t.Fatal(err)
				}
				db.SetExpireAfter(seq.expireAfter)
				db.SetExpireSilence(seq.silence)
				for i, r := range seq.reports {
					rep := unblock.Report{PersonID: r.person, Channel: "C1", TS: fmt.Sprintf("%d.%06d", 1700000000+r.day*86400, i),
						At: identityDay(r.day).Add(time.Duration(i) * time.Second), Text: r.line, Standup: !r.chatter}
					if _, err := db.ApplyReport(ctx, rep, r.st); err != nil {
						t.Fatalf("line %q: %v", r.line, err)
					}
				}
				asOf := identityDay(seq.at).Add(9 * time.Hour)
				got := ledgerLines(t, db, asOf)
				if strings.Join(got, "\n") != strings.Join(seq.want, "\n") {
					t.Fatalf("as of day %d:\n%s\nwant\n%s", seq.at, strings.Join(got, "\n"), strings.Join(seq.want, "\n"))
				}
			})
		}
	})
}

// identityDay is 09:00 UTC on day n after Monday 2026-11-02.
func identityDay(n int) time.Time { return time.Date(2026, 11, 2+n, 9, 0, 0, 0, time.UTC) }

// ledgerLines lists every blocker opened by asOf as the store shows it then.
func ledgerLines(tb testing.TB, db *store.DB, asOf time.Time) []string {
	tb.Helper()
	list, err := db.BlockersIn(context.Background(), identityDay(-1), asOf)
	if err != nil {
		tb.Fatal(err)
	}
	open, err := db.OpenBlockers(context.Background(), asOf)
	if err != nil {
		tb.Fatal(err)
	}
	for _, b := range open {
		if !slices.ContainsFunc(list, func(o unblock.Blocker) bool { return o.ID == b.ID }) {
			list = append(list, b)
		}
	}
	dayOf := func(t time.Time) int { return int(t.Sub(identityDay(0)).Hours()+12) / 24 }
	var out []string
	for _, b := range list {
		state := "open"
		if !b.Open() && !b.ResolvedAt.After(asOf) {
			state = fmt.Sprintf("%s@%d", b.Resolution, dayOf(b.ResolvedAt))
		}
		out = append(out, fmt.Sprintf("%s -> %s | %s | opened=%d | %s", b.PersonID, b.To, b.Topic, dayOf(b.OpenedAt), state))
	}
	slices.Sort(out)
	return out
}

type sequence struct {
	name        string
	reports     []seqReport
	at          int
	expireAfter int
	silence     time.Duration
	want        []string
}

type seqReport struct {
	day     int
	person  string
	st      unblock.Statement
	chatter bool // not a standup report: counts only if it says something of blockers
	line    string
}

func readSequences(tb testing.TB, path string) []sequence {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []sequence
	sc := bufio.NewScanner(f)
	n := 0
	fail := func(format string, args ...any) { tb.Fatalf("%s:%d: %s", path, n, fmt.Sprintf(format, args...)) }
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "=="):
			out = append(out, sequence{name: strings.TrimSpace(line[2:]), expireAfter: 3, silence: 7 * 24 * time.Hour})
		case len(out) == 0:
			fail("a line before the first ==")
		case strings.HasPrefix(line, "want "):
			s := &out[len(out)-1]
			s.want = append(s.want, strings.TrimPrefix(line, "want "))
			slices.Sort(s.want)
		case strings.HasPrefix(line, "at "):
			s := &out[len(out)-1]
			f := strings.Fields(line)
			var err error
			if s.at, err = strconv.Atoi(f[1]); err != nil {
				fail("at: %v", err)
			}
			for i := 2; i+1 < len(f); i += 2 {
				v, err := strconv.Atoi(f[i+1])
				if err != nil {
					fail("%s: %v", f[i], err)
				}
				switch f[i] {
				case "expire_after":
					s.expireAfter = v
				case "silence":
					s.silence = time.Duration(v) * 24 * time.Hour
				default:
					fail("unknown setting %q", f[i])
				}
			}
		default:
			cols := strings.Split(line, "|")
			if len(cols) != 5 {
				fail("want DAY | PERSON | VERBS | TARGETS | TOPIC")
			}
			for i := range cols {
				cols[i] = strings.TrimSpace(cols[i])
			}
			d, err := strconv.Atoi(cols[0])
			if err != nil {
				fail("day: %v", err)
			}
			st := unblock.Statement{Text: line, Topic: cols[4]}
			chatter := false
			for _, v := range strings.Split(cols[2], "+") {
				switch v {
				case "blocked":
					st.Blocked = true
				case "resolved":
					st.Resolved = true
				case "none":
					st.None = true
				case "continues":
					st.Continues = true
				case "still":
					st.Still = true
				case "standup":
				case "chatter":
					chatter = true
				default:
					fail("unknown verb %q", v)
				}
			}
			for _, t := range strings.Split(cols[3], ",") {
				if t = strings.TrimSpace(t); t == "" || t == "-" {
					continue
				}
				kind, name, ok := strings.Cut(t, ":")
				if !ok || !unblock.TargetKind(kind).Valid() {
					fail("target %q is not KIND:NAME", t)
				}
				var r unblock.Role
				if i := strings.LastIndexByte(name, '/'); i >= 0 && unblock.Role(name[i+1:]).IsBuiltin() {
					name, r = name[:i], unblock.Role(name[i+1:])
				}
				st.Targets = append(st.Targets, unblock.Target{Kind: unblock.TargetKind(kind), Name: name, Role: r})
			}
			s := &out[len(out)-1]
			s.reports = append(s.reports, seqReport{day: d, person: cols[1], st: st, chatter: chatter, line: line})
		}
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

// A role word the parser did not know is a role only when the config defines it
// (it is in the roles table); else it is a team of that name, never a role.
func TestApplyReport_RoleFromConfigOnly(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		db := MustOpenDB(t)
		if err := db.UpsertPeople(ctx, []unblock.Person{{ID: "U8", Name: "fin", Role: "finance"}}); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name, node string
			role       unblock.Role
		}{
			{"finance", "role:finance", "finance"},
			{"Finance", "role:finance", "finance"},
			{"checkout", "team:checkout", ""},
		}
		for i, tt := range tests {
			st := unblock.Statement{Blocked: true, Topic: "budget", Targets: []unblock.Target{{Kind: unblock.TargetRole, Name: tt.name}}}
			ch, err := db.ApplyReport(ctx, unblock.Report{PersonID: fmt.Sprintf("P%d", i), Channel: "C1", TS: fmt.Sprintf("%d.0", i),
				At: identityDay(0), Text: tt.name}, st)
			if err != nil {
				t.Fatal(err)
			}
			if len(ch.Opened) != 1 || ch.Opened[0].To != tt.node || ch.Opened[0].ToRole != tt.role {
				t.Fatalf("blocked on role word %q: opened %+v; want node %s, role %q", tt.name, ch.Opened, tt.node, tt.role)
			}
		}
	})
}
