package digest_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
)

// dotGraph is what parseDOT reads of a DOT digraph: its node IDs, in order of first
// use, and its edges.
type dotGraph struct {
	nodes []string
	edges [][2]string
}

// parseDOT reads src with the DOT language's grammar (the subset DOT writes: attribute
// statements, node statements, edge chains, attribute lists) and its quoting rules as
// Graphviz's scanner applies them: in a quoted string \" is a quote, \\ stays as both
// backslashes, and a backslash before a newline joins lines. It stands in for
// Graphviz in the tests, so that a label that breaks the syntax is caught.
func parseDOT(src string) (dotGraph, error) {
	toks, err := dotTokens(src)
	if err != nil {
		return dotGraph{}, err
	}
	var g dotGraph
	seen := map[string]bool{}
	node := func(id string) {
		if !seen[id] {
			seen[id] = true
			g.nodes = append(g.nodes, id)
		}
	}
	i := 0
	peek := func() dotToken {
		if i < len(toks) {
			return toks[i]
		}
		return dotToken{}
	}
	expect := func(want string) error {
		if t := peek(); t.punct != want {
			return fmt.Errorf("token %d: got %+v, want %q", i, t, want)
		}
		i++
		return nil
	}
	id := func() (string, error) {
		t := peek()
		if !t.isID {
			return "", fmt.Errorf("token %d: got %+v, want an ID", i, t)
		}
		i++
		return t.text, nil
	}
	attrs := func() error {
		for peek().punct == "[" {
			i++
			for peek().punct != "]" {
				if _, err := id(); err != nil {
					return err
				}
				if err := expect("="); err != nil {
					return err
				}
				if _, err := id(); err != nil {
					return err
				}
				if p := peek().punct; p == "," || p == ";" {
					i++
				}
			}
			i++
		}
		return nil
	}
	if t, err := id(); err != nil || strings.ToLower(t) != "digraph" {
		return g, fmt.Errorf("want digraph, got %q (%v)", t, err)
	}
	if peek().isID {
		i++
	}
	if err := expect("{"); err != nil {
		return g, err
	}
	for peek().punct != "}" {
		if i >= len(toks) {
			return g, fmt.Errorf("unterminated graph")
		}
		first, err := id()
		if err != nil {
			return g, err
		}
		switch {
		case !toks[i-1].quoted && (strings.EqualFold(first, "graph") || strings.EqualFold(first, "node") || strings.EqualFold(first, "edge")):
			if err := attrs(); err != nil {
				return g, err
			}
		case peek().punct == "=":
			i++
			if _, err := id(); err != nil {
				return g, err
			}
		default:
			node(first)
			from := first
			for peek().punct == "->" {
				i++
				to, err := id()
				if err != nil {
					return g, err
				}
				node(to)
				g.edges = append(g.edges, [2]string{from, to})
				from = to
			}
			if err := attrs(); err != nil {
				return g, err
			}
		}
		if peek().punct == ";" {
			i++
		}
	}
	if i+1 != len(toks) {
		return g, fmt.Errorf("%d tokens after the graph", len(toks)-i-1)
	}
	return g, nil
}

type dotToken struct {
	punct        string // { } [ ] = ; , ->
	text         string // an ID's value
	isID, quoted bool
}

func dotTokens(src string) ([]dotToken, error) {
	var toks []dotToken
	r := []rune(src)
	for i := 0; i < len(r); {
		c := r[i]
		switch {
		case unicode.IsSpace(c):
			i++
		case strings.ContainsRune("{}[]=;,", c):
			toks = append(toks, dotToken{punct: string(c)})
			i++
		case c == '-' && i+1 < len(r) && r[i+1] == '>':
			toks = append(toks, dotToken{punct: "->"})
			i += 2
		case c == '"':
			var b strings.Builder
			i++
			for {
				if i >= len(r) {
					return nil, fmt.Errorf("unterminated quoted string")
				}
				if r[i] == '"' {
					i++
					break
				}
				if r[i] == '\\' && i+1 < len(r) {
					switch r[i+1] {
					case '"':
						b.WriteRune('"')
						i += 2
						continue
					case '\\':
						b.WriteString(`\\`)
						i += 2
						continue
					case '\n':
						i += 2
						continue
					}
				}
				b.WriteRune(r[i])
				i++
			}
			toks = append(toks, dotToken{text: b.String(), isID: true, quoted: true})
		case c == '_' || unicode.IsLetter(c) || unicode.IsDigit(c) || c == '.':
			j := i
			for j < len(r) && (r[j] == '_' || unicode.IsLetter(r[j]) || unicode.IsDigit(r[j]) || r[j] == '.') {
				j++
			}
			toks = append(toks, dotToken{text: string(r[i:j]), isID: true})
			i = j
		default:
			return nil, fmt.Errorf("unexpected %q at rune %d", c, i)
		}
	}
	return toks, nil
}

// TestParseDOTRejects checks the stand-in catches what an unescaped label breaks.
func TestParseDOTRejects(t *testing.T) {
	for _, src := range []string{
		`digraph { "a" -> "b [label="x"]; }`,      // a quote not escaped
		`digraph { "a\" -> "b"; }`,                // an escaped closing quote
		`digraph { a -> b [label="x" }`,           // an unclosed attribute list
		`digraph { a -> ; }`,                      // an edge without its end
		"digraph { a [label=\"x\ny\"]; } extra }", // tokens after the graph
	} {
		if g, err := parseDOT(src); err == nil {
			t.Errorf("parseDOT(%q) = %+v; want an error", src, g)
		}
	}
	g, err := parseDOT(`digraph x { graph [a=b]; "a\\" -> "b\"c" -> d [label="1, 2"]; }`)
	if err != nil || len(g.nodes) != 3 || len(g.edges) != 2 || g.nodes[0] != `a\\` || g.nodes[1] != `b"c` {
		t.Errorf("parseDOT = %+v, %v; want nodes a\\\\, b\"c, d and two edges", g, err)
	}
}
