package parse

import "strings"

// Small closed word classes. Their words are lexicon.txt's "class" lines; these
// functions name the tests the rules make.

func isDet(w string) bool {
	return inClass(w, cDet)
}

// isNegator reports whether the word t negates what follows it.
func isNegator(t *token) bool {
	if t.cls.has(cNegator) {
		return true
	}
	return strings.HasSuffix(t.low, "n't")
}

// isFuture reports whether w puts a resolution in the future.
func isFuture(w string) bool {
	return inClass(w, cFuture)
}
