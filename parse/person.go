package parse

// People waited on: a person's name, the function the text states for them,
// and people the text does not name.

import (
	"github.com/unblock-dev/unblock"
)

// addPerson adds the person named in toks[k:end] with the function the text
// states for them, and returns where the words about them end. A function is
// stated by a role word right before the name ("our PM Dana", "designer
// <@U1>") or after it: "Dana from legal", "Dana in the data team", "Ugo (new
// legal contributor)", "Dana, our designer". Otherwise the role stays unknown:
// what a person is asked for does not tell what they do.
func (p *parser) addPerson(name string, k, end, hi int) int {
	if p.contactOf(end, hi) {
		// "chasing Pavel @ Trakwise", "waiting on Pavel from Trakwise": the
		// outsider's contact; the wait is on the outsider.
		o := end + 1
		n := 1
		if _, m := p.match(o); m > 0 {
			n = m
		} else {
			for o+n < hi && p.toks[o+n].kind == tWord && p.toks[o+n].capital && !p.toks[o+n].lineStart && p.toks[o+n].cue == 0 &&
				!p.toks[o+n].cls.has(cCommonCapital) && !p.toks[o+n].cls.has(cStop) {
				n++
			}
		}
		p.note("target:contact-of-outsider", k, o+n)
		p.addTarget(unblock.Target{Kind: unblock.TargetExternal, Name: p.span(o, o+n), Role: p.orgRole(min(k, p.sentA), max(hi, p.sentB))})
		return o + n
	}
	role := p.roleBefore(k)
	if role == "" {
		// An apposition runs past the clause: "blocked on Dana, our designer".
		var after int
		if role, after = p.roleAfter(end, max(hi, p.sentB)); role != "" {
			p.note("target:stated-function", k, after)
			end = after
		}
	} else {
		p.note("target:stated-function", max(k-2, 0), end)
	}
	p.addTarget(unblock.Target{Kind: unblock.TargetPerson, Name: name, Role: role})
	return end
}

// contactOf reports whether "@", "from" or "at" and an outsider follow a
// person's name ending at end: "Pavel @ Trakwise", "Pavel from Trakwise". A
// mention is a member of the workspace, never only a contact.
func (p *parser) contactOf(end, hi int) bool {
	if end+1 >= hi || end < 1 || p.toks[end-1].kind == tMention {
		return false
	}
	t := &p.toks[end]
	if !(t.kind == tPunct && t.punct == '@' || t.kind == tWord && (t.low == "from" || t.low == "at")) {
		return false
	}
	o := &p.toks[end+1]
	if e, n := p.match(end + 1); n > 0 {
		return e.class == classExternal
	}
	return o.kind == tWord && o.capital && !o.cls.has(cCommonCapital) && !p.givenName(end+1) && o.cue == 0 && o.cls == (classSet{})
}

// personEnd returns where a person's name starting at toks[k] ends (k when
// none starts there): a mention, a person the lexicon knows, or a capitalised
// given name with the capitalised words after it.
func (p *parser) personEnd(k, hi int) int {
	if k >= hi {
		return k
	}
	t := &p.toks[k]
	if t.kind == tMention {
		return k + 1
	}
	if t.kind != tWord {
		return k
	}
	if e, n := p.match(k); n > 0 && e.class == classPerson {
		return k + n
	}
	if end := p.honorificEnd(k, hi); end > k {
		return end
	}
	if !p.givenName(k) || t.cls.has(cCommonCapital) {
		return k
	}
	end := k + 1
	for end < hi && p.toks[end].kind == tWord && p.toks[end].capital && !p.toks[end].cls.has(cCommonCapital) &&
		!p.toks[end].acronym && !p.artifactAt(end) {
		end++
	}
	return end
}

// honorificEnd returns where a name after a title that starts at toks[k]
// ends ("Dr. Hale", "Mr Brandt", "Prof. Weber": lexicon class honorific), or
// k when none does. The title is written with a capital and not in capitals
// ("MR" is a merge request), and capitalised words follow it; classify joined
// its full stop to it, so "Dr." ends no sentence. The title stays in the name,
// as the author wrote it.
func (p *parser) honorificEnd(k, hi int) int {
	t := &p.toks[k]
	if t.kind != tWord || !t.capital || t.acronym || !t.cls.has(cHonorific) {
		return k
	}
	end := k + 1
	for end < hi && p.toks[end].kind == tWord && p.toks[end].capital && !p.toks[end].cls.has(cCommonCapital) &&
		!p.toks[end].acronym && !p.toks[end].cls.has(cHonorific) && !p.artifactAt(end) {
		end++
	}
	if end == k+1 {
		return k
	}
	return end
}

// titledName is how the person a title names in toks[k:end] ("Frau Vogt",
// "Dr. Osei") is reported: the mention of the one person of the directory
// whose full name ends with the surname after the title, or the name as
// written.
func (p *parser) titledName(k, end int) string {
	if end == k+2 {
		if m := p.lex.surnames[p.toks[k+1].low]; m != "" {
			return m
		}
	}
	return p.span(k, end)
}

// personName is how the person in toks[k:end] is reported: the mention the
// lexicon knows for the name, or the name as written.
func (p *parser) personName(k, end int) string {
	if e, n := p.match(k); n > 0 && e.class == classPerson && e.name != "" {
		return e.name
	}
	return p.span(k, end)
}

// functionAt returns the role a role word or a team with a role at toks[k]
// names as someone's function, and where it ends (with a following "team" or
// "lead"), or "" when the word there is none or modifies an awaited thing
// ("design review").
func (p *parser) functionAt(k, hi int) (unblock.Role, int) {
	if k >= hi || p.toks[k].kind != tWord {
		return "", k
	}
	e, n := p.match(k)
	if n == 0 || e.role == "" || e.class != classRole && e.class != classTeam || p.artifactAt(k+n) {
		return "", k
	}
	end := k + n
	if p.wordIs(end, k, hi, cTeamSuffix) || p.wordIs(end, k, hi, cPeopleSuffix) {
		end++
	}
	return e.role, end
}

// roleBefore returns the function a role word right before the name at k
// states: "our PM Dana", "the designer <@U1>".
func (p *parser) roleBefore(k int) unblock.Role {
	for j := k - 1; j >= 0 && j >= k-2; j-- {
		if role, end := p.functionAt(j, k); role != "" && end == k {
			return role
		}
	}
	return ""
}

// roleAfter returns the function the words after a name ending at `end`
// state, and where they end: "from legal", "in the data team", "(legal
// counsel)", ", our designer".
func (p *parser) roleAfter(end, hi int) (unblock.Role, int) {
	if end >= hi {
		return "", end
	}
	t := &p.toks[end]
	j := end + 1
	switch {
	case t.kind == tPunct && t.punct == '(':
		for ; j < hi && j <= end+5; j++ {
			if p.toks[j].kind == tPunct && p.toks[j].punct == ')' {
				return "", end
			}
			if role, _ := p.functionAt(j, hi); role != "" {
				for j < hi && !(p.toks[j].kind == tPunct && p.toks[j].punct == ')') {
					j++
				}
				return role, min(j+1, hi)
			}
		}
		return "", end
	case t.kind == tPunct && t.punct == ',':
		if !p.wordIs(j, j, hi, cPureDet) {
			return "", end // "Dana, legal and ops": a list, not an apposition
		}
	case t.kind == tWord && t.cls.has(cFunctionIntro):
	default:
		return "", end
	}
	for j < hi && p.wordIs(j, j, hi, cPureDet) {
		j++
	}
	if role, after := p.functionAt(j, hi); role != "" {
		return role, after
	}
	return "", end
}

// peopleEnd returns where a word for people not named by name ends, when one
// starts at toks[k] (lexicon class person-noun: "author", "volunteers",
// "others"; "someone" only with "else"), else k.
func (p *parser) peopleEnd(k, hi int) int {
	t := &p.toks[k]
	if t.kind != tWord || t.quoted {
		return k
	}
	if t.cls.has(cPersonNoun) {
		return k + 1
	}
	if (t.low == "someone" || t.low == "somebody") && p.word(k+1, k, hi) == "else" {
		return k + 2
	}
	return k
}

// functionWord reports whether a role word that names a function, not an
// awaited thing, starts at toks[k] ("Legal" in "MoFo Legal").
func (p *parser) functionWord(k, hi int) bool {
	role, _ := p.functionAt(k, hi)
	return role != ""
}

// isPerson reports whether toks[k] starts a known person's name.
func (p *parser) isPerson(k int) bool {
	e, n := p.match(k)
	return n > 0 && e.class == classPerson
}

// everydayWord reports whether a one-word name is also an ordinary word ("Will",
// "May", "Mark"), so that it names a person only when written with a capital.
func everydayWord(t *token) bool {
	return t.cls.overlaps(&everydayClasses)
}

// everydayClasses are the classes of everyday words: stop words,
// hypotheticals, futures, none words, "be" and everyday names.
var everydayClasses = setOf(cStop, cHypothetical, cFuture, cNoneWordStrong, cNoneWordWeak, cBe, cEverydayName)
