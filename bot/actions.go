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

// blockerFromAction loads the blocker a button refers to.
func (b *Bot) blockerFromAction(ctx context.Context, action *slack.BlockAction) (unblock.Blocker, error) {
	id, err := strconv.ParseInt(action.Value, 10, 64)
	if err != nil {
		return unblock.Blocker{}, fmt.Errorf("button value %q is not a blocker ID", action.Value)
	}
	return b.store.Blocker(ctx, id)
}

// onMenu dispatches a choice from a blocker's overflow menu ("blocker_resolve:42")
// to the handler of the matching button.
func (b *Bot) onMenu(ctx context.Context, cb slack.InteractionCallback, action *slack.BlockAction) error {
	choice, id, ok := strings.Cut(action.SelectedOption.Value, ":")
	if !ok {
		return fmt.Errorf("blocker menu choice %q", action.SelectedOption.Value)
	}
	pressed := &slack.BlockAction{ActionID: choice, BlockID: action.BlockID, Value: id}
	switch choice {
	case actionResolve:
		return b.onResolve(ctx, cb, pressed)
	case actionDismiss:
		return b.onDismiss(ctx, cb, pressed)
	case actionNudge:
		return b.onNudge(ctx, cb, pressed)
	}
	return fmt.Errorf("blocker menu choice %q", choice)
}

// onResolve handles "Resolved" (by the blocked person) and "Done" (by the person
// waited on, from a nudge).
func (b *Bot) onResolve(ctx context.Context, cb slack.InteractionCallback, action *slack.BlockAction) error {
	bl, err := b.blockerFromAction(ctx, action)
	if err != nil {
		return err
	}
	now := b.cfg.Now()
	if cb.User.ID != bl.PersonID && cb.User.ID != bl.To && cb.User.ID != b.cfg.RoleOwners[bl.ToRole] {
		return b.tellUser(ctx, cb, "Only the person who is blocked, or whom they wait on, can resolve this blocker.")
	}
	if bl.Open() {
		if _, err := b.store.ResolveBlocker(ctx, bl.ID, unblock.ResolvedByButton, now); err != nil {
			return err
		}
	}
	line := ":white_check_mark: Resolved: " + b.targetLabel(ctx, bl.Target) + topicSuffix(bl.Topic)
	if err := b.replaceButtons(ctx, cb, action.BlockID, line); err != nil {
		return err
	}
	if cb.User.ID != bl.PersonID {
		if err := b.dm(ctx, bl.PersonID, fmt.Sprintf("%s marked your blocker on %s%s as done.", b.personLabel(ctx, cb.User.ID), b.targetLabel(ctx, bl.Target), topicSuffix(bl.Topic))); err != nil {
			return err
		}
	}
	if err := b.passOn(b.allClear(ctx, bl.PersonID, now), "all-clear message failed"); err != nil {
		return err
	}
	return b.refreshHome(ctx, cb.User.ID)
}

// onDismiss handles "Not a blocker": the statement was a false positive. It is
// withdrawn and its wording is remembered so the parser ignores it next time.
func (b *Bot) onDismiss(ctx context.Context, cb slack.InteractionCallback, action *slack.BlockAction) error {
	bl, err := b.blockerFromAction(ctx, action)
	if err != nil {
		return err
	}
	if cb.User.ID != bl.PersonID {
		return b.tellUser(ctx, cb, "Only the person who reported this blocker can dismiss it.")
	}
	if bl.Open() {
		if _, err := b.store.ResolveBlocker(ctx, bl.ID, unblock.ResolvedByDismiss, b.cfg.Now()); err != nil {
			return err
		}
	}
	if bl.Topic != "" {
		if err := b.learnIgnore(ctx, bl.Topic); err != nil {
			return err
		}
	}
	if err := b.replaceButtons(ctx, cb, action.BlockID, ":wastebasket: Dismissed: not a blocker. Thanks, I'll learn from it."); err != nil {
		return err
	}
	return b.refreshHome(ctx, cb.User.ID)
}

// onNudge DMs the person waited on (or the role's configured owner), at most once
// per blocker per day, with the context and a Done button.
func (b *Bot) onNudge(ctx context.Context, cb slack.InteractionCallback, action *slack.BlockAction) error {
	bl, err := b.blockerFromAction(ctx, action)
	if err != nil {
		return err
	}
	if !bl.Open() {
		return b.tellUser(ctx, cb, "That blocker is already resolved.")
	}
	now := b.cfg.Now()
	to := ""
	switch {
	case bl.ToPerson():
		to = bl.To
	case b.cfg.RoleOwners[bl.ToRole] != "":
		to = b.cfg.RoleOwners[bl.ToRole]
	default:
		return b.tellUser(ctx, cb, "There is nobody to nudge for "+b.targetLabel(ctx, bl.Target)+": configure an owner for that role.")
	}
	key := fmt.Sprintf("nudge:%d:%s", bl.ID, now.UTC().Format("2006-01-02"))
	if _, _, ok, err := b.store.Post(ctx, key); err != nil {
		return err
	} else if ok {
		return b.tellUser(ctx, cb, "Already nudged today: one nudge per blocker per day.")
	}
	// The decision is remembered in the transaction that enqueues the nudge.
	if err := b.store.SavePost(ctx, key, "", "", now); err != nil {
		return err
	}
	text := fmt.Sprintf(":wave: %s has been waiting on %s%s for %s. Can you help unblock them?",
		b.personLabel(ctx, bl.PersonID), b.targetLabel(ctx, bl.Target), topicSuffix(bl.Topic), ageText(bl.Age(now)))
	id := strconv.FormatInt(bl.ID, 10)
	blocks := []slack.Block{
		section(text),
		slack.NewActionBlock("nudge:"+id, slack.NewButtonBlockElement(actionDone, id, plain("Done")).WithStyle(slack.StylePrimary)),
	}
	if err := b.dmEffect(ctx, effNudge, key, to, text, blocks); err != nil {
		return err
	}
	return b.tellUser(ctx, cb, "Nudged "+b.personLabel(ctx, to)+".")
}

// allClear tells a person, once, when their last open blocker is resolved.
func (b *Bot) allClear(ctx context.Context, person string, now time.Time) error {
	open, err := b.store.BlockersOf(ctx, person, now)
	if err != nil || len(open) > 0 {
		return err
	}
	key := "allclear:" + person + ":" + now.UTC().Format("2006-01-02")
	if _, _, ok, err := b.store.Post(ctx, key); err != nil || ok {
		return err
	}
	if err := b.store.SavePost(ctx, key, "", "", now); err != nil {
		return err
	}
	return b.dmEffect(ctx, effDM, key, person, ":tada: You're all clear: none of your blockers is open any more.", nil)
}

// replaceButtons turns the pressed blocker's line and its buttons into a plain line,
// leaving the rest of the message (a summary lists many blockers) as it was.
func (b *Bot) replaceButtons(ctx context.Context, cb slack.InteractionCallback, blockID, line string) error {
	if cb.Container.Type != "message" || cb.Channel.ID == "" || cb.Container.MessageTs == "" {
		return nil
	}
	blocks := replaceBlock(cb.Message.Blocks.BlockSet, blockID, section(line))
	text := cb.Message.Text
	if text == "" {
		text = line
	}
	return b.enqueue(ctx, effUpdate, "", time.Time{},
		call{Method: callUpdate, Channel: cb.Channel.ID, TS: cb.Container.MessageTs, Text: text}, blocks)
}

// replaceBlock returns blocks with the block blockID replaced by with; an actions
// block takes the section before it (its line) along. Without blockID in blocks,
// the result is just with.
func replaceBlock(blocks []slack.Block, blockID string, with slack.Block) []slack.Block {
	for i, blk := range blocks {
		if blockID == "" || blockOf(blk) != blockID {
			continue
		}
		out := append([]slack.Block{}, blocks[:i]...)
		if _, isActions := blk.(*slack.ActionBlock); isActions && i > 0 {
			if _, isSection := blocks[i-1].(*slack.SectionBlock); isSection {
				out = out[:len(out)-1]
			}
		}
		out = append(out, with)
		return append(out, blocks[i+1:]...)
	}
	return []slack.Block{with}
}

// blockOf returns a block's block_id.
func blockOf(blk slack.Block) string {
	switch x := blk.(type) {
	case *slack.SectionBlock:
		return x.BlockID
	case *slack.ActionBlock:
		return x.BlockID
	}
	return ""
}

// tellUser answers a button press privately.
func (b *Bot) tellUser(ctx context.Context, cb slack.InteractionCallback, text string) error {
	c := call{Method: callEphemeral, User: cb.User.ID, Text: text}
	if cb.Channel.ID != "" && cb.Container.Type == "message" {
		c.Channel = cb.Channel.ID
	}
	return b.enqueue(ctx, effEphemeral, "", time.Time{}, c, []slack.Block{section(text)})
}

// dm decides a text DM to user: a notice that accompanies an action.
func (b *Bot) dm(ctx context.Context, user, text string) error {
	return b.dmEffect(ctx, effDM, "", user, text, nil)
}

// dmChannel returns the ID of the DM with user, opening it once: a DM's ID never
// changes, and conversations.open is rate limited (Tier 3), so prompting a large
// team would otherwise spend most of its time waiting on it.
func (b *Bot) dmChannel(ctx context.Context, user string) (string, error) {
	if id, ok := b.dms.Load(user); ok {
		return id.(string), nil
	}
	ch, _, _, err := b.api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{user}})
	if err != nil {
		return "", fmt.Errorf("conversations.open %s: %w", user, err)
	}
	if ch == nil || ch.ID == "" {
		// A reply that is ok but names no channel: this effect fails (and
		// is tried again), the bot goes on.
		return "", fmt.Errorf("conversations.open %s: the reply names no channel", user)
	}
	b.dms.Store(user, ch.ID)
	return ch.ID, nil
}
