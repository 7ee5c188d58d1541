package digest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"sync"

	"github.com/goccy/go-graphviz"
	"github.com/goccy/go-graphviz/gvc"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/graph"
)

// MaxPNGNodes bounds the graphs PNG draws: beyond it a drawing is unreadable and slow;
// use DOT or JSON instead.
const MaxPNGNodes = 500

// graphvizMu serialises go-graphviz, which runs one shared WebAssembly instance.
var graphvizMu sync.Mutex

// PNG draws v with Graphviz (the DOT of DOT, laid out by dot) and writes a PNG image.
// A graph of more than MaxPNGNodes nodes is an EINVALID error.
func PNG(ctx context.Context, w io.Writer, v graph.View) error {
	if len(v.Nodes) > MaxPNGNodes {
		return unblock.Errorf(unblock.EINVALID, "graph has %d nodes, too many to draw (at most %d): use dot or json",
			len(v.Nodes), MaxPNGNodes)
	}
	var dot bytes.Buffer
	if err := DOT(&dot, v); err != nil {
		return err
	}
	return renderPNG(ctx, w, dot.Bytes())
}

// renderPNG lays out a DOT graph with dot and writes it as a PNG image.
func renderPNG(ctx context.Context, w io.Writer, dot []byte) error {
	graphvizMu.Lock()
	defer graphvizMu.Unlock()
	gv, err := newGraphviz(ctx)
	if err != nil {
		return fmt.Errorf("graphviz: %w", err)
	}
	defer gv.Close()
	g, err := graphviz.ParseBytes(dot)
	if err != nil {
		return fmt.Errorf("graphviz parse: %w", err)
	}
	defer g.Close()
	if err := gv.Render(ctx, g, graphviz.PNG, w); err != nil {
		return fmt.Errorf("graphviz render: %w", err)
	}
	return nil
}

// RolePNG returns the role graph of d as a PNG image, for the weekly digest message.
func RolePNG(ctx context.Context, d *Digest) ([]byte, error) {
	var buf bytes.Buffer
	if err := PNG(ctx, &buf, d.RoleView()); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// newGraphviz returns Graphviz with a PNG renderer that draws what Graphviz asks.
//
// go-graphviz v0.2.10 passes filled=true to its Go renderer for every shape, so edges
// came out as filled wedges or not at all, and node outlines were never stroked.
// pngEngine restores Graphviz's meaning: an edge's curve is stroked, its arrowhead
// filled; a node's shape is filled when its style says so, and always outlined.
func newGraphviz(ctx context.Context) (*graphviz.Graphviz, error) {
	base, err := gvc.PNGRenderPlugin(ctx)
	if err != nil {
		return nil, err
	}
	render, err := gvc.NewRenderPlugin(ctx, "png", pngEngine{base.RenderEngine()})
	if err != nil {
		return nil, err
	}
	device, err := gvc.PNGDevicePlugin(ctx)
	if err != nil {
		return nil, err
	}
	return graphviz.NewWithPlugins(ctx, render, device)
}

type pngEngine struct{ gvc.RenderEngine }

// shape draws one shape of the current object: filled (in the fill colour) when it
// should be, then outlined (in the pen colour) unless it is an edge's arrowhead.
func (e pngEngine) shape(job *gvc.Job, draw func(filled bool) error) error {
	o := job.Object()
	switch o.Type() {
	case gvc.EdgeObjectType:
		return nil // handled by the callers: curves stroke, arrowheads fill
	case gvc.NodeObjectType, gvc.ClusterObjectType:
		if o.Fill() != gvc.FillNone {
			if err := draw(true); err != nil {
				return err
			}
		}
		if o.Pen() == gvc.PenNone {
			return nil
		}
		return draw(false)
	}
	return draw(true) // the page background
}

func (e pngEngine) Ellipse(ctx context.Context, job *gvc.Job, p []*gvc.PointFloat, _ bool) error {
	if job.Object().Type() == gvc.EdgeObjectType { // an arrowhead such as "dot"
		return e.RenderEngine.Ellipse(ctx, job, p, true)
	}
	return e.shape(job, func(filled bool) error { return e.RenderEngine.Ellipse(ctx, job, p, filled) })
}

func (e pngEngine) Polygon(ctx context.Context, job *gvc.Job, p []*gvc.PointFloat, _ bool) error {
	if job.Object().Type() == gvc.EdgeObjectType { // an arrowhead
		return e.RenderEngine.Polygon(ctx, job, p, true)
	}
	return e.shape(job, func(filled bool) error { return e.RenderEngine.Polygon(ctx, job, p, filled) })
}

func (e pngEngine) BezierCurve(ctx context.Context, job *gvc.Job, p []*gvc.PointFloat, _ bool) error {
	if job.Object().Type() == gvc.EdgeObjectType { // an edge's curve
		return e.RenderEngine.BezierCurve(ctx, job, p, false)
	}
	return e.shape(job, func(filled bool) error { return e.RenderEngine.BezierCurve(ctx, job, p, filled) })
}
