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
	st := p.chatReading(p.parse(text, lex, defaultModel()))
	p.release()
	return st
}

// ParseAs reads text as a standup report when standup is true (Parse), and as
// chat otherwise (ParseChat): the bot, which has decided where a message was
// posted (parse.StandupReport), reads it so.
func ParseAs(text string, lex *Lexicon, standup bool) unblock.Statement {
	if standup {
		return Parse(text, lex)
	}
	return ParseChat(text, lex)
}

// chatReading keeps of st, the reading of a chat message, what chat says in so
// many words: a message holding a chat cue word (lexicon.txt's chat-cue:
// "blocked", "waiting", "stuck", "pending", "unblocked", "no blockers") is read
// as a report is; without one only an arrival that names what arrived stands,
// as it resolves only the waits it names (docs/DESIGN.md, "None and
// resolution"). A wait, an explicit none, "same as yesterday" or an arrival that
// names nothing (which would clear every open blocker of the author's) is read
// as nothing.
func (p *parser) chatReading(st unblock.Statement) unblock.Statement {
	for i := range p.toks {
		if t := &p.toks[i]; t.kind == tWord && t.cls.has(cChatCue) {
			return st
		}
	}
	if st.Resolved && !st.Blocked && !st.None && (len(st.Targets) > 0 || st.Topic != "") {
		return st
	}
	return unblock.Statement{Text: st.Text}
}
