package parse

import "github.com/unblock-dev/unblock"

// Step is one decision Parse took: the rule that fired and the words it read.
type Step struct {
	Rule  string `json:"rule"`
	Words string `json:"words"`
}

// Explain parses text like Parse and also returns the trace: which rule fired
// on which words, in the order they fired. The final decisions that override
// what a rule found (a none in the Blockers answer, a dismissed phrase) are
// steps too.
func Explain(text string, lex *Lexicon) (unblock.Statement, []Step) {
	if lex == nil {
		lex = defaultLexicon()
	}
	p := parsers.Get().(*parser)
	p.tracing = true
	st := p.parse(text, lex, defaultModel())
	steps := append([]Step(nil), p.trace...)
	p.tracing = false
	p.lex, p.text = nil, ""
	p.groupScan.text = ""
	clear(p.targets)
	p.targets = p.targets[:0]
	clear(p.trace)
	p.trace = p.trace[:0]
	parsers.Put(p)
	return st, steps
}

// dismiss records that rule read toks[i:j] as no blocker of the author's (a
// distractor, the author's own next step, a wait given up): the rules decided,
// and the statement model does not read a wait or an arrival there.
func (p *parser) dismiss(rule string, i, j int) {
	p.dismissed = true
	p.note(rule, i, j)
}

// note records that rule fired (a feature of the statement model) and, when
// tracing, on which words toks[i:j].
func (p *parser) note(rule string, i, j int) {
	p.fired = append(p.fired, rule)
	if !p.tracing {
		return
	}
	words := ""
	if i >= 0 && i < j && j <= len(p.toks) {
		words = p.span(i, j)
	}
	p.trace = append(p.trace, Step{Rule: rule, Words: words})
}
