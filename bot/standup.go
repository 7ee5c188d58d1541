package bot

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/parse"
	"github.com/unblock-dev/unblock/standup"
)

// The standup modal: the "Answer" button opens it, one input per question.
const (
	actionAnswer    = "standup_answer"
	actionSkip      = "standup_skip"
	viewAnswer      = "standup_answer"
	answerActionID  = "answer"
	answerBlockStem = "q"
)

// Standups is what the bot needs of the standup scheduler.
type Standups interface {
	Answered(ctx context.Context, personID string, r unblock.Report) (bool, error)
	// Skip stores that personID skips team's standup of day ("Skip today").
	Skip(ctx context.Context, personID, team, day string) (unblock.Session, error)
}

// SetStandups connects the scheduler: every standup report is offered to it as a possible
// standup answer, and the modal's submissions go through it.
func (b *Bot) SetStandups(s Standups, teams []standup.Team) {
	b.standups = s
	b.SetStandupTeams(teams)
	b.OnReport(func(ctx context.Context, r unblock.Report, _ unblock.Statement, _ unblock.Change) error {
		if !r.Standup {
			// Chat that speaks of blockers ("still waiting on legal" in
			// #general) is read, but answers no standup: the prompt still
			// counts as unanswered and its reminder still goes out.
			return nil
		}
		answered, err := s.Answered(ctx, r.PersonID, r)
		if answered {
			b.cfg.Metrics.Answered()
		}
		return err
	})
	b.HandleAction(actionAnswer, b.onAnswerButton)
	b.HandleAction(actionSkip, b.onSkipButton)
	b.HandleView(viewAnswer, b.onAnswerSubmit)
}

// SetStandupTeams replaces the teams whose prompts' Answer buttons and modals
// the bot serves, as the scheduler's SetTeams does, with no restart.
func (b *Bot) SetStandupTeams(teams []standup.Team) {
	m := make(map[string]standup.Team, len(teams))
	for _, t := range teams {
		m[t.Name] = t
	}
	b.teamsMu.Lock()
	b.standupTeams = m
	b.teamsMu.Unlock()
}

// standupTeam returns the team named name, set by SetStandupTeams.
func (b *Bot) standupTeam(name string) (standup.Team, bool) {
	b.teamsMu.Lock()
	defer b.teamsMu.Unlock()
	t, ok := b.standupTeams[name]
	return t, ok
}

// Prompt DMs the team's questions with an "Answer" button (standup.Messenger).
func (b *Bot) Prompt(ctx context.Context, t standup.Team, s unblock.Session) (string, string, error) {
	var q strings.Builder
	for i, question := range t.Questions {
		fmt.Fprintf(&q, "%d. %s\n", i+1, unblock.EscapeText(question))
	}
	text := fmt.Sprintf("Good morning! Time for the *%s* standup (%s).", unblock.EscapeText(t.Name), s.Day)
	blocks := []slack.Block{
		section(text + "\n" + q.String()),
		slack.NewActionBlock("standup:"+t.Name+":"+s.Day,
			slack.NewButtonBlockElement(actionAnswer, t.Name+"|"+s.Day, plain("Answer")).WithStyle(slack.StylePrimary),
			slack.NewButtonBlockElement(actionSkip, t.Name+"|"+s.Day, plain("Skip today"))),
		contextLine("Or just reply here in your own words. Mention what blocks you — \"waiting on design for the mocks\" — and I'll keep track."),
	}
	// Keyed by the session: a prompt is decided once per team, person and day, in
	// the transaction that stores the session as prompted.
	err := b.enqueue(ctx, effPrompt, promptKey(t.Name, s.PersonID, s.Day), s.PromptAt.Add(t.AnswerWindow),
		call{Method: callPost, User: s.PersonID, Text: text}, blocks)
	return "", "", err
}

// promptKey is the idempotency key of a session's prompt. It starts with the
// effect's kind, as ownCall reads it from a post's metadata.
func promptKey(team, person, day string) string {
	return effPrompt + ":" + team + ":" + person + ":" + day
}

// reminderKey is the idempotency key of a session's reminder, read as promptKey's.
func reminderKey(team, person, day string) string {
	return effReminder + ":" + team + ":" + person + ":" + day
}

// Remind sends one polite reminder (standup.Messenger).
func (b *Bot) Remind(ctx context.Context, t standup.Team, s unblock.Session) error {
	closes := s.PromptAt.Add(t.AnswerWindow)
	key := reminderKey(t.Name, s.PersonID, s.Day)
	if t.PublicReminders && t.Channel != "" {
		text := fmt.Sprintf("<@%s>, the *%s* standup is open until %s.", s.PersonID, unblock.EscapeText(t.Name), b.localTime(ctx, s.PersonID, closes))
		return b.enqueue(ctx, effReminder, key, closes, call{Method: callPost, Channel: t.Channel, Text: text}, []slack.Block{section(text)})
	}
	text := fmt.Sprintf("A gentle reminder: the *%s* standup is open until %s. A line or two is plenty.", unblock.EscapeText(t.Name), b.localTime(ctx, s.PersonID, closes))
	c := call{Method: callPost, User: s.PersonID, Channel: s.Channel, ThreadTS: s.PromptTS, Text: text}
	if s.PromptTS == "" {
		// In the thread of the prompt, wherever the sender posted it.
		c.ThreadOf = promptKey(t.Name, s.PersonID, s.Day)
	}
	return b.enqueue(ctx, effReminder, key, closes, c, []slack.Block{section(text)})
}

func (b *Bot) localTime(ctx context.Context, user string, t time.Time) string {
	return t.In(b.userLocation(ctx, user)).Format("15:04 MST")
}

// Summary posts or updates the team's summary (standup.Messenger): who answered,
// and each open blocker of theirs with a menu to resolve, dismiss or nudge it.
func (b *Bot) Summary(ctx context.Context, t standup.Team, day string, sessions []unblock.Session, prev standup.Post) (standup.Post, error) {
	const maxBlocks = 50 // Slack's limit for a message
	now := b.cfg.Now()
	answered, skipped, waiting := 0, 0, 0
	var body []slack.Block
	var lines []string
	for _, s := range sessions {
		name := b.personLabel(ctx, s.PersonID)
		switch {
		case !s.AnsweredAt.IsZero():
			answered++
			open, err := b.store.BlockersOf(ctx, s.PersonID, now)
			if err != nil {
				return prev, err
			}
			if len(open) == 0 {
				line := ":white_check_mark: " + name + " — no blockers"
				lines, body = append(lines, line), append(body, section(line))
				continue
			}
			for _, bl := range open {
				lines = append(lines, ":construction: "+b.blockerLine(ctx, bl, true, now))
				body = append(body, b.blockerMenuSection(ctx, bl, now))
			}
		case s.Skipped != "":
			skipped++
			line := ":palm_tree: " + name + " — away"
			if s.Skipped == standup.SkipAsked {
				line = ":fast_forward: " + name + " — skipping today"
			}
			lines, body = append(lines, line), append(body, section(line))
		default:
			waiting++
		}
	}
	text := fmt.Sprintf("*%s standup, %s* — %d answered, %d away or skipping, %d still to answer", unblock.EscapeText(t.Name), day, answered, skipped, waiting)
	blocks := append([]slack.Block{section(text)}, body...)
	if len(blocks) > maxBlocks {
		blocks = append(blocks[:maxBlocks-1], contextLine(fmt.Sprintf("…and %d more: see `/blocked the %s team`", len(blocks)-maxBlocks+1, unblock.EscapeText(t.Name))))
	}
	// Posted once under the summary's key, then updated in place; of several
	// pending refreshes only the newest is sent. The sender remembers the post.
	err := b.enqueue(ctx, effSummary, "", time.Time{}, call{
		Method: callPost, Channel: t.Channel, PostKey: standup.SummaryKey(t.Name, day),
		Text: truncate(text+"\n"+strings.Join(lines, "\n"), 3000),
	}, blocks)
	return prev, err
}

// onAnswerButton opens the standup modal, one field per question.
func (b *Bot) onAnswerButton(ctx context.Context, cb slack.InteractionCallback, action *slack.BlockAction) error {
	team, day, _ := strings.Cut(action.Value, "|")
	t, ok := b.standupTeam(team)
	if !ok {
		return fmt.Errorf("answer button for unknown team %q", team)
	}
	var blocks []slack.Block
	for i, q := range t.Questions {
		input := slack.NewPlainTextInputBlockElement(plain("A line or two"), answerActionID)
		input.Multiline = true
		block := slack.NewInputBlock(fmt.Sprintf("%s%d", answerBlockStem, i), plain(truncate(q, 2000)), nil, input)
		block.Optional = i < len(t.Questions)-1
		blocks = append(blocks, block)
	}
	_, err := b.api.OpenViewContext(ctx, cb.TriggerID, slack.ModalViewRequest{
		Type:            slack.VTModal,
		CallbackID:      viewAnswer,
		Title:           plain("Standup"),
		Submit:          plain("Send"),
		Close:           plain("Cancel"),
		PrivateMetadata: team + "|" + day,
		Blocks:          slack.Blocks{BlockSet: blocks},
	})
	return err
}

// onAnswerSubmit turns a submitted modal into a standup report. Submitting again
// the same day replaces the earlier answer, like an edit.
func (b *Bot) onAnswerSubmit(ctx context.Context, cb slack.InteractionCallback) error {
	team, day, _ := strings.Cut(cb.View.PrivateMetadata, "|")
	t, ok := b.standupTeam(team)
	if !ok {
		return fmt.Errorf("standup modal for unknown team %q", team)
	}
	var text strings.Builder
	for i, q := range t.Questions {
		v := cb.View.State.Values[fmt.Sprintf("%s%d", answerBlockStem, i)][answerActionID].Value
		if strings.TrimSpace(v) == "" {
			continue
		}
		fmt.Fprintf(&text, "*%s*\n%s\n", q, v)
	}
	now := b.cfg.Now()
	r := unblock.Report{
		PersonID: cb.User.ID, Channel: "standup:" + team, TS: day + ":" + cb.User.ID,
		At: now, Text: text.String(), Source: unblock.SourceStandup, Standup: true,
	}
	st := parse.Parse(r.Text, b.lexicon.Load())
	ch, err := b.applyReport(ctx, r, st, true)
	if err != nil {
		return err
	}
	r.ID = ch.ReportID
	if answered, err := b.standups.Answered(ctx, cb.User.ID, r); err != nil {
		return err
	} else if answered {
		b.cfg.Metrics.Answered()
	}
	if !ch.Unchanged && st.AboutBlockers() {
		return b.dm(ctx, cb.User.ID, "Thanks for your standup! "+b.describeChange(ctx, st, ch))
	}
	return nil
}

// onSkipButton handles "Skip today" on a prompt: the session is stored skipped
// (no reminder; the day counts as neither answered nor missed) and the prompt's
// buttons become a line saying so.
func (b *Bot) onSkipButton(ctx context.Context, cb slack.InteractionCallback, action *slack.BlockAction) error {
	team, day, _ := strings.Cut(action.Value, "|")
	if _, err := b.standups.Skip(ctx, cb.User.ID, team, day); err != nil {
		if code := unblock.ErrorCode(err); code == unblock.EINVALID || code == unblock.ENOTFOUND {
			return b.tellUser(ctx, cb, unblock.EscapeText(unblock.ErrorMessage(err)))
		}
		return err
	}
	line := fmt.Sprintf(":fast_forward: Skipped the *%s* standup of %s: no reminder today, and the day counts as neither answered nor missed. Changed your mind? Just reply here.",
		unblock.EscapeText(team), day)
	if cb.Container.Type != "message" || cb.Channel.ID == "" || cb.Container.MessageTs == "" {
		return nil
	}
	// The questions stay; only the buttons give way to the line.
	var blocks []slack.Block
	for _, blk := range cb.Message.Blocks.BlockSet {
		if blockOf(blk) == action.BlockID {
			blk = section(line)
		}
		blocks = append(blocks, blk)
	}
	return b.enqueue(ctx, effUpdate, "", time.Time{},
		call{Method: callUpdate, Channel: cb.Channel.ID, TS: cb.Container.MessageTs, Text: cb.Message.Text}, blocks)
}
