package bot

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/unblock-dev/unblock"
)

// Bounds of a "/blocked why" answer, within Slack's 50 blocks and 3,000
// characters a section.
const (
	whyMaxOpen      = 10  // open blockers shown, each in a section of its own
	whyMaxClosed    = 5   // blockers closed in the last whyClosedWithin shown
	whyMaxReports   = 6   // reports listed per blocker: the first and the latest
	whyQuoteLen     = 180 // characters of a report's text quoted
	whyClosedWithin = unblock.DigestDays * 24 * time.Hour
)

// whyAnswer answers "/blocked why [@person]": each of the person's open blockers
// and those closed in the last week, with where it stands and the reports that
// opened, kept and closed it. You always see your own, with your reports quoted.
// Another person's are shown only when topics may be shared
// (privacy.share_topics_in_digest), and then without their reports' text: the
// conservative reading of the privacy settings, since a report may have been a DM.
func (b *Bot) whyAnswer(ctx context.Context, user string, args []string, now time.Time) (reply, error) {
	who := user
	if len(args) > 0 {
		if len(args) > 1 || mentionedUser(args[0]) == "" {
			return reply{}, unblock.Errorf(unblock.EINVALID, "Write `/blocked why` for your own blockers or `/blocked why @person`.")
		}
		who = mentionedUser(args[0])
		if _, err := b.store.Person(ctx, who); err != nil {
			return reply{}, unblock.Errorf(unblock.ENOTFOUND, "I don't know %s yet: they may have joined after my last directory sync.", args[0])
		}
	}
	self := who == user
	if !b.topicsShown(user, who) {
		return textReply(fmt.Sprintf("Only %s can see why unblock counts their blockers: this workspace keeps blocker "+
			"topics private (privacy.share_topics_in_digest is off).", b.personLabel(ctx, who))), nil
	}
	entries, err := b.store.LedgerOf(ctx, who, now)
	if err != nil {
		return reply{}, err
	}
	var open, closed []unblock.LedgerEntry
	for _, e := range entries {
		switch {
		case e.StatusAt(now) == unblock.StatusOpen:
			open = append(open, e)
		case now.Sub(e.ResolvedAt) < whyClosedWithin:
			closed = append(closed, e)
		}
	}
	title := "Why unblock counts your blockers"
	if !self {
		title = "Why unblock counts the blockers of " + plainName(ctx, b, who)
	}
	blocks := []slack.Block{header(title)}
	var lines []string
	add := func(s string) {
		lines = append(lines, s)
		blocks = append(blocks, section(s))
	}
	if len(open) == 0 {
		add(fmt.Sprintf("%s is not waiting on anyone.", b.personLabel(ctx, who)))
	}
	for i, e := range open {
		if i == whyMaxOpen {
			blocks = append(blocks, contextLine(fmt.Sprintf("…and %d more open", len(open)-i)))
			break
		}
		add(b.whyText(ctx, e, self, now))
	}
	if len(closed) > 0 {
		blocks = append(blocks, slack.NewDividerBlock(), contextLine(fmt.Sprintf("*Closed in the last %d days*", unblock.DigestDays)))
		// The most recently closed first.
		slices.SortStableFunc(closed, func(x, y unblock.LedgerEntry) int { return y.ResolvedAt.Compare(x.ResolvedAt) })
		for i, e := range closed {
			if i == whyMaxClosed {
				blocks = append(blocks, contextLine(fmt.Sprintf("…and %d more closed", len(closed)-i)))
				break
			}
			add(b.whyText(ctx, e, self, now))
		}
	}
	blocks = append(blocks, contextLine("Every blocker counts from the report that opened it; saying it again keeps it "+
		"open, and it closes when a report says it cleared, on *Resolved*, or when it is not mentioned again."))
	return reply{text: strings.Join(lines, "\n"), blocks: blocks}, nil
}

// whyText explains one blocker in mrkdwn: what is waited on, where it stands, and
// the reports behind it (quoted when withText). Everything users wrote is escaped.
func (b *Bot) whyText(ctx context.Context, e unblock.LedgerEntry, withText bool, now time.Time) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "Waiting on %s%s\n", b.targetLabel(ctx, e.Target), topicSuffix(e.Topic))
	status := e.StatusAt(now)
	switch status {
	case unblock.StatusOpen:
		fmt.Fprintf(&sb, "*open* for %s", ageText(e.Age(now)))
	default:
		fmt.Fprintf(&sb, "*%s* %s (%s) after %s", status, slackDate(e.ResolvedAt), e.Resolution.Describe(), ageText(e.Age(now)))
	}
	fmt.Fprintf(&sb, " · first said %s · last said %s", slackDate(e.OpenedAt), slackDate(e.LastSeenAt))
	ev := e.Evidence
	skipped := 0
	if len(ev) > whyMaxReports { // the report that opened it, then the latest
		skipped = len(ev) - whyMaxReports
		ev = append(ev[:1:1], ev[len(ev)-whyMaxReports+1:]...)
	}
	for i, x := range ev {
		if i == 1 && skipped > 0 {
			fmt.Fprintf(&sb, "\n• …%s said it again", unblock.Plural(skipped, "more report"))
		}
		fmt.Fprintf(&sb, "\n• %s %s", slackDate(x.Report.At), whyEffect(x.Effect))
		switch {
		case !withText:
		case x.Report.Text == "":
			sb.WriteString(" (text not kept)")
		default:
			fmt.Fprintf(&sb, ": “%s”", unblock.EscapeText(truncate(strings.Join(strings.Fields(x.Report.Text), " "), whyQuoteLen)))
		}
	}
	// Closed by a button or by silence: no report closed it, so say what did.
	if last := len(e.Evidence) - 1; status != unblock.StatusOpen &&
		(last < 0 || e.Evidence[last].Effect != unblock.EffectResolved && e.Evidence[last].Effect != unblock.EffectExpired) {
		fmt.Fprintf(&sb, "\n• %s %s", slackDate(e.ResolvedAt), e.Resolution.Describe())
	}
	return sb.String()
}

// whyEffect says what a report did, for a person.
func whyEffect(e unblock.Effect) string {
	switch e {
	case unblock.EffectOpened:
		return "opened it"
	case unblock.EffectSeen:
		return "said it again"
	case unblock.EffectResolved:
		return "cleared it"
	case unblock.EffectExpired:
		return "was the report that let it expire"
	}
	return string(e)
}

// slackDate renders t as a Slack date token: each reader sees it in their own time
// zone ("Nov 14 at 09:30"), with the UTC date as the fallback.
func slackDate(t time.Time) string {
	return fmt.Sprintf("<!date^%d^{date_short} {time}|%s>", t.Unix(), t.UTC().Format("2006-01-02 15:04 UTC"))
}
