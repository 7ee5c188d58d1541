package digest

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/graph"
)

// RoleView returns the role graph of the blockers open at the end of d's period.
func (d *Digest) RoleView() graph.View {
	v := graph.RoleView(d.At(), d.Open(), d.roles)
	v.Since = d.Period.From
	return v
}

// PersonView returns the person graph of the blockers open at the end of d's period.
func (d *Digest) PersonView() graph.View {
	v := graph.PersonView(d.At(), d.Open(), d.People, d.roles)
	v.Since = d.Period.From
	return v
}

// caption returns the title of a picture of v: which graph, and when.
// "Role graph: blockers open at the end of 2026-11-20 (the period 2026-11-14 to 2026-11-20)".
func caption(v graph.View) string {
	s := "Graph: blockers open"
	if v.Level != "" {
		s = strings.ToUpper(v.Level[:1]) + v.Level[1:] + " graph: blockers open"
	}
	if !v.At.IsZero() {
		s += " " + whenText(v.At)
		if !v.Since.IsZero() && v.Since.Before(v.At) {
			s += fmt.Sprintf(" (the period %s to %s)", v.Since.Format(time.DateOnly), lastDay(v.At).Format(time.DateOnly))
		}
	}
	return s
}

// whenText says when a snapshot was taken: "at the end of 2026-11-20" for a
// midnight (the end of an as-of day), else "at 2026-11-20 15:04 UTC".
func whenText(at time.Time) string {
	if h, m, s := at.Clock(); h == 0 && m == 0 && s == 0 && at.Nanosecond() == 0 {
		return "at the end of " + lastDay(at).Format(time.DateOnly)
	}
	return "at " + at.Format("2006-01-02 15:04 MST")
}

// lastDay returns the day a snapshot closes: the day before a midnight, else its own.
func lastDay(at time.Time) time.Time { return at.Add(-time.Nanosecond) }

// legend explains a picture of v, one line each: what red means, what an arrow's
// label says, and what a node's count is.
func legend(v graph.View) []string {
	lines := []string{
		"Red arrows are part of a loop: waiting that comes back round to where it started.",
		`"2 blockers, 4d" on an arrow: 2 open blockers, the oldest open for 4 days.`,
	}
	if v.Level == graph.LevelRole {
		lines = append(lines, `"5 blockers on it, 3 within": open blockers waiting on the role (the Roles table's "blockers on it"),`,
			"3 of them by its own people; those and the ones by people of unknown role draw no arrow.")
	} else {
		lines = append(lines, `"5 blockers on it": open blockers waiting on the person, role, team or thing.`)
	}
	return lines
}

// The graph JSON contract of docs/DESIGN.md; every list is [] when empty, never null.
type jsonView struct {
	Level string     `json:"level"`
	Nodes []jsonNode `json:"nodes"`
	Edges []jsonEdge `json:"edges"`
}

type jsonNode struct {
	ID         string `json:"id"`
	Kind       string `json:"kind"`
	Role       string `json:"role"`
	Label      string `json:"label"`
	WaitingOn  int    `json:"waiting_on"`
	WaitedOnBy int    `json:"waited_on_by"`
}

type jsonEdge struct {
	From       string   `json:"from"`
	To         string   `json:"to"`
	Blockers   int      `json:"blockers"`
	OldestDays int      `json:"oldest_days"`
	Topics     []string `json:"topics"`
}

// GraphJSON writes v as the graph JSON of docs/DESIGN.md, indented, with a final newline.
func GraphJSON(w io.Writer, v graph.View) error {
	out := jsonView{Level: v.Level, Nodes: []jsonNode{}, Edges: []jsonEdge{}}
	for _, n := range v.Nodes {
		out.Nodes = append(out.Nodes, jsonNode{ID: n.ID, Kind: n.Kind, Role: string(n.Role), Label: n.Label,
			WaitingOn: n.WaitingOn, WaitedOnBy: n.WaitedOnBy})
	}
	for _, e := range v.Edges {
		out.Edges = append(out.Edges, jsonEdge{
			From: e.From, To: e.To, Blockers: e.Blockers, OldestDays: days(e.Oldest), Topics: nonNil(e.Topics),
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// DOT writes v as a Graphviz digraph: quoted IDs, nodes labelled with their name, role
// and the blockers on them (Node.WaitedOnBy), edges with their blocker count and oldest
// age. Edges on a loop are red and bold. The graph's label is its caption (which graph,
// and when) and a legend.
func DOT(w io.Writer, v graph.View) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	p("digraph unblock {\n")
	// \l ends a left-justified line of the label.
	label := `"` + dotLabelEscaper.Replace(caption(v)) + `\l`
	for _, line := range legend(v) {
		label += dotLabelEscaper.Replace(line) + `\l`
	}
	label += `"`
	p("  graph [rankdir=LR, fontname=\"Helvetica\", label=%s, labelloc=t, labeljust=l, fontsize=11];\n", label)
	p("  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f4f4f4\", fontname=\"Helvetica\"];\n")
	p("  edge [fontname=\"Helvetica\", fontsize=10, color=\"#666666\"];\n")
	for _, n := range v.Nodes {
		shape := ""
		if nodeEllipse(v, n) {
			shape = ", shape=ellipse"
		}
		p("  %s [label=%s%s];\n", dotQuote(n.ID), dotQuote(strings.Join(nodeLines(v, n), "\n")), shape)
	}
	onLoop := loopEdges(v)
	for i, e := range v.Edges {
		style := ""
		if onLoop[i] {
			style = ", color=\"#d62728\", fontcolor=\"#d62728\", penwidth=2.5, style=bold"
		}
		p("  %s -> %s [label=%s%s];\n", dotQuote(e.From), dotQuote(e.To), dotQuote(edgeLabel(e)), style)
	}
	p("}\n")
	return bw.Flush()
}

// onIt returns "5 blockers on it", and at the role level, when some are waits
// within the role (which draw no arrow), "5 blockers on it, 3 within".
func onIt(n graph.Node) string {
	s := unblock.Plural(n.WaitedOnBy, "blocker") + " on it"
	if n.Within > 0 {
		s += fmt.Sprintf(", %d within", n.Within)
	}
	return s
}

// edgeLabel returns "2 blockers, 6d".
func edgeLabel(e graph.Edge) string {
	return fmt.Sprintf("%s, %dd", unblock.Plural(e.Blockers, "blocker"), days(e.Oldest))
}

var dotEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)

// dotLabelEscaper escapes one line of a label written with explicit line ends.
var dotLabelEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", " ")

// dotQuote returns s as a quoted DOT string; a newline becomes a centred line break.
// Backslashes are doubled: in a label Graphviz draws "\\" as one backslash (and never
// reads "\N" as the node name); in an ID it keeps both, which is still one ID per name.
func dotQuote(s string) string { return `"` + dotEscaper.Replace(s) + `"` }

// Mermaid writes v as a Mermaid flowchart (flowchart LR) titled with its caption
// (front matter), with a legend as a note of its own. Node IDs are n0, n1, … so no
// name can break the syntax; labels are escaped with Mermaid's entity codes. Edges on a
// loop are drawn red and thick.
func Mermaid(w io.Writer, v graph.View) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	p("---\ntitle: \"%s\"\n---\n", strings.ReplaceAll(caption(v), `"`, `'`))
	p("flowchart LR\n")
	lines := legend(v)
	for i := range lines {
		lines[i] = mermaidEscape(lines[i])
	}
	p("  legend[\"%s\"]\n", strings.Join(lines, "<br/>"))
	p("  style legend fill:#ffffff,stroke:#999999,stroke-dasharray:4 3,text-align:left\n")
	ids := make(map[string]string, len(v.Nodes))
	for i, n := range v.Nodes {
		id := fmt.Sprintf("n%d", i)
		ids[n.ID] = id
		lines := nodeLines(v, n)
		for i := range lines {
			lines[i] = mermaidEscape(lines[i])
		}
		label := strings.Join(lines, "<br/>")
		if nodeEllipse(v, n) {
			p("  %s([\"%s\"])\n", id, label)
		} else {
			p("  %s[\"%s\"]\n", id, label)
		}
	}
	var red []string
	onLoop := loopEdges(v)
	for i, e := range v.Edges {
		from, to := ids[e.From], ids[e.To]
		if from == "" || to == "" {
			return fmt.Errorf("mermaid: edge %s -> %s names a node not in the graph", e.From, e.To)
		}
		p("  %s -->|\"%s\"| %s\n", from, mermaidEscape(edgeLabel(e)), to)
		if onLoop[i] {
			red = append(red, fmt.Sprint(i))
		}
	}
	if len(red) > 0 {
		p("  linkStyle %s stroke:#d62728,stroke-width:3px\n", strings.Join(red, ","))
	}
	return bw.Flush()
}

var mermaidEscaper = strings.NewReplacer(
	"#", "#35;", `"`, "#34;", "&", "#38;", "<", "#60;", ">", "#62;", "|", "#124;", "`", "#96;",
)

// mermaidEscape makes s safe inside a quoted Mermaid label: no quote, tag, pipe or
// markdown backtick survives.
func mermaidEscape(s string) string { return mermaidEscaper.Replace(clean(s)) }

// loopEdges reports for each edge of v whether it lies on a loop: its ends are distinct
// and in the same strongly connected component (Tarjan's algorithm, iterative).
func loopEdges(v graph.View) []bool {
	index := make(map[string]int, len(v.Nodes))
	node := func(id string) int {
		i, ok := index[id]
		if !ok {
			i = len(index)
			index[id] = i
		}
		return i
	}
	for _, n := range v.Nodes {
		node(n.ID)
	}
	type arc struct{ from, to int }
	arcs := make([]arc, len(v.Edges))
	for i, e := range v.Edges {
		arcs[i] = arc{node(e.From), node(e.To)}
	}
	n := len(index)
	// Adjacency in compressed form: the successors of u are adj[start[u]:start[u+1]].
	start := make([]int, n+1)
	for _, a := range arcs {
		start[a.from+1]++
	}
	for u := range n {
		start[u+1] += start[u]
	}
	adj := make([]int, len(arcs))
	fill := append([]int(nil), start[:n]...)
	for _, a := range arcs {
		adj[fill[a.from]] = a.to
		fill[a.from]++
	}

	const unseen = -1
	order, low, comp := make([]int, n), make([]int, n), make([]int, n)
	onStack := make([]bool, n)
	for u := range n {
		order[u], comp[u] = unseen, unseen
	}
	var stack []int
	type frame struct{ u, next int }
	var calls []frame
	counter, comps := 0, 0
	for root := range n {
		if order[root] != unseen {
			continue
		}
		calls = append(calls, frame{root, start[root]})
		order[root], low[root] = counter, counter
		counter++
		stack = append(stack, root)
		onStack[root] = true
		for len(calls) > 0 {
			f := &calls[len(calls)-1]
			u := f.u
			if f.next < start[u+1] {
				w := adj[f.next]
				f.next++
				switch {
				case order[w] == unseen:
					order[w], low[w] = counter, counter
					counter++
					stack = append(stack, w)
					onStack[w] = true
					calls = append(calls, frame{w, start[w]})
				case onStack[w]:
					low[u] = min(low[u], order[w])
				}
				continue
			}
			if low[u] == order[u] {
				for {
					w := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					onStack[w] = false
					comp[w] = comps
					if w == u {
						break
					}
				}
				comps++
			}
			calls = calls[:len(calls)-1]
			if len(calls) > 0 {
				parent := calls[len(calls)-1].u
				low[parent] = min(low[parent], low[u])
			}
		}
	}
	out := make([]bool, len(arcs))
	for i, a := range arcs {
		out[i] = a.from != a.to && comp[a.from] == comp[a.to]
	}
	return out
}
