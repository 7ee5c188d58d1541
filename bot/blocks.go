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

// Action IDs of the buttons on blocker lines. The button value is the blocker ID.
const (
	actionResolve = "blocker_resolve"
	actionDismiss = "blocker_dismiss"
	actionNudge   = "blocker_nudge"
	actionDone    = "blocker_done" // in a nudge DM, pressed by the person waited on
	actionMenu    = "blocker_menu" // an overflow menu with the three, where space is short
)

// mrkdwn returns a verbatim mrkdwn text object: Slack will not auto-link names or
// channels in it, so escaped user text stays inert.
func mrkdwn(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, s, false, true)
}

func plain(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, s, false, false)
}

func section(s string) *slack.SectionBlock {
	return slack.NewSectionBlock(mrkdwn(truncate(s, 3000)), nil, nil)
}

func header(s string) *slack.HeaderBlock { return slack.NewHeaderBlock(plain(truncate(s, 150))) }

func contextLine(s string) *slack.ContextBlock {
	return slack.NewContextBlock("", mrkdwn(truncate(s, 3000)))
}

// MaxMessageText bounds a message's top-level text (the notification and
// fallback): Slack refuses much longer text with msg_too_long and advises 4,000.
const MaxMessageText = 4000

// truncate shortens mrkdwn s to at most n characters (runes), ending with an
// ellipsis. It never leaves half of a Slack entity (&amp;) or of a mention or
// link (<@U123>): those are cut whole.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n-1])
	if i := strings.LastIndexByte(cut, '<'); i >= 0 && !strings.Contains(cut[i:], ">") {
		cut = cut[:i]
	}
	if i := strings.LastIndexByte(cut, '&'); i >= 0 && !strings.Contains(cut[i:], ";") {
		cut = cut[:i]
	}
	return cut + "…"
}

// msgText is a message's top-level text, cut to Slack's limit.
func msgText(s string) slack.MsgOption {
	return slack.MsgOptionText(truncate(s, MaxMessageText), false)
}

// blockerLine describes one open blocker for Slack, escaped.
func (b *Bot) blockerLine(ctx context.Context, bl unblock.Blocker, withPerson bool, now time.Time) string {
	var who string
	if withPerson {
		who = b.personLabel(ctx, bl.PersonID) + " waits on "
	} else {
		who = "Waiting on "
	}
	return fmt.Sprintf("%s%s%s · %s", who, b.targetLabel(ctx, bl.Target), topicSuffix(bl.Topic), ageText(bl.Age(now)))
}

// blockerSection is a blocker line with its buttons: Resolved and Not a blocker
// for the blocked person, Nudge for anyone.
func (b *Bot) blockerSection(ctx context.Context, bl unblock.Blocker, withPerson bool, now time.Time) []slack.Block {
	id := strconv.FormatInt(bl.ID, 10)
	return []slack.Block{
		section(b.blockerLine(ctx, bl, withPerson, now)),
		slack.NewActionBlock("blocker:"+id,
			slack.NewButtonBlockElement(actionResolve, id, plain("Resolved")).WithStyle(slack.StylePrimary),
			slack.NewButtonBlockElement(actionDismiss, id, plain("Not a blocker")),
			slack.NewButtonBlockElement(actionNudge, id, plain("Nudge")),
		),
	}
}

// blockerMenuSection is a blocker line with an overflow menu (Resolved, Not a
// blocker, Nudge) as its accessory: one block instead of two, for summaries.
func (b *Bot) blockerMenuSection(ctx context.Context, bl unblock.Blocker, now time.Time) slack.Block {
	id := strconv.FormatInt(bl.ID, 10)
	menu := slack.NewOverflowBlockElement(actionMenu,
		slack.NewOptionBlockObject(actionResolve+":"+id, plain("Resolved"), nil),
		slack.NewOptionBlockObject(actionDismiss+":"+id, plain("Not a blocker"), nil),
		slack.NewOptionBlockObject(actionNudge+":"+id, plain("Nudge"), nil),
	)
	return slack.NewSectionBlock(mrkdwn(truncate(b.blockerLine(ctx, bl, true, now), 3000)), nil, slack.NewAccessory(menu),
		slack.SectionBlockOptionBlockID("blocker:"+id))
}

// personLabel names a person in bold without mentioning them.
func (b *Bot) personLabel(ctx context.Context, id string) string {
	if p, err := b.store.Person(ctx, id); err == nil {
		return "*" + unblock.EscapeText(p.Label()) + "*"
	}
	return "*" + unblock.EscapeText(id) + "*"
}

// ageText renders an age as "today", "1 day", "5 days".
func ageText(d time.Duration) string {
	days := int(d / (24 * time.Hour))
	if days == 0 {
		return "today"
	}
	return unblock.Plural(days, "day")
}

// splitBlockers returns the blockers of person and the blockers on person.
func splitBlockers(open []unblock.Blocker, person string) (theirs, onThem []unblock.Blocker) {
	for _, bl := range open {
		if bl.PersonID == person {
			theirs = append(theirs, bl)
		}
		if bl.To == person {
			onThem = append(onThem, bl)
		}
	}
	return theirs, onThem
}

// blockerList renders up to max blockers, each by render, ending with "…and N
// more" when there are more; it also returns each shown blocker's line, for the
// message's fallback text.
func (b *Bot) blockerList(ctx context.Context, list []unblock.Blocker, max int, withPerson bool, now time.Time,
	render func(unblock.Blocker, string) []slack.Block) ([]slack.Block, []string) {
	var blocks []slack.Block
	var lines []string
	for i, bl := range list {
		if i == max {
			blocks = append(blocks, contextLine(fmt.Sprintf("…and %d more", len(list)-max)))
			break
		}
		line := b.blockerLine(ctx, bl, withPerson, now)
		lines = append(lines, line)
		blocks = append(blocks, render(bl, line)...)
	}
	return blocks, lines
}

// asSection renders a blocker as its line alone.
func asSection(_ unblock.Blocker, line string) []slack.Block { return []slack.Block{section(line)} }
