package bot

import (
	"context"
	"log/slog"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
)

// Handlers are small functions registered per event type, slash command, block
// action and view callback, so no one switch grows with every feature.
type (
	EventHandler   func(ctx context.Context, ev slackevents.EventsAPIEvent) error
	CommandHandler func(ctx context.Context, cmd slack.SlashCommand) error
	ActionHandler  func(ctx context.Context, cb slack.InteractionCallback, action *slack.BlockAction) error
	ViewHandler    func(ctx context.Context, cb slack.InteractionCallback) error
)

type router struct {
	log      *slog.Logger
	events   map[string][]EventHandler
	commands map[string]CommandHandler
	actions  map[string]ActionHandler
	views    map[string]ViewHandler
}

func newRouter(log *slog.Logger) *router {
	return &router{
		log:      log,
		events:   map[string][]EventHandler{},
		commands: map[string]CommandHandler{},
		actions:  map[string]ActionHandler{},
		views:    map[string]ViewHandler{},
	}
}

// HandleEvent registers h for an Events API inner event type ("message",
// "app_home_opened", …). Several handlers may share a type; they run in order.
// Register handlers before Open.
func (b *Bot) HandleEvent(eventType string, h EventHandler) {
	b.routes.events[eventType] = append(b.routes.events[eventType], h)
}

// HandleCommand registers h for a slash command such as "/blocked".
func (b *Bot) HandleCommand(command string, h CommandHandler) { b.routes.commands[command] = h }

// HandleAction registers h for a block action_id.
func (b *Bot) HandleAction(actionID string, h ActionHandler) { b.routes.actions[actionID] = h }

// HandleView registers h for a view_submission callback_id.
func (b *Bot) HandleView(callbackID string, h ViewHandler) { b.routes.views[callbackID] = h }

func (r *router) event(ctx context.Context, ev slackevents.EventsAPIEvent) error {
	hs := r.events[ev.InnerEvent.Type]
	if len(hs) == 0 {
		r.log.Debug("no handler for event", "type", ev.InnerEvent.Type)
		return nil
	}
	for _, h := range hs {
		if err := h(ctx, ev); err != nil {
			return err
		}
	}
	return nil
}

func (r *router) command(ctx context.Context, cmd slack.SlashCommand) error {
	h, ok := r.commands[cmd.Command]
	if !ok {
		r.log.Warn("no handler for slash command", "command", cmd.Command)
		return nil
	}
	return h(ctx, cmd)
}

func (r *router) interaction(ctx context.Context, cb slack.InteractionCallback) error {
	switch cb.Type {
	case slack.InteractionTypeBlockActions:
		for _, a := range cb.ActionCallback.BlockActions {
			h, ok := r.actions[a.ActionID]
			if !ok {
				r.log.Debug("no handler for action", "action_id", a.ActionID)
				continue
			}
			if err := h(ctx, cb, a); err != nil {
				return err
			}
		}
	case slack.InteractionTypeViewSubmission:
		if h, ok := r.views[cb.View.CallbackID]; ok {
			return h(ctx, cb)
		}
		r.log.Debug("no handler for view", "callback_id", cb.View.CallbackID)
	}
	return nil
}

// defaultRoutes wires the handlers the bot always has.
func (b *Bot) defaultRoutes() *router {
	b.routes = newRouter(b.log)
	b.HandleEvent(string(slackevents.Message), b.onMessage)
	b.HandleEvent(string(slackevents.AppMention), b.onAppMention)
	b.HandleEvent(string(slackevents.UserChange), b.onUserChange)
	b.HandleEvent(string(slackevents.AppHomeOpened), b.onHomeOpened)
	b.HandleCommand(BlockedCommand, b.onBlocked)
	b.HandleAction(actionResolve, b.onResolve)
	b.HandleAction(actionDone, b.onResolve)
	b.HandleAction(actionDismiss, b.onDismiss)
	b.HandleAction(actionNudge, b.onNudge)
	b.HandleAction(actionMenu, b.onMenu)
	b.HandleAction(actionAwayWeek, b.onAwayWeek)
	b.HandleAction(actionBack, b.onBack)
	b.HandleAction(actionAwayUntil, b.onAwayUntil)
	return b.routes
}
