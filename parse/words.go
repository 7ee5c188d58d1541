package parse

import "strings"

// Small closed word classes. Their words are lexicon.txt's "class" lines; most
// rules test a token's classes directly (t.cls.has); these functions name the
// tests that need more than one class.

// isNegator reports whether the word t negates what follows it.
func isNegator(t *token) bool {
	if t.cls.has(cNegator) {
		return true
	}
	return strings.HasSuffix(t.low, "n't")
}
