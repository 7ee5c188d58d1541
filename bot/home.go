package bot

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/unblock-dev/unblock"
)

// Action IDs of the App Home's pause controls.
const (
	actionAwayWeek = "home_away_week"
	actionBack     = "home_back"
)

// onHomeOpened publishes the App Home when a user opens it.
func (b *Bot) onHomeOpened(ctx context.Context, ev slackevents.EventsAPIEvent) error {
	e, ok := ev.InnerEvent.Data.(*slackevents.AppHomeOpenedEvent)
	if !ok {
		return fmt.Errorf("app_home_opened event of type %T", ev.InnerEvent.Data)
	}
	if e.Tab != "" && e.Tab != "home" {
		return nil
	}
	return b.refreshHome(ctx, e.User)
}

// refreshHome publishes user's App Home: their open blockers with buttons, who waits
// on them, the loops around their role, and pause controls.
func (b *Bot) refreshHome(ctx context.Context, user string) error {
	now := b.cfg.Now()
	blocks, err := b.homeBlocks(ctx, user, now)
	if err != nil {
		return err
	}
	// Of several pending publishes of one Home, only the newest is sent.
	return b.enqueue(ctx, effHome, "", time.Time{}, call{Method: callHome, User: user}, blocks)
}

func (b *Bot) homeBlocks(ctx context.Context, user string, now time.Time) ([]slack.Block, error) {
	const maxBlocks = 100 // Slack's limit for a view
	open, err := b.openBlockersFor(ctx, user, now)
	if err != nil {
		return nil, err
	}
	me, _ := b.store.Person(ctx, user)
	mine, onMe := splitBlockers(open, user)
	blocks := []slack.Block{header("Your blockers")}
	if len(mine) == 0 {
		blocks = append(blocks, section("You are not waiting on anyone. :tada:"))
	}
	list, _ := b.blockerList(ctx, mine, 15, false, now, func(bl unblock.Blocker, _ string) []slack.Block {
		return b.blockerSection(ctx, bl, false, now)
	})
	blocks = append(blocks, list...)
	blocks = append(blocks, slack.NewDividerBlock(), header("Waiting on you"))
	if len(onMe) == 0 {
		blocks = append(blocks, section("Nobody is waiting on you."))
	}
	list, _ = b.blockerList(ctx, onMe, 15, true, now, func(bl unblock.Blocker, line string) []slack.Block {
		id := strconv.FormatInt(bl.ID, 10)
		return []slack.Block{section(line),
			slack.NewActionBlock("waiting:"+id, slack.NewButtonBlockElement(actionDone, id, plain("Done")).WithStyle(slack.StylePrimary))}
	})
	blocks = append(blocks, list...)

	a, err := b.analysisOf(open, now)
	if err == nil {
		var loops []string
		for _, l := range a.RoleLoops {
			if me.Role == unblock.RoleUnknown || containsString(l.Members, string(me.Role)) {
				loops = append(loops, fmt.Sprintf(":repeat: *%s* — %s, oldest %s", roleLoopText(l.Members), unblock.Plural(l.Blockers, "blocker"), ageText(l.Oldest)))
			}
		}
		blocks = append(blocks, slack.NewDividerBlock(), header("Loops around your role"))
		if len(loops) == 0 {
			blocks = append(blocks, section("No loops involve your role right now."))
		}
		for i, l := range loops {
			if i == 5 {
				break
			}
			blocks = append(blocks, section(l))
		}
	}

	standups, err := b.homeStandupSections(ctx, user, me, now)
	if err != nil {
		return nil, err
	}
	blocks = append(blocks, standups...)
	admin, err := b.adminHome(ctx, user) // the "Standups" section, for admins only (admin.go)
	if err != nil {
		return nil, err
	}
	blocks = append(admin, blocks...)
	if len(blocks) > maxBlocks {
		blocks = append(blocks[:maxBlocks-1], contextLine("…more in `/blocked`"))
	}
	return blocks, nil
}

// onAwayWeek pauses the user's prompts for seven days.
func (b *Bot) onAwayWeek(ctx context.Context, cb slack.InteractionCallback, _ *slack.BlockAction) error {
	if err := b.store.SetAway(ctx, cb.User.ID, b.cfg.Now().AddDate(0, 0, 7)); err != nil {
		return err
	}
	return b.refreshHome(ctx, cb.User.ID)
}

// onBack resumes the user's prompts.
func (b *Bot) onBack(ctx context.Context, cb slack.InteractionCallback, _ *slack.BlockAction) error {
	if err := b.store.SetAway(ctx, cb.User.ID, time.Time{}); err != nil {
		return err
	}
	return b.refreshHome(ctx, cb.User.ID)
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
