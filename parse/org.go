package parse

// Organisations waited on: their role from the words around them, governing
// bodies, an organisation's offices, user groups, and capitals that name nobody.

import (
	"strings"
	"unicode"

	"github.com/unblock-dev/unblock"
)

// clientWord reports whether w is "client" or "clients".
func clientWord(w string) bool { return w == "client" || w == "clients" }

// softwareClient reports whether the "client" at k is software, not a
// customer: an acronym, an awaited thing or a kind of software (lexicon class
// software-kind) stands right before it ("the HTTP client", "an API client",
// "the VPN client", "the new auth client").
func (p *parser) softwareClient(k, lo int) bool {
	if k-1 < lo || !clientWord(p.toks[k].low) {
		return false
	}
	prev := &p.toks[k-1]
	if prev.kind != tWord {
		return false
	}
	if e, n := p.match(k - 1); n > 0 && e.class != classArtifact {
		return false // "the customer's client", "legal client": a party's word
	}
	return prev.acronym || p.artifactAt(k-1) || prev.cls.has(cSoftwareKind)
}

// orgRole is the role of an organisation named in toks[a:b], told by the
// clause's words of the outside roles: customer when it says client or
// customer, vendor when it says vendor, supplier or contractor or names a
// thing vendors own (a licence, a quote, a shipment). Otherwise vendor is a
// guess, kept because it is right more often than not on the dev sets (an
// outside company waited on is mostly one the team buys from; 2026-12-06:
// 11 right, 8 wrong, 15 where the label names no role).
func (p *parser) orgRole(a, b int) unblock.Role {
	for k := a; k < b; k++ {
		if e, n := p.match(k); n > 0 && e.class != classPerson &&
			(e.role == unblock.RoleCustomer || e.role == unblock.RoleVendor) && !p.softwareClient(k, a) {
			return e.role
		}
	}
	return unblock.RoleVendor
}

// governs reports whether the body named in toks[k:end] is told to do an act
// of governing (lexicon class governance-act): "the CPC to approve", "a TSC
// vote", "approved by the SCM". A thing of the body's before the act ("DB
// access approval", "IBM's approval") is not one.
func (p *parser) governs(k, end int) bool {
	next := end
	if p.word(next, end, len(p.toks)) == "to" {
		next++
	}
	if p.wordIs(next, end, len(p.toks), cGovernanceAct) {
		return true
	}
	j := k - 1
	for j >= 0 && p.wordIs(j, 0, k, cPureDet) {
		j--
	}
	if p.word(j, 0, k) != "by" {
		return false
	}
	for m := j - 1; m >= 0 && m >= j-3; m-- {
		if p.wordIs(m, 0, k, cGovernanceAct) {
			return true
		}
	}
	return false
}

// orgFunction returns the role of an office of an organisation named just
// before toks[k] ("MoFo legal", "Acme's security team") and where its words
// end, or "" when no role word follows the name.
func (p *parser) orgFunction(k, hi int) (unblock.Role, int) {
	j := k
	if p.word(j, j, hi) == "'s" {
		j++
	}
	if role, end := p.functionAt(j, hi); role != "" {
		return role, end
	}
	if j == k && p.wordIs(j, j, hi, cSupportOffice) {
		// "Atlassian support", "the Globex helpdesk": the support desk of a
		// product bought is the vendor's ("Vac's support" is their help).
		end := j + 1
		if p.wordIs(end, j, hi, cTeamSuffix) || p.word(end, j, hi) == "desk" {
			end++
		}
		return unblock.RoleVendor, end
	}
	return "", k
}

// shouted reports whether the word at k stands in text written in capitals:
// a word next to it is a function word in capitals ("ON HOLD FOR", "BLOCKED
// ON"), which no name or acronym is.
func (p *parser) shouted(k int) bool {
	for _, j := range [2]int{k - 1, k + 1} {
		if j < p.sentA || j >= p.sentB || j < 0 || j >= len(p.toks) {
			continue
		}
		if t := &p.toks[j]; t.kind == tWord && t.acronym && (t.cls.has(cStop) || t.cls.has(cFunctionWord)) {
			return true
		}
	}
	return false
}

// addGroup adds the team of a user-group mention <!subteam^S123|@design>, or
// of a channel named as a party, <#C123|infra-help> (see channelParty).
func (p *parser) addGroup(k int) {
	raw := p.span(k, k+1)
	if name, role, ok := p.channelParty(raw); ok {
		p.addTarget(unblock.Target{Kind: unblock.TargetTeam, Name: name, Role: role})
		return
	}
	body := strings.TrimSuffix(strings.TrimPrefix(raw, "<!subteam^"), ">")
	id, handle, _ := strings.Cut(body, "|")
	handle = strings.TrimPrefix(handle, "@")
	g, ok := p.lex.groups[strings.ToUpper(id)]
	if ok {
		if handle == "" {
			handle = g.handle
		}
		if handle == "" {
			handle = id
		}
		p.addTarget(unblock.Target{Kind: unblock.TargetTeam, Name: handle, Role: g.role})
		return
	}
	if handle == "" {
		handle = id
	}
	if strings.TrimSpace(handle) == "" {
		return // "<!subteam^|>" names nobody
	}
	role, _ := p.handleRole(handle)
	p.addTarget(unblock.Target{Kind: unblock.TargetTeam, Name: handle, Role: role})
}

// handleRole is the role a group's or a channel's name tells by a role or
// team word of the lexicon ("design-team", "infra_help", "legal.requests"),
// and whether it names one at all (a team the lexicon knows to own no role,
// "finance", names one with none).
func (p *parser) handleRole(handle string) (unblock.Role, bool) {
	// A handle's words are words ("design-team", "infra_help"), and it is
	// written in lower case whatever it names: its words are read as if in
	// capitals, so "it-help" names IT as "IT" would. Its parts are scanned
	// one by one into a reused slice: a handle costs no allocation.
	toks := p.handleToks[:0]
	for part := range strings.FieldsFuncSeq(handle, handleSeparator) {
		s := &p.groupScan
		s.scan(part)
		for _, t := range s.toks {
			if t.kind == tWord {
				t.acronym = true
				toks = append(toks, t)
			}
		}
	}
	p.handleToks = toks
	// Its phrases first ("customer-success"), then its words alone: in
	// "legal-review" the phrase is a thing, the first word its team.
	for _, one := range [2]bool{false, true} {
		for i := range toks {
			in, at := toks, i
			if one {
				in, at = toks[i:i+1], 0
			}
			e, n := p.lex.match(in, at)
			if n > 0 && (p.lex.entries[e].class == classRole || p.lex.entries[e].class == classTeam) {
				return p.lex.entries[e].role, true
			}
		}
	}
	return "", false
}

// handleSeparator reports whether r separates the words of a handle.
func handleSeparator(r rune) bool { return r == '-' || r == '_' || r == '.' || unicode.IsSpace(r) }

// channelParty returns the party a Slack channel reference names ("blocked on
// <#C123|infra-help>"): a team's channel (Lexicon.AddTeamChannel) is the team,
// and a channel whose name names a role or a team is that team, named
// "#infra-help", ops. A channel that names neither (#general, #proj-atlas) is
// only where something was said: ok is false, and it stays a link.
func (p *parser) channelParty(raw string) (name string, role unblock.Role, ok bool) {
	body, ok := strings.CutPrefix(raw, "<#")
	if !ok {
		return "", "", false
	}
	id, name, _ := strings.Cut(strings.TrimSuffix(body, ">"), "|")
	if t, ok := p.lex.teamsBy[strings.ToUpper(id)]; ok {
		return t.handle, t.role, true
	}
	if name == "" || strings.ContainsFunc(name, unicode.IsSpace) {
		return "", "", false // no channel's name: Slack's have no spaces, and the party's name is the text's
	}
	role, ok = p.handleRole(name)
	return "#" + name, role, ok
}

// isChannelParty reports whether the link toks[k] is a channel that names a
// party (channelParty).
func (p *parser) isChannelParty(k int) bool {
	_, _, ok := p.channelParty(p.span(k, k+1))
	return ok
}
