// Package digest builds the weekly Digest of who waits on whom from a snapshot of the
// store, and renders it as text, Markdown, JSON and Slack Block Kit, and the wait graph
// as JSON, DOT, Mermaid and PNG. It knows nothing of Slack's API: Block Kit is only JSON.
package digest

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/graph"
)

// DefaultStaleAfter is how long a blocker stays open before the digest lists it as stale.
const DefaultStaleAfter = 7 * 24 * time.Hour

// Source is what the digest reads; *store.DB satisfies it.
type Source interface {
	// BlockersSpan returns, in one read, every blocker opened by `to` and not
	// closed before `from`: those open at any T in [from, to] are the ones with
	// OpenAt(T), and those opened or closed in a period within [from, to) the ones
	// whose times fall in it (see store.DB.BlockersSpan).
	BlockersSpan(ctx context.Context, from, to time.Time) ([]unblock.Blocker, error)
	// People returns everyone the store knows.
	People(ctx context.Context) ([]unblock.Person, error)
	// SessionsBetween returns the standup sessions of the days [fromDay, toDay).
	SessionsBetween(ctx context.Context, fromDay, toDay string) ([]unblock.Session, error)
}

// Options tune Build.
type Options struct {
	StaleAfter time.Duration // an open blocker this old or older is stale; zero means DefaultStaleAfter
	HideTopics bool          // leave out what people wait for (privacy: share_topics_in_digest: false)
	Graph      graph.Options // bounds on loops, chains and bottlenecks
	// Evidence is the command line, as a person is to paste it, that lists the
	// blockers behind the numbers ("unblock blockers -config config.yaml -as-of
	// 2026-11-20"): the text and Markdown formats' "Why these numbers?" line
	// names it. Empty leaves it out (a digest built from no config file).
	Evidence string
}

// Stats are the numbers of one period.
//
//   - Open: blockers open at the end of the period (the snapshot the analysis reads).
//   - Opened: blockers first reported in the period, not counting false positives that
//     were later withdrawn (the report was edited or deleted) or dismissed ("Not a blocker").
//   - Resolved: blockers resolved in the period by a statement, a "no blockers" or the
//     Resolved button. Expired blockers are counted apart, in Expired; withdrawn and
//     dismissed ones are not counted at all.
//   - MedianResolve: the median time from opened to resolved of the Resolved blockers
//     (the mean of the two middle ones for an even count); zero, and meaningless, when
//     none was resolved (see HasMedian): the renderers then show "–" or null.
type Stats struct {
	Open          int
	Opened        int
	Resolved      int
	Expired       int
	MedianResolve time.Duration
}

// HasMedian reports whether MedianResolve measures anything: some blocker was resolved.
func (s Stats) HasMedian() bool { return s.Resolved > 0 }

// MedianResolveHours returns MedianResolve in hours, rounded to one decimal.
func (s Stats) MedianResolveHours() float64 {
	return math.Round(s.MedianResolve.Hours()*10) / 10
}

// Stale is an open blocker older than Options.StaleAfter.
type Stale struct {
	Age time.Duration
	// The blocker is row `row` of the digest's open blockers, made in full only
	// for a format that shows it (see Blocker): most list a few.
	open *unblock.BlockerTable
	row  int
}

// Blocker returns the stale blocker in full.
func (s Stale) Blocker() unblock.Blocker { return s.open.Blocker(s.row) }

// Digest is the picture of one period: the loops, chains and bottlenecks in the blockers
// open at its end, and the numbers of the period against the one before.
type Digest struct {
	Period   unblock.Period
	Stats    Stats // this period
	Previous Stats // the period of the same length just before

	RoleLoops   []unblock.Loop // the Company X pattern; they lead the digest, ranked by rankRoleLoops
	PersonLoops []unblock.Loop // in the analysis order: shortest first
	Chains      []unblock.Chain
	Bottlenecks []unblock.Bottleneck
	Roles       []graph.RoleLoad // busiest first
	Stale       []Stale          // oldest first
	StaleAfter  time.Duration
	Evidence    string // the command line that lists the blockers behind the numbers (Options.Evidence), or ""

	// People are everyone the source knows, by Slack user ID, for names: a store
	// gives only what names them and their role (see store.DB.PeopleNamed).
	People map[string]unblock.Person

	// Trends are the numbers per role of the blocked people, this period against the
	// last, ordered by role name; roles with nothing in either period are left out.
	Trends []Trend

	// Participation is how each team answered its standups in the period (by the
	// sessions' days), ordered by team: counts only, People is always nil, so no
	// format can name who missed a prompt.
	Participation []unblock.TeamParticipation

	roles *unblock.Vocabulary // the role vocabulary the nodes and roles are read with
	// open is the snapshot at Period.To, ordered by ID: the blockers open then, as
	// rows (see Open). A hundred thousand of them in full, with their strings,
	// cost the digest about twice the analysis; the formats make the few they show.
	open *unblock.BlockerTable
}

// Open returns the blockers open at the end of the period (the snapshot the
// analysis reads), ordered by ID, in full: made anew at each call.
func (d *Digest) Open() []unblock.Blocker {
	if d.open == nil {
		return nil
	}
	out := make([]unblock.Blocker, len(d.open.Rows))
	for i := range out {
		out[i] = d.open.Blocker(i)
	}
	return out
}

// Trend is one role's numbers: this period and the one before.
type Trend struct {
	Role           unblock.Role
	This, Previous Stats
}

// Answered returns how all teams answered their standups in the period.
func (d *Digest) Answered() unblock.Participation { return unblock.Total(d.Participation) }

// At returns the time of the snapshot: the end of the period.
func (d *Digest) At() time.Time { return d.Period.To }

// Build reads src and builds the digest of period p. The analysis runs over the blockers
// open at p.To; the numbers come from the blockers opened or resolved in p and in the
// period before it.
func Build(ctx context.Context, src Source, p unblock.Period, opt Options) (*Digest, error) {
	if !p.To.After(p.From) {
		return nil, unblock.Errorf(unblock.EINVALID, "digest period ends (%s) before it starts (%s)",
			p.To.Format(time.DateOnly), p.From.Format(time.DateOnly))
	}
	if opt.StaleAfter <= 0 {
		opt.StaleAfter = DefaultStaleAfter
	}

	// One read serves the snapshots at the end of both periods and both periods'
	// numbers.
	prev := p.Previous()
	span, people, err := blockersSpan(ctx, src, prev.From, p.To)
	if err != nil {
		return nil, fmt.Errorf("blockers from %s: %w", prev.From.Format(time.DateOnly), err)
	}
	// One node per target and only the vocabulary's roles, in every table, picture
	// and count, whatever old rows hold.
	graph.CanonicalizeTable(&span, opt.Graph.Roles)
	stats, roleStats := periodStats(&span, p)
	prevStats, prevRoleStats := periodStats(&span, prev)
	open := &span
	keepOpen(open, p.To) // span is read no more
	if opt.HideTopics {
		// Blank them before anything reads them, so no format can show one.
		for i := range open.Rows {
			open.Rows[i].Topic = 0
		}
		open.Topics = nil
	}
	if people == nil {
		list, err := peopleOf(ctx, src)
		if err != nil {
			return nil, fmt.Errorf("people: %w", err)
		}
		people = make(map[string]unblock.Person, len(list))
		for _, person := range list {
			people[person.ID] = person
		}
	}
	fromDay, toDay := p.SessionDays()
	sessions, err := src.SessionsBetween(ctx, fromDay, toDay)
	if err != nil {
		return nil, fmt.Errorf("sessions: %w", err)
	}
	teams := unblock.Tally(sessions)
	for i := range teams {
		teams[i].People = nil
	}

	g := opt.Graph
	g.MaxEvidence = max(g.MaxEvidence, maxLoopEvidence)
	a := graph.AnalyzeSnapshot(snapshotOf(open, p.To), g)
	d := &Digest{
		Period:        p,
		Stats:         stats,
		Previous:      prevStats,
		RoleLoops:     rankRoleLoops(a.RoleLoops),
		PersonLoops:   a.PersonLoops,
		Chains:        a.Chains,
		Bottlenecks:   a.Bottlenecks,
		Roles:         slices.Clone(a.Roles),
		Stale:         staleOf(p.To, open, opt.StaleAfter),
		StaleAfter:    opt.StaleAfter,
		Evidence:      opt.Evidence,
		open:          open,
		People:        people,
		Trends:        trends(roleStats, prevRoleStats),
		Participation: teams,
		roles:         opt.Graph.Roles,
	}
	slices.SortStableFunc(d.Roles, func(a, b graph.RoleLoad) int {
		return cmp.Or(cmp.Compare(b.WaitedOnBy, a.WaitedOnBy), cmp.Compare(b.WaitingOn, a.WaitingOn), cmp.Compare(a.Role, b.Role))
	})
	return d, nil
}

// tableSource is a Source that reads its blockers as a table (*store.DB): the
// digest then never holds them all in full.
type tableSource interface {
	BlockersSpanTable(ctx context.Context, from, to time.Time) (unblock.BlockerTable, error)
}

// namedTableSource is a tableSource that reads the people with the table, the
// people table read once for both (*store.DB).
type namedTableSource interface {
	BlockersSpanNamed(ctx context.Context, from, to time.Time) (unblock.BlockerTable, map[string]unblock.Person, error)
}

// blockersSpan reads src's BlockersSpan as a table, and the people by ID with it
// when src reads them together (nil otherwise: then the caller reads them).
func blockersSpan(ctx context.Context, src Source, from, to time.Time) (unblock.BlockerTable, map[string]unblock.Person, error) {
	if ns, ok := src.(namedTableSource); ok {
		return ns.BlockersSpanNamed(ctx, from, to)
	}
	if ts, ok := src.(tableSource); ok {
		t, err := ts.BlockersSpanTable(ctx, from, to)
		return t, nil, err
	}
	span, err := src.BlockersSpan(ctx, from, to)
	if err != nil {
		return unblock.BlockerTable{}, nil, err
	}
	return unblock.TableOf(span), nil, nil
}

// namedSource is a Source that reads people with only what names them and their
// role (*store.DB): all a digest shows of them.
type namedSource interface {
	PeopleNamed(ctx context.Context) ([]unblock.Person, error)
}

// peopleOf reads src's people, with only what names them when src can.
func peopleOf(ctx context.Context, src Source) ([]unblock.Person, error) {
	if ns, ok := src.(namedSource); ok {
		return ns.PeopleNamed(ctx)
	}
	return src.People(ctx)
}

// keepOpen keeps the rows of t open at `at`, in their order.
func keepOpen(t *unblock.BlockerTable, at time.Time) {
	n, ns := 0, at.UnixNano()
	for i := range t.Rows {
		if t.Rows[i].OpenAt(ns) {
			if n != i {
				t.Rows[n] = t.Rows[i]
			}
			n++
		}
	}
	t.Rows = t.Rows[:n]
}

// snapshotOf returns the rows of open (all open at `at`, canonicalized with the
// vocabulary the analysis is given) as the analysis reads them: their people and
// targets by index, the strings of each given once, and canonical, so the
// analysis does not work each target out again.
func snapshotOf(open *unblock.BlockerTable, at time.Time) *graph.Snapshot {
	s := graph.SnapshotOfTable(open, at)
	s.Canonical = true
	return s
}

// periodStats counts what was opened and resolved in p, in all and per role of the
// blocked person, from span (canonical; see Source.BlockersSpan): its blockers open
// at p.To are the snapshot there, and those opened or closed in p count.
func periodStats(span *unblock.BlockerTable, p unblock.Period) (Stats, map[unblock.Role]Stats) {
	var all counter
	roles := map[unblock.Role]*counter{}
	of := func(r unblock.Role) *counter {
		c := roles[r]
		if c == nil {
			c = &counter{}
			roles[r] = c
		}
		return c
	}
	from, to := p.From.UnixNano(), p.To.UnixNano()
	in := func(t int64) bool { return t >= from && t < to }
	for i := range span.Rows {
		b := &span.Rows[i]
		open, inP := b.OpenAt(to), in(b.OpenedAt) || b.ResolvedAt != 0 && in(b.ResolvedAt)
		if !open && !inP {
			continue
		}
		c := of(span.People[b.Person].Role)
		if open {
			all.s.Open++
			c.s.Open++
		}
		if inP {
			how := span.Resolution(i)
			all.add(b, how, in)
			c.add(b, how, in)
		}
	}
	byRole := make(map[unblock.Role]Stats, len(roles))
	for r, c := range roles {
		byRole[r] = c.stats()
	}
	return all.stats(), byRole
}

// counter accumulates Stats over blockers.
type counter struct {
	s     Stats
	waits []time.Duration
}

// add counts b, resolved as `how`, of those opened or closed in the period `in` tells.
func (c *counter) add(b *unblock.BlockerRow, how unblock.Resolution, in func(int64) bool) {
	falsePositive := how == unblock.ResolvedByWithdraw || how == unblock.ResolvedByDismiss
	if in(b.OpenedAt) && !falsePositive {
		c.s.Opened++
	}
	if b.ResolvedAt == 0 || !in(b.ResolvedAt) {
		return
	}
	switch how {
	case unblock.ResolvedByStatement, unblock.ResolvedByNone, unblock.ResolvedByButton:
		c.s.Resolved++
		c.waits = append(c.waits, b.Age(b.ResolvedAt))
	case unblock.ResolvedByExpiry:
		c.s.Expired++
	}
}

func (c *counter) stats() Stats {
	s := c.s
	s.MedianResolve = median(c.waits)
	return s
}

// trends pairs each role's numbers with the period before, leaving out roles with
// nothing in either, by role name: people of unknown role sort as "unknown", the
// name every format shows them under, not first as the empty role.
func trends(this, prev map[unblock.Role]Stats) []Trend {
	var out []Trend
	for r := range this {
		out = append(out, Trend{Role: r, This: this[r], Previous: prev[r]})
	}
	for r := range prev {
		if _, ok := this[r]; !ok {
			out = append(out, Trend{Role: r, Previous: prev[r]})
		}
	}
	out = slices.DeleteFunc(out, func(t Trend) bool { return t.This == (Stats{}) && t.Previous == (Stats{}) })
	slices.SortFunc(out, func(a, b Trend) int { return cmp.Compare(a.Role.String(), b.Role.String()) })
	return out
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	n := len(ds)
	if n%2 == 1 {
		return ds[n/2]
	}
	return (ds[n/2-1] + ds[n/2]) / 2
}

// staleOf returns the rows of open that are at least after old at `at`, oldest
// first. It sorts small keys: sorting the blockers themselves moved a quarter of a
// kilobyte a swap.
func staleOf(at time.Time, open *unblock.BlockerTable, after time.Duration) []Stale {
	type key struct {
		age time.Duration
		id  int64
		i   int
	}
	ns := at.UnixNano()
	n := 0
	for i := range open.Rows {
		if open.Rows[i].Age(ns) >= after {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	keys := make([]key, 0, n)
	for i := range open.Rows {
		if age := open.Rows[i].Age(ns); age >= after {
			keys = append(keys, key{age, open.Rows[i].ID, i})
		}
	}
	slices.SortFunc(keys, func(a, b key) int {
		return cmp.Or(cmp.Compare(b.age, a.age), cmp.Compare(a.id, b.id), cmp.Compare(a.i, b.i))
	})
	out := make([]Stale, len(keys))
	for j, k := range keys {
		out[j] = Stale{Age: k.age, open: open, row: k.i}
	}
	return out
}

// rankRoleLoops orders role loops by the work they stall, so the Company X pattern
// leads the digest: most evidence blockers first, then the most roles, then the oldest
// blocker; the analysis order (shortest first) breaks ties. A pair of roles waiting on
// each other is often one pair of people, while the loop through three functions that
// stalls four blockers is the one a lead must see first.
func rankRoleLoops(loops []unblock.Loop) []unblock.Loop {
	slices.SortStableFunc(loops, func(a, b unblock.Loop) int {
		return cmp.Or(cmp.Compare(b.Blockers, a.Blockers), cmp.Compare(len(b.Members), len(a.Members)),
			cmp.Compare(b.Oldest, a.Oldest))
	})
	return loops
}

// days returns the whole days in d, rounded down.
func days(d time.Duration) int {
	if d <= 0 {
		return 0
	}
	return int(d / (24 * time.Hour))
}

// Name returns the best human name for a user ID, or the ID when the person is unknown.
func (d *Digest) Name(id string) string {
	if p, ok := d.People[id]; ok {
		return p.Label()
	}
	return id
}

// nodeName names a graph node for people: a person's name, a role name, or the name of
// a team, external party or artifact ("team:platform" -> "platform").
func (d *Digest) nodeName(node string) string {
	kind, name, ok := strings.Cut(node, ":")
	if !ok {
		return d.Name(node)
	}
	if unblock.TargetKind(kind).Valid() {
		return name
	}
	return node
}

// targetName names what b waits on, for people: the person's name, the role, or the
// target as it was written.
func (d *Digest) targetName(b unblock.Blocker) string {
	switch {
	case b.ToPerson():
		return d.Name(b.To)
	case b.Target.Kind == unblock.TargetRole:
		if b.ToRole != unblock.RoleUnknown {
			return string(b.ToRole)
		}
		return unblock.Slug(b.Target.Name)
	case b.Target.Name != "":
		return b.Target.Name
	}
	return d.nodeName(b.To)
}

// targetID names what b waits on in JSON: a user ID, a role name, or a "KIND:NAME" node.
func targetID(b unblock.Blocker) string {
	to := b.To
	if to == "" {
		to = b.Target.Key()
	}
	return roleNodeName(to)
}

// bottleneckID names b's target in JSON as targetID names a blocker's: the graph
// names a team, outsider or artifact bottleneck by the NAME of its "KIND:NAME" node.
func bottleneckID(b unblock.Bottleneck) string {
	switch b.Kind {
	case unblock.TargetPerson, unblock.TargetRole:
		return b.Target
	}
	return string(b.Kind) + ":" + b.Target
}

// roleNodeName turns a role node "role:design" into the role name "design".
func roleNodeName(node string) string {
	if name, ok := strings.CutPrefix(node, string(unblock.TargetRole)+":"); ok {
		return name
	}
	return node
}
