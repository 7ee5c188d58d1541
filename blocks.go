package unblock

import (
	"encoding/json"
	"strconv"
	"strings"
)

// block is one Block Kit block of a message, with only what carries text: a
// section's text and fields, a header's text and a rich_text block's elements.
// Other blocks carry no report text: images, dividers, actions, and context
// blocks, whose small print is a post's by-line ("Posted with Geekbot",
// "Submitted at 09:41"), which read as one more line of the last answer.
// Blocks are decoded one by one and leniently (BlocksText), so that no block's
// shape can cost a message, let alone its day file.
type block struct {
	Type     string          `json:"type"`
	Text     *blockText      `json:"text"`
	Fields   []blockText     `json:"fields"`
	Elements json.RawMessage `json:"elements"` // rich_text: sections, lists, quotes
}

type blockText struct {
	Type string `json:"type"` // plain_text or mrkdwn
	Text string `json:"text"`
}

// richElement is an element of a rich_text block or of one of its sections: a
// container (rich_text_section, rich_text_list, rich_text_quote,
// rich_text_preformatted) with elements of its own, or a leaf (text, link, user,
// channel, usergroup, emoji, broadcast).
type richElement struct {
	Type      string        `json:"type"`
	Elements  []richElement `json:"elements"`
	Text      string        `json:"text"`
	URL       string        `json:"url"`
	UserID    string        `json:"user_id"`
	ChannelID string        `json:"channel_id"`
	GroupID   string        `json:"usergroup_id"`
	Name      string        `json:"name"`
	Range     string        `json:"range"`
	// A list's "bullet" or "ordered"; a text's {"bold": true}.
	Style json.RawMessage `json:"style"`
}

// BlocksText renders a message's Block Kit blocks as the text a person reads, a line per section,
// field, list item or quote line, with mentions as Slack writes them in text
// ("<@U123>"), so the parser reads it as it reads a message's text. It returns ""
// when no block carries text. The import and the live bot read a bot's post
// (a standup app's, whose text is only the notification's fallback) and a
// message with no text but blocks through it.
func BlocksText(raw []json.RawMessage) string {
	var lines []string
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			lines = append(lines, s)
		}
	}
	for _, r := range raw {
		// Unmarshal fills what fits and reports the first field that did not: what
		// fits is still the block's text.
		var b block
		_ = json.Unmarshal(r, &b)
		switch b.Type {
		case "section", "header":
			if b.Text != nil {
				add(b.Text.Text)
			}
			for _, f := range b.Fields {
				add(f.Text)
			}
		case "rich_text":
			var els []richElement
			_ = json.Unmarshal(b.Elements, &els)
			for _, e := range els {
				richLines(e, add)
			}
		}
	}
	return strings.Join(lines, "\n")
}

// richLines renders one top-level rich_text element: a section's text as it is
// (with its own newlines), each list item on a line of its own with a bullet.
func richLines(e richElement, add func(string)) {
	switch e.Type {
	case "rich_text_list":
		for i, item := range e.Elements {
			bullet := "• "
			if string(e.Style) == `"ordered"` {
				bullet = strconv.Itoa(i+1) + ". "
			}
			add(bullet + richInline(item.Elements))
		}
	default: // rich_text_section, rich_text_quote, rich_text_preformatted
		for _, line := range strings.Split(richInline(e.Elements), "\n") {
			add(line)
		}
	}
}

// richInline renders leaf elements as message text.
func richInline(els []richElement) string {
	var b strings.Builder
	for _, e := range els {
		switch e.Type {
		case "text":
			// Rich text holds what was typed; a message's text is escaped, and is
			// decoded once with the rest (unblock.UnescapeText).
			b.WriteString(EscapeText(e.Text))
		case "link":
			if e.Text != "" {
				b.WriteString("<" + e.URL + "|" + EscapeText(e.Text) + ">")
			} else {
				b.WriteString("<" + e.URL + ">")
			}
		case "user":
			b.WriteString("<@" + e.UserID + ">")
		case "channel":
			b.WriteString("<#" + e.ChannelID + ">")
		case "usergroup":
			b.WriteString("<!subteam^" + e.GroupID + ">")
		case "broadcast":
			b.WriteString("<!" + e.Range + ">")
		case "emoji":
			b.WriteString(":" + e.Name + ":")
		default:
			b.WriteString(richInline(e.Elements))
		}
	}
	return b.String()
}
