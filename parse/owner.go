package parse

// Owners of awaited things: the phrase around an awaited thing and how surely it
// names the role that owns it.

import (
	"strings"

	"github.com/unblock-dev/unblock"
)

// artifactPhrase returns the noun phrase around the awaited thing at k within
// [lo, hi): its bounds, the role that owns it and how sure that is.
func (p *parser) artifactPhrase(k, lo, hi int) (int, int, unblock.Role, uint8) {
	toks := p.toks
	s := k
	for s-1 >= lo && k-s < 3 && (isModifier(&toks[s-1]) || p.ingModifier(s-1, lo)) && !toks[s-1].cls.has(cDet) &&
		!p.isPerson(s-1) && !(toks[s-1].capital && p.nameAt(s-1, lo, hi) && !toks[s-1].acronym) && !p.infinitive(s-1, hi) {
		s-- // not past the verb asked for: "to fix Jenkins pipeline" is Jenkins pipeline
	}
	end := k + 1
	if _, n := p.match(k); n > 0 {
		end = k + n
	}
	for end < hi && end-s < 6 {
		t := &toks[end]
		if t.kind != tWord {
			break
		}
		if _, n := p.match(end); n > 0 && !p.isPerson(end) {
			end += n
			continue
		}
		if isNumberLike(t.low) {
			if p.listNumber(end) {
				break // "1. DPA 2. booking confirmation": the next item's number, not the DPA's
			}
			end++
			continue
		}
		if isModifier(t) && !strings.HasSuffix(t.low, "ed") && !strings.HasSuffix(t.low, "s") && !t.capital &&
			!p.isPerson(end) && !t.cls.has(cArrival) && // "once the designs come": a verb, not a head
			!p.timeAhead(end, hi) { // "review last week": a time
			end++ // "testing script": the head is a word the lexicon does not know
		}
		break
	}
	var role unblock.Role
	strength := uint8(0)
	head := false     // the last word is one the lexicon knows
	conflict := false // two words of the phrase name two owners strongly
	for j := s; j < end; j++ {
		head = false
		if _, n := p.match(j); qaWord(toks[j].low) && n < 2 {
			role, strength = unblock.RoleQA, ownerRole
			continue // "QA sign-off"; a longer phrase the lexicon knows ("QA environment") has its own owner
		}
		e, n := p.match(j)
		if n == 0 {
			if strings.HasPrefix(toks[j].low, "#") && strength < ownerWeak {
				role, strength = unblock.RoleEngineering, ownerWeak
			}
			continue
		}
		if p.softwareClient(j, s) {
			// "the API client": software of the thing before it, no customer's.
		} else if e.role != "" && e.strength >= strength {
			// Two things of two owners in one phrase ("terms review"): the
			// head decides, but only as a guess.
			conflict = conflict || strength == ownerStrong && e.strength == ownerStrong && e.role != role
			role, strength = e.role, e.strength
		} else if role == unblock.RoleCustomer && clientWord(toks[j-1].low) && e.role == unblock.RoleEngineering &&
			e.strength >= ownerStrong {
			// "client implementations", "client library": "client" is the
			// software that talks to a server, so the engineering head owns it.
			role, strength = e.role, e.strength
		}
		j += n - 1
		head = true
	}
	if (!head || conflict) && strength == ownerStrong {
		strength = ownerWeak // "testing script": a modifier says less than a head
	}
	if role == "" && toks[s].kind == tWord && toks[s].word > 0 {
		if e := p.lex.oneWord(toks[s].word); e != nil && e.role != "" && (e.class == classRole || e.class == classExternal) &&
			p.lex != defaultLexicon() && p.companysOwn(toks[s].low, e) {
			// "IRB approval" (a thing nobody owns by itself) where the
			// company's words (not the built-in ones: "PO approval", "dev
			// kits") make "IRB" a body of its own: that body's.
			role, strength = e.role, ownerStrong
		}
	}
	return s, end, role, strength
}

// ingModifier reports whether toks[j], a word ending in -ing, modifies the
// noun after it: "the onboarding mocks", "for billing copy", not "reviewing mocks".
func (p *parser) ingModifier(j, lo int) bool {
	t := &p.toks[j]
	if t.kind != tWord || !strings.HasSuffix(t.low, "ing") || t.cls.has(cStop) {
		return false
	}
	if t.cls.has(cIngNoun) {
		return true // "pricing mocks": an area, wherever it stands
	}
	if j == lo {
		return false
	}
	prev := &p.toks[j-1]
	return prev.kind == tPunct && prev.punct != '\'' || prev.kind == tWord && (prev.cls.has(cPureDet) ||
		prev.low == "for" || prev.low == "on" || prev.low == "of" || isModifier(prev) && p.ingModifier(j-1, lo))
}

func isNumberLike(w string) bool {
	if w == "" {
		return false
	}
	c := w[0]
	return c >= '0' && c <= '9' || c == '#' || c == 'v' && len(w) > 1 && w[1] >= '0' && w[1] <= '9'
}

// ownerIn returns the role owning the most telling awaited thing in toks[lo:hi].
func (p *parser) ownerIn(lo, hi int) unblock.Role {
	role, _, _ := p.ownedIn(lo, hi)
	return role
}

// ownedIn returns the most telling awaited thing in toks[lo:hi] that names
// an owner: the owner, the thing's phrase and how surely it names the owner.
func (p *parser) ownedIn(lo, hi int) (unblock.Role, string, uint8) {
	var best unblock.Role
	bestStrength := uint8(0)
	name := ""
	for k := lo; k < hi; k++ {
		if p.toks[k].kind != tWord {
			continue
		}
		e, n := p.match(k)
		if !(n > 0 && e.class == classArtifact || p.isRole(k) || qaWord(p.toks[k].low) && p.artifactAt(k+1)) ||
			p.infinitive(k, hi) {
			continue
		}
		s, end, role, strength := p.artifactPhrase(k, lo, hi)
		if role != "" && min(strength, ownerStrong) > min(bestStrength, ownerStrong) {
			best, bestStrength, name = role, strength, p.span(s, end)
		}
		k = end - 1
	}
	return best, name, bestStrength
}

// rank orders how surely awaited things name their owners when a scope names
// several: a thing whose phrase names its owner ("UX feedback") outranks one
// whose owner is only usual ("reviews"); a role word before a thing ("client
// server") ranks as the usual owner, since it may say whose thing it is or
// only what kind.
func rank(strength uint8) uint8 {
	if strength == ownerRole {
		return ownerStrong
	}
	return strength
}

// roleNamed reports whether a target has role r.
func roleNamed(ts []unblock.Target, r unblock.Role) bool {
	for _, t := range ts {
		if t.Role == r {
			return true
		}
	}
	return false
}

// isRole reports whether toks[k] starts a role word that modifies an awaited
// thing ("design review").
func (p *parser) isRole(k int) bool {
	e, n := p.match(k)
	return n > 0 && e.class == classRole && p.artifactAt(k+n)
}

// listNumber reports whether the number at k numbers an item of a list
// written on one line: "2." or "2)" before a word in lower case ("1. DPA 2.
// booking confirmation"). "PR #278. Once …" and "version 2. Then …" end a
// sentence.
func (p *parser) listNumber(k int) bool {
	toks := p.toks
	return len(toks[k].low) <= 2 && allDigits(toks[k].low) && k+2 < len(toks) && toks[k+1].kind == tPunct &&
		(toks[k+1].punct == '.' || toks[k+1].punct == ')') && toks[k+2].kind == tWord && !toks[k+2].capital
}

// companysOwn reports whether e, the entry of the word w alone, is the
// company's own (its config or lexicon file), not the built-in one.
func (p *parser) companysOwn(w string, e *entry) bool {
	d := defaultLexicon().oneWordOf(w)
	return d == nil || d.class != e.class || d.role != e.role
}
