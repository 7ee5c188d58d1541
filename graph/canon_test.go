package graph

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	unblock "github.com/unblock-dev/unblock"
)

// oldRow returns an open blocker as a row written before targets were canonical
// holds it: To is the raw "KIND:NAME" key, ToRole as the row gives it.
func oldRow(id int64, person string, personRole unblock.Role, t unblock.Target, toRole unblock.Role) unblock.Blocker {
	b := newBlocker(id, person, personRole, "x:x", toRole, day, "")
	b.Target = t
	b.To = string(t.Kind) + ":" + unblock.Slug(t.Name)
	return b
}

func target(kind unblock.TargetKind, name string, role unblock.Role) unblock.Target {
	return unblock.Target{Kind: kind, Name: name, Role: role}
}

// withFinance is the built-in vocabulary with a role a config adds.
func withFinance(t *testing.T) *unblock.Vocabulary {
	t.Helper()
	v := unblock.DefaultVocabulary()
	if err := v.AddRole("finance"); err != nil {
		t.Fatal(err)
	}
	if err := v.AddWords("finance", "fp&a"); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestCanonicalize(t *testing.T) {
	finance := withFinance(t)
	tests := []struct {
		name       string
		vocab      *unblock.Vocabulary
		in         unblock.Blocker
		to         string
		toRole     unblock.Role
		personRole unblock.Role
	}{
		{"a role by a synonym", nil, oldRow(1, "U1", "engineering", target("role", "eng", ""), "eng"), "role:engineering", "engineering", "engineering"},
		{"a role by a plural", nil, oldRow(1, "U1", "qa", target("role", "designers", "design"), "design"), "role:design", "design", "qa"},
		{"a role word the row kept raw", nil, oldRow(1, "U1", "qa", target("role", "lawyers", ""), "lawyers"), "role:legal", "legal", "qa"},
		{"a team named for a role", nil, oldRow(1, "U1", "design", target("team", "data team", "data"), "data"), "role:data", "data", "design"},
		{"a team named for a role, dashed", nil, oldRow(1, "U1", "design", target("team", "the data-team", ""), ""), "role:data", "data", "design"},
		{"a real team keeps its name", nil, oldRow(1, "U1", "design", target("team", "the platform team", "ops"), "ops"), "team:platform", "ops", "design"},
		{"an unknown word is no role", nil, oldRow(1, "U1", "design", target("role", "gizmo", ""), "gizmo"), "team:gizmo", "", "design"},
		{"a config role", finance, oldRow(1, "U1", "finance", target("role", "FP&A", "finance"), "finance"), "role:finance", "finance", "finance"},
		{"a config role unknown to the built-ins", nil, oldRow(1, "U1", "finance", target("role", "finance", "finance"), "finance"), "team:finance", "", ""},
		{"an artifact, singular and without filler", nil, oldRow(1, "U1", "engineering", target("artifact", "the API specs", "product"), "product"), "artifact:api-spec", "product", "engineering"},
		{"a person's role by a synonym", nil, newBlocker(1, "U1", "eng", "U2", "designers", day, ""), "U2", "design", "engineering"},
		{"a person's role that is no role", nil, newBlocker(1, "U1", "wizard", "U2", "design", day, ""), "U2", "design", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := Canonicalize([]unblock.Blocker{tt.in}, tt.vocab)
			if len(out) != 1 {
				t.Fatalf("Canonicalize dropped %+v", tt.in)
			}
			b := out[0]
			if b.To != tt.to || b.ToRole != tt.toRole || b.PersonRole != tt.personRole {
				t.Errorf("Canonicalize(%s, %q, role %q) = %s %q, person %q; want %s %q, person %q",
					tt.in.To, tt.in.Target.Name, tt.in.ToRole, b.To, b.ToRole, b.PersonRole, tt.to, tt.toRole, tt.personRole)
			}
			// Analyze reads the row the same way on its own: one node, the same roles.
			a := Analyze(testAt, []unblock.Blocker{tt.in}, Options{Roles: tt.vocab})
			if len(a.Bottlenecks) != 1 || (tt.to[0] != 'U' && a.Bottlenecks[0].Target != tt.to[len(a.Bottlenecks[0].Kind)+1:]) {
				t.Errorf("Analyze bottlenecks = %+v; want one on %s", a.Bottlenecks, tt.to)
			}
			for _, r := range a.Roles {
				if r.Role != tt.toRole && r.Role != tt.personRole {
					t.Errorf("Analyze names role %q; want only %q and %q", r.Role, tt.personRole, tt.toRole)
				}
			}
		})
	}
}

// TestCanonicalNone checks an artifact named like an explicit none, which old rows
// hold ("B: none, but …"), waits on nothing: Canonicalize drops it and Analyze
// makes it no node.
func TestCanonicalNone(t *testing.T) {
	bs := []unblock.Blocker{
		oldRow(1, "U1", "engineering", target("artifact", "none", ""), ""),
		oldRow(2, "U2", "engineering", target("artifact", "N/A", ""), ""),
		oldRow(3, "U3", "engineering", target("role", "design", "design"), "design"),
	}
	a := Analyze(testAt, bs, Options{})
	want := []unblock.Bottleneck{{Target: "design", Kind: unblock.TargetRole, Waiting: 1, Transitive: 1}}
	if !reflect.DeepEqual(a.Bottlenecks, want) {
		t.Errorf("Bottlenecks = %+v; want only design", a.Bottlenecks)
	}
	if out := Canonicalize(bs, nil); len(out) != 1 || out[0].ID != 3 {
		t.Errorf("Canonicalize kept %v; want only blocker 3", out)
	}
}

// oldRows are rows stored with the raw words of older versions: one thing
// written in several ways ("eng", "the engineering team", "the API specs"), and
// a target named "none".
func oldRows() []unblock.Blocker {
	return []unblock.Blocker{
		oldRow(1, "U1", "design", target("role", "eng", ""), "eng"),
		oldRow(2, "U2", "design", target("role", "engineering", "engineering"), "engineering"),
		oldRow(3, "U3", "design", target("team", "the engineering team", "engineering"), "engineering"),
		oldRow(4, "U4", "product", target("team", "data-team", "data"), "data"),
		oldRow(5, "U5", "product", target("role", "data", "data"), "data"),
		oldRow(6, "U6", "qa", target("artifact", "the API specs", "engineering"), "engineering"),
		oldRow(7, "U7", "qa", target("artifact", "API spec", "engineering"), "engineering"),
		oldRow(8, "U8", "qa", target("artifact", "none", ""), ""),
	}
}

// TestCanonicalNodes checks that the same thing written in several ways is one node
// on the person graph and one role on the role graph, and that a role and an
// artifact it owns aggregate on the role graph.
func TestCanonicalNodes(t *testing.T) {
	bs := oldRows()
	a := Analyze(testAt, bs, Options{})
	var got []string
	for _, b := range a.Bottlenecks {
		got = append(got, fmt.Sprintf("%s:%s %d", b.Kind, b.Target, b.Waiting))
	}
	want := []string{"role:engineering 3", "artifact:api-spec 2", "role:data 2"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("bottlenecks = %v; want %v", got, want)
	}

	// The role graph: design waits on engineering 3 times; qa waits on engineering
	// through the spec it owns, twice, on the same edge as a wait on the role would.
	v := RoleView(testAt, bs, nil)
	edges := map[string]int{}
	for _, e := range v.Edges {
		edges[e.From+"->"+e.To] = e.Blockers
	}
	if want := map[string]int{"design->engineering": 3, "product->data": 2, "qa->engineering": 2}; !reflect.DeepEqual(edges, want) {
		t.Errorf("role edges = %v; want %v", edges, want)
	}
	var roles []string
	for _, n := range v.Nodes {
		roles = append(roles, n.ID)
	}
	if want := []string{"data", "design", "engineering", "product", "qa"}; !reflect.DeepEqual(roles, want) {
		t.Errorf("role nodes = %v; want %v", roles, want)
	}

	// The person graph: one node per thing, a role node labelled with its role.
	pv := PersonView(testAt, bs, nil, nil)
	labels := map[string]string{}
	for _, n := range pv.Nodes {
		if !isUserID(n.ID) {
			labels[n.ID] = n.Label
		}
	}
	if want := map[string]string{"role:engineering": "engineering", "role:data": "data", "artifact:api-spec": "the API specs"}; !reflect.DeepEqual(labels, want) {
		t.Errorf("person graph nodes = %v; want %v", labels, want)
	}
}

// plainResolve is canon.resolve as it read before it lowered names once and took
// nodes from CanonicalNode: through Canonical and Slug.
func plainResolve(c *canon, b *unblock.Blocker) canonTarget {
	t := b.Target
	if !t.Kind.Valid() || strings.TrimSpace(t.Name) == "" {
		kind, name, ok := strings.Cut(b.To, ":")
		if !ok || !unblock.TargetKind(kind).Valid() || name == "" {
			return canonTarget{}
		}
		t = unblock.Target{Kind: unblock.TargetKind(kind), Name: strings.ReplaceAll(name, "-", " "), Role: t.Role}
	}
	if t.Kind == unblock.TargetPerson {
		return canonTarget{node: unblock.Target{Kind: t.Kind, Name: t.Name}.Node(), role: c.personRole(b)}
	}
	if t.Kind == unblock.TargetArtifact && unblock.IsNoneName(t.Name) {
		return canonTarget{none: true}
	}
	t.Role = c.role(t.Role)
	if t.Kind == unblock.TargetRole || t.Kind == unblock.TargetTeam {
		if r := c.vocab.Role(t.Name); r != unblock.RoleUnknown {
			t = unblock.Target{Kind: unblock.TargetRole, Name: string(r), Role: r}
		}
	}
	ct := unblock.Canonical(t)
	if ct.Kind == unblock.TargetRole && !c.vocab.Has(ct.Role) {
		ct = unblock.Target{Kind: unblock.TargetTeam, Name: ct.Name}
	}
	role := ct.Role
	if ct.Kind != unblock.TargetRole {
		if role = c.role(b.ToRole); role == unblock.RoleUnknown {
			role = t.Role
		}
	}
	return canonTarget{node: string(ct.Kind) + ":" + unblock.Slug(ct.Name), role: role}
}

// FuzzCanonResolve checks canon.resolve against its plain form, with the built-in
// vocabulary and one a config extends, names in any case and old rows' raw words.
func FuzzCanonResolve(f *testing.F) {
	kinds := []unblock.TargetKind{unblock.TargetTeam, unblock.TargetExternal, unblock.TargetArtifact, unblock.TargetRole, unblock.TargetPerson, "", "bogus"}
	for _, s := range []string{"", " ", "Team 5", "the Platform TEAM", "Data-Team", "FP&A", "Finance team", "ACME Corp",
		"The API Specs", "None", "N/A", "PR 12", "Designers", "eng", "Zed Zed", "Ünïcode Team", "the the", "QA"} {
		for i, r := range []unblock.Role{"", unblock.RoleDesign, "finance", "Designers", "platform"} {
			f.Add(s, uint8(i), string(r), "team:"+unblock.Slug(s), string(r))
		}
	}
	f.Fuzz(func(t *testing.T, name string, kind uint8, role, to, toRole string) {
		b := unblock.Blocker{To: to, ToRole: unblock.Role(toRole),
			Target: unblock.Target{Kind: kinds[int(kind)%len(kinds)], Name: name, Role: unblock.Role(role)}}
		v := unblock.DefaultVocabulary()
		_ = v.AddRole("finance")
		_ = v.AddWords("finance", "fp&a")
		for _, vocab := range []*unblock.Vocabulary{nil, v} {
			if got, want := newCanon(vocab).resolve(&b), plainResolve(newCanon(vocab), &b); got != want {
				t.Errorf("resolve(%+v) = %+v; want %+v", b, got, want)
			}
		}
	})
}

// CanonicalizeNumbered gives what Canonicalize gives for blockers numbered by
// target, one number a target as stored: old rows, raw role words, teams named for
// roles, nones, people by ID and by name, and targets that share a node, kind and
// role but not their words (Canonicalize's memo keeps the first one's reading),
// each numbered once or under several numbers, in random orders.
func TestCanonicalizeNumbered(t *testing.T) {
	finance := withFinance(t)
	pool := []unblock.Blocker{
		oldRow(0, "", "", target("role", "eng", ""), "eng"),
		oldRow(0, "", "", target("role", "designers", "design"), "design"),
		oldRow(0, "", "", target("role", "lawyers", ""), "lawyers"),
		oldRow(0, "", "", target("team", "data team", "data"), "data"),
		oldRow(0, "", "", target("team", "the platform team", "ops"), "ops"),
		oldRow(0, "", "", target("team", "the platform team", "design"), "ops"),
		oldRow(0, "", "", target("role", "gizmo", ""), "gizmo"),
		oldRow(0, "", "", target("role", "FP&A", "finance"), "finance"),
		oldRow(0, "", "", target("artifact", "the API specs", "product"), "product"),
		oldRow(0, "", "", target("artifact", "the API specs", ""), "product"),
		oldRow(0, "", "", target("artifact", "none", ""), ""),
		oldRow(0, "", "", target("artifact", "N/A", "qa"), ""),
		newBlocker(0, "", "", "U2", "designers", day, ""),
		newBlocker(0, "", "", "U3", "", day, ""),
		newBlocker(0, "", "", "U3", "wizard", day, ""),
		newBlocker(0, "", "", "person:jo", "", day, ""),
		newBlocker(0, "", "", "role:design", "design", day, ""),
		newBlocker(0, "", "", "team:platform", "", day, ""),
	}
	pool[12].Target = target("person", "<@U2>", "")
	pool[13].Target = target("person", "Jo", "design")
	pool[14].Target = target("person", "<@U3>", "")
	pool[15].Target = target("person", "Jo", "")
	pool[16].Target = target("role", "design", "design")
	pool[17].Target = target("team", "platform", "")
	noTo := oldRow(0, "", "", target("person", "<@U4>", ""), "")
	noTo.To = ""
	pool = append(pool, noTo)
	roles := []unblock.Role{"", "engineering", "eng", "designers", "finance", "wizard"}
	for seed := uint64(1); seed <= 50; seed++ {
		rng := rand.New(rand.NewPCG(seed, 3))
		var bs []unblock.Blocker
		var nums []int32
		for i := range 200 {
			k := rng.IntN(len(pool))
			b := pool[k]
			b.ID, b.PersonID, b.PersonRole = int64(i+1), fmt.Sprintf("U%d", 10+rng.IntN(5)), roles[rng.IntN(len(roles))]
			bs = append(bs, b)
			num := int32(k)
			switch rng.IntN(8) {
			case 0:
				num = -1 // not numbered
			case 1:
				num = int32(len(pool) + k) // the same target under a second number
			}
			nums = append(nums, num)
		}
		for _, vocab := range []*unblock.Vocabulary{nil, finance} {
			want := Canonicalize(slices.Clone(bs), vocab)
			got := CanonicalizeNumbered(slices.Clone(bs), nums, vocab)
			if !reflect.DeepEqual(got, want) {
				for i := range min(len(got), len(want)) {
					if !reflect.DeepEqual(got[i], want[i]) {
						t.Fatalf("seed %d: blocker %d numbered\n%+v\nwant\n%+v", seed, i, got[i], want[i])
					}
				}
				t.Fatalf("seed %d: %d blockers numbered, want %d", seed, len(got), len(want))
			}
			table := unblock.TableOf(bs)
			CanonicalizeTable(&table, vocab)
			sameAsCanonical(t, fmt.Sprintf("seed %d, the table", seed), table, want)
		}
	}
}

// sameAsCanonical fails t unless table holds the blockers of want in full, in its
// order, each of its user IDs numbered once.
func sameAsCanonical(t *testing.T, what string, table unblock.BlockerTable, want []unblock.Blocker) {
	t.Helper()
	if len(table.Rows) != len(want) {
		t.Fatalf("%s: %d rows, want %d", what, len(table.Rows), len(want))
	}
	byID := map[string]int32{}
	for i := range want {
		w := want[i]
		w.OpenedAt, w.LastSeenAt = time.Unix(0, w.OpenedAt.UnixNano()).UTC(), time.Unix(0, w.LastSeenAt.UnixNano()).UTC()
		w.ReportID = 0 // a table's rows do not say it
		if got := table.Blocker(i); !reflect.DeepEqual(got, w) {
			t.Fatalf("%s: row %d\n%+v\nwant\n%+v", what, i, got, w)
		}
		r := table.Rows[i]
		for _, x := range []struct {
			id string
			u  int32
		}{{want[i].PersonID, table.People[r.Person].User}, {want[i].To, table.Targets[r.Target].User}} {
			if x.id == "" || !isUserID(x.id) {
				if x.u != -1 {
					t.Fatalf("%s: row %d: %q numbered %d", what, i, x.id, x.u)
				}
				continue
			}
			if u, ok := byID[x.id]; x.u < 0 || int(x.u) >= table.Users || ok && u != x.u {
				t.Fatalf("%s: row %d: %q numbered %d (and %d) of %d", what, i, x.id, x.u, u, table.Users)
			}
			byID[x.id] = x.u
		}
	}
}
