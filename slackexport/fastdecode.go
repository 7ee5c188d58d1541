package slackexport

import (
	"encoding/json"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// fastMessages decodes a day file, a JSON array of messages, into messages as
// encoding/json decodes each element into a message, without its reflection
// and without decoding what message leaves out (files, reactions, the parts of
// a user profile that are not names): those values are only checked to be
// valid JSON and skipped, and blocks are kept as the raw JSON they are. ok is
// false when b holds anything it does not read exactly as encoding/json would:
// not valid JSON, a value of another type than message's field, a key that
// differs from one of message's only in case, a key given twice. The caller
// then decodes the file with encoding/json, which says what is wrong and where.
func fastMessages(b []byte) (ms []message, ok bool) {
	s := &scanner{b: b}
	s.ws()
	if !s.consume('[') {
		return nil, false
	}
	s.ws()
	if s.consume(']') {
		return []message{}, s.end()
	}
	for {
		var m message
		if !s.message(&m, 0) {
			return nil, false
		}
		ms = append(ms, m)
		s.ws()
		if s.consume(']') {
			return ms, s.end()
		}
		if !s.consume(',') {
			return nil, false
		}
		s.ws()
	}
}

// scanner reads JSON from b at i.
type scanner struct {
	b []byte
	i int
}

// maxDepth bounds nesting: deeper input is left to encoding/json.
const maxDepth = 1000

func (s *scanner) ws() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

func (s *scanner) consume(c byte) bool {
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

// end reports whether only whitespace follows.
func (s *scanner) end() bool {
	s.ws()
	return s.i == len(s.b)
}

func (s *scanner) peek() byte {
	if s.i < len(s.b) {
		return s.b[s.i]
	}
	return 0
}

// literal consumes word (true, false, null).
func (s *scanner) literal(word string) bool {
	if len(s.b)-s.i >= len(word) && string(s.b[s.i:s.i+len(word)]) == word {
		s.i += len(word)
		return true
	}
	return false
}

// null consumes a null if one is next.
func (s *scanner) null() bool {
	return s.peek() == 'n' && s.literal("null")
}

// skip consumes one valid JSON value of any type.
func (s *scanner) skip(depth int) bool {
	if depth > maxDepth {
		return false
	}
	switch c := s.peek(); {
	case c == '"':
		_, _, ok := s.rawString()
		return ok
	case c == '{':
		s.i++
		s.ws()
		if s.consume('}') {
			return true
		}
		for {
			if s.peek() != '"' {
				return false
			}
			if _, _, ok := s.rawString(); !ok {
				return false
			}
			s.ws()
			if !s.consume(':') {
				return false
			}
			s.ws()
			if !s.skip(depth + 1) {
				return false
			}
			s.ws()
			if s.consume('}') {
				return true
			}
			if !s.consume(',') {
				return false
			}
			s.ws()
		}
	case c == '[':
		s.i++
		s.ws()
		if s.consume(']') {
			return true
		}
		for {
			if !s.skip(depth + 1) {
				return false
			}
			s.ws()
			if s.consume(']') {
				return true
			}
			if !s.consume(',') {
				return false
			}
			s.ws()
		}
	case c == 't':
		return s.literal("true")
	case c == 'f':
		return s.literal("false")
	case c == 'n':
		return s.literal("null")
	case c == '-' || c >= '0' && c <= '9':
		return s.number()
	}
	return false
}

// number consumes a JSON number.
func (s *scanner) number() bool {
	s.consume('-')
	switch c := s.peek(); {
	case c == '0':
		s.i++
	case c >= '1' && c <= '9':
		s.digits()
	default:
		return false
	}
	if s.consume('.') {
		if !s.digits() {
			return false
		}
	}
	if c := s.peek(); c == 'e' || c == 'E' {
		s.i++
		if c := s.peek(); c == '+' || c == '-' {
			s.i++
		}
		if !s.digits() {
			return false
		}
	}
	return true
}

// digits consumes one or more digits.
func (s *scanner) digits() bool {
	start := s.i
	for s.i < len(s.b) && s.b[s.i] >= '0' && s.b[s.i] <= '9' {
		s.i++
	}
	return s.i > start
}

// rawString consumes a valid JSON string and returns its bytes between the
// quotes and whether they hold an escape.
func (s *scanner) rawString() (raw []byte, escaped, ok bool) {
	if !s.consume('"') {
		return nil, false, false
	}
	start := s.i
	for s.i < len(s.b) {
		c := s.b[s.i]
		switch {
		case c == '"':
			raw = s.b[start:s.i]
			s.i++
			return raw, escaped, true
		case c == '\\':
			escaped = true
			s.i++
			switch s.peek() {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				s.i++
			case 'u':
				s.i++
				for range 4 {
					if !isHex(s.peek()) {
						return nil, false, false
					}
					s.i++
				}
			default:
				return nil, false, false
			}
		case c < ' ':
			return nil, false, false
		default:
			s.i++
		}
	}
	return nil, false, false
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// str consumes a JSON string and returns it as encoding/json decodes it
// (escapes decoded, invalid UTF-8 replaced by U+FFFD).
func (s *scanner) str() (string, bool) {
	raw, escaped, ok := s.rawString()
	if !ok {
		return "", false
	}
	if !escaped && utf8.Valid(raw) {
		return string(raw), true
	}
	return unquote(raw), true
}

// unquote decodes the bytes of a valid JSON string as encoding/json does.
func unquote(raw []byte) string {
	out := make([]byte, 0, len(raw)+8)
	for r := 0; r < len(raw); {
		c := raw[r]
		switch {
		case c == '\\':
			r++
			switch raw[r] {
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'u':
				rr := hex4(raw[r+1:])
				r += 5
				if utf16.IsSurrogate(rr) && r+6 <= len(raw) && raw[r] == '\\' && raw[r+1] == 'u' {
					if dec := utf16.DecodeRune(rr, hex4(raw[r+2:])); dec != unicode.ReplacementChar {
						out = utf8.AppendRune(out, dec)
						r += 6
						continue
					}
				}
				if utf16.IsSurrogate(rr) {
					rr = unicode.ReplacementChar
				}
				out = utf8.AppendRune(out, rr)
				continue
			default: // '"', '\\', '/'
				out = append(out, raw[r])
			}
			r++
		case c < utf8.RuneSelf:
			out = append(out, c)
			r++
		default:
			rr, size := utf8.DecodeRune(raw[r:])
			r += size
			out = utf8.AppendRune(out, rr)
		}
	}
	return string(out)
}

// hex4 reads the four hex digits at the start of b (rawString checked them).
func hex4(b []byte) rune {
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		default:
			c = c - 'A' + 10
		}
		r = r<<4 | rune(c)
	}
	return r
}

// object reads a JSON object, calling field for each key with the scanner
// before its value; field returns false to give up. Keys with escapes, keys
// given twice among those field knows (known), and keys that match a known
// one only when case is ignored (encoding/json would decode them into it) give
// up too.
func (s *scanner) object(known []string, field func(k int) bool, depth int) bool {
	if depth > maxDepth || !s.consume('{') {
		return false
	}
	var seen uint64
	s.ws()
	if s.consume('}') {
		return true
	}
	for {
		raw, escaped, ok := s.rawString()
		if !ok || escaped {
			return false
		}
		s.ws()
		if !s.consume(':') {
			return false
		}
		s.ws()
		k := -1
		for j, name := range known {
			if string(raw) == name {
				k = j
				break
			}
			if len(raw) == len(name) && strings.EqualFold(string(raw), name) {
				return false
			}
		}
		if k < 0 {
			for _, c := range raw {
				if c >= utf8.RuneSelf { // Unicode case folding: leave it to encoding/json
					return false
				}
			}
			if !s.skip(depth + 1) {
				return false
			}
		} else {
			if seen&(1<<k) != 0 {
				return false
			}
			seen |= 1 << k
			if !field(k) {
				return false
			}
		}
		s.ws()
		if s.consume('}') {
			return true
		}
		if !s.consume(',') {
			return false
		}
		s.ws()
	}
}

// strField reads a string into *dst; null leaves it as it is.
func (s *scanner) strField(dst *string) bool {
	if s.null() {
		return true
	}
	if s.peek() != '"' {
		return false
	}
	v, ok := s.str()
	*dst = v
	return ok
}

// messageKeys are message's JSON keys, in the order message.field numbers them.
var messageKeys = []string{"type", "subtype", "user", "bot_id", "text", "ts", "thread_ts", "edited", "blocks",
	"user_profile", "message", "deleted_ts", "username", "attachments"}

// message reads a JSON object into m.
func (s *scanner) message(m *message, depth int) bool {
	return s.object(messageKeys, func(k int) bool {
		switch k {
		case 0:
			return s.strField(&m.Type)
		case 1:
			return s.strField(&m.Subtype)
		case 2:
			return s.strField(&m.User)
		case 3:
			return s.strField(&m.BotID)
		case 4:
			return s.strField(&m.Text)
		case 5:
			return s.strField(&m.TS)
		case 6:
			return s.strField(&m.ThreadTS)
		case 7:
			if s.null() {
				m.Edited = nil
				return true
			}
			m.Edited = &struct{}{}
			return s.peek() == '{' && s.skip(depth+1)
		case 8:
			return s.blocks(&m.Blocks, depth+1)
		case 9:
			if s.null() {
				m.UserProfile = nil
				return true
			}
			p := &userProfile{}
			m.UserProfile = p
			return s.object([]string{"real_name", "display_name", "name"}, func(k int) bool {
				return s.strField([]*string{&p.RealName, &p.DisplayName, &p.Name}[k])
			}, depth+1)
		case 10:
			if s.null() {
				m.Message = nil
				return true
			}
			m.Message = &message{}
			return s.message(m.Message, depth+1)
		case 11:
			return s.strField(&m.DeletedTS)
		case 12:
			return s.strField(&m.Username)
		default:
			return s.attachments(m, depth+1)
		}
	}, depth)
}

// blocks reads an array of blocks, each kept as its raw JSON.
func (s *scanner) blocks(dst *[]json.RawMessage, depth int) bool {
	if s.null() {
		*dst = nil
		return true
	}
	if !s.consume('[') {
		return false
	}
	out := []json.RawMessage{}
	s.ws()
	if !s.consume(']') {
		for {
			start := s.i
			if s.peek() == 'n' || !s.skip(depth+1) { // a null block: left to encoding/json
				return false
			}
			out = append(out, json.RawMessage(s.b[start:s.i]))
			s.ws()
			if s.consume(']') {
				break
			}
			if !s.consume(',') {
				return false
			}
			s.ws()
		}
	}
	*dst = out
	return true
}

// attachments reads a standup bot's attachments into m.
func (s *scanner) attachments(m *message, depth int) bool {
	if s.null() {
		m.Attachments = nil
		return true
	}
	if !s.consume('[') {
		return false
	}
	m.Attachments = []attachment{}
	s.ws()
	if s.consume(']') {
		return true
	}
	for {
		m.Attachments = append(m.Attachments, attachment{})
		a := &m.Attachments[len(m.Attachments)-1]
		ok := s.object([]string{"pretext", "title", "text", "fields"}, func(k int) bool {
			switch k {
			case 0:
				return s.strField(&a.Pretext)
			case 1:
				return s.strField(&a.Title)
			case 2:
				return s.strField(&a.Text)
			}
			if s.null() {
				a.Fields = nil
				return true
			}
			if !s.consume('[') {
				return false
			}
			a.Fields = []attachmentField{}
			s.ws()
			if s.consume(']') {
				return true
			}
			for {
				a.Fields = append(a.Fields, attachmentField{})
				f := &a.Fields[len(a.Fields)-1]
				if !s.object([]string{"title", "value"}, func(k int) bool {
					return s.strField([]*string{&f.Title, &f.Value}[k])
				}, depth+2) {
					return false
				}
				s.ws()
				if s.consume(']') {
					return true
				}
				if !s.consume(',') {
					return false
				}
				s.ws()
			}
		}, depth+1)
		if !ok {
			return false
		}
		s.ws()
		if s.consume(']') {
			return true
		}
		if !s.consume(',') {
			return false
		}
		s.ws()
	}
}
