package digest

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/unblock-dev/unblock"
)

// The sentences every human-readable format shares. They return raw text: each
// renderer escapes it for its medium (a terminal, Markdown or Slack mrkdwn).

// maxTopic bounds a topic in human-readable output, so one long message cannot crowd
// out the rest of a digest.
const maxTopic = 200

// maxListed bounds the evidence of one loop and the stale blockers that Text and
// Markdown list; the rest are counted ("…and 12 more"). JSON lists every stale blocker.
const maxListed = 50

// listed returns the first maxListed of n items and how many were left out.
func listed(n int) (shown, more int) {
	if n <= maxListed {
		return n, 0
	}
	return maxListed, n - maxListed
}

// maxLoopEvidence is the most evidence blockers of one loop any format lists: Text
// and Markdown list maxListed, and a Slack section holds at most maxSectionLines
// lines. Build asks the analysis to keep that many a loop; the rest are counted.
const maxLoopEvidence = max(maxListed, maxSectionLines)

// evidenceLines returns the lines of the blockers behind loop l, at most
// maxListed (and no more than it keeps), and how many more there are.
func (d *Digest) evidenceLines(l unblock.Loop) (lines []string, more int) {
	shown, _ := listed(l.Blockers)
	shown = min(shown, len(l.Evidence))
	for _, b := range l.Evidence[:shown] {
		lines = append(lines, d.blockerLine(b))
	}
	return lines, l.Blockers - shown
}

// loopPath returns "Design -> Product -> Engineering -> Design" for a role loop, or the
// people's names for a person loop, closing back to the first member.
func (d *Digest) loopPath(l unblock.Loop, roles bool, arrow string) string {
	names := make([]string, 0, len(l.Members)+1)
	for _, m := range l.Members {
		if roles {
			names = append(names, unblock.Role(m).Title())
		} else {
			names = append(names, d.Name(m))
		}
	}
	if len(l.Members) > 0 {
		names = append(names, names[0])
	}
	return strings.Join(names, arrow)
}

// loopSummary returns "4 blockers, oldest 6 days".
func loopSummary(l unblock.Loop) string {
	return fmt.Sprintf("%s, oldest %s", unblock.Plural(l.Blockers, "blocker"), unblock.Plural(days(l.Oldest), "day"))
}

// chainSummary returns "3 links, oldest 10 days": how many wait on the next, and the
// age of the oldest of those waits (not their sum: the waits run side by side).
func chainSummary(c unblock.Chain) string {
	return fmt.Sprintf("%s, oldest %s", unblock.Plural(c.Links(), "link"), unblock.Plural(days(c.Oldest), "day"))
}

// blockerLine returns "Ana (engineering) waits on design: checkout mocks, 6 days".
func (d *Digest) blockerLine(b unblock.Blocker) string {
	var sb strings.Builder
	sb.WriteString(d.Name(b.PersonID))
	if b.PersonRole != unblock.RoleUnknown {
		fmt.Fprintf(&sb, " (%s)", b.PersonRole)
	}
	fmt.Fprintf(&sb, " waits on %s", d.targetName(b))
	if topic := shorten(b.Topic, maxTopic); topic != "" {
		fmt.Fprintf(&sb, ": %s", topic)
	}
	fmt.Fprintf(&sb, ", %s", unblock.Plural(days(b.Age(d.At())), "day"))
	return sb.String()
}

// chainPath returns "Ana -> Dana -> Pat -> design".
func (d *Digest) chainPath(c unblock.Chain, arrow string) string {
	names := make([]string, len(c.Path))
	for i, node := range c.Path {
		names[i] = d.nodeName(node)
	}
	return strings.Join(names, arrow)
}

// bottleneckName names a bottleneck for people.
func (d *Digest) bottleneckName(b unblock.Bottleneck) string {
	if b.Kind == unblock.TargetPerson {
		return d.Name(b.Target)
	}
	return d.nodeName(b.Target)
}

// numberRow is one line of the numbers table: this period, the last one and the change.
type numberRow struct {
	Name             string
	This, Last, Diff string
}

func (d *Digest) numberRows() []numberRow {
	count := func(name string, this, last int) numberRow {
		return numberRow{name, fmt.Sprint(this), fmt.Sprint(last), fmt.Sprintf("%+d", this-last)}
	}
	change := noMedian
	if d.Stats.HasMedian() && d.Previous.HasMedian() {
		change = fmt.Sprintf("%+.1f", d.Stats.MedianResolveHours()-d.Previous.MedianResolveHours())
	}
	return []numberRow{
		count("open", d.Stats.Open, d.Previous.Open),
		count("opened", d.Stats.Opened, d.Previous.Opened),
		count("resolved", d.Stats.Resolved, d.Previous.Resolved),
		count("expired", d.Stats.Expired, d.Previous.Expired),
		{"median hours to resolve", medianText(d.Stats), medianText(d.Previous), change},
	}
}

// noMedian stands for a median with nothing to measure: no blocker was resolved.
const noMedian = "–"

// medianText returns the median hours to resolve ("24.0"), or noMedian.
func medianText(s Stats) string {
	if !s.HasMedian() {
		return noMedian
	}
	return fmt.Sprintf("%.1f", s.MedianResolveHours())
}

// trendRows returns one row per role: open now, opened, resolved, expired and the
// median hours to resolve, each this week against last ("3 (2)").
func (d *Digest) trendRows() [][]string {
	rows := [][]string{{"role", "open", "opened", "resolved", "expired", "median h to resolve"}}
	pair := func(this, last int) string { return fmt.Sprintf("%d (%d)", this, last) }
	for _, t := range d.Trends {
		rows = append(rows, []string{
			t.Role.String(),
			pair(t.This.Open, t.Previous.Open),
			pair(t.This.Opened, t.Previous.Opened),
			pair(t.This.Resolved, t.Previous.Resolved),
			pair(t.This.Expired, t.Previous.Expired),
			fmt.Sprintf("%s (%s)", medianText(t.This), medianText(t.Previous)),
		})
	}
	return rows
}

// standupLine says how the teams answered their standups ("Standups: answered
// 38 of 45 prompts (35 on time, 3 late), 4 skipped"), and whether there were any.
func (d *Digest) standupLine() (string, bool) {
	p := d.Answered()
	return "Standups: " + p.String(), p.Any()
}

// whySlack says where a person in Slack finds the evidence behind the numbers.
const whySlack = "Why these numbers? `/blocked why` shows the reports behind your own blockers."

// whyLine says where the evidence behind the numbers is, for text and Markdown:
// "Why these numbers? `unblock blockers -config config.yaml -as-of 2026-11-20`
// lists …", with the command line the digest was made with (Evidence), or
// only /blocked why when there is none.
func (d *Digest) whyLine() string {
	if d.Evidence == "" {
		return whySlack
	}
	return fmt.Sprintf("Why these numbers? `%s` lists every blocker counted here with the "+
		"reports that opened, kept and closed it; in Slack, `/blocked why` shows yours.", d.Evidence)
}

// title returns "Blockers, 2026-11-14 to 2026-11-20".
func (d *Digest) title() string {
	return fmt.Sprintf("Blockers, %s to %s", d.Period.From.Format("2006-01-02"), d.Period.LastDay().Format("2006-01-02"))
}

// clean makes user text one printable line: control characters (newlines, terminal
// escape sequences) become spaces.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
}

// shorten cuts s to at most n runes, ending with "…" when it was cut.
func shorten(s string, n int) string {
	s = strings.TrimSpace(clean(s))
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
