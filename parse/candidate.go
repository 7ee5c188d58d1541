package parse

// Candidate reports whether text holds anything a reader of blockers should
// look at: a blocker, resolution or none cue word ("blocked", "waiting",
// "pending", "until", "unblocked", "approved", "no blockers"), a Blockers
// header or question ("Blockers:", "Anything blocking you?"), or what Parse
// reads as blocked, resolved or none. It errs on the side of yes: an LLM
// reader sends only candidates, so a text that is no candidate is never
// read as a blocker by anyone.
func Candidate(text string) bool {
	p := parsers.Get().(*parser)
	defer func() {
		p.lex, p.text = nil, ""
		p.groupScan.text = ""
		clear(p.targets)
		p.targets = p.targets[:0]
		parsers.Put(p)
	}()
	st := p.parse(text, defaultLexicon(), nil)
	return st.Blocked || st.Resolved || st.None || p.candidate()
}

// candidate reports whether the report read so far is a candidate: the rules
// found something, or it has a Blockers section or a cue word.
func (p *parser) candidate() bool {
	if p.blocked || p.resolved || p.none || p.sawBlockSec {
		return true
	}
	for i := range p.toks {
		t := &p.toks[i]
		if t.kind == tWord && t.cls.has(cCandidateWord) {
			return true
		}
	}
	return false
}
