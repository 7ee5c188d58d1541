package parse

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// firstNames is a list of common given names from many languages. A
// capitalised word the lexicon does not know is taken for a person when it is
// one of these, and for an organisation (a customer or vendor) otherwise.
var firstNames = sync.OnceValue(func() map[string]struct{} {
	m := make(map[string]struct{}, 6000)
	for _, line := range strings.Split(firstNameList, "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		for _, n := range strings.Fields(line) {
			m[strings.ToLower(n)] = struct{}{}
		}
	}
	return m
})

// givenName reports whether toks[k] is a given name of names.txt written as
// one: with a capital, and in capitals only where the sentence is ("ON HOLD
// FOR MATEJ"); "PIA", "ANU", "ADA" written so are initials.
func (p *parser) givenName(k int) bool {
	t := &p.toks[k]
	if !t.capital || t.acronym && !p.shouted(k) {
		return false
	}
	_, ok := firstNames()[t.low]
	return ok
}

// firstNameList is names.txt: common given names, whitespace-separated, after
// comment lines starting with #.
//
//go:embed names.txt
var firstNameList string

// withoutAccents returns name with its letters' accents taken off ("Chloé" ->
// "Chloe", "Zoë" -> "Zoe", "José" -> "Jose"): canonical decomposition, then
// the combining marks dropped.
func withoutAccents(name string) string {
	out, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), name)
	if err != nil {
		return name
	}
	return out
}
