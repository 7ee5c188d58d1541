package digest

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/graph"
)

func TestLoopEdges(t *testing.T) {
	tests := []struct {
		name  string
		edges [][2]string
		want  []bool
	}{
		{"none", nil, []bool{}},
		{"chain", [][2]string{{"a", "b"}, {"b", "c"}}, []bool{false, false}},
		{"pair", [][2]string{{"a", "b"}, {"b", "a"}}, []bool{true, true}},
		{"self edge is no loop", [][2]string{{"a", "a"}}, []bool{false}},
		{"triangle and a tail", [][2]string{{"a", "b"}, {"b", "c"}, {"c", "a"}, {"c", "d"}, {"e", "a"}},
			[]bool{true, true, true, false, false}},
		{"two loops joined one way", [][2]string{{"a", "b"}, {"b", "a"}, {"b", "c"}, {"c", "d"}, {"d", "c"}},
			[]bool{true, true, false, true, true}},
		{"edge to a node the view does not list", [][2]string{{"a", "x"}}, []bool{false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := graph.View{}
			for _, id := range []string{"a", "b", "c", "d", "e"} {
				v.Nodes = append(v.Nodes, graph.Node{ID: id})
			}
			for _, e := range tt.edges {
				v.Edges = append(v.Edges, graph.Edge{From: e[0], To: e[1]})
			}
			if got := loopEdges(v); !slices.Equal(got, tt.want) {
				t.Errorf("loopEdges(%v) = %v; want %v", tt.edges, got, tt.want)
			}
		})
	}
}

// TestLoopEdgesLong runs a 100k-node ring: the SCC is iterative, no stack overflow.
func TestLoopEdgesLong(t *testing.T) {
	const n = 100_000
	v := graph.View{}
	for i := range n {
		v.Edges = append(v.Edges, graph.Edge{From: fmt.Sprint(i), To: fmt.Sprint((i + 1) % n)})
	}
	for i, on := range loopEdges(v) {
		if !on {
			t.Fatalf("edge %d of a ring is not on a loop", i)
		}
	}
}

func TestListText(t *testing.T) {
	line := "• " + strings.Repeat("x", 98) // 100 characters
	lines := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = line
		}
		return out
	}
	tests := []struct {
		n         int
		wantLines int // lines kept
		wantMore  string
	}{
		{0, 0, ""},
		{1, 1, ""},
		{29, 29, ""},               // 5 + 29*101 = 2934 characters: all fit
		{30, 29, "…and 1 more"},    // 3035 would not
		{500, 29, "…and 471 more"}, // the room for the count is kept
	}
	for _, tt := range tests {
		got := listText("*Big*", lines(tt.n), tt.n)
		if n := utf8.RuneCountInString(got); n > MaxSectionText {
			t.Errorf("listText(%d lines) has %d characters", tt.n, n)
		}
		if kept := strings.Count(got, line); kept != tt.wantLines {
			t.Errorf("listText(%d lines) kept %d; want %d", tt.n, kept, tt.wantLines)
		}
		if tt.wantMore != "" && !strings.HasSuffix(got, "\n"+tt.wantMore) {
			t.Errorf("listText(%d lines) ends %q; want %q", tt.n, got[max(0, len(got)-30):], tt.wantMore)
		}
		if tt.n == 0 && got != "*Big*\nNone." {
			t.Errorf("listText(none) = %q", got)
		}
	}
	// Only the first lines were built: the count still covers them all.
	if got := listText("*Big*", lines(3), 4000); !strings.HasSuffix(got, line+"\n…and 3997 more") {
		t.Errorf("listText(3 of 4000) ends %q", got[max(0, len(got)-40):])
	}
}

func TestCaption(t *testing.T) {
	at := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		v    graph.View
		want string
	}{
		{graph.View{}, "Graph: blockers open"},
		{graph.View{Level: graph.LevelRole, At: at}, "Role graph: blockers open at the end of 2026-11-20"},
		{graph.View{Level: graph.LevelPerson, At: at, Since: at.AddDate(0, 0, -7)},
			"Person graph: blockers open at the end of 2026-11-20 (the period 2026-11-14 to 2026-11-20)"},
		{graph.View{Level: graph.LevelRole, At: at.Add(15*time.Hour + 4*time.Minute)}, "Role graph: blockers open at 2026-11-21 15:04 UTC"},
	}
	for _, tt := range tests {
		if got := caption(tt.v); got != tt.want {
			t.Errorf("caption(%+v) = %q; want %q", tt.v, got, tt.want)
		}
	}
}

// TestTrendsByRoleName: trends are listed by role name as every format names
// them, so people of unknown role come as "unknown" does, not first.
func TestTrendsByRoleName(t *testing.T) {
	some := Stats{Open: 1}
	this := map[unblock.Role]Stats{"vendor": some, unblock.RoleUnknown: some, "engineering": some}
	prev := map[unblock.Role]Stats{"qa": some, "design": {}}
	var got []string
	for _, tr := range trends(this, prev) {
		got = append(got, tr.Role.String())
	}
	if want := []string{"engineering", "qa", "unknown", "vendor"}; !slices.Equal(got, want) {
		t.Errorf("trends by role = %v; want %v", got, want)
	}
}
