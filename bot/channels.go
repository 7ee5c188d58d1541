package bot

import (
	"context"
	"fmt"
	"sort"

	"github.com/slack-go/slack"
)

// CheckChannels looks up each channel the bot will post in (uses maps a channel
// ID to what it is used for: "the digest", "the summary of team checkout") and
// returns one line for each channel the bot cannot post in: one it is not a member
// of, or one Slack does not know. An operator learns at start, not on Monday.
func (b *Bot) CheckChannels(ctx context.Context, uses map[string]string) []string {
	ids := make([]string, 0, len(uses))
	for id := range uses {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var problems []string
	for _, id := range ids {
		ch, err := b.api.GetConversationInfoContext(ctx, &slack.GetConversationInfoInput{ChannelID: id})
		switch {
		case err != nil:
			problems = append(problems, fmt.Sprintf("channel %s (%s): %v", id, uses[id], err))
		case !ch.IsMember && !ch.IsIM:
			problems = append(problems, fmt.Sprintf("channel %s (#%s, for %s): the bot is not a member; invite it with /invite @unblock",
				id, ch.Name, uses[id]))
		}
	}
	return problems
}
