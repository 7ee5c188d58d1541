package digest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/digest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// fakeSource is an in-memory digest.Source with the store's snapshot semantics.
type fakeSource struct {
	people   []unblock.Person
	blockers []unblock.Blocker
	sessions []unblock.Session
	err      error
}

func (s *fakeSource) SessionsBetween(_ context.Context, fromDay, toDay string) ([]unblock.Session, error) {
	var out []unblock.Session
	for _, x := range s.sessions {
		if x.Day >= fromDay && x.Day < toDay {
			out = append(out, x)
		}
	}
	return out, nil
}

func (s *fakeSource) BlockersSpan(_ context.Context, from, to time.Time) ([]unblock.Blocker, error) {
	var out []unblock.Blocker
	for _, b := range s.blockers {
		if !b.OpenedAt.After(to) && (b.ResolvedAt.IsZero() || !b.ResolvedAt.Before(from)) {
			out = append(out, b)
		}
	}
	return out, s.err
}

func (s *fakeSource) People(context.Context) ([]unblock.Person, error) { return s.people, nil }

// asOf is the digest's as-of date: the period is 2026-11-14 to 2026-11-20.
var asOf = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

func day(d, hour int) time.Time { return time.Date(2026, 11, d, hour, 0, 0, 0, time.UTC) }

var companyPeople = []unblock.Person{
	{ID: "U01", Name: "Ana", Role: unblock.RoleEngineering},
	{ID: "U02", Name: "Ben", Role: unblock.RoleEngineering},
	{ID: "U03", Name: "Dana", Role: unblock.RoleDesign},
	{ID: "U04", Name: "Pat", Role: unblock.RoleProduct},
	{ID: "U05", Name: "Quinn", Role: unblock.RoleQA},
	{ID: "U06", Name: "Lee", Role: unblock.RoleData},
	{ID: "U07", Name: "Raj", Role: unblock.RoleEngineering},
	{ID: "U08", Name: "Mia", Role: unblock.RoleData},
}

var roleOf = func() map[string]unblock.Role {
	m := map[string]unblock.Role{}
	for _, p := range companyPeople {
		m[p.ID] = p.Role
	}
	return m
}()

// onPerson, onRole and onOther make blockers filled the way the store fills them.
func onPerson(id int64, from, to, topic string, opened time.Time) unblock.Blocker {
	return unblock.Blocker{ID: id, PersonID: from, PersonRole: roleOf[from], To: to, ToRole: roleOf[to],
		Target: unblock.Target{Kind: unblock.TargetPerson, Name: "<@" + to + ">"}, Topic: topic, OpenedAt: opened}
}

func onRole(id int64, from string, role unblock.Role, topic string, opened time.Time) unblock.Blocker {
	t := unblock.Target{Kind: unblock.TargetRole, Name: string(role), Role: role}
	return unblock.Blocker{ID: id, PersonID: from, PersonRole: roleOf[from], To: t.Key(), ToRole: role,
		Target: t, Topic: topic, OpenedAt: opened}
}

func onOther(id int64, from string, t unblock.Target, topic string, opened time.Time) unblock.Blocker {
	return unblock.Blocker{ID: id, PersonID: from, PersonRole: roleOf[from], To: t.Key(), ToRole: t.Role,
		Target: t, Topic: topic, OpenedAt: opened}
}

func resolved(b unblock.Blocker, at time.Time, how unblock.Resolution) unblock.Blocker {
	b.ResolvedAt, b.Resolution = at, how
	return b
}

// companyX is the Company X week: engineering waits on design, design on product,
// product on an engineer; Dana (design) and Pat (product) wait on each other; Raj waits
// on Ana, who waits on design; legal and a customer have been slow for over a week.
func companyX() *fakeSource {
	return &fakeSource{people: companyPeople, blockers: []unblock.Blocker{
		// Open at the end of the week.
		onRole(1, "U01", unblock.RoleDesign, "checkout mocks", day(14, 12)),
		onPerson(2, "U02", "U03", "icon set", day(17, 10)),
		onPerson(3, "U03", "U04", "pricing copy", day(16, 9)),
		onPerson(4, "U04", "U02", "estimate for checkout", day(18, 15)),
		onPerson(5, "U04", "U03", "research summary", day(19, 9)),
		onPerson(6, "U07", "U01", "code review", day(19, 11)),
		onRole(7, "U01", unblock.RoleLegal, "DPA review", day(8, 10)),
		onRole(8, "U05", unblock.RoleDesign, "test plan sign-off", day(20, 9)),
		onOther(9, "U06", unblock.Target{Kind: unblock.TargetExternal, Name: "Acme", Role: unblock.RoleCustomer},
			"data export", day(10, 16)),
		onRole(16, "U08", unblock.RoleDesign, "dashboard layout", day(18, 11)),
		// Resolved this week: 84 h, 10 h and 24 h; one withdrawn, one expired.
		resolved(onRole(10, "U02", unblock.RoleQA, "flaky test", day(12, 0)), day(15, 12), unblock.ResolvedByStatement),
		resolved(onPerson(11, "U03", "U04", "brand colours", day(14, 0)), day(14, 10), unblock.ResolvedByNone),
		resolved(onRole(12, "U07", unblock.RoleOps, "staging env", day(16, 0)), day(17, 0), unblock.ResolvedByButton),
		resolved(onRole(13, "U05", unblock.RoleDesign, "nothing really", day(15, 9)), day(15, 10), unblock.ResolvedByWithdraw),
		resolved(onRole(14, "U06", unblock.RoleData, "warehouse access", day(5, 9)), day(16, 9), unblock.ResolvedByExpiry),
		// Resolved the week before: 48 h.
		resolved(onPerson(15, "U04", "U01", "API estimate", day(9, 9)), day(11, 9), unblock.ResolvedByStatement),
	}, sessions: companySessions}
}

// companySessions are the week's standups: 6 asked, 5 answered (1 after the
// reminder), 2 skipped, and one session of the week before that does not count.
var companySessions = func() []unblock.Session {
	prompt := func(team, person string, d int) unblock.Session {
		return unblock.Session{Team: team, PersonID: person, Day: fmt.Sprintf("2026-11-%02d", d), PromptAt: day(d, 9)}
	}
	answered := func(s unblock.Session, at time.Time) unblock.Session { s.AnsweredAt = at; return s }
	reminded := func(s unblock.Session, at time.Time) unblock.Session { s.RemindedAt = at; return s }
	skipped := func(s unblock.Session, why string) unblock.Session { s.Skipped = why; return s }
	eve := prompt("design", "U03", 16)
	eve.PromptAt, eve.AnsweredAt = time.Time{}, day(15, 19) // answered the evening before: no prompt
	return []unblock.Session{
		answered(prompt("checkout", "U01", 12), day(12, 10)),
		answered(prompt("checkout", "U01", 16), day(16, 10)),
		answered(prompt("checkout", "U01", 17), day(17, 10)),
		answered(prompt("checkout", "U01", 18), day(18, 10)),
		answered(reminded(prompt("checkout", "U02", 16), day(16, 11)), day(16, 12)),
		reminded(prompt("checkout", "U02", 17), day(17, 11)),
		skipped(prompt("checkout", "U02", 18), "asked"),
		eve,
		skipped(prompt("design", "U03", 17), "away"),
	}
}()

func build(t *testing.T, src digest.Source) *digest.Digest {
	t.Helper()
	d, err := digest.Build(context.Background(), src, unblock.WeekEnding(asOf), digest.Options{})
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return d
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./digest/ -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from golden file (-update rewrites it):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

// TestRenderGolden renders every format to its golden file: the Company X
// digest as the CLI makes it, with the command line of its evidence
// (Options.Evidence), and an empty one made from no config file, without.
func TestRenderGolden(t *testing.T) {
	company, err := digest.Build(context.Background(), companyX(), unblock.WeekEnding(asOf),
		digest.Options{Evidence: `unblock blockers -config "my unblock/config.yaml" -as-of 2026-11-20`})
	if err != nil {
		t.Fatal(err)
	}
	empty := build(t, &fakeSource{})
	tests := []struct {
		file   string
		d      *digest.Digest
		render func(*bytes.Buffer, *digest.Digest) error
	}{
		{"companyx.json", company, func(w *bytes.Buffer, d *digest.Digest) error { return digest.JSON(w, d) }},
		{"companyx.txt", company, func(w *bytes.Buffer, d *digest.Digest) error { return digest.Text(w, d) }},
		{"companyx.md", company, func(w *bytes.Buffer, d *digest.Digest) error { return digest.Markdown(w, d) }},
		{"companyx.blocks.json", company, indentedBlocks},
		{"companyx-role.dot", company, func(w *bytes.Buffer, d *digest.Digest) error { return digest.DOT(w, d.RoleView()) }},
		{"companyx-person.dot", company, func(w *bytes.Buffer, d *digest.Digest) error { return digest.DOT(w, d.PersonView()) }},
		{"companyx-role.mmd", company, func(w *bytes.Buffer, d *digest.Digest) error { return digest.Mermaid(w, d.RoleView()) }},
		{"companyx-person.mmd", company, func(w *bytes.Buffer, d *digest.Digest) error { return digest.Mermaid(w, d.PersonView()) }},
		{"companyx-role.graph.json", company, func(w *bytes.Buffer, d *digest.Digest) error { return digest.GraphJSON(w, d.RoleView()) }},
		{"companyx-person.graph.json", company, func(w *bytes.Buffer, d *digest.Digest) error { return digest.GraphJSON(w, d.PersonView()) }},
		{"empty.json", empty, func(w *bytes.Buffer, d *digest.Digest) error { return digest.JSON(w, d) }},
		{"empty.txt", empty, func(w *bytes.Buffer, d *digest.Digest) error { return digest.Text(w, d) }},
		{"empty.md", empty, func(w *bytes.Buffer, d *digest.Digest) error { return digest.Markdown(w, d) }},
		{"empty-role.graph.json", empty, func(w *bytes.Buffer, d *digest.Digest) error { return digest.GraphJSON(w, d.RoleView()) }},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tt.render(&buf, tt.d); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.file, buf.Bytes())
		})
	}
}

func indentedBlocks(w *bytes.Buffer, d *digest.Digest) error {
	b, err := digest.Blocks(d)
	if err != nil {
		return err
	}
	if err := json.Indent(w, b, "", "  "); err != nil {
		return err
	}
	w.WriteByte('\n')
	return nil
}

// jsonStats mirrors the numbers of one period in the digest JSON contract.
type jsonStats struct {
	Open               int      `json:"open"`
	Opened             int      `json:"opened"`
	Resolved           int      `json:"resolved"`
	Expired            int      `json:"expired"`
	MedianResolveHours *float64 `json:"median_resolve_hours"`
}

// jsonDigest mirrors the digest JSON contract, to assert on its values.
type jsonDigest struct {
	From string `json:"from"`
	To   string `json:"to"`
	jsonStats
	Previous  jsonStats `json:"previous"`
	RoleLoops []struct {
		Roles      []string `json:"roles"`
		Blockers   int      `json:"blockers"`
		OldestDays int      `json:"oldest_days"`
	} `json:"role_loops"`
	PersonLoops []struct {
		People     []string `json:"people"`
		Blockers   int      `json:"blockers"`
		OldestDays int      `json:"oldest_days"`
	} `json:"person_loops"`
	Chains []struct {
		Path  []string `json:"path"`
		Days  int      `json:"days"`
		Links int      `json:"links"`
	} `json:"chains"`
	Bottlenecks []struct {
		Target     string `json:"target"`
		Kind       string `json:"kind"`
		Waiting    int    `json:"waiting"`
		Transitive int    `json:"transitive"`
	} `json:"bottlenecks"`
	Roles []struct {
		Role       string `json:"role"`
		WaitingOn  int    `json:"waiting_on"`
		WaitedOnBy int    `json:"waited_on_by"`
	} `json:"roles"`
	Stale []struct {
		Person string `json:"person"`
		Target string `json:"target"`
		Days   int    `json:"days"`
		Topic  string `json:"topic"`
	} `json:"stale"`
	Trends []struct {
		Role string `json:"role"`
		jsonStats
		Previous jsonStats `json:"previous"`
	} `json:"trends"`
	Participation struct {
		jsonCounts
		Teams []struct {
			Team string `json:"team"`
			jsonCounts
		} `json:"teams"`
	} `json:"participation"`
}

type jsonCounts struct {
	Asked    int `json:"asked"`
	Answered int `json:"answered"`
	OnTime   int `json:"on_time"`
	Late     int `json:"late"`
	Skipped  int `json:"skipped"`
}

func decodeJSON(t *testing.T, d *digest.Digest) (jsonDigest, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := digest.JSON(&buf, d); err != nil {
		t.Fatal(err)
	}
	var out jsonDigest
	dec := json.NewDecoder(bytes.NewReader(buf.Bytes()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&out); err != nil {
		t.Fatalf("decode digest JSON: %v\n%s", err, buf.Bytes())
	}
	return out, buf.Bytes()
}

func TestBuildCompanyX(t *testing.T) {
	got, raw := decodeJSON(t, build(t, companyX()))

	if got.From != "2026-11-14" || got.To != "2026-11-20" {
		t.Errorf("from, to = %s, %s; want 2026-11-14, 2026-11-20", got.From, got.To)
	}
	// Opened this week: 1-6, 8, 16 and the resolved 11, 12; not 13 (withdrawn).
	// Expired (14) is counted apart from resolved (10, 11, 12), and not in the median.
	if got.Open != 10 || got.Opened != 10 || got.Resolved != 3 || got.Expired != 1 || hours(got.MedianResolveHours) != 24 {
		t.Errorf("open, opened, resolved, expired, median = %d, %d, %d, %d, %v; want 10, 10, 3, 1, 24",
			got.Open, got.Opened, got.Resolved, got.Expired, hours(got.MedianResolveHours))
	}
	// Sessions of the period's days only; counts, never names.
	if p := got.Participation; p.jsonCounts != (jsonCounts{Asked: 6, Answered: 5, OnTime: 4, Late: 1, Skipped: 2}) ||
		len(p.Teams) != 2 || p.Teams[0].Team != "checkout" || p.Teams[0].jsonCounts != (jsonCounts{5, 4, 3, 1, 1}) {
		t.Errorf("participation = %+v; want 6 asked, 5 answered (4 on time, 1 late), 2 skipped; checkout first with 5, 4, 3, 1, 1", p)
	}
	if p := got.Previous; p.Open != 5 || p.Opened != 4 || p.Resolved != 1 || p.Expired != 0 || hours(p.MedianResolveHours) != 48 {
		t.Errorf("previous = %+v (median %v); want 5 open, 4 opened, 1 resolved, 0 expired, median 48", p, hours(p.MedianResolveHours))
	}

	var loops [][]string
	for _, l := range got.RoleLoops {
		loops = append(loops, l.Roles)
	}
	// The Company X loop leads: it stalls more work than the pair of roles.
	wantLoops := [][]string{{"design", "product", "engineering"}, {"design", "product"}}
	if !slices.EqualFunc(loops, wantLoops, slices.Equal) {
		t.Errorf("role loops = %v; want %v", loops, wantLoops)
	}
	for _, l := range got.RoleLoops {
		if len(l.Roles) == 3 && (l.Blockers != 4 || l.OldestDays != 6) {
			t.Errorf("Company X loop: %d blockers, oldest %d days; want 4, 6", l.Blockers, l.OldestDays)
		}
	}
	if len(got.PersonLoops) == 0 || !slices.Equal(got.PersonLoops[0].People, []string{"U03", "U04"}) {
		t.Errorf("person loops = %+v; want the pair U03 <-> U04 first", got.PersonLoops)
	}
	if len(got.Bottlenecks) == 0 || got.Bottlenecks[0].Target != "design" || got.Bottlenecks[0].Kind != "role" ||
		got.Bottlenecks[0].Waiting != 3 {
		t.Errorf("bottlenecks = %+v; want design (role) first with 3 waiting", got.Bottlenecks)
	}
	// Raj waits on Ana for 1 day, Ana on legal for 12: the chain is as old as its
	// oldest link, not the sum of both.
	if len(got.Chains) != 1 || got.Chains[0].Days != 12 || got.Chains[0].Links != 2 ||
		!slices.Equal(got.Chains[0].Path, []string{"U07", "U01", "role:legal"}) {
		t.Errorf("chains = %+v; want U07 -> U01 -> role:legal, 2 links, 12 days", got.Chains)
	}
	trends := map[string][2]int{} // role -> resolved, expired
	for _, tr := range got.Trends {
		trends[tr.Role] = [2]int{tr.Resolved, tr.Expired}
		if (tr.MedianResolveHours == nil) != (tr.Resolved == 0) {
			t.Errorf("trend %s: median %v with %d resolved; want null exactly when none was", tr.Role, hours(tr.MedianResolveHours), tr.Resolved)
		}
	}
	if trends["data"] != [2]int{0, 1} || trends["engineering"] != [2]int{2, 0} {
		t.Errorf("trends (resolved, expired) = %v; want data 0, 1 and engineering 2, 0", trends)
	}
	type stale struct {
		person, target string
		days           int
	}
	var st []stale
	for _, s := range got.Stale {
		st = append(st, stale{s.Person, s.Target, s.Days})
	}
	wantStale := []stale{{"U01", "legal", 12}, {"U06", "external:acme", 10}}
	if !slices.Equal(st, wantStale) {
		t.Errorf("stale = %v; want %v", st, wantStale)
	}
	roles := map[string][2]int{}
	for _, r := range got.Roles {
		roles[r.Role] = [2]int{r.WaitingOn, r.WaitedOnBy}
	}
	// Raj waiting on Ana counts for engineering both ways, though it is no role edge.
	if roles["design"] != [2]int{1, 5} || roles["engineering"] != [2]int{4, 2} {
		t.Errorf("roles = %v; want design 1, 5 and engineering 4, 2", roles)
	}
	// The one null is a median with nothing to measure; lists are never null.
	if n := strings.Count(string(raw), "null"); n != strings.Count(string(raw), `"median_resolve_hours": null`) {
		t.Errorf("digest JSON has a null that is not a median:\n%s", raw)
	}
}

// hours reads a median that may be null as -1.
func hours(h *float64) float64 {
	if h == nil {
		return -1
	}
	return *h
}

// TestJSONTargetsOneForm: a target is named alike wherever the digest JSON names
// it: a user ID, a role's name, or the graph's "KIND:NAME" node for a team, an
// outsider or an artifact, in bottlenecks and in stale alike.
func TestJSONTargetsOneForm(t *testing.T) {
	src := &fakeSource{people: companyPeople, blockers: []unblock.Blocker{
		onOther(1, "U01", unblock.Target{Kind: unblock.TargetArtifact, Name: "the API spec", Role: unblock.RoleProduct}, "API spec", day(10, 9)),
		onOther(2, "U02", unblock.Target{Kind: unblock.TargetTeam, Name: "platform"}, "staging access", day(10, 9)),
		onOther(3, "U03", unblock.Target{Kind: unblock.TargetExternal, Name: "Acme Corp", Role: unblock.RoleCustomer}, "data export", day(10, 9)),
		onRole(4, "U04", unblock.RoleLegal, "DPA review", day(10, 9)),
		onPerson(5, "U05", "U01", "code review", day(10, 9)),
	}}
	got, raw := decodeJSON(t, build(t, src))
	bottlenecks := map[string]string{} // target -> kind
	for _, b := range got.Bottlenecks {
		bottlenecks[b.Target] = b.Kind
	}
	want := map[string]string{"artifact:api-spec": "artifact", "team:platform": "team", "external:acme": "external",
		"legal": "role", "U01": "person"}
	if !maps.Equal(bottlenecks, want) {
		t.Errorf("bottleneck targets = %v; want %v\n%s", bottlenecks, want, raw)
	}
	if len(got.Stale) != len(want) {
		t.Fatalf("%d stale; want %d\n%s", len(got.Stale), len(want), raw)
	}
	for _, s := range got.Stale {
		if _, ok := want[s.Target]; !ok {
			t.Errorf("stale target %q of %s is named as no bottleneck is\n%s", s.Target, s.Person, raw)
		}
	}
}

func TestBuildPrevious(t *testing.T) {
	d := build(t, companyX())
	// The week before: 7, 9, 10 and 15 opened, 15 resolved after 48 h; at its end
	// 7, 9, 10, 11 and 14 were open.
	want := digest.Stats{Open: 5, Opened: 4, Resolved: 1, MedianResolve: 48 * time.Hour}
	if d.Previous != want {
		t.Errorf("Previous = %+v; want %+v", d.Previous, want)
	}
	if want := (digest.Stats{Open: 10, Opened: 10, Resolved: 3, Expired: 1, MedianResolve: 24 * time.Hour}); d.Stats != want {
		t.Errorf("Stats = %+v; want %+v", d.Stats, want)
	}
	var text bytes.Buffer
	if err := digest.Text(&text, d); err != nil {
		t.Fatal(err)
	}
	rows := map[string]string{}
	for _, line := range strings.Split(text.String(), "\n") {
		f := strings.Fields(line)
		if len(f) >= 4 {
			rows[strings.Join(f[:len(f)-3], " ")] = strings.Join(f[len(f)-3:], " ")
		}
	}
	want2 := map[string]string{"open": "10 5 +5", "opened": "10 4 +6", "resolved": "3 1 +2", "expired": "1 0 +1",
		"median hours to resolve": "24.0 48.0 -24.0"}
	for k, v := range want2 {
		if rows[k] != v {
			t.Errorf("text row %q = %q; want %q\n%s", k, rows[k], v, text.String())
		}
	}
}

func TestEmptyJSON(t *testing.T) {
	_, raw := decodeJSON(t, build(t, &fakeSource{}))
	var keys []string
	for _, m := range regexp.MustCompile(`(?m)^  "(\w+)":`).FindAllStringSubmatch(string(raw), -1) {
		keys = append(keys, m[1])
	}
	want := []string{"from", "to", "open", "opened", "resolved", "expired", "median_resolve_hours", "previous",
		"role_loops", "person_loops", "chains", "bottlenecks", "roles", "stale", "trends", "participation"}
	if !slices.Equal(keys, want) {
		t.Errorf("keys = %v; want %v", keys, want)
	}
	for _, k := range []string{"role_loops", "person_loops", "chains", "bottlenecks", "roles", "stale", "trends"} {
		if !strings.Contains(string(raw), `"`+k+`": []`) {
			t.Errorf("%s is not []:\n%s", k, raw)
		}
	}
	if !strings.Contains(string(raw), `"teams": []`) {
		t.Errorf("participation's teams are not []:\n%s", raw)
	}
	// Nothing was resolved: there is no median, and it does not read as "instant".
	if got := strings.Count(string(raw), `"median_resolve_hours": null`); got != 2 {
		t.Errorf("median_resolve_hours is null %d times; want 2 (this week and last):\n%s", got, raw)
	}
}

// TestNoMedian checks every human format shows a median with nothing to measure as
// "–", never as 0.0.
func TestNoMedian(t *testing.T) {
	// One blocker, expired this week: nothing resolved in either week.
	src := &fakeSource{people: companyPeople, blockers: []unblock.Blocker{
		resolved(onRole(1, "U01", unblock.RoleDesign, "mocks", day(10, 9)), day(15, 9), unblock.ResolvedByExpiry),
	}}
	d := build(t, src)
	if d.Stats.HasMedian() || d.Stats.Expired != 1 || d.Stats.Resolved != 0 {
		t.Fatalf("Stats = %+v; want 1 expired, none resolved, no median", d.Stats)
	}
	var text, md bytes.Buffer
	if err := digest.Text(&text, d); err != nil {
		t.Fatal(err)
	}
	if err := digest.Markdown(&md, d); err != nil {
		t.Fatal(err)
	}
	blocks, err := digest.Blocks(d)
	if err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"text": text.String(), "markdown": md.String(), "blocks": string(blocks)} {
		if strings.Contains(out, "0.0") {
			t.Errorf("%s shows a median of 0.0 with nothing resolved:\n%s", name, out)
		}
		if !strings.Contains(out, "–") {
			t.Errorf("%s does not show the missing median as –:\n%s", name, out)
		}
	}
	if !regexp.MustCompile(`(?m)^median hours to resolve +– +– +–$`).MatchString(text.String()) {
		t.Errorf("text numbers row is not all –:\n%s", text.String())
	}
	if !strings.Contains(text.String(), "1 (0)") { // engineering: 1 expired this week
		t.Errorf("per-role trends do not count the expired blocker:\n%s", text.String())
	}
}

func TestBuildErrors(t *testing.T) {
	p := unblock.WeekEnding(asOf)
	_, err := digest.Build(context.Background(), &fakeSource{}, unblock.Period{From: p.To, To: p.From}, digest.Options{})
	if unblock.ErrorCode(err) != unblock.EINVALID {
		t.Errorf("Build(reversed period) error = %v; want EINVALID", err)
	}
	broken := errors.New("disk on fire")
	_, err = digest.Build(context.Background(), &fakeSource{err: broken}, p, digest.Options{})
	if !errors.Is(err, broken) {
		t.Errorf("Build(failing source) error = %v; want it to wrap %v", err, broken)
	}
}

func TestStaleAfter(t *testing.T) {
	d, err := digest.Build(context.Background(), companyX(), unblock.WeekEnding(asOf), digest.Options{StaleAfter: 6 * 24 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, s := range d.Stale {
		ids = append(ids, s.Blocker().ID)
	}
	// 1 is 6.5 days old: stale after 6 days, not after the default 7.
	if want := []int64{7, 9, 1}; !slices.Equal(ids, want) {
		t.Errorf("stale after 6 days = %v; want %v", ids, want)
	}
}

// TestBuildOldRows builds a digest from rows written before targets were
// canonical: every table names canonical targets and vocabulary roles only, and a
// blocker on an artifact called "none" is no blocker.
func TestBuildOldRows(t *testing.T) {
	old := func(id int64, from string, kind unblock.TargetKind, name string, role unblock.Role, days int) unblock.Blocker {
		t := unblock.Target{Kind: kind, Name: name, Role: role}
		return unblock.Blocker{ID: id, PersonID: from, PersonRole: roleOf[from], To: string(kind) + ":" + unblock.Slug(name),
			ToRole: role, Target: t, Topic: "t", OpenedAt: asOf.Add(-time.Duration(days) * 24 * time.Hour)}
	}
	src := &fakeSource{people: companyPeople, blockers: []unblock.Blocker{
		old(1, "U03", unblock.TargetRole, "eng", "eng", 9),
		old(2, "U04", unblock.TargetRole, "engineering", unblock.RoleEngineering, 2),
		old(3, "U01", unblock.TargetTeam, "data-team", unblock.RoleData, 8),
		old(4, "U02", unblock.TargetRole, "data", unblock.RoleData, 1),
		old(5, "U05", unblock.TargetArtifact, "none", "", 10),
	}}
	got, raw := decodeJSON(t, build(t, src))
	if got.Open != 4 {
		t.Errorf("open = %d; want 4 (the blocker on \"none\" is none)", got.Open)
	}
	var bottlenecks []string
	for _, b := range got.Bottlenecks {
		bottlenecks = append(bottlenecks, fmt.Sprintf("%s %s %d", b.Kind, b.Target, b.Waiting))
	}
	if want := []string{"role data 2", "role engineering 2"}; !slices.Equal(bottlenecks, want) {
		t.Errorf("bottlenecks = %v; want %v", bottlenecks, want)
	}
	for _, s := range got.Stale {
		if s.Target != "engineering" && s.Target != "data" {
			t.Errorf("stale target %q; want engineering or data", s.Target)
		}
	}
	for _, r := range got.Roles {
		if !unblock.Role(r.Role).IsBuiltin() {
			t.Errorf("roles table names %q, not a role", r.Role)
		}
	}
	for _, word := range []string{`"eng"`, `"data-team"`, `"none"`, "team:"} {
		if strings.Contains(string(raw), word) {
			t.Errorf("digest JSON has %s:\n%s", word, raw)
		}
	}
}
