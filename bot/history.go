package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/unblock-dev/unblock"
)

// Bounds of a history answer, within Slack's 50 blocks and 3,000 characters a
// section.
const (
	DefaultHistoryDays = 14  // "/blocked history" looks this many days back
	MaxHistoryDays     = 90  // and at most this many
	historyMaxEntries  = 20  // reports listed, newest first, each a section
	historyMaxEffects  = 5   // blockers listed per report
	historyQuoteLen    = 180 // characters of a report's text quoted
)

// Records is what the bot reads of the standups' records: sessions, for
// participation, and each person's reports with what was read from them.
// *store.DB satisfies it.
type Records interface {
	SessionsBetween(ctx context.Context, fromDay, toDay string) ([]unblock.Session, error)
	History(ctx context.Context, personID string, from, to time.Time) ([]unblock.HistoryEntry, error)
}

// isLead reports whether user is one of the leads (digest.leads): they see
// other people's history and, in participation, names.
func (b *Bot) isLead(user string) bool {
	for _, l := range b.cfg.Leads {
		if l == user {
			return true
		}
	}
	return false
}

// seesOthersHistory reports whether user may see other people's history: a lead
// (digest.leads) or an admin (the config's unblock admins and the workspace's
// admins and owners, see isAdmin).
func (b *Bot) seesOthersHistory(ctx context.Context, user string) (bool, error) {
	if b.isLead(user) {
		return true, nil
	}
	return b.isAdmin(ctx, user)
}

// historyAnswer answers "/blocked history [@person] [days]": the person's reports
// of the last days, newest first, each with what was read from it, and their
// standup participation over those days. You see your own, quoted. Another
// person's history is shown only to leads and admins, never with what they wrote (a report
// may have been a DM), and with topics only when privacy.share_topics_in_digest
// allows; everyone else is told who can see it. The answer is always private:
// "share" does not post it in the channel.
func (b *Bot) historyAnswer(ctx context.Context, user string, args []string, now time.Time) (reply, error) {
	who, days := user, DefaultHistoryDays
	for _, a := range args {
		if id := mentionedUser(a); id != "" {
			who = id
			if _, err := b.store.Person(ctx, who); err != nil {
				return reply{}, unblock.Errorf(unblock.ENOTFOUND, "I don't know %s yet: they may have joined after my last directory sync.", a)
			}
			continue
		}
		n, err := strconv.Atoi(strings.TrimSuffix(strings.ToLower(a), "d"))
		if err != nil || n < 1 || n > MaxHistoryDays {
			return reply{}, unblock.Errorf(unblock.EINVALID, "Write `/blocked history [@person] [days]`, with days from 1 to %d.", MaxHistoryDays)
		}
		days = n
	}
	self := who == user
	if !self {
		allowed, err := b.seesOthersHistory(ctx, user)
		if err != nil {
			return reply{}, err
		}
		if !allowed {
			return textReply(fmt.Sprintf("Only %s, the leads and the unblock admins can see their history.", b.personLabel(ctx, who))), nil
		}
	}
	from := now.AddDate(0, 0, -days)
	list, err := b.store.History(ctx, who, from, now)
	if err != nil {
		return reply{}, err
	}
	title := "Your last " + unblock.Plural(days, "day")
	if !self {
		title = fmt.Sprintf("%s: the last %s", plainName(ctx, b, who), unblock.Plural(days, "day"))
	}
	blocks := []slack.Block{header(title)}
	var lines []string
	if line, ok, err := b.personParticipation(ctx, who, from, now); err != nil {
		return reply{}, err
	} else if ok {
		lines = append(lines, line)
		blocks = append(blocks, section(line))
	}
	if len(list) == 0 {
		line := fmt.Sprintf("No reports from %s in the last %s.", b.personLabel(ctx, who), unblock.Plural(days, "day"))
		lines = append(lines, line)
		blocks = append(blocks, section(line))
	}
	opt := historyView{quote: self, topics: b.topicsShown(user, who)}
	for i := len(list) - 1; i >= 0; i-- {
		if n := len(list) - 1 - i; n == historyMaxEntries {
			blocks = append(blocks, contextLine(fmt.Sprintf("…and %d older reports: ask for fewer days.", i+1)))
			break
		}
		line := b.historyText(ctx, list[i], opt)
		lines = append(lines, line)
		blocks = append(blocks, section(line))
	}
	if !self {
		blocks = append(blocks, contextLine("What they wrote is not shown: a report may have been a direct message."))
	}
	return reply{text: truncate(strings.Join(lines, "\n"), 3000), blocks: blocks, private: true}, nil
}

// historyView says what a history shows of someone's reports.
type historyView struct {
	quote  bool // what they wrote (only your own)
	topics bool // what they wait for (your own, or when topics may be shared)
}

// historyText renders one report in mrkdwn: when and where, what was read from
// it, and (with opt.quote) what it said. Everything users wrote is escaped once.
func (b *Bot) historyText(ctx context.Context, e unblock.HistoryEntry, opt historyView) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s · %s", slackDate(e.Report.At), sourceText(e.Report.Source))
	if len(e.Effects) == 0 {
		sb.WriteString(" · no blocker changed")
	}
	for i, x := range e.Effects {
		if i == historyMaxEffects {
			fmt.Fprintf(&sb, "\n• …and %d more", len(e.Effects)-i)
			break
		}
		topic := ""
		if opt.topics {
			topic = topicSuffix(x.Blocker.Topic)
		}
		fmt.Fprintf(&sb, "\n• %s: waiting on %s%s", historyEffect(x.Effect), b.targetLabel(ctx, x.Blocker.Target), topic)
	}
	if opt.quote {
		if e.Report.Text == "" {
			sb.WriteString("\n> _(text not kept)_")
		} else {
			fmt.Fprintf(&sb, "\n> %s", unblock.EscapeText(truncate(strings.Join(strings.Fields(e.Report.Text), " "), historyQuoteLen)))
		}
	}
	return sb.String()
}

// historyEffect says what a report did to a blocker, for a person.
func historyEffect(e unblock.Effect) string {
	switch e {
	case unblock.EffectOpened:
		return "opened"
	case unblock.EffectSeen:
		return "continued"
	case unblock.EffectResolved:
		return "resolved"
	case unblock.EffectExpired:
		return "expired (not mentioned again)"
	}
	return string(e)
}

// sourceText says where a report came from.
func sourceText(s unblock.ReportSource) string {
	switch s {
	case unblock.SourceStandup:
		return "standup answer"
	case unblock.SourceChannel:
		return "channel post"
	case unblock.SourceDM:
		return "direct message"
	case unblock.SourceImport:
		return "imported post"
	case unblock.SourceCommand:
		return "/blocked"
	}
	return string(s)
}

// personParticipation says how who answered their standups in [from, to), and
// whether they had any.
func (b *Bot) personParticipation(ctx context.Context, who string, from, to time.Time) (string, bool, error) {
	sessions, err := b.store.SessionsBetween(ctx, sessionDay(from), sessionDay(to.AddDate(0, 0, 1)))
	if err != nil {
		return "", false, err
	}
	var p unblock.Participation
	for _, s := range sessions {
		if s.PersonID == who {
			p.Add(s)
		}
	}
	if !p.Any() {
		return "", false, nil
	}
	return "Standups: " + p.String(), true, nil
}

// sessionDay is the standup day (as sessions name days) of t.
func sessionDay(t time.Time) string { return t.Format(time.DateOnly) }
