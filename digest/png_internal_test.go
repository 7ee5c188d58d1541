package digest

import (
	"bytes"
	"context"
	"image/png"
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
		img, err := drawGraph(context.Background(), v)
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
