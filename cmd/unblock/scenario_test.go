package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/unblock-dev/unblock/slackexport/slackexporttest"
)

// The ledger rules the truth is derived with, as docs/DESIGN.md and
// config.example.yaml document them (the scenario config keeps the defaults).
const (
	expireAfter = 3                  // blockers.expire_after: reports without a mention
	silence     = 7 * 24 * time.Hour // days without any report after which open blockers expire
	staleAfter  = 7 * 24 * time.Hour // blockers.stale_after
)

// TestScenario runs a user's path over the generated scenario (a 44-person company,
// four weeks of standups, slackexport/testdata/scenario/story.yaml), once for each of
// the story's seeds (the same story in other words): import the export into a fresh
// database, then per week the digest and the person graph as of its Friday, and the
// ledger, and checks them against the truth derived from the story alone.
func TestScenario(t *testing.T) {
	if testing.Short() {
		t.Skip("imports a four-week export")
	}
	story, phrases := slackexporttest.Scenario(t)
	truth := storyTruth(t, story)
	for _, seed := range story.Seeds {
		t.Run(fmt.Sprintf("seed %d", seed), func(t *testing.T) {
			zip := slackexporttest.ScenarioZip(t, story, phrases, seed)
			checkScenario(t, story, truth, zip)
		})
	}
}

// checkScenario imports one wording of the story and checks it against the truth.
func checkScenario(t *testing.T, story *slackexporttest.Story, truth *scenarioTruth, zip string) {
	db := filepath.Join(t.TempDir(), "scenario.db")
	cfg := "testdata/scenario.yaml"
	if code, _, errOut := run(t, "import", "-config", cfg, "-db", db, zip); code != 0 {
		t.Fatalf("import exit %d: %s", code, errOut)
	}

	for week := 1; week*5 <= story.Days; week++ {
		asOf := story.Date(week * 5)
		t.Run(fmt.Sprintf("week %d as of %s", week, asOf.Format(time.DateOnly)), func(t *testing.T) {
			code, out, errOut := run(t, "digest", "-config", cfg, "-db", db, "-as-of", asOf.Format(time.DateOnly), "-format", "json")
			if code != 0 {
				t.Fatalf("digest exit %d: %s", code, errOut)
			}
			var d scenarioDigest
			if err := json.Unmarshal([]byte(out), &d); err != nil {
				t.Fatalf("digest JSON: %v\n%s", err, out)
			}
			code, out, errOut = run(t, "graph", "-config", cfg, "-db", db, "-as-of", asOf.Format(time.DateOnly), "-level", "person", "-format", "json")
			if code != 0 {
				t.Fatalf("graph exit %d: %s", code, errOut)
			}
			var g scenarioGraph
			if err := json.Unmarshal([]byte(out), &g); err != nil {
				t.Fatalf("graph JSON: %v\n%s", err, out)
			}
			truth.check(t, asOf, &d, &g)
		})
	}

	t.Run("ledger", func(t *testing.T) {
		last := story.Date(story.Days).Format(time.DateOnly)
		code, out, errOut := run(t, "blockers", "-config", cfg, "-db", db, "-as-of", last, "-status", "all", "-format", "json")
		if code != 0 {
			t.Fatalf("blockers exit %d: %s", code, errOut)
		}
		var l scenarioLedger
		if err := json.Unmarshal([]byte(out), &l); err != nil {
			t.Fatalf("blockers JSON: %v\n%s", err, out)
		}
		truth.checkLedger(t, story.Date(story.Days).AddDate(0, 0, 1), l.Blockers)
	})
}

// scenarioLedger is the part of the blockers JSON (docs/DESIGN.md) the truth checks.
type scenarioLedger struct {
	Blockers []ledgerRow `json:"blockers"`
}

type ledgerRow struct {
	Person string `json:"person"`
	Target struct {
		Node string `json:"node"`
	} `json:"target"`
	Topic     string  `json:"topic"`
	FirstSeen string  `json:"first_seen"`
	Status    string  `json:"status"`
	ClosedAt  *string `json:"closed_at"`
	ClosedHow string  `json:"closed_how"`
}

func (r ledgerRow) String() string {
	return fmt.Sprintf("%s -> %s %q (%s, %s %s)", r.Person, r.Target.Node, r.Topic, r.FirstSeen, r.Status, r.ClosedHow)
}

// checkLedger checks that the ledger holds exactly one blocker per planted wait, with
// the wait's first day, and its end: the day and the way (resolved by a statement or
// a none, or expired), or open at end.
func (tr *scenarioTruth) checkLedger(t *testing.T, end time.Time, rows []ledgerRow) {
	matched := map[*waitTruth][]ledgerRow{}
	for _, r := range rows {
		var cands []*waitTruth
		for _, w := range tr.waits {
			if w.w.Who == r.Person && slices.Contains(w.nodes, r.Target.Node) {
				cands = append(cands, w)
			}
		}
		if len(cands) > 1 { // two waits of one person on one target: the topic tells them apart
			cands = slices.DeleteFunc(cands, func(w *waitTruth) bool { return !shareWord(r.Topic, w.w.Topic+" "+w.w.Short) })
		}
		if len(cands) != 1 {
			t.Errorf("blocker %v is no planted wait (%d candidates)", r, len(cands))
			continue
		}
		matched[cands[0]] = append(matched[cands[0]], r)
	}
	for _, w := range tr.waits {
		rs := matched[w]
		if len(rs) != 1 {
			t.Errorf("wait %s: %d blockers, want 1: %v", w.w.ID, len(rs), rs)
			continue
		}
		r := rs[0]
		if got, want := r.FirstSeen[:10], w.opened.Format(time.DateOnly); got != want {
			t.Errorf("wait %s: first seen %s, want %s", w.w.ID, got, want)
		}
		wantStatus, wantHow, wantClosed := "open", "", ""
		if !w.closed.IsZero() && w.closed.Before(end) {
			wantClosed = w.closed.Format(time.DateOnly)
			switch {
			case w.expired:
				wantStatus, wantHow = "expired", "expired"
			case w.w.End.How == slackexporttest.EndNone:
				wantStatus, wantHow = "resolved", "none"
			default:
				wantStatus, wantHow = "resolved", "statement"
			}
		}
		gotClosed := ""
		if r.ClosedAt != nil {
			gotClosed = (*r.ClosedAt)[:10]
		}
		if r.Status != wantStatus || r.ClosedHow != wantHow || gotClosed != wantClosed {
			t.Errorf("wait %s: %s %q on %q; want %s %q on %q", w.w.ID, r.Status, r.ClosedHow, gotClosed, wantStatus, wantHow, wantClosed)
		}
	}
}

// shareWord reports whether a and b share a word, ignoring case.
func shareWord(a, b string) bool {
	words := strings.Fields(strings.ToLower(b))
	for _, w := range strings.Fields(strings.ToLower(a)) {
		if slices.Contains(words, w) {
			return true
		}
	}
	return false
}

type scenarioDigest struct {
	Open      int  `json:"open"`
	Opened    int  `json:"opened"`
	Resolved  int  `json:"resolved"`
	Expired   *int `json:"expired"`
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
	Stale []struct {
		Person string `json:"person"`
		Target string `json:"target"`
		Days   int    `json:"days"`
	} `json:"stale"`
}

type scenarioGraph struct {
	Nodes []struct {
		ID   string `json:"id"`
		Kind string `json:"kind"`
		Role string `json:"role"`
	} `json:"nodes"`
	Edges []struct {
		From       string `json:"from"`
		To         string `json:"to"`
		Blockers   int    `json:"blockers"`
		OldestDays int    `json:"oldest_days"`
	} `json:"edges"`
}

// waitTruth is one planted wait's life, derived from the story.
type waitTruth struct {
	w        slackexporttest.Wait
	opened   time.Time // its first report
	closed   time.Time // zero while open to the end
	expired  bool      // closed by expiry, not resolved
	fromRole string
	toRole   string
	nodes    []string // the person-graph nodes it may stand at: the person, and/or role:ROLE
}

func (w *waitTruth) openAt(end time.Time) bool {
	return w.opened.Before(end) && (w.closed.IsZero() || !w.closed.Before(end))
}

// age is the wait's age at end in whole days, from its first report.
func (w *waitTruth) age(end time.Time) int { return int(end.Sub(w.opened) / (24 * time.Hour)) }

type scenarioTruth struct {
	story *slackexporttest.Story
	waits []*waitTruth
	role  map[string]string // person -> role
}

// postTime is when the generator posts a person's standup of a day: between 09:00
// and about 11:00 UTC. The truth needs only the date, and for silence the time to
// within those hours, so it takes 09:00 and checks no expiry falls near midnight.
func postTime(s *slackexporttest.Story, day int) time.Time {
	return s.Date(day).Add(9 * time.Hour)
}

// storyTruth derives each wait's life from the story and the ledger's documented rules.
func storyTruth(t *testing.T, s *slackexporttest.Story) *scenarioTruth {
	tr := &scenarioTruth{story: s, role: map[string]string{}}
	for _, p := range s.People {
		tr.role[p.ID] = p.Role
	}
	for _, w := range s.Waits {
		wt := &waitTruth{w: w, opened: postTime(s, w.Start), fromRole: tr.role[w.Who]}
		switch {
		case w.To.Person != "":
			wt.toRole = tr.role[w.To.Person]
			wt.nodes = append(wt.nodes, w.To.Person)
			if w.To.Role != "" {
				wt.nodes = append(wt.nodes, "role:"+w.To.Role)
			}
		default:
			wt.toRole = w.To.Role
			wt.nodes = []string{"role:" + w.To.Role}
		}
		last := s.Days // the last day the author mentions it
		switch {
		case w.End != nil && w.End.How == slackexporttest.EndDropped:
			// Expires at the author's expireAfter-th report without it.
			misses := 0
			for day := w.End.Day; day <= s.Days && wt.closed.IsZero(); day++ {
				if s.Posts(w.Who, day) {
					if misses++; misses == expireAfter {
						wt.closed, wt.expired = postTime(s, day), true
					}
				}
			}
			last = w.End.Day - 1
		case w.End != nil:
			wt.closed = postTime(s, w.End.Day)
			last = w.End.Day - 1
		}
		if p := s.Person(w.Who); p.SilentFrom > 0 && wt.closed.IsZero() {
			// The author's last report is the day before they fall silent: it expires
			// when they have sent no report for the silence period.
			wt.closed, wt.expired = postTime(s, p.SilentFrom-1).Add(silence), true
			last = p.SilentFrom - 1
		}
		if last < w.Start {
			t.Fatalf("story: wait %s is never mentioned", w.ID)
		}
		tr.waits = append(tr.waits, wt)
	}
	return tr
}

// check compares the digest and the person graph as of asOf with the truth.
func (tr *scenarioTruth) check(t *testing.T, asOf time.Time, d *scenarioDigest, g *scenarioGraph) {
	end := asOf.AddDate(0, 0, 1) // the end of the as-of day
	from := end.AddDate(0, 0, -7)
	var open []*waitTruth
	var opened, resolved, expired int
	for _, w := range tr.waits {
		if w.openAt(end) {
			open = append(open, w)
		}
		if !w.opened.Before(from) && w.opened.Before(end) {
			opened++
		}
		if !w.closed.IsZero() && !w.closed.Before(from) && w.closed.Before(end) {
			if w.expired {
				expired++
			} else {
				resolved++
			}
		}
	}
	var names []string
	for _, w := range open {
		names = append(names, w.w.ID)
	}
	if d.Open != len(open) {
		t.Errorf("open = %d, want %d: %v", d.Open, len(open), names)
	}
	if d.Opened != opened || d.Resolved != resolved {
		t.Errorf("opened, resolved = %d, %d; want %d, %d", d.Opened, d.Resolved, opened, resolved)
	}
	if d.Expired == nil || *d.Expired != expired {
		t.Errorf("expired = %v, want %d", deref(d.Expired), expired)
	}

	// Role loops: the elementary cycles of the role graph of the open waits.
	roleEdges := map[[2]string][]*waitTruth{}
	for _, w := range open {
		if w.fromRole != w.toRole {
			k := [2]string{w.fromRole, w.toRole}
			roleEdges[k] = append(roleEdges[k], w)
		}
	}
	var gotRole, wantRole []string
	for _, l := range d.RoleLoops {
		gotRole = append(gotRole, fmt.Sprintf("%s (%d blockers, oldest %dd)", strings.Join(l.Roles, " -> "), l.Blockers, l.OldestDays))
	}
	for _, c := range cycles(roleEdges) {
		n, oldest := 0, 0
		for i := range c {
			for _, w := range roleEdges[[2]string{c[i], c[(i+1)%len(c)]}] {
				n++
				oldest = max(oldest, w.age(end))
			}
		}
		wantRole = append(wantRole, fmt.Sprintf("%s (%d blockers, oldest %dd)", strings.Join(c, " -> "), n, oldest))
	}
	slices.Sort(gotRole)
	slices.Sort(wantRole)
	if !reflect.DeepEqual(gotRole, wantRole) {
		t.Errorf("role loops:\n got %q\nwant %q", gotRole, wantRole)
	}

	// Person loops: the cycles of the person graph of waits on a person. A wait
	// named by role and person may stand at either node; the story plants no loop
	// through one, and the truth checks that it makes none either way.
	personEdges := func(mixedAsPerson bool) map[[2]string][]*waitTruth {
		out := map[[2]string][]*waitTruth{}
		for _, w := range open {
			to := w.nodes[0]
			if !mixedAsPerson {
				to = w.nodes[len(w.nodes)-1]
			}
			k := [2]string{w.w.Who, to}
			out[k] = append(out[k], w)
		}
		return out
	}
	strict := personEdges(false)
	wantPerson := loopStrings(strict, end)
	if other := loopStrings(personEdges(true), end); !reflect.DeepEqual(wantPerson, other) {
		t.Fatalf("story: a wait named by role and person makes a person loop (%q vs %q)", wantPerson, other)
	}
	var gotPerson []string
	for _, l := range d.PersonLoops {
		gotPerson = append(gotPerson, fmt.Sprintf("%s (%d blockers, oldest %dd)", strings.Join(l.People, " -> "), l.Blockers, l.OldestDays))
	}
	slices.Sort(gotPerson)
	if !reflect.DeepEqual(gotPerson, wantPerson) {
		t.Errorf("person loops:\n got %q\nwant %q", gotPerson, wantPerson)
	}

	// Chains: every chain is a path of open waits, as old as its oldest link; the
	// longest is the story's longest path of waits on people when that is unique.
	links := func(a, b string) []*waitTruth {
		var out []*waitTruth
		for _, w := range open {
			if w.w.Who == a && slices.Contains(w.nodes, b) {
				out = append(out, w)
			}
		}
		return out
	}
	for _, c := range d.Chains {
		oldest := 0
		for i := 0; i+1 < len(c.Path); i++ {
			ws := links(c.Path[i], c.Path[i+1])
			if len(ws) == 0 {
				t.Errorf("chain %v: %s does not wait on %s", c.Path, c.Path[i], c.Path[i+1])
			}
			for _, w := range ws {
				oldest = max(oldest, w.age(end))
			}
		}
		if c.Links != len(c.Path)-1 {
			t.Errorf("chain %v: links = %d, want %d", c.Path, c.Links, len(c.Path)-1)
		}
		if c.Days != oldest {
			t.Errorf("chain %v: days = %d, want its oldest link's %d", c.Path, c.Days, oldest)
		}
	}
	if longest, unique := longestPath(strict, personEdges(true)); unique && len(longest) >= 4 {
		if len(d.Chains) == 0 || !reflect.DeepEqual(d.Chains[0].Path, longest) {
			var first []string
			if len(d.Chains) > 0 {
				first = d.Chains[0].Path
			}
			t.Errorf("longest chain = %v, want %v", first, longest)
		}
	}

	// Bottleneck: the person most people wait on directly, and how many wait on
	// them directly or through others.
	waitingOn := map[string]map[string]bool{}
	for k := range strict {
		if waitingOn[k[1]] == nil {
			waitingOn[k[1]] = map[string]bool{}
		}
		waitingOn[k[1]][k[0]] = true
	}
	top, most := "", 0
	for p, ws := range waitingOn {
		if n := len(ws); !strings.Contains(p, ":") && (n > most || n == most && p < top) {
			top, most = p, n
		}
	}
	if most >= 3 {
		all := map[string]bool{}
		var reach func(p string)
		reach = func(p string) {
			for w := range waitingOn[p] {
				if !all[w] && w != top {
					all[w] = true
					reach(w)
				}
			}
		}
		reach(top)
		found := false
		for _, b := range d.Bottlenecks {
			if b.Target == top {
				found = true
				if b.Kind != "person" || b.Waiting != most || b.Transitive != len(all) {
					t.Errorf("bottleneck %s = %+v, want person, %d waiting, %d in all", top, b, most, len(all))
				}
			}
		}
		if !found {
			t.Errorf("bottlenecks %+v leave out %s, whom %d people wait on", d.Bottlenecks, top, most)
		}
	}

	// Stale: every open wait as old as stale_after, with its true age.
	var gotStale, wantStale []string
	for _, s := range d.Stale {
		gotStale = append(gotStale, fmt.Sprintf("%s %dd", s.Person, s.Days))
	}
	for _, w := range open {
		if end.Sub(w.opened) >= staleAfter {
			wantStale = append(wantStale, fmt.Sprintf("%s %dd", w.w.Who, w.age(end)))
		}
	}
	slices.Sort(gotStale)
	slices.Sort(wantStale)
	if !reflect.DeepEqual(gotStale, wantStale) {
		t.Errorf("stale:\n got %q\nwant %q", gotStale, wantStale)
	}

	// The person graph: one blocker per open wait, on an edge its wait may stand at,
	// with the true age of the oldest; people have the roles their titles give.
	perPerson := map[string]int{}
	for _, w := range open {
		perPerson[w.w.Who]++
	}
	gotPerPerson := map[string]int{}
	for _, e := range g.Edges {
		gotPerPerson[e.From] += e.Blockers
		ws := links(e.From, e.To)
		if len(ws) < e.Blockers {
			t.Errorf("graph edge %s -> %s: %d blockers, but the story has %d such waits open", e.From, e.To, e.Blockers, len(ws))
			continue
		}
		oldest := 0
		for _, w := range ws {
			oldest = max(oldest, w.age(end))
		}
		if len(ws) == e.Blockers && e.OldestDays != oldest {
			t.Errorf("graph edge %s -> %s: oldest_days = %d, want %d", e.From, e.To, e.OldestDays, oldest)
		}
	}
	if !reflect.DeepEqual(gotPerPerson, perPerson) {
		t.Errorf("open blockers per person:\n got %v\nwant %v", gotPerPerson, perPerson)
	}
	for _, n := range g.Nodes {
		if want, ok := tr.role[n.ID]; ok && n.Kind == "person" && n.Role != want {
			t.Errorf("person %s: role %q, want %q", n.ID, n.Role, want)
		}
	}
}

func deref(p *int) any {
	if p == nil {
		return "missing"
	}
	return *p
}

// loopStrings lists the cycles of a person graph as the digest writes them.
func loopStrings(edges map[[2]string][]*waitTruth, end time.Time) []string {
	var out []string
	for _, c := range cycles(edges) {
		n, oldest := 0, 0
		for i := range c {
			for _, w := range edges[[2]string{c[i], c[(i+1)%len(c)]}] {
				n++
				oldest = max(oldest, w.age(end))
			}
		}
		out = append(out, fmt.Sprintf("%s (%d blockers, oldest %dd)", strings.Join(c, " -> "), n, oldest))
	}
	slices.Sort(out)
	return out
}

// cycles returns the elementary cycles of a small graph, each starting at its
// smallest node: a depth-first search from every node through larger nodes only.
func cycles[V any](edges map[[2]string]V) [][]string {
	next := map[string][]string{}
	var nodes []string
	for k := range edges {
		next[k[0]] = append(next[k[0]], k[1])
		nodes = append(nodes, k[0], k[1])
	}
	slices.Sort(nodes)
	nodes = slices.Compact(nodes)
	var out [][]string
	for _, start := range nodes {
		var walk func(path []string)
		walk = func(path []string) {
			for _, n := range next[path[len(path)-1]] {
				switch {
				case n == start:
					out = append(out, slices.Clone(path))
				case n > start && !slices.Contains(path, n):
					walk(append(path, n))
				}
			}
		}
		walk([]string{start})
	}
	return out
}

// longestPath returns the longest simple path in strict and whether it is the only
// path of its length there and in wider (which has every edge of strict and more).
func longestPath[V any](strict, wider map[[2]string]V) ([]string, bool) {
	paths := func(edges map[[2]string]V) [][]string {
		next := map[string][]string{}
		for k := range edges {
			next[k[0]] = append(next[k[0]], k[1])
		}
		var best [][]string
		var walk func(path []string)
		walk = func(path []string) {
			extended := false
			for _, n := range next[path[len(path)-1]] {
				if !slices.Contains(path, n) {
					extended = true
					walk(append(slices.Clone(path), n))
				}
			}
			switch {
			case extended:
			case len(best) == 0 || len(path) > len(best[0]):
				best = [][]string{path}
			case len(path) == len(best[0]):
				best = append(best, path)
			}
		}
		for k := range next {
			walk([]string{k})
		}
		return best
	}
	a, b := paths(strict), paths(wider)
	if len(a) != 1 || len(b) != 1 || !reflect.DeepEqual(a[0], b[0]) {
		return nil, false
	}
	return a[0], true
}
