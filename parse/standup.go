package parse

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
