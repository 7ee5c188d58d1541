package unblock

import "strings"

// EscapeText escapes Slack's control characters (&, <, >) in user text echoed into
// Slack, so it can never mention @channel, a user group or a person it did not mention.
//
// Text Slack sent is already escaped ("a &lt; b"); escaping it again would show
// users "&amp;lt;". So an entity Slack itself writes (&amp;, &lt;, &gt;) is kept as
// it is and every other &, < and > is escaped: text is escaped exactly once,
// whether it came escaped from Slack or plain from a modal or a config file.
func EscapeText(s string) string {
	if !strings.ContainsAny(s, "&<>") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			if slackEntity(s[i:]) {
				b.WriteByte('&')
			} else {
				b.WriteString("&amp;")
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// slackEntity reports whether s starts with one of the three entities Slack uses
// to escape message text.
func slackEntity(s string) bool {
	return strings.HasPrefix(s, "&amp;") || strings.HasPrefix(s, "&lt;") || strings.HasPrefix(s, "&gt;")
}
