package store

import (
	"unicode/utf8"

	"github.com/unblock-dev/unblock"
)

// appendStatement appends s as JSON to b, byte for byte as json.Marshal writes
// it: a report's row keeps its statement, and a hash of it, as Marshal wrote
// them, so the encoding must not change (TestAppendStatement and
// FuzzAppendStatement hold it to Marshal). Every message of an import is
// encoded, and Marshal's reflection cost more than a tenth of the lifecycle's
// CPU.
func appendStatement(b []byte, s storedStatement) []byte {
	b = append(b, '{')
	first := len(b)
	key := func(b []byte, name string) []byte {
		if len(b) > first {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, name...)
		return append(b, '"', ':')
	}
	if s.Blocked {
		b = append(key(b, "blocked"), "true"...)
	}
	if s.Resolved {
		b = append(key(b, "resolved"), "true"...)
	}
	if s.None {
		b = append(key(b, "none"), "true"...)
	}
	if s.Continues {
		b = append(key(b, "continues"), "true"...)
	}
	if s.Still {
		b = append(key(b, "still"), "true"...)
	}
	if len(s.Targets) > 0 {
		b = append(key(b, "targets"), '[')
		for i, t := range s.Targets {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendTarget(b, t)
		}
		b = append(b, ']')
	}
	if s.Topic != "" {
		b = appendJSONString(key(b, "topic"), s.Topic)
	}
	return append(b, '}')
}

// appendTarget appends t as json.Marshal writes an unblock.Target.
func appendTarget(b []byte, t unblock.Target) []byte {
	b = append(b, `{"kind":`...)
	b = appendJSONString(b, string(t.Kind))
	b = append(b, `,"name":`...)
	b = appendJSONString(b, t.Name)
	b = append(b, `,"role":`...)
	b = appendJSONString(b, string(t.Role))
	if t.Topic != "" {
		b = append(b, `,"topic":`...)
		b = appendJSONString(b, t.Topic)
	}
	if t.Resolved {
		b = append(b, `,"resolved":true`...)
	}
	return append(b, '}')
}

// appendJSONString appends s as a JSON string as json.Marshal writes one: <, >
// and & escaped (Marshal's HTML escaping), control characters escaped, invalid
// UTF-8 replaced by U+FFFD, and U+2028 and U+2029 escaped.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0 // s[start:i] is yet to be appended as it is
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default: // another control character, or <, > and &
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
