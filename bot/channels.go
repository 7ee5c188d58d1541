package bot

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sort"

	"github.com/slack-go/slack"
)

// CheckChannels looks up each channel the bot will post in (uses maps a channel
// ID to what it is used for: "the digest", "the summary of team checkout") and
// returns one line for each channel the bot cannot post in: one it is not a member
// of, or one Slack does not know. An operator learns at start, not on Monday.
func (b *Bot) CheckChannels(ctx context.Context, uses map[string]string) []string {
	return checkChannels(ctx, b.api, uses)
}

func checkChannels(ctx context.Context, api *slack.Client, uses map[string]string) []string {
	ids := make([]string, 0, len(uses))
	for id := range uses {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var problems []string
	for _, id := range ids {
		ch, err := api.GetConversationInfoContext(ctx, &slack.GetConversationInfoInput{ChannelID: id})
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

// ErrUnreachable means Slack's Web API did not answer at all (no network, a
// wrong api_url): nothing could be checked.
var ErrUnreachable = errors.New("Slack's Web API did not answer")

// CheckSlack checks, without connecting a bot, what `unblock check-config` can
// know of a workspace from the two tokens: that Slack accepts each, and that the
// bot is a member of every channel it must post in (uses, as for CheckChannels).
// It returns one line a problem, or an error wrapping ErrUnreachable.
func CheckSlack(ctx context.Context, apiURL, appToken, botToken string, hc *http.Client, uses map[string]string) ([]string, error) {
	if hc == nil {
		hc = &http.Client{Timeout: DefaultHTTPTimeout}
	}
	opts := []slack.Option{slack.OptionHTTPClient(hc), slack.OptionAppLevelToken(appToken)}
	if apiURL != "" {
		opts = append(opts, slack.OptionAPIURL(apiURL))
	}
	api := slack.New(botToken, opts...)
	var problems []string
	_, err := api.AuthTestContext(ctx)
	if code, refused := tokenRefused(err); refused {
		problems = append(problems, refusedError("auth.test", code).Error())
	} else if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnreachable, err)
	}
	if _, _, err := api.StartSocketModeContext(ctx); err != nil {
		if code, refused := tokenRefused(err); refused {
			problems = append(problems, refusedError("apps.connections.open", code).Error())
		} else {
			problems = append(problems, fmt.Sprintf("Socket Mode: %v (is Socket Mode on for the app?)", err))
		}
	}
	if len(problems) > 0 {
		return problems, nil // the bot token is needed for the channels
	}
	return checkChannels(ctx, api, uses), nil
}
