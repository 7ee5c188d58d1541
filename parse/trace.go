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
	return ExplainAs(text, lex, true)
}

// ExplainAs is Explain for a standup report (standup) or a chat message
// (ParseAs); a chat reading set aside for want of a chat cue is the last step.
func ExplainAs(text string, lex *Lexicon, standup bool) (unblock.Statement, []Step) {
	if lex == nil {
		lex = defaultLexicon()
	}
	p := parsers.Get().(*parser)
	p.tracing = true
	if !standup {
		p.reading = readChat
	}
	st := p.parse(text, lex, defaultModel())
	if !standup {
		if chat := p.chatReading(st); chat.AboutBlockers() != st.AboutBlockers() {
			st = chat
			p.trace = append(p.trace, Step{Rule: "chat:no-cue"})
		}
	}
	steps := append([]Step(nil), p.trace...)
	p.tracing = false
	clear(p.trace)
	p.trace = p.trace[:0]
	p.release()
	return st, steps
}

// dismiss records that rule read toks[i:j] as no blocker of the author's (a
// distractor, the author's own next step, a wait given up): the rules decided,
// and the statement model does not read a wait or an arrival there.
func (p *parser) dismiss(rule string, i, j int) {
	p.dismissed = true
	if i >= 0 {
		p.dismissedAt = i
	}
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
