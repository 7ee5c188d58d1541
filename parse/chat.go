package parse

import "github.com/unblock-dev/unblock"

// ParseChat reads text as a message posted outside any standup: a general
// channel's talk, which the live bot and an import both read. Chat is made of
// requests ("can you review it?"), needs, thanks and "it works now!", which a
// standup report's reader takes as waits and arrivals; read so, a workspace's
// chatter opened more blockers than its standups and cleared real ones, and
// people who ask each other things were drawn in loops. So chat is read only
// where it says so in so many words (chatReading).
func ParseChat(text string, lex *Lexicon) unblock.Statement {
	if lex == nil {
		lex = defaultLexicon()
	}
	p := parsers.Get().(*parser)
	p.reading = readChat
	st := p.chatReading(p.parse(text, lex, defaultModel()))
	p.release()
	return st
}

// ParseAs reads text as a standup report when standup is true (Parse), and as
// chat otherwise (ParseChat), for a caller that has decided which it is
// (`unblock parse -chat`, `unblock eval -chat`); one that has not asks
// ParseStandup, which decides and reads in one scan.
func ParseAs(text string, lex *Lexicon, standup bool) unblock.Statement {
	if standup {
		return Parse(text, lex)
	}
	return ParseChat(text, lex)
}

// chatReading keeps of st, the reading of a chat message, what chat says in so
// many words: a message holding a chat cue word (lexicon.txt's chat-cue:
// "blocked", "waiting", "stuck", "pending", "unblocked", "no blockers") or a
// gate on the author's work (gate) is read as a report is; without one, only
// an arrival that names what arrived stands, as it resolves only the waits it
// names (docs/DESIGN.md, "None and resolution"). A wait, an explicit none,
// "same as yesterday" or an arrival that names nothing (which would clear
// every open blocker of the author's) is read as nothing.
func (p *parser) chatReading(st unblock.Statement) unblock.Statement {
	if st.Blocked && !st.Resolved && p.blockCalls > 0 && p.relayedBlocks == p.blockCalls {
		// "Chloe is blocked on them": every wait the message tells is another
		// person's, theirs to report (othersWait).
		return unblock.Statement{Text: st.Text, Targets: []unblock.Target{}}
	}
	if p.chatCue() {
		return st
	}
	if st.Resolved && !st.Blocked && !st.None && (len(st.Targets) > 0 || st.Topic != "") {
		return st
	}
	return unblock.Statement{Text: st.Text, Targets: []unblock.Target{}} // the JSON contract's empty list, not null
}

// ChatCue reports whether a chat message speaks of blockers in so many words:
// a chat cue word or a gate on the author's work (chatReading). A chat message
// without one is no candidate for the LLM reader either.
func ChatCue(text string) bool {
	p := parsers.Get().(*parser)
	p.lex = defaultLexicon() // classify looks words up in it
	p.scan(text)
	p.classify()
	cue := p.chatCue()
	p.release()
	return cue
}

// chatCue reports whether the scanned message holds a chat cue word or a gate.
func (p *parser) chatCue() bool {
	for i := range p.toks {
		if t := &p.toks[i]; t.kind == tWord && (t.cls.has(cChatCue) || p.gate(i)) {
			return true
		}
	}
	return false
}

// gate reports whether toks[i] opens a gate on the author's own work in so
// many words: "before I can", "until we can", "so I can" (a request that gates
// work: "can you send the numbers so I can finish the forecast?"), or a "can't"
// that waits "until" something ("can't deploy until ops fixes staging").
func (p *parser) gate(i int) bool {
	toks := p.toks
	switch toks[i].low {
	case "before", "until", "till", "so":
		return i+2 < len(toks) && toks[i+1].kind == tWord && toks[i+1].cls.has(cFirstPerson) &&
			(toks[i+2].low == "can" || toks[i+2].low == "could")
	case "can't", "cannot", "unable", "couldn't":
		for k := i + 1; k < len(toks) && k <= i+8 && toks[k].kind == tWord; k++ {
			if toks[k].low == "until" || toks[k].low == "till" {
				return true
			}
		}
	}
	return false
}
