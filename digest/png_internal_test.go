package digest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image/png"
	"strings"
	"testing"

	"github.com/unblock-dev/unblock/graph"
)

// TestPNGDrawsStrokes checks node outlines and an arrow are drawn as lines over the
// fill: two boxes (or ellipses) and one edge give enough dark pixels.
func TestPNGDrawsStrokes(t *testing.T) {
	tests := []struct {
		level   string
		kind    string
		atLeast int // dark pixels
	}{
		{graph.LevelRole, "role", 400},   // rounded boxes
		{graph.LevelPerson, "team", 300}, // ellipses
	}
	for _, tt := range tests {
		v := graph.View{Level: tt.level,
			Nodes: []graph.Node{{ID: "a", Kind: tt.kind}, {ID: "b", Kind: tt.kind}},
			Edges: []graph.Edge{{From: "a", To: "b", Blockers: 1}},
		}
		img, err := drawGraph(context.Background(), v, "")
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		if _, err := png.Decode(&buf); err != nil {
			t.Fatal(err)
		}
		// Count dark pixels below the caption: outlines, the arrow and labels.
		dark := 0
		b := img.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				if r, g, bl, _ := img.At(x, y).RGBA(); r>>8 < 128 && g>>8 < 128 && bl>>8 < 128 {
					dark++
				}
			}
		}
		t.Logf("%s: %dx%d, %d dark pixels", tt.kind, b.Dx(), b.Dy(), dark)
		if dark < tt.atLeast {
			t.Errorf("%s: %d dark pixels; want at least %d: outlines or edge missing", tt.kind, dark, tt.atLeast)
		}
	}
}

// TestFocus checks a graph past the bounds is drawn as its loops, then its longest
// chains, within the bounds, with a line saying what was left out.
func TestFocus(t *testing.T) {
	v := graph.View{Level: graph.LevelPerson}
	node := func(id string) { v.Nodes = append(v.Nodes, graph.Node{ID: id, Kind: "person"}) }
	edge := func(from, to string, n int) {
		v.Edges = append(v.Edges, graph.Edge{From: from, To: to, Blockers: n})
	}
	// A loop a -> b -> a, a chain c0 -> c1 -> ... -> c9, and many pairs x_i -> y_i.
	node("a")
	node("b")
	edge("a", "b", 1)
	edge("b", "a", 1)
	for i := range 10 {
		node(fmt.Sprintf("c%d", i))
		if i > 0 {
			edge(fmt.Sprintf("c%d", i-1), fmt.Sprintf("c%d", i), 1)
		}
	}
	for i := range MaxPNGNodes {
		node(fmt.Sprintf("x%03d", i))
		node(fmt.Sprintf("y%03d", i))
		edge(fmt.Sprintf("x%03d", i), fmt.Sprintf("y%03d", i), 5) // more blockers, shorter chain
	}
	got, note := focus(v)
	if len(got.Nodes) > MaxPNGNodes || len(got.Edges) > MaxPNGEdges {
		t.Fatalf("focus kept %d nodes and %d edges; want at most %d and %d", len(got.Nodes), len(got.Edges), MaxPNGNodes, MaxPNGEdges)
	}
	kept := map[string]bool{}
	for _, e := range got.Edges {
		kept[e.From+">"+e.To] = true
	}
	for _, want := range []string{"a>b", "b>a", "c0>c1", "c8>c9"} {
		if !kept[want] {
			t.Errorf("focus left out %s", want)
		}
	}
	wantNote := fmt.Sprintf("%d of %d nodes and %d of %d arrows", len(got.Nodes), len(v.Nodes), len(got.Edges), len(v.Edges))
	if !strings.Contains(note, wantNote) {
		t.Errorf("note %q does not say %q", note, wantNote)
	}
	if small, note := focus(graph.View{Nodes: v.Nodes[:12], Edges: v.Edges[:11]}); len(small.Edges) != 11 || note != "" {
		t.Errorf("focus of a small graph dropped arrows or added a note: %d, %q", len(small.Edges), note)
	}
}

func TestPNGStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	v := graph.View{Nodes: []graph.Node{{ID: "a"}, {ID: "b"}}, Edges: []graph.Edge{{From: "a", To: "b"}}}
	if err := PNG(ctx, &bytes.Buffer{}, v); !errors.Is(err, context.Canceled) {
		t.Errorf("PNG(cancelled) = %v; want context.Canceled", err)
	}
}
