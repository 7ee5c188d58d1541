package unblock

import "strings"

var mrkdwnEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// EscapeText escapes Slack's control characters (&, <, >) in user text echoed into
// Slack, so it can never mention @channel, a user group or a person it did not mention.
func EscapeText(s string) string { return mrkdwnEscaper.Replace(s) }
