package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind is what a token is.
type tokKind uint8

const (
	tWord    tokKind = iota // a word, a number, "#123", "n/a"
	tMention                // a Slack user mention: <@U123> or <@U123|ana>
	tGroup                  // a Slack user-group mention: <!subteam^S123|@design>
	tLink                   // a link or channel: <https://…|text>, <#C123|general> (a channel whose name tells a role becomes a tGroup, see channelParty)
	tPunct                  // one punctuation mark, in punct
	tBreak                  // the end of a line
)

// token is one unit of the scanned text. start/end index the original text, so
// targets and topics are substrings of what the author wrote; low is the
// lower-cased, normalised form used for matching (curly apostrophes become ').
type token struct {
	low        string
	start, end int32
	kind       tokKind
	punct      byte
	capital    bool     // starts with an upper-case letter
	acronym    bool     // two or more letters, all upper-case ("QA", "ZLC")
	plural     bool     // an acronym's plural: upper-case letters and a final lower-case s ("OPs", "PRs")
	quoted     bool     // directly inside quotes: a word mentioned, not used
	code       bool     // inside `code`: a cue word there is mentioned, not used
	cls        classSet // the word's classes (lexicon.txt), set by the parser's classify
	cue        uint8    // the word's cue family, set by classify
	word       int32    // the word's index into the lexicon's words (0: unknown), set by classify
	match      int32    // the lexicon entry starting here and its length (parser.match), memoUnknown until looked up
	lineStart  bool     // the first token on its line
	afterEmoji bool     // an emoji or another symbol the scan dropped stands right before it
}

// scanner turns text into tokens. Its buffers are reused between calls.
type scanner struct {
	text  string
	low   []byte // the tokens' lower-cased forms, one after another
	toks  []token
	offs  []int32 // per token: where its form starts and ends in low, -1 when it has its form already; finish sets toks[i].low
	emoji bool    // a symbol was dropped since the last token
	// ahead is how many bytes the scan looked ahead of where it stood (for a
	// struck-out span's end), counted with the parser's work (TestLinearWork).
	ahead int
	// wordAt and quietTo are what answerEnds learned: a word stands at wordAt,
	// and none from where it last looked to quietTo, the end of that line.
	wordAt, quietTo int
}

func isASCIIAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' }

// scan tokenises text. It lower-cases each word once into one shared buffer,
// which becomes one string (the one allocation of a scan).
func (s *scanner) scan(text string) {
	s.text = text
	s.toks = s.toks[:0]
	s.offs = s.offs[:0]
	s.low = s.low[:0]
	s.ahead = 0
	s.wordAt, s.quietTo = 0, -1
	s.emoji = false
	lineStart := true
	blockersLine := cautionLine(text) // where a three-line emoji standup's Blockers answer starts, or -1
	fence, code := false, false       // inside a ``` block, inside `inline code`
	noStrike := 0                     // no "~" before this offset opens a struck-out span
	i := 0
	for i < len(text) {
		c := text[i]
		switch {
		case c == '`':
			// Words in code are mentioned, not used: "the `blocked` label",
			// "`isBlocked()`". An inline span ends with its line.
			if strings.HasPrefix(text[i:], "```") {
				fence = !fence
				i += 3
			} else {
				code = !code
				i++
			}
			continue
		case c == '~' && !fence && !code:
			// "~waiting on legal~": its author crossed it out, so it is not
			// said (Slack's strikethrough; a lone "~5 days" is no span). A
			// line with no closing "~" is looked through once, not once an
			// opening: linear whatever the line holds.
			if i >= noStrike {
				j, eol := strikeEnd(text, i)
				if j > i {
					s.ahead += j - i
					i = j
					continue
				}
				if eol > 0 {
					s.ahead += eol - i
					noStrike = eol
				}
			}
			i++
			continue
		case c == '\n':
			code = false
			if n := len(s.toks); n > 0 && s.toks[n-1].kind != tBreak {
				s.add(tBreak, i, i+1, false, "")
			}
			lineStart = true
			i++
			continue
		case isSpace(c):
			i++
			continue
		}
		if lineStart {
			if j := skipLineMarkup(text, i); j != i {
				i = j
				continue
			}
		}
		if c >= 0x80 {
			r, size := utf8.DecodeRuneInString(text[i:])
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				i = s.word(i, lineStart)
				lineStart = false
				continue
			}
			if lineStart && (blockersEmoji[emojiShortcode[r]] || i == blockersLine) && s.blockersHeader(i, i+size) {
				lineStart = false
				i += size
				continue
			}
			switch r {
			case '\u2014', '\u2013', '\u2012', '\u2015': // dashes
				s.punct('-', i, i+size, lineStart)
				lineStart = false
			case '\u201c', '\u201d', '\u201e':
				s.punct('"', i, i+size, lineStart)
				lineStart = false
			case '\u2026':
				s.punct('.', i, i+size, lineStart)
				lineStart = false
			}
			i += size                                      // emoji and other symbols are dropped
			s.emoji = s.emoji || unicode.Is(unicode.So, r) // an emoji, not a quote or a bullet
			continue
		}
		if c == '\\' || c == 'o' || c == 'O' { // the start of a cheer or a wave, or a word
			if j := emoticonEnd(text, i); j > i {
				i = j // "\o/", "o/": a cheer, like an emoji, says nothing
				s.emoji = true
				continue
			}
		}
		if isASCIIAlnum(c) {
			n := len(s.toks)
			if j := s.plainWord(i, lineStart); j > i {
				i = j
			} else {
				i = s.word(i, lineStart)
			}
			lineStart = false
			if fence || code {
				for k := n; k < len(s.toks); k++ {
					s.toks[k].code = true
				}
			}
			continue
		}
		switch c {
		case '<':
			if j := s.angle(i, lineStart); j > i {
				i = j
				lineStart = false
				continue
			}
		case '&':
			if j := skipEntity(text, i); j > i {
				if strings.HasPrefix(text[i:], "&gt;") && lineStart {
					i = j // a quote marker
					continue
				}
				if strings.HasPrefix(text[i:], "&amp;") {
					s.punct('&', i, j, lineStart)
					lineStart = false
				}
				i = j
				continue
			}
		case ':':
			if j := emojiEnd(text, i); j > i {
				if lineStart && (blockersEmoji[text[i+1:j-1]] || i == blockersLine) && s.blockersHeader(i, j) {
					lineStart = false
				} else if noneEmoji[text[i+1:j-1]] && s.answerEnds(j) {
					// "Blockers: :x:" answers "no" as a word would: a "none"
					// token. Before words (":x: waiting on Colm", a list's
					// marker) it says nothing, as other emoji and "❌" do.
					s.add(tWord, i, j, lineStart, "none")
					lineStart = false
				} else {
					s.emoji = true
				}
				i = j
				continue
			}
		case '#':
			if i+1 < len(text) && text[i+1] >= '0' && text[i+1] <= '9' {
				i = s.word(i, lineStart)
				lineStart = false
				continue
			}
			i++
			continue
		case '*', '_', '~', '`', '|', '^', '\\':
			i++ // mrkdwn emphasis, code and table markup
			continue
		case '-':
			// A dash with space around it separates clauses; "--" too.
			if i+1 < len(text) && text[i+1] == '-' {
				j := i
				for j < len(text) && text[j] == '-' {
					j++
				}
				s.punct('-', i, j, lineStart)
				lineStart = false
				i = j
				continue
			}
		}
		s.punct(c, i, i+1, lineStart)
		lineStart = false
		i++
	}
	s.finish()
}

// skipLineMarkup skips bullets, list numbers, check boxes, quote markers and
// header hashes at the start of a line, returning where the content starts.
func skipLineMarkup(text string, i int) int {
	c := text[i]
	switch c {
	case '-', '*', '+', '>', '#':
		j := i
		for j < len(text) && text[j] == c {
			j++
		}
		if j == len(text) || isSpace(text[j]) || text[j] == '\n' {
			return j
		}
		if c == '>' || c == '#' {
			return j
		}
		if c == '*' {
			return j // bold: the stars are dropped (all at once, so a long run costs linear time)
		}
	case '[':
		if i+2 < len(text) && text[i+2] == ']' && (text[i+1] == ' ' || text[i+1] == 'x' || text[i+1] == 'X') {
			return i + 3
		}
	}
	if c >= '0' && c <= '9' {
		j := i
		for j < len(text) && j-i < 3 && text[j] >= '0' && text[j] <= '9' {
			j++
		}
		if j+1 < len(text) && (text[j] == '.' || text[j] == ')') && isSpace(text[j+1]) {
			return j + 1
		}
		if j+2 < len(text) && text[j] == '.' && text[j+1] >= 'A' && text[j+1] <= 'Z' && text[j+2] >= 'a' && text[j+2] <= 'z' {
			return j + 1 // "4.Issues": a numbered heading
		}
	}
	if c >= 0x80 {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch r {
		case '\u2022', '\u25e6', '\u25aa', '\u00b7', '\u2023', '\u2043', '\u2013', '\u2014':
			return i + size
		}
	}
	return i
}

// skipEntity returns the end of an HTML entity Slack uses (&lt; &gt; &amp;), or i.
func skipEntity(text string, i int) int {
	for _, e := range [...]string{"&lt;", "&gt;", "&amp;"} {
		if strings.HasPrefix(text[i:], e) {
			return i + len(e)
		}
	}
	return i
}

// noneEmoji and blockersEmoji hold the shortcodes (and characters) of lexicon
// classes none-emoji and blockers-emoji, set once the grammar has loaded (the
// grammar's own lines are scanned while it loads).
var noneEmoji, blockersEmoji, cautionEmoji map[string]bool

// blockersWords holds the words of lexicon class header-blockers, for the scan.
var blockersWords map[string]bool

func init() {
	noneEmoji, blockersEmoji, blockersWords = map[string]bool{}, map[string]bool{}, map[string]bool{}
	cautionEmoji = map[string]bool{}
	for w, c := range gram.classes {
		if c.has(cHeaderBlockers) {
			blockersWords[w] = true
		}
		if c.has(cNoneEmoji) {
			noneEmoji[w] = true
		}
		if c.has(cBlockersEmoji) {
			blockersEmoji[w] = true
		}
		if c.has(cCautionEmoji) {
			cautionEmoji[w] = true
		}
	}
}

// emojiShortcode gives Slack's shortcode of the emoji characters the lexicon's
// emoji classes may name by shortcode (blockers-emoji, caution-emoji), and of
// the marks a standup's first lines open with.
var emojiShortcode = map[rune]string{'\u26D4': "no_entry", '\U0001F6AB': "no_entry_sign", '\U0001F6D1': "octagonal_sign",
	'\u2705': "white_check_mark", '\u2714': "heavy_check_mark", '\u2611': "ballot_box_with_check", '\U0001F6A7': "construction",
	'\u26A0': "warning", '\U0001F6A8': "rotating_light", '\U0001F534': "red_circle", '\u2757': "exclamation", '\u270B': "raised_hand",
	'\u231B': "hourglass", '\u23F3': "hourglass_flowing_sand", '\U0001F6A5': "traffic_light", '\U0001F6A6': "vertical_traffic_light"}

// cautionLine returns where the third line of a three-line emoji standup
// starts, its emoji to be read as the header "Blockers:", or -1: every line
// that holds anything opens with an emoji, there are three, the third is a
// caution sign (lexicon class caution-emoji), all three differ, and none is
// the Blockers icon already
// (":white_check_mark: shipped :hammer_and_wrench: bracket v2 :construction:
// T1 samples from Hengda"). One pass over the text.
func cautionLine(text string) int {
	var first [3]string
	var at [3]int
	n := 0
	for i := 0; i < len(text); {
		e := strings.IndexByte(text[i:], '\n')
		if e < 0 {
			e = len(text)
		} else {
			e += i
		}
		j := i
		for j < e && (isSpace(text[j]) || text[j] == '>' || text[j] == '*' || text[j] == '_') {
			j++
		}
		if j < e {
			code := leadingEmoji(text, j, e)
			if code == "" || n == 3 {
				return -1
			}
			first[n], at[n] = code, j
			n++
		}
		i = e + 1
	}
	if n != 3 || !cautionEmoji[first[2]] || first[0] == first[1] || first[1] == first[2] || first[0] == first[2] ||
		blockersEmoji[first[1]] || blockersEmoji[first[2]] {
		return -1
	}
	return at[2]
}

// leadingEmoji returns the shortcode of the emoji at text[j:e] (written as
// ":name:" or as a character the lexicon names, else the symbol itself), or
// "" when the line opens with no emoji.
func leadingEmoji(text string, j, e int) string {
	if text[j] == ':' {
		if k := emojiEnd(text, j); k > j && k <= e {
			return text[j+1 : k-1]
		}
		return ""
	}
	if text[j] < 0x80 {
		return ""
	}
	r, _ := utf8.DecodeRuneInString(text[j:])
	if !unicode.Is(unicode.So, r) {
		return ""
	}
	if code, ok := emojiShortcode[r]; ok {
		return code
	}
	return string(r) // another symbol, told apart from the others by itself
}

// blockersHeader adds the header "Blockers:" that an emoji first on its line
// (text[i:j]) stands for, unless the words after it say it themselves
// (":no_entry: *Blockers:* none", "⛔ blocked on legal").
func (s *scanner) blockersHeader(i, j int) bool {
	k := j
	for k < len(s.text) && (isSpace(s.text[k]) || s.text[k] == '*' || s.text[k] == '_') {
		k++
	}
	e := k
	for e < len(s.text) && e-k < 20 && (s.text[e] >= 'a' && s.text[e] <= 'z' || s.text[e] >= 'A' && s.text[e] <= 'Z' || s.text[e] == '-') {
		e++
	}
	if blockersWords[strings.ToLower(s.text[k:e])] {
		return false
	}
	s.add(tWord, i, j, true, "blockers")
	s.punct(':', j, j, false)
	return true
}

// answerEnds reports whether nothing but spaces, punctuation and emoji
// shortcodes follows text[j:] to the end of its line: an emoji there is the
// whole answer. What it learns is kept (wordAt, quietTo), so that a line of
// many emoji is looked ahead over once.
func (s *scanner) answerEnds(j int) bool {
	text := s.text
	if j < s.wordAt {
		return false
	}
	if j <= s.quietTo {
		return true
	}
	k := j
	for k < len(text) && text[k] != '\n' {
		if e := emojiEnd(text, k); e > k {
			k = e
			continue
		}
		if c := text[k]; isASCIIAlnum(c) || c >= 0x80 {
			s.ahead += k - j
			s.wordAt = k
			return false
		}
		k++
	}
	s.ahead += k - j
	s.quietTo = k
	return true
}

// emojiEnd returns the end of an emoji shortcode such as :tada: starting at i, or i.
func emojiEnd(text string, i int) int {
	if i > 0 && isASCIIAlnum(text[i-1]) {
		return i
	}
	j := i + 1
	for j < len(text) && j-i <= 40 {
		c := text[j]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '_', c == '+', c == '-':
			j++
			continue
		case c == ':' && j > i+1:
			return j + 1
		}
		return i
	}
	return i
}

// angle scans a Slack <…> escape starting at i. It returns i when there is none.
func (s *scanner) angle(i int, lineStart bool) int {
	text := s.text
	end := -1
	for j := i + 1; j < len(text) && j-i < 300; j++ {
		if text[j] == '>' {
			end = j
			break
		}
		if text[j] == '\n' || text[j] == '<' {
			return i
		}
	}
	if end < 0 || end == i+1 {
		return i
	}
	body := text[i+1 : end]
	var kind tokKind
	switch {
	case body[0] == '@' && len(body) > 1:
		kind = tMention
	case strings.HasPrefix(body, "!subteam^"):
		kind = tGroup
	case body[0] == '!':
		return end + 1 // @here, @channel: not a target
	case body[0] == '#' || strings.Contains(body, "://") || strings.HasPrefix(body, "mailto:"):
		kind = tLink
	default:
		return i
	}
	s.add(kind, i, end+1, lineStart, "")
	i = end + 1
	if kind == tMention {
		// "<@U1>'s review": the possessive is its own token, as after a name.
		size := 0
		if strings.HasPrefix(text[i:], "'") {
			size = 1
		} else if strings.HasPrefix(text[i:], "\u2019") {
			size = 3
		}
		if size > 0 && possessiveAt(text, i+size) {
			s.add(tWord, i, i+size+1, false, "'s")
			i += size + 1
		}
	}
	return i
}

func (s *scanner) punct(c byte, i, j int, lineStart bool) {
	s.add(tPunct, i, j, lineStart, "").punct = c
}

// add appends a token of the given kind for text[i:j] and returns it; low,
// its lower-case form, is appended to the shared buffer.
func (s *scanner) add(kind tokKind, i, j int, lineStart bool, low string) *token {
	if low == "" {
		s.offs = append(s.offs, -1, -1)
	} else {
		s.offs = append(s.offs, int32(len(s.low)), int32(len(s.low)+len(low)))
		s.low = append(s.low, low...)
	}
	s.toks = append(s.toks, token{}) // filled in place, as in addWord
	t := &s.toks[len(s.toks)-1]
	t.kind = kind
	t.start, t.end = int32(i), int32(j)
	t.lineStart = lineStart
	t.afterEmoji, s.emoji = s.emoji, false
	return t
}

// word scans one word starting at i and returns the index after it. Words join
// letters and digits through ' - . / _ and ’ when a letter or digit follows; a
// trailing 's is split off as its own token ("Wren's" -> "Wren", "'s").
func (s *scanner) word(i int, lineStart bool) int {
	text := s.text
	start := i
	off := len(s.low)
	low := s.low
	letters, uppers := 0, 0
	capital := false
	split := -1       // where a trailing 's starts
	asWritten := true // the lower-case form is the text as written
	for i < len(text) {
		c := text[i]
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			// The common case: a run of lower-case letters and digits, copied at once.
			j := i
			for ; j < len(text); j++ {
				if c := text[j]; c >= 'a' && c <= 'z' {
					letters++
				} else if c < '0' || c > '9' {
					break
				}
			}
			low = append(low, text[i:j]...)
			i = j
			continue
		}
		if c < 0x80 {
			switch {
			case c >= 'A' && c <= 'Z':
				if i == start {
					capital = true
				}
				letters++
				uppers++
				low = append(low, c+'a'-'A')
				asWritten = false
				i++
				continue
			case c >= 'a' && c <= 'z':
				letters++
				low = append(low, c)
				i++
				continue
			case c >= '0' && c <= '9', c == '#' && i == start:
				low = append(low, c)
				i++
				continue
			case c == '(' && i > start && strings.HasPrefix(text[i:], "(s)"):
				// "Blocker(s)", "Obstacle(s)": the word and its plural, read as the plural.
				low = append(low, 's')
				asWritten = false
				i += 3
			case c == '&' && i > start:
				// "R&D", "FP&A", and Slack's escaped "FP&amp;A": one word.
				n := 1
				if strings.HasPrefix(text[i:], "&amp;") {
					n = 5
				}
				if i+n >= len(text) || !isASCIIAlnum(text[i+n]) {
					break
				}
				low = append(low, '&')
				asWritten = asWritten && n == 1
				i += n
				continue
			case c == '\'' || c == '-' || c == '.' || c == '_' || c == '/' || c == '@' && i > start:
				if !joinAt(text, i, 1, start) {
					break
				}
				if c == '\'' && possessiveAt(text, i+1) {
					split = i
					break
				}
				low = append(low, c)
				i++
				continue
			}
			break
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == '\u2019' || r == '\u2018' {
			if !joinAt(text, i, size, start) {
				break
			}
			if possessiveAt(text, i+size) {
				split = i
				break
			}
			low = append(low, '\'')
			asWritten = false
			i += size
			continue
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		if i == start && unicode.IsUpper(r) {
			capital = true
		}
		if unicode.IsUpper(r) {
			uppers++
		}
		letters++
		low = utf8.AppendRune(low, unicode.ToLower(r))
		asWritten = false // not looked at closer: the form is the same either way
		i += size
	}
	s.low = low
	s.addWord(start, i, off, letters, uppers, capital, asWritten, lineStart)
	if split >= 0 {
		size := 1
		if text[split] != '\'' {
			size = 3
		}
		s.add(tWord, split, split+size+1, false, "'s")
		return split + size + 1
	}
	return i
}

// plainWord scans the common word, ASCII letters and digits that end at a
// space or a mark that joins nothing, and returns the index after it. For any
// other word it adds nothing and returns i: word reads it (and would read a
// plain word the same).
func (s *scanner) plainWord(i int, lineStart bool) int {
	text := s.text
	letters, uppers := 0, 0
	j := i
	for ; j < len(text); j++ {
		if c := text[j]; c >= 'a' && c <= 'z' {
			letters++
		} else if c >= 'A' && c <= 'Z' {
			letters++
			uppers++
		} else if c < '0' || c > '9' {
			break
		}
	}
	if j == i {
		return i
	}
	if j < len(text) {
		switch c := text[j]; {
		case c == '\'' || c == '-' || c == '.' || c == '_' || c == '/' || c == '@' || c == '&' || c >= 0x80 || c == '(':
			return i // it may join what follows
		}
	}
	off := len(s.low)
	if uppers > 0 {
		for k := i; k < j; k++ {
			c := text[k]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			s.low = append(s.low, c)
		}
	}
	s.addWord(i, j, off, letters, uppers, text[i] >= 'A' && text[i] <= 'Z', uppers == 0, lineStart)
	return j
}

// addWord appends the token of the word text[start:end], whose lower-case
// form s.low holds from off unless it is written as it is (asWritten).
func (s *scanner) addWord(start, end, off, letters, uppers int, capital, asWritten, lineStart bool) {
	form := ""
	if asWritten {
		// Written in lower case: the form is the text itself, and the buffer
		// (one allocation a scan) holds only the forms that differ.
		s.low = s.low[:off]
		form = s.text[start:end]
		s.offs = append(s.offs, -1, -1)
	} else {
		s.offs = append(s.offs, int32(off), int32(len(s.low)))
	}
	// The token is filled in place: a token literal is built aside and
	// copied whole, which costs more than the scanning of a short word.
	s.toks = append(s.toks, token{})
	t := &s.toks[len(s.toks)-1]
	t.low = form
	t.kind = tWord
	t.start, t.end = int32(start), int32(end)
	t.capital = capital
	t.acronym = letters >= 2 && uppers == letters
	t.plural = letters >= 3 && uppers == letters-1 && capital && s.text[end-1] == 's'
	t.lineStart = lineStart
	t.afterEmoji, s.emoji = s.emoji, false
}

// joinAt reports whether the connector of the given size at i sits inside a
// word: a letter or digit on both sides. A slash joins only single letters
// ("n/a", "i/o", "w/").
func joinAt(text string, i, size, start int) bool {
	if i+size >= len(text) || i == start {
		return false
	}
	next := text[i+size]
	if !(isASCIIAlnum(next) || next >= 0x80) {
		return text[i] == '/' && i-start == 1 && (next == ' ' || next == '\n') && (text[start] == 'w' || text[start] == 'W')
	}
	if text[i] == '/' {
		single := i-start == 1 && (i+size+1 >= len(text) || !isASCIIAlnum(text[i+size+1]))
		return single
	}
	return true
}

// possessiveAt reports whether text at i is "s" ending a word (the tail of 's).
func possessiveAt(text string, i int) bool {
	if i >= len(text) || (text[i] != 's' && text[i] != 'S') {
		return false
	}
	return i+1 == len(text) || !(isASCIIAlnum(text[i+1]) || text[i+1] >= 0x80)
}

// finish sets each token's low form and marks quoted words.
func (s *scanner) finish() {
	low := string(s.low)
	for k := range s.toks {
		if a := s.offs[2*k]; a >= 0 {
			s.toks[k].low = low[a:s.offs[2*k+1]]
		}
	}
	for k := 1; k+1 < len(s.toks); k++ {
		if s.toks[k].kind == tWord && isQuote(&s.toks[k-1]) && isQuote(&s.toks[k+1]) {
			s.toks[k].quoted = true
		}
	}
}

func isQuote(t *token) bool { return t.kind == tPunct && (t.punct == '"' || t.punct == '\'') }

// emoticonEnd returns the end of an ASCII cheer or wave starting at i ("\\o/",
// "o/", "\\o"), standing alone between spaces or the text's ends, or i.
func emoticonEnd(text string, i int) int {
	j := i
	if j < len(text) && text[j] == '\\' {
		j++
	}
	if j >= len(text) || text[j] != 'o' && text[j] != 'O' {
		return i
	}
	j++
	if j < len(text) && text[j] == '/' {
		j++
	}
	if j-i < 2 || i > 0 && !isSpace(text[i-1]) || j < len(text) && !isSpace(text[j]) {
		return i
	}
	return j
}

// strikeEnd returns the end of a struck-out span "~…~" opening at i (Slack's
// strikethrough: the "~" opens a word, the closing one ends one, on the same
// line), or i when none opens there; then eol, when it is above 0, is the end of
// the line it looked through to and found no closing "~" in, so no "~" before it
// opens a span either.
func strikeEnd(text string, i int) (end, eol int) {
	if i+1 >= len(text) || isSpace(text[i+1]) || text[i+1] == '~' || text[i+1] == '\n' ||
		i > 0 && (isASCIIAlnum(text[i-1]) || text[i-1] >= 0x80) {
		return i, 0
	}
	k := i + 2
	for ; k < len(text) && text[k] != '\n'; k++ {
		if text[k] == '~' && !isSpace(text[k-1]) && (k+1 == len(text) || !isASCIIAlnum(text[k+1])) {
			return k + 1, 0
		}
	}
	return i, k
}
