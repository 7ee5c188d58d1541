package digest

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/unblock-dev/unblock"
)

// Slack's Block Kit limits, and ours within them.
const (
	MaxBlocks      = 50   // blocks in one message
	MaxSectionText = 3000 // characters in a section's text
	MaxHeaderText  = 150  // characters in a header's text

	maxLoopSections = 10  // role loops shown as their own section; more are counted
	maxBlockLine    = 400 // characters of one line before escaping
)

// Block Kit, just the parts a digest uses: header, section, context and divider.
type block struct {
	Type     string       `json:"type"`
	Text     *textObject  `json:"text,omitempty"`
	Elements []textObject `json:"elements,omitempty"`
}

type textObject struct {
	Type     string `json:"type"` // "plain_text" or "mrkdwn"
	Text     string `json:"text"`
	Verbatim bool   `json:"verbatim,omitempty"` // mrkdwn only: no automatic links or mentions
}

func headerBlock(text string) block {
	return block{Type: "header", Text: &textObject{Type: "plain_text", Text: cut(text, MaxHeaderText)}}
}

func sectionBlock(mrkdwn string) block {
	return block{Type: "section", Text: &textObject{Type: "mrkdwn", Text: mrkdwn, Verbatim: true}}
}

func contextBlock(mrkdwn string) block {
	return block{Type: "context", Elements: []textObject{{Type: "mrkdwn", Text: mrkdwn, Verbatim: true}}}
}

func dividerBlock() block { return block{Type: "divider"} }

// Blocks returns d as a JSON array of Slack Block Kit blocks for a message: the role
// loops first, each in its own section with its evidence, then person loops, chains,
// bottlenecks, roles, stale blockers and the numbers. It stays within Slack's limits
// (MaxBlocks, MaxSectionText, MaxHeaderText), ending long lists with "…and N more".
// All text from users is escaped, so a digest can never mention anyone.
func Blocks(d *Digest) ([]byte, error) {
	b, err := json.Marshal(d.blocks())
	if err != nil {
		return nil, fmt.Errorf("marshal blocks: %w", err)
	}
	return b, nil
}

func (d *Digest) blocks() []block {
	s, last := d.Stats, d.Previous
	out := []block{
		headerBlock(d.title()),
		contextBlock(fmt.Sprintf("%d open (%+d) · %d opened · %d resolved · %d expired · median %s h to resolve · against the week before",
			s.Open, s.Open-last.Open, s.Opened, s.Resolved, s.Expired, medianText(s))),
	}
	if line, ok := d.standupLine(); ok {
		out = append(out, contextBlock(line))
	}

	if len(d.RoleLoops) == 0 {
		out = append(out, sectionBlock("No role loops."))
	}
	for i, l := range d.RoleLoops {
		if i == maxLoopSections {
			out = append(out, contextBlock("…and "+unblock.Plural(len(d.RoleLoops)-i, "more role loop")))
			break
		}
		lines := firstLines(len(l.Evidence), func(i int) string { return "• " + slackLine(d.blockerLine(l.Evidence[i])) })
		title := fmt.Sprintf("*Loop: %s* (%s)", slackLine(d.loopPath(l, true, " → ")), loopSummary(l))
		out = append(out, sectionBlock(listText(title, lines, l.Blockers)))
	}
	out = append(out, dividerBlock())

	// A line for each loop and each of its blockers; a loop keeps no more evidence
	// than one section can show, so only the count covers the rest.
	var lines []string
	total := 0
	for _, l := range d.PersonLoops {
		lines = append(lines, fmt.Sprintf("• *%s* (%s)", slackLine(d.loopPath(l, false, " → ")), loopSummary(l)))
		for _, b := range l.Evidence {
			lines = append(lines, "      ◦ "+slackLine(d.blockerLine(b)))
		}
		total += 1 + l.Blockers
	}
	out = append(out, sectionBlock(listText("*Person loops*", lines, total)))

	lines = nil
	for _, c := range d.Chains {
		lines = append(lines, fmt.Sprintf("• %s (%s)", slackLine(d.chainPath(c, " → ")), chainSummary(c)))
	}
	out = append(out, sectionBlock(listText("*Wait chains*", lines, len(lines))))

	lines = nil
	for _, b := range d.Bottlenecks {
		lines = append(lines, fmt.Sprintf("• %s (%s): %s waiting, %d in all",
			slackLine(d.bottleneckName(b)), b.Kind, unblock.Plural(b.Waiting, "person"), b.Transitive))
	}
	out = append(out, sectionBlock(listText("*Bottlenecks*", lines, len(lines))))

	lines = nil
	for _, r := range d.Roles {
		lines = append(lines, fmt.Sprintf("• %s: its blockers %d, blockers on it %d",
			slackLine(r.Role.String()), r.WaitingOn, r.WaitedOnBy))
	}
	out = append(out, sectionBlock(listText("*Roles*", lines, len(lines))))

	lines = firstLines(len(d.Stale), func(i int) string { return "• " + slackLine(d.blockerLine(d.Stale[i].Blocker())) })
	title := fmt.Sprintf("*Stale: open %s or more*", unblock.Plural(days(d.StaleAfter), "day"))
	out = append(out, sectionBlock(listText(title, lines, len(d.Stale))))

	out = append(out, dividerBlock())
	lines = nil
	for _, r := range d.numberRows() {
		lines = append(lines, fmt.Sprintf("• %s: %s (last week %s, %s)", r.Name, r.This, r.Last, r.Diff))
	}
	out = append(out, sectionBlock(listText("*This week against last week*", lines, len(lines))),
		contextBlock(whySlack))
	return out
}

// slackLine makes user text one escaped line of mrkdwn: it can mention no one.
func slackLine(s string) string { return unblock.EscapeText(shorten(s, maxBlockLine)) }

// listText joins a title and lines into one section text of at most MaxSectionText
// characters, ending with "…and N more" when lines had to be left out. total counts
// all lines, of which lines may hold only the first (see maxSectionLines).
func listText(title string, lines []string, total int) string {
	if total == 0 {
		return title + "\nNone."
	}
	var sb strings.Builder
	sb.WriteString(title)
	n := utf8.RuneCountInString(title)
	for i, line := range lines {
		more := ""
		if left := total - i - 1; left > 0 {
			more = fmt.Sprintf("\n…and %d more", left)
		}
		size := 1 + utf8.RuneCountInString(line)
		if n+size+utf8.RuneCountInString(more) > MaxSectionText {
			fmt.Fprintf(&sb, "\n…and %d more", total-i)
			return sb.String()
		}
		sb.WriteString("\n")
		sb.WriteString(line)
		n += size
	}
	if len(lines) < total {
		fmt.Fprintf(&sb, "\n…and %d more", total-len(lines))
	}
	return sb.String()
}

// maxSectionLines bounds the lines built for one section: no more can fit in
// MaxSectionText characters, so a list of 40,000 stale blockers costs no more than 300.
const maxSectionLines = MaxSectionText / 10

// firstLines builds up to maxSectionLines of n lines.
func firstLines(n int, line func(i int) string) []string {
	out := make([]string, 0, min(n, maxSectionLines))
	for i := range min(n, maxSectionLines) {
		out = append(out, line(i))
	}
	return out
}

// cut shortens s to at most n characters.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
