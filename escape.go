package unblock

import "strings"

// Text crosses Slack's edge in two directions, each with one home here. Slack
// sends message text with its three control characters escaped ("R&amp;D",
// "a &lt; b") and its markup raw ("<@U123>", "<#C1|general>", "<!subteam^S1>",
// "<https://x|label>"): UnescapeText decodes it once as it comes in (live events,
// edits, slash commands, exports), so the reader, the store and every output see
// what the person typed. EscapeText escapes text once as it goes out to Slack.

// UnescapeText decodes Slack's entities (&amp;, &lt;, &gt;) in text Slack sent,
// once, and keeps Slack's markup (<@U…>, <#C…|name>, <!subteam^…>, <http…|label>)
// as Slack wrote it, entities inside it included, so mentions and links stay
// intact. Any other & is kept as it is.
func UnescapeText(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		switch s[i] {
		case '<':
			// Markup: a raw '<' in Slack's text opens it, up to its '>'.
			if j := strings.IndexByte(s[i:], '>'); j > 0 {
				b.WriteString(s[i : i+j+1])
				i += j + 1
				continue
			}
		case '&':
			switch {
			case strings.HasPrefix(s[i:], "&amp;"):
				b.WriteByte('&')
				i += len("&amp;")
				continue
			case strings.HasPrefix(s[i:], "&lt;"):
				b.WriteByte('<')
				i += len("&lt;")
				continue
			case strings.HasPrefix(s[i:], "&gt;"):
				b.WriteByte('>')
				i += len("&gt;")
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// EscapeText escapes Slack's control characters (&, <, >) in text echoed into
// Slack, so it can never mention @channel, a user group or a person it did not
// mention, and shows as it was written. Text is escaped exactly once: what came
// from Slack was unescaped on the way in (UnescapeText), and what came from a
// modal, a profile or a config file was never escaped, so "&lt;" in text is four
// characters someone typed and is shown as such.
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
			b.WriteString("&amp;")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
