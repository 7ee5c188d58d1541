package digest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/digest"
	"github.com/unblock-dev/unblock/graph"
)

// hostileView has labels that would break DOT or Mermaid if they were not escaped.
var hostileView = graph.View{
	Level: graph.LevelPerson,
	Nodes: []graph.Node{
		{ID: "U1", Kind: "person", Role: unblock.RoleEngineering, Label: `Ana "the \N" <b>|x|</b>`},
		{ID: "U2", Kind: "person", Role: unblock.RoleDesign, Label: "Dana]\n#quot; `code` & co"},
		{ID: `artifact:"spec"\`, Kind: "artifact", Label: `the "spec" \ [draft]`},
	},
	Edges: []graph.Edge{
		{From: "U1", To: "U2", Blockers: 2, Oldest: 50 * time.Hour, Topics: []string{`a "quoted" topic`}},
		{From: "U2", To: "U1", Blockers: 1, Oldest: time.Hour},
		{From: "U2", To: `artifact:"spec"\`, Blockers: 1, Oldest: 9 * 24 * time.Hour},
	},
}

func TestDOTIsValid(t *testing.T) {
	d := build(t, companyX())
	for name, v := range map[string]graph.View{"role": d.RoleView(), "person": d.PersonView(), "hostile": hostileView} {
		t.Run(name, func(t *testing.T) {
			var dot bytes.Buffer
			if err := digest.DOT(&dot, v); err != nil {
				t.Fatal(err)
			}
			g, err := parseDOT(dot.String())
			if err != nil {
				t.Fatalf("the DOT does not parse: %v\n%s", err, dot.Bytes())
			}
			// DOT keeps a backslash in a quoted string as it is, so DOT doubles it.
			ids := map[string]bool{}
			for _, n := range v.Nodes {
				ids[strings.ReplaceAll(n.ID, `\`, `\\`)] = true
			}
			for _, name := range g.nodes {
				if !ids[name] {
					t.Errorf("the DOT has node %q, not one of the view's", name)
				}
			}
			if len(g.nodes) != len(v.Nodes) || len(g.edges) != len(v.Edges) {
				t.Errorf("the DOT has %d nodes and %d edges; want %d and %d\n%s",
					len(g.nodes), len(g.edges), len(v.Nodes), len(v.Edges), dot.Bytes())
			}
		})
	}
}

func TestDOTHighlightsLoops(t *testing.T) {
	var dot bytes.Buffer
	if err := digest.DOT(&dot, build(t, companyX()).RoleView()); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		edge   string
		onLoop bool
	}{
		{`"engineering" -> "design"`, true},
		{`"design" -> "product"`, true},
		{`"product" -> "engineering"`, true},
		{`"product" -> "design"`, true},
		{`"engineering" -> "legal"`, false},
		{`"qa" -> "design"`, false},
	}
	for _, tt := range tests {
		var line string
		for _, l := range strings.Split(dot.String(), "\n") {
			if strings.HasPrefix(strings.TrimSpace(l), tt.edge+" ") {
				line = l
			}
		}
		if line == "" {
			t.Errorf("no edge %s in\n%s", tt.edge, dot.String())
			continue
		}
		if got := strings.Contains(line, "penwidth"); got != tt.onLoop {
			t.Errorf("edge %s highlighted = %v; want %v: %s", tt.edge, got, tt.onLoop, line)
		}
	}
}

func TestMermaidEscapes(t *testing.T) {
	var out bytes.Buffer
	if err := digest.Mermaid(&out, hostileView); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	// Front matter with the title, then the flowchart.
	if lines[0] != "---" || !strings.HasPrefix(lines[1], "title: ") || lines[2] != "---" || lines[3] != "flowchart LR" {
		t.Errorf("first lines = %q; want front matter with a title, then flowchart LR", lines[:4])
	}
	for _, l := range lines[4:] {
		if strings.HasPrefix(l, "  linkStyle") || strings.HasPrefix(l, "  style legend") {
			continue
		}
		// Every label is one quoted string: exactly two quotes a node, four an edge.
		if n := strings.Count(l, `"`); n != 2 && n != 4 {
			t.Errorf("line %q has %d quotes: a label broke out", l, n)
		}
		if strings.ContainsAny(l, "<>`&") && !strings.Contains(l, "<br/>") && !strings.Contains(l, "-->") {
			t.Errorf("line %q carries a raw markup character", l)
		}
	}
	if !strings.Contains(out.String(), "linkStyle 0,1 stroke") {
		t.Errorf("the U1 <-> U2 loop is not highlighted:\n%s", out.String())
	}
}

func TestGraphJSONEmptyArrays(t *testing.T) {
	var out bytes.Buffer
	if err := digest.GraphJSON(&out, graph.View{Level: graph.LevelRole}); err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"level\": \"role\",\n  \"nodes\": [],\n  \"edges\": []\n}\n"
	if out.String() != want {
		t.Errorf("GraphJSON(empty) = %q; want %q", out.String(), want)
	}
}

func TestRolePNG(t *testing.T) {
	b, err := digest.RolePNG(context.Background(), build(t, companyX()))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	w, h := img.Bounds().Dx(), img.Bounds().Dy()
	if w < 100 || h < 50 || w > 5000 || h > 5000 {
		t.Errorf("PNG is %dx%d; want a sane size", w, h)
	}
	// The loop's edges are drawn as red lines: some red, but a thin share of the image
	// (not filled into wedges).
	red, dark := 0, 0
	for y := range h {
		for x := range w {
			r, g, b, _ := img.At(x, y).RGBA()
			r, g, b = r>>8, g>>8, b>>8
			if r > 180 && g < 90 && b < 90 {
				red++
			}
			if r < 100 && g < 100 && b < 100 {
				dark++ // text and outlines
			}
		}
	}
	t.Logf("%dx%d, %d red and %d dark pixels", w, h, red, dark)
	if red < 200 || red > w*h/50 {
		t.Errorf("%d red pixels of %d; want the loop drawn as thin red lines", red, w*h)
	}
	if dark < 1000 {
		t.Errorf("%d dark pixels; want labels and outlines", dark)
	}
}

// TestPNGLargeGraphIsBounded draws a person graph five times the node bound, dense
// and full of loops: the picture comes, within the canvas bounds.
func TestPNGLargeGraphIsBounded(t *testing.T) {
	d, err := digest.Build(context.Background(), benchCompany(5*digest.MaxPNGNodes, 2200), unblock.WeekEnding(asOf), digest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := digest.PNG(context.Background(), &buf, d.PersonView()); err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Width > 8000 || cfg.Height > 8000 || cfg.Width*cfg.Height > 12_000_000 {
		t.Errorf("PNG is %dx%d; want at most 8000 a side and 12 megapixels", cfg.Width, cfg.Height)
	}
}

// TestCountsAgree checks the pictures and the graph JSON count what the digest's
// tables and JSON count: a role's "N blockers on it" is its "waited on by", and the
// person graph's arrows carry every open blocker once.
func TestCountsAgree(t *testing.T) {
	d := build(t, companyX())
	var js bytes.Buffer
	if err := digest.JSON(&js, d); err != nil {
		t.Fatal(err)
	}
	var dj struct {
		Open  int `json:"open"`
		Roles []struct {
			Role       string `json:"role"`
			WaitingOn  int    `json:"waiting_on"`
			WaitedOnBy int    `json:"waited_on_by"`
		} `json:"roles"`
	}
	if err := json.Unmarshal(js.Bytes(), &dj); err != nil {
		t.Fatal(err)
	}
	table := map[string]int{}
	for _, r := range dj.Roles {
		table[r.Role] = r.WaitedOnBy
	}

	view := d.RoleView()
	var gj bytes.Buffer
	if err := digest.GraphJSON(&gj, view); err != nil {
		t.Fatal(err)
	}
	var g struct {
		Nodes []struct {
			ID         string `json:"id"`
			WaitedOnBy int    `json:"waited_on_by"`
		} `json:"nodes"`
		Edges []struct {
			Blockers int `json:"blockers"`
		} `json:"edges"`
	}
	if err := json.Unmarshal(gj.Bytes(), &g); err != nil {
		t.Fatal(err)
	}
	var dot, mmd bytes.Buffer
	if err := digest.DOT(&dot, view); err != nil {
		t.Fatal(err)
	}
	if err := digest.Mermaid(&mmd, view); err != nil {
		t.Fatal(err)
	}
	if len(g.Nodes) != len(table) {
		t.Errorf("role graph has %d nodes; the Roles table %d roles", len(g.Nodes), len(table))
	}
	for _, n := range g.Nodes {
		want := table[n.ID]
		if n.WaitedOnBy != want {
			t.Errorf("graph JSON: %s waited on by %d; the Roles table says %d", n.ID, n.WaitedOnBy, want)
		}
		if want == 0 {
			continue
		}
		label := fmt.Sprintf(`"%s" [label="%s\n%s on it`, n.ID, n.ID, unblock.Plural(want, "blocker"))
		if !strings.Contains(dot.String(), label) {
			t.Errorf("DOT has no %s:\n%s", label, dot.String())
		}
		if !strings.Contains(mmd.String(), fmt.Sprintf(`["%s<br/>%s on it`, n.ID, unblock.Plural(want, "blocker"))) {
			t.Errorf("Mermaid does not say %s has %s on it:\n%s", n.ID, unblock.Plural(want, "blocker"), mmd.String())
		}
	}

	// Everyone in Company X has a role: what is on a role is its arrows in and the
	// waits within it, which the picture says ("2 blockers on it, 1 within").
	in := map[string]int{}
	for _, e := range view.Edges {
		in[e.To] += e.Blockers
	}
	for _, n := range view.Nodes {
		if in[n.ID]+n.Within != n.WaitedOnBy {
			t.Errorf("%s: %d on it; arrows in %d and %d within", n.ID, n.WaitedOnBy, in[n.ID], n.Within)
		}
		if n.Within > 0 && !strings.Contains(dot.String(), fmt.Sprintf("on it, %d within", n.Within)) {
			t.Errorf("DOT does not say %d of %s's blockers are within it", n.Within, n.ID)
		}
	}

	// Every open blocker of Company X is one person waiting on another node: the
	// person graph's arrows carry them all, once.
	var sum int
	for _, e := range d.PersonView().Edges {
		sum += e.Blockers
	}
	if sum != dj.Open {
		t.Errorf("person graph arrows carry %d blockers; the digest says %d open", sum, dj.Open)
	}

	// The caption says when, and the legend what red and "4d" mean.
	for _, want := range []string{"at the end of 2026-11-20", "2026-11-14 to 2026-11-20", "Red arrows are part of a loop", "the oldest open for 4 days"} {
		if !strings.Contains(dot.String(), want) || !strings.Contains(mmd.String(), want) {
			t.Errorf("DOT or Mermaid lacks %q", want)
		}
	}
}
