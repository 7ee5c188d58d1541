package parse

import "github.com/unblock-dev/unblock"

// Standup reports whether text is shaped like a standup report, as the parser
// reads sections: it has a Blockers header or question, or headers of two
// different sections ("Yesterday:" and "Today:", "*Done*" and "*Next*"). The
// store counts such a post toward blockers.expire_after even when it says nothing
// about blockers (docs/DESIGN.md, "Expiry").
func Standup(text string) bool {
	p := parsers.Get().(*parser)
	defer func() {
		p.lex, p.text = nil, ""
		parsers.Put(p)
	}()
	p.lex = defaultLexicon() // classify looks words up in it
	p.scan(text)
	p.classify()
	return p.standupShaped()
}

// ParseStandup reads one message posted as posting: the statement Parse(text,
// lex) returns when it is a standup report, as StandupReport(posting, text)
// says, and ParseChat's otherwise; and whether it is one. One scan of text
// serves both, where StandupReport then ParseAs scan and classify it twice.
//
// Parse's tokens answer Standup's question as Standup's own would: what headers
// are read from (a token's kind, punctuation, line start, lower-cased word,
// classes and cue) is the scanner's and the built-in grammar's, the same in
// every lexicon (a lexicon's additions are phrases, never a word's classes,
// cue or spelling), and no rule changes a token after classify.
// TestParseStandup holds the two ways equal.
func ParseStandup(text string, lex *Lexicon, posting unblock.Posting) (unblock.Statement, bool) {
	if posting.Standup() {
		return Parse(text, lex), true
	}
	return parsePooled(text, lex, true)
}

// standupShaped reports whether the classified tokens of a text hold a Blockers
// header or question, or headers of two different sections (Standup).
func (p *parser) standupShaped() bool {
	toks := p.toks
	var seen [8]bool
	kinds := 0
	for i := 0; i < len(toks); {
		j := i
		for j < len(toks) && !sentenceEnd(&toks[j]) {
			j++
		}
		question := j < len(toks) && toks[j].kind == tPunct && toks[j].punct == '?'
		lineEnd := j == len(toks) || toks[j].kind == tBreak
		if h, _ := p.header(i, j, question, lineEnd); h != secNone && int(h) < len(seen) {
			if h == secBlock {
				return true
			}
			if !seen[h] {
				seen[h] = true
				kinds++
			}
		}
		i = j + 1
	}
	return kinds >= 2
}
