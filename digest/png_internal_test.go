package digest

import (
	"bytes"
	"context"
	"image/png"
	"testing"
)

// TestRenderPNGDrawsStrokes guards the fix in pngEngine: unfilled node outlines and a
// straight edge are drawn as lines. Without it only the arrowhead shows.
func TestRenderPNGDrawsStrokes(t *testing.T) {
	tests := []struct {
		dot     string
		atLeast int // dark pixels
	}{
		// Two empty boxes (outlines about 2 x 200 px) and a 70 px edge.
		{`digraph { node [shape=box, label=""]; a -> b }`, 400},
		// Filled and rounded: the fill must not hide the outline.
		{`digraph { node [shape=box, style="rounded,filled", fillcolor=white, label=""]; a -> b }`, 400},
		{`digraph { node [shape=ellipse, label=""]; a -> b }`, 300},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		if err := renderPNG(context.Background(), &buf, []byte(tt.dot)); err != nil {
			t.Fatalf("renderPNG(%q): %v", tt.dot, err)
		}
		img, err := png.Decode(&buf)
		if err != nil {
			t.Fatal(err)
		}
		dark := 0
		b := img.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				if r, g, bl, _ := img.At(x, y).RGBA(); r>>8 < 128 && g>>8 < 128 && bl>>8 < 128 {
					dark++
				}
			}
		}
		t.Logf("%q: %d dark pixels", tt.dot, dark)
		if dark < tt.atLeast {
			t.Errorf("renderPNG(%q) has %d dark pixels; want at least %d: outlines or edge missing", tt.dot, dark, tt.atLeast)
		}
	}
}
