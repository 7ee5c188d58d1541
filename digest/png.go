package digest

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"
	"slices"
	"sync"
	"time"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/graph"
)

// The canvas is bounded whatever the graph: a picture that would be larger is drawn
// smaller (text and all), so memory stays under about 4 bytes × maxPNGPixels.
const (
	maxPNGSide   = 8000
	maxPNGPixels = 12_000_000
	pngScale     = 1.5 // pixels per point: crisp when Slack shows it at its own width
	pngDeadline  = time.Minute
)

// PNG draws v as a PNG image: what DOT writes (the same nodes, labels, arrows, loop
// colours, caption and legend), laid out left to right in columns as Graphviz's dot
// would, and drawn in pure Go. Past MaxPNGNodes nodes or MaxPNGEdges arrows it draws
// the loops and the longest chains and says what it left out (focus). Time and memory
// are bounded by those and by the canvas (maxPNGSide, maxPNGPixels); drawing stops
// when ctx is done, and after pngDeadline.
func PNG(ctx context.Context, w io.Writer, v graph.View) error {
	ctx, cancel := context.WithTimeout(ctx, pngDeadline)
	defer cancel()
	v, note := focus(v)
	img, err := drawGraph(ctx, v, note)
	if err != nil {
		return err
	}
	return png.Encode(w, img)
}

// RolePNG returns the role graph of d as a PNG image, for the weekly digest message.
func RolePNG(ctx context.Context, d *Digest) ([]byte, error) {
	var buf bytes.Buffer
	if err := PNG(ctx, &buf, d.RoleView()); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// goRegular is the Go font (golang.org/x/image/font/gofont), parsed on first use so
// no command pays for it unless it draws.
var goRegular = sync.OnceValues(func() (*opentype.Font, error) { return opentype.Parse(goregular.TTF) })

var (
	colWhite    = color.RGBA{0xff, 0xff, 0xff, 0xff}
	colBlack    = color.RGBA{0x00, 0x00, 0x00, 0xff}
	colNodeFill = color.RGBA{0xf4, 0xf4, 0xf4, 0xff} // DOT's fillcolor
	colEdge     = color.RGBA{0x66, 0x66, 0x66, 0xff} // DOT's edge color
	colLoop     = color.RGBA{0xd6, 0x27, 0x28, 0xff} // DOT's loop color
)

// picture is a graph laid out on a canvas of w × h pixels.
type picture struct {
	s                         float64 // pixels per point
	nodeFace, edgeFace, title font.Face
	w, h                      int
	titleLines                []string
	boxes                     []nodeBox
	edges                     []edgePath
}

type nodeBox struct {
	x, y, w, h float64 // top left corner and size
	lines      []string
	ellipse    bool
}

type edgePath struct {
	curves  [][4]point // cubic Bézier curves, end to end
	label   string
	at      point // the label's centre
	loop    bool
	skipped bool // names a node not in the graph
}

type point struct{ x, y float64 }

// drawGraph lays v out and draws it, shrinking the picture until it fits the bounds.
func drawGraph(ctx context.Context, v graph.View, note string) (*image.RGBA, error) {
	f, err := goRegular()
	if err != nil {
		return nil, fmt.Errorf("png: font: %w", err)
	}
	cols, ends := layers(v)
	onLoop := loopEdges(v)
	s := pngScale
	var pic *picture
	for range 4 {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if pic, err = plan(f, s, v, note, cols, ends, onLoop); err != nil {
			return nil, err
		}
		fit := min(maxPNGSide/float64(pic.w), maxPNGSide/float64(pic.h), math.Sqrt(maxPNGPixels/float64(pic.w*pic.h)))
		if fit >= 1 {
			break
		}
		s *= fit * 0.97
	}
	pic.w, pic.h = min(pic.w, maxPNGSide), min(pic.h, maxPNGSide)
	return pic.draw(ctx)
}

// plan places the title, the nodes and the edges at s pixels per point.
func plan(f *opentype.Font, s float64, v graph.View, note string, cols [][]int, ends [][2]int, onLoop []bool) (*picture, error) {
	face := func(pt float64) (font.Face, error) {
		return opentype.NewFace(f, &opentype.FaceOptions{Size: pt * s, DPI: 72, Hinting: font.HintingFull})
	}
	pic := &picture{s: s}
	var err error
	if pic.nodeFace, err = face(14); err != nil {
		return nil, err
	}
	if pic.edgeFace, err = face(12); err != nil {
		return nil, err
	}
	if pic.title, err = face(13); err != nil {
		return nil, err
	}
	margin := 24 * s
	pic.titleLines = append([]string{caption(v)}, legend(v)...)
	if note != "" {
		pic.titleLines = append(pic.titleLines, note)
	}
	titleW := 0.0
	for _, line := range pic.titleLines {
		titleW = max(titleW, textWidth(pic.title, line))
	}
	titleH := float64(len(pic.titleLines))*lineHeight(pic.title) + 16*s

	// Boxes sized to their text.
	pic.boxes = make([]nodeBox, len(v.Nodes))
	nh := lineHeight(pic.nodeFace)
	for i, n := range v.Nodes {
		b := nodeBox{lines: nodeLines(v, n), ellipse: nodeEllipse(v, n)}
		for _, line := range b.lines {
			b.w = max(b.w, textWidth(pic.nodeFace, line))
		}
		b.w = max(b.w+20*s, 54*s)
		b.h = max(float64(len(b.lines))*nh+12*s, 36*s)
		if b.ellipse { // the text sits inside the ellipse
			b.w *= 1.3
			b.h *= 1.3
		}
		pic.boxes[i] = b
	}
	labelW := 0.0
	for _, e := range v.Edges {
		labelW = max(labelW, textWidth(pic.edgeFace, edgeLabel(e)))
	}
	gap := labelW + 60*s // room between columns for an arrow and its label
	vgap := 28 * s

	// Columns left to right, each centred on the tallest.
	colW := make([]float64, len(cols))
	colH := make([]float64, len(cols))
	graphH := 0.0
	for c, col := range cols {
		for k, u := range col {
			colW[c] = max(colW[c], pic.boxes[u].w)
			colH[c] += pic.boxes[u].h
			if k > 0 {
				colH[c] += vgap
			}
		}
		graphH = max(graphH, colH[c])
	}
	loopRoom := 60 * s // back edges swing out beyond the first and last columns
	x := margin + loopRoom
	top := margin + titleH
	for c, col := range cols {
		y := top + (graphH-colH[c])/2
		for _, u := range col {
			b := &pic.boxes[u]
			b.x, b.y = x+(colW[c]-b.w)/2, y
			y += b.h + vgap
		}
		x += colW[c] + gap
	}
	graphW := x - gap + loopRoom - margin
	if len(cols) == 0 {
		graphW = 0
	}
	pic.w = int(math.Ceil(max(graphW, titleW) + 2*margin))
	pic.h = int(math.Ceil(top + graphH + loopRoom/2 + margin))

	// Ports: a node's arrows leave its right side and enter its left side, spread
	// along it in the order of the nodes at their other ends, so they do not cross there.
	pic.edges = make([]edgePath, len(v.Edges))
	out := make([][]int, len(v.Nodes))
	in := make([][]int, len(v.Nodes))
	for i, e := range v.Edges {
		pic.edges[i] = edgePath{label: edgeLabel(e), loop: onLoop[i]}
		a := ends[i]
		if a[0] < 0 {
			pic.edges[i].skipped = true
			continue
		}
		if a[0] == a[1] {
			b := pic.boxes[a[0]]
			r, yc := b.x+b.w, b.y+b.h/2
			curve := [4]point{{r, yc - b.h/4}, {r + 50*s, yc - b.h}, {r + 50*s, yc + b.h}, {r, yc + b.h/4}}
			pic.edges[i].curves = [][4]point{curve}
			at := bezier(curve, 0.5)
			pic.edges[i].at = point{at.x + textWidth(pic.edgeFace, pic.edges[i].label)/2 + 4*s, at.y}
			continue
		}
		out[a[0]] = append(out[a[0]], i)
		in[a[1]] = append(in[a[1]], i)
	}
	laneOut := 20 * s // how far an arrow routed by a lane runs out from its node
	midY := func(u int) float64 { return pic.boxes[u].y + pic.boxes[u].h/2 }
	port := func(u int, list []int, other func(int) int) []float64 {
		slices.SortStableFunc(list, func(a, b int) int { return cmpFloat(midY(other(a)), midY(other(b))) })
		ys := make([]float64, len(list))
		b := pic.boxes[u]
		for k := range list {
			ys[k] = b.y + b.h*float64(k+1)/float64(len(list)+1)
		}
		return ys
	}
	srcY := make([]float64, len(v.Edges))
	dstY := make([]float64, len(v.Edges))
	for u := range v.Nodes {
		for k, y := range port(u, out[u], func(i int) int { return ends[i][1] }) {
			srcY[out[u][k]] = y
		}
		for k, y := range port(u, in[u], func(i int) int { return ends[i][0] }) {
			dstY[in[u][k]] = y
		}
	}
	// An arrow to the next column, or one further that no box stands in the way of,
	// is one curve. Any other (back, within a column, or past boxes) leaves its node,
	// runs along a lane above or below the columns, and comes back: lanes are shared by
	// arrows whose runs do not overlap (interval packing, O(E log E)).
	colOf := make([]int, len(v.Nodes))
	for c, col := range cols {
		for _, u := range col {
			colOf[u] = c
		}
	}
	graphTop, graphBot := top, top+graphH
	mid := (graphTop + graphBot) / 2
	blocked := func(c0, c1 int, p0, p3 point) bool {
		for c := c0 + 1; c < c1; c++ {
			for _, u := range cols[c] {
				b := pic.boxes[u]
				t := (b.x + b.w/2 - p0.x) / (p3.x - p0.x)
				y := p0.y + t*(p3.y-p0.y)
				if y > b.y-vgap/2 && y < b.y+b.h+vgap/2 {
					return true
				}
			}
		}
		return false
	}
	type run struct {
		edge   int
		x0, x1 float64
		above  bool
	}
	var runs []run
	p0s := make([]point, len(v.Edges))
	p3s := make([]point, len(v.Edges))
	for i := range v.Edges {
		a := ends[i]
		if a[0] < 0 || a[0] == a[1] {
			continue
		}
		from, to := pic.boxes[a[0]], pic.boxes[a[1]]
		p0 := point{from.x + from.w, srcY[i]}
		p3 := point{to.x, dstY[i]}
		if from.ellipse {
			p0.x -= from.w * 0.1
		}
		if to.ellipse {
			p3.x += to.w * 0.1
		}
		p0s[i], p3s[i] = p0, p3
		c0, c1 := colOf[a[0]], colOf[a[1]]
		if c1 == c0+1 || (c1 > c0+1 && !blocked(c0, c1, p0, p3)) {
			d := max(40*s, (p3.x-p0.x)/2)
			pic.edges[i].curves = [][4]point{{p0, {p0.x + d, p0.y}, {p3.x - d, p3.y}, p3}}
			pic.edges[i].at = bezier(pic.edges[i].curves[0], 0.5)
			continue
		}
		x0, x1 := p0.x+laneOut, p3.x-laneOut
		runs = append(runs, run{i, min(x0, x1), max(x0, x1), (p0.y+p3.y)/2 < mid})
	}
	slices.SortFunc(runs, func(a, b run) int { return cmpFloat(a.x0, b.x0) })
	laneGap := lineHeight(pic.edgeFace) + 6*s
	var laneEnds [2][]float64 // per side, the right end of each lane's last run
	lanes := make([]int, len(runs))
	for k, r := range runs {
		side := 0
		if r.above {
			side = 1
		}
		lane := -1
		for l, end := range laneEnds[side] { // first fit: lanes are few
			if end+laneGap < r.x0 {
				lane = l
				break
			}
		}
		if lane < 0 {
			lane = len(laneEnds[side])
			laneEnds[side] = append(laneEnds[side], 0)
		}
		laneEnds[side][lane] = r.x1
		lanes[k] = lane
	}
	shift := float64(len(laneEnds[1])) * laneGap // room for the lanes above
	for k, r := range runs {
		y := graphBot + float64(lanes[k]+1)*laneGap
		if r.above {
			y = graphTop - float64(lanes[k]+1)*laneGap
		}
		p0, p3 := p0s[r.edge], p3s[r.edge]
		x0, x1 := p0.x+laneOut, p3.x-laneOut
		pic.edges[r.edge].curves = rounded([]point{p0, {x0, p0.y}, {x0, y}, {x1, y}, {x1, p3.y}, p3}, 8*s)
		pic.edges[r.edge].at = point{(x0 + x1) / 2, y}
	}
	for i := range pic.boxes {
		pic.boxes[i].y += shift
	}
	for i := range pic.edges {
		e := &pic.edges[i]
		e.at.y += shift
		for k := range e.curves {
			for j := range e.curves[k] {
				e.curves[k][j].y += shift
			}
		}
	}
	pic.h += int(math.Ceil(float64(len(laneEnds[0])+len(laneEnds[1])) * laneGap))
	return pic, nil
}

// nodeLines returns the lines of a node's label: its name, its role (for a person of
// known role) and the blockers on it. DOT and Mermaid write the same lines.
func nodeLines(v graph.View, n graph.Node) []string {
	lines := []string{clean(n.Label)}
	if n.Kind == string(unblock.TargetPerson) && n.Role != unblock.RoleUnknown {
		lines = append(lines, string(n.Role))
	}
	if n.WaitedOnBy > 0 {
		lines = append(lines, onIt(n))
	}
	return lines
}

// nodeEllipse reports whether a node is drawn as an ellipse: a target that is not a
// person, in a person graph.
func nodeEllipse(v graph.View, n graph.Node) bool {
	return n.Kind != string(unblock.TargetPerson) && v.Level != graph.LevelRole
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func textWidth(f font.Face, s string) float64 { return float64(font.MeasureString(f, s)) / 64 }

func lineHeight(f font.Face) float64 { return float64(f.Metrics().Height) / 64 }

// draw paints the picture: edges, then nodes over them, then edge labels over both.
func (pic *picture) draw(ctx context.Context) (*image.RGBA, error) {
	img := image.NewRGBA(image.Rect(0, 0, pic.w, pic.h))
	draw.Draw(img, img.Bounds(), image.NewUniform(colWhite), image.Point{}, draw.Src)
	s := pic.s
	margin := 24 * s

	y := margin + float64(pic.title.Metrics().Ascent)/64
	for _, line := range pic.titleLines {
		text(img, pic.title, colBlack, margin, y, line)
		y += lineHeight(pic.title)
	}
	for _, e := range pic.edges {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if e.skipped {
			continue
		}
		c, w := colEdge, 1.2*s
		if e.loop {
			c, w = colLoop, 2.5*s
		}
		arrow := 10 * s
		// End the last curve at the arrowhead's base, then fill the head.
		last := e.curves[len(e.curves)-1]
		tip, dir := last[3], unit(last[2], last[3])
		if dir == (point{}) {
			dir = unit(last[0], last[3])
		}
		for _, q := range e.curves[:len(e.curves)-1] {
			strokeCubic(img, q, w, c)
		}
		q := last
		q[3] = point{tip.x - dir.x*arrow, tip.y - dir.y*arrow}
		q[2] = point{q[2].x - dir.x*arrow, q[2].y - dir.y*arrow}
		strokeCubic(img, q, w, c)
		half := 4 * s
		if e.loop {
			half = 5 * s
		}
		base := q[3]
		fillConvex(img, []point{tip, {base.x - dir.y*half, base.y + dir.x*half}, {base.x + dir.y*half, base.y - dir.x*half}}, c)
	}
	for _, b := range pic.boxes {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if b.ellipse {
			ellipse(img, b, s)
		} else {
			roundRect(img, b, 6*s, s)
		}
		lh := lineHeight(pic.nodeFace)
		ty := b.y + (b.h-lh*float64(len(b.lines)))/2 + float64(pic.nodeFace.Metrics().Ascent)/64
		for _, line := range b.lines {
			text(img, pic.nodeFace, colBlack, b.x+(b.w-textWidth(pic.nodeFace, line))/2, ty, line)
			ty += lh
		}
	}
	ascent := float64(pic.edgeFace.Metrics().Ascent) / 64
	lh := lineHeight(pic.edgeFace)
	for _, e := range pic.edges {
		if e.skipped {
			continue
		}
		m := e.at
		w := textWidth(pic.edgeFace, e.label)
		x, y := m.x-w/2, m.y-lh/2
		// A white halo keeps the label legible over the lines it crosses.
		fillRect(img, x-2*s, y, x+w+2*s, y+lh, colWhite, 0.85)
		c := colBlack
		if e.loop {
			c = colLoop
		}
		text(img, pic.edgeFace, c, x, y+ascent, e.label)
	}
	return img, nil
}

func text(img *image.RGBA, f font.Face, c color.RGBA, x, y float64, s string) {
	d := font.Drawer{Dst: img, Src: image.NewUniform(c), Face: f, Dot: fixed.Point26_6{X: fixed.Int26_6(x * 64), Y: fixed.Int26_6(y * 64)}}
	d.DrawString(s)
}

func bezier(p [4]point, t float64) point {
	u := 1 - t
	a, b, c, d := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
	return point{a*p[0].x + b*p[1].x + c*p[2].x + d*p[3].x, a*p[0].y + b*p[1].y + c*p[2].y + d*p[3].y}
}

// rounded returns the polyline pts as curves: straight runs joined by corners of
// radius r (less where a run is short).
func rounded(pts []point, r float64) [][4]point {
	line := func(a, b point) [4]point {
		return [4]point{a, {a.x + (b.x-a.x)/3, a.y + (b.y-a.y)/3}, {a.x + 2*(b.x-a.x)/3, a.y + 2*(b.y-a.y)/3}, b}
	}
	var out [][4]point
	from := pts[0]
	for k := 1; k < len(pts)-1; k++ {
		v, prev, next := pts[k], pts[k-1], pts[k+1]
		rin := min(r, math.Hypot(v.x-prev.x, v.y-prev.y)/2)
		rout := min(r, math.Hypot(next.x-v.x, next.y-v.y)/2)
		in, out2 := unit(v, prev), unit(v, next)
		a := point{v.x + in.x*rin, v.y + in.y*rin}
		b := point{v.x + out2.x*rout, v.y + out2.y*rout}
		out = append(out, line(from, a), [4]point{a, v, v, b})
		from = b
	}
	return append(out, line(from, pts[len(pts)-1]))
}

func unit(a, b point) point {
	dx, dy := b.x-a.x, b.y-a.y
	l := math.Hypot(dx, dy)
	if l == 0 {
		return point{}
	}
	return point{dx / l, dy / l}
}

// blend paints colour c over the pixel at (x, y) with coverage a in [0, 1].
func blend(img *image.RGBA, x, y int, c color.RGBA, a float64) {
	if a <= 0 {
		return
	}
	if a > 1 {
		a = 1
	}
	i := img.PixOffset(x, y)
	p := img.Pix[i : i+4 : i+4]
	p[0] = uint8(float64(p[0])*(1-a) + float64(c.R)*a + 0.5)
	p[1] = uint8(float64(p[1])*(1-a) + float64(c.G)*a + 0.5)
	p[2] = uint8(float64(p[2])*(1-a) + float64(c.B)*a + 0.5)
	p[3] = 0xff
}

// clip returns the pixel rectangle covering [x0, x1] × [y0, y1], within img.
func clip(img *image.RGBA, x0, y0, x1, y1 float64) image.Rectangle {
	r := image.Rect(int(math.Floor(x0)), int(math.Floor(y0)), int(math.Ceil(x1))+1, int(math.Ceil(y1))+1)
	return r.Intersect(img.Bounds())
}

// strokeCubic draws a Bézier curve w pixels wide, as short anti-aliased segments: the
// work is the curve's length times its width, never the canvas.
func strokeCubic(img *image.RGBA, p [4]point, w float64, c color.RGBA) {
	length := math.Hypot(p[1].x-p[0].x, p[1].y-p[0].y) + math.Hypot(p[2].x-p[1].x, p[2].y-p[1].y) +
		math.Hypot(p[3].x-p[2].x, p[3].y-p[2].y)
	n := min(max(int(length/6), 4), 400)
	prev := p[0]
	for k := 1; k <= n; k++ {
		next := bezier(p, float64(k)/float64(n))
		segment(img, prev, next, w, c, k == 1)
		prev = next
	}
}

// segment draws the segment a–b w pixels wide with a round cap at b (and at a when
// first): each pixel takes the coverage of its distance to the segment. Pixels the
// previous segment already covered (those nearer a than the segment's start) are
// skipped, so joints are not painted twice.
func segment(img *image.RGBA, a, b point, w float64, c color.RGBA, first bool) {
	r := w/2 + 1
	dx, dy := b.x-a.x, b.y-a.y
	l2 := dx*dx + dy*dy
	rect := clip(img, min(a.x, b.x)-r, min(a.y, b.y)-r, max(a.x, b.x)+r, max(a.y, b.y)+r)
	for y := rect.Min.Y; y < rect.Max.Y; y++ {
		for x := rect.Min.X; x < rect.Max.X; x++ {
			px, py := float64(x)+0.5-a.x, float64(y)+0.5-a.y
			t := 0.0
			if l2 > 0 {
				t = (px*dx + py*dy) / l2
			}
			if t < 0 && !first {
				continue
			}
			t = min(max(t, 0), 1)
			d := math.Hypot(px-t*dx, py-t*dy)
			blend(img, x, y, c, w/2+0.5-d)
		}
	}
}

// fillConvex fills a convex polygon, anti-aliased by the distance to its nearest edge.
func fillConvex(img *image.RGBA, pts []point, c color.RGBA) {
	x0, y0, x1, y1 := pts[0].x, pts[0].y, pts[0].x, pts[0].y
	area := 0.0
	for i, p := range pts {
		x0, y0, x1, y1 = min(x0, p.x), min(y0, p.y), max(x1, p.x), max(y1, p.y)
		q := pts[(i+1)%len(pts)]
		area += p.x*q.y - q.x*p.y
	}
	sign := 1.0
	if area < 0 {
		sign = -1
	}
	rect := clip(img, x0-1, y0-1, x1+1, y1+1)
	for y := rect.Min.Y; y < rect.Max.Y; y++ {
		for x := rect.Min.X; x < rect.Max.X; x++ {
			px, py := float64(x)+0.5, float64(y)+0.5
			d := math.Inf(-1) // signed distance: negative inside
			for i, p := range pts {
				q := pts[(i+1)%len(pts)]
				ex, ey := q.x-p.x, q.y-p.y
				l := math.Hypot(ex, ey)
				if l == 0 {
					continue
				}
				// Outward normal distance of the pixel from the edge's line.
				d = max(d, sign*((px-p.x)*ey-(py-p.y)*ex)/l)
			}
			blend(img, x, y, c, 0.5-d)
		}
	}
}

func fillRect(img *image.RGBA, x0, y0, x1, y1 float64, c color.RGBA, a float64) {
	rect := clip(img, x0, y0, x1-1, y1-1)
	for y := rect.Min.Y; y < rect.Max.Y; y++ {
		for x := rect.Min.X; x < rect.Max.X; x++ {
			blend(img, x, y, c, a)
		}
	}
}

// roundRect draws a node's box with corners of radius r: filled, then outlined.
func roundRect(img *image.RGBA, b nodeBox, r, s float64) {
	cx, cy := b.x+b.w/2, b.y+b.h/2
	hx, hy := b.w/2-r, b.h/2-r
	shape(img, b, s, func(px, py float64) float64 {
		qx, qy := math.Abs(px-cx)-hx, math.Abs(py-cy)-hy
		return math.Hypot(max(qx, 0), max(qy, 0)) + min(max(qx, qy), 0) - r
	})
}

// ellipse draws a node's ellipse: filled, then outlined.
func ellipse(img *image.RGBA, b nodeBox, s float64) {
	cx, cy := b.x+b.w/2, b.y+b.h/2
	a, bb := b.w/2, b.h/2
	shape(img, b, s, func(px, py float64) float64 {
		x, y := px-cx, py-cy
		k0 := math.Hypot(x/a, y/bb)
		k1 := math.Hypot(x/(a*a), y/(bb*bb))
		if k1 == 0 {
			return -min(a, bb)
		}
		return k0 * (k0 - 1) / k1 // a close estimate of the distance to the ellipse
	})
}

// shape fills a node's shape in the node colour and outlines it in black, given the
// signed distance to its boundary (negative inside).
func shape(img *image.RGBA, b nodeBox, s float64, dist func(px, py float64) float64) {
	lw := 1.2 * s
	rect := clip(img, b.x-lw, b.y-lw, b.x+b.w+lw, b.y+b.h+lw)
	for y := rect.Min.Y; y < rect.Max.Y; y++ {
		for x := rect.Min.X; x < rect.Max.X; x++ {
			d := dist(float64(x)+0.5, float64(y)+0.5)
			blend(img, x, y, colNodeFill, 0.5-d)
			blend(img, x, y, colBlack, lw/2+0.5-math.Abs(d))
		}
	}
}
