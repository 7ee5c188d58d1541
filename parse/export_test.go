package parse

// Work parses text with the built-in lexicon and returns the token visits
// Parse counted (see parser.visit): a measure of its work that needs no clock.
func Work(text string) int {
	p := new(parser)
	p.parse(text, defaultLexicon(), defaultModel())
	return p.work
}
