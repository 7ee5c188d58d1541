package slackemu

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/google/uuid"
)

// verificationToken is the deprecated verification token Slack still puts in
// payloads; slack-go's socketmode ignores it.
const verificationToken = "emu-verification-token"

// deliverEventLocked wraps event in an event_callback and sends it as an
// events_api envelope. s.mu must be held.
func (s *Server) deliverEventLocked(event map[string]any, ts string) *Delivery {
	typ, _ := event["type"].(string)
	eventID := s.ws.nextID("Ev")
	wrapper := map[string]any{
		"token":      verificationToken,
		"team_id":    TeamID,
		"api_app_id": AppID,
		"event":      event,
		"type":       "event_callback",
		"event_id":   eventID,
		"event_time": s.now().Unix(),
		"authorizations": []map[string]any{{
			"enterprise_id": nil, "team_id": TeamID, "user_id": BotUserID, "is_bot": true, "is_enterprise_install": false,
		}},
		"is_ext_shared_channel": false,
		"event_context":         fmt.Sprintf("4-%s-%s-%s", typ, TeamID, eventID),
	}
	payload, _ := json.Marshal(wrapper)
	d := newDelivery(TypeEventsAPI, payload, false)
	d.EventID, d.TS = eventID, ts
	return s.sendLocked(d)
}

// subscribed reports whether the app receives message events from c: DMs with
// the bot, and channels the bot is a member of.
func subscribed(c *channel) bool { return c.hasMember(BotUserID) }

// deliverMessageLocked sends the message event for a new message m in c, and an
// app_mention as well when it mentions the bot in a channel.
func (s *Server) deliverMessageLocked(c *channel, m *Message) *Delivery {
	if !subscribed(c) {
		return notDelivered(m.TS)
	}
	ev := messageJSON(m)
	ev["channel"], ev["channel_type"], ev["event_ts"] = c.ID, c.kind(), m.TS
	if m.BotID == "" {
		ev["client_msg_id"] = uuid.NewString()
	}
	if m.ThreadTS != "" && m.ThreadTS != m.TS {
		if p := s.ws.message(c.ID, m.ThreadTS); p != nil && p.User != "" {
			ev["parent_user_id"] = p.User // a bot's post without a user names none
		}
		delete(ev, "reply_count")
	}
	d := s.deliverEventLocked(ev, m.TS)
	// Slack tells the app of a mention of its bot user however it is written:
	// <@U…> or, as some clients write it, <@U…|name>.
	if c.kind() != "im" && m.BotID == "" && (strings.Contains(m.Text, "<@"+BotUserID+">") || strings.Contains(m.Text, "<@"+BotUserID+"|")) {
		mention := map[string]any{
			"type": "app_mention", "user": m.User, "text": m.Text, "ts": m.TS,
			"channel": c.ID, "event_ts": m.TS, "team": TeamID,
		}
		if m.ThreadTS != "" && m.ThreadTS != m.TS {
			mention["thread_ts"] = m.ThreadTS
		}
		s.deliverEventLocked(mention, m.TS)
	}
	return d
}

// deliverChangedLocked sends message_changed for an edit of prev into m.
func (s *Server) deliverChangedLocked(c *channel, prev, m *Message) *Delivery {
	if !subscribed(c) {
		return notDelivered(m.TS)
	}
	msg := messageJSON(m)
	if m.ThreadTS != "" && m.ThreadTS != m.TS {
		// An edited reply names its thread's poster, as a new one does.
		if p := s.ws.message(c.ID, m.ThreadTS); p != nil && p.User != "" {
			msg["parent_user_id"] = p.User
		}
	}
	ev := map[string]any{
		"type": "message", "subtype": "message_changed", "hidden": true,
		"channel": c.ID, "channel_type": c.kind(), "ts": m.EditedTS, "event_ts": m.EditedTS,
		"message": msg, "previous_message": messageJSON(prev),
	}
	return s.deliverEventLocked(ev, m.TS)
}

// deliverDeletedLocked sends message_deleted for m.
func (s *Server) deliverDeletedLocked(c *channel, m *Message) *Delivery {
	if !subscribed(c) {
		return notDelivered(m.TS)
	}
	ts := s.ws.nextTS(s.now())
	ev := map[string]any{
		"type": "message", "subtype": "message_deleted", "hidden": true,
		"channel": c.ID, "channel_type": c.kind(), "ts": ts, "event_ts": ts,
		"deleted_ts": m.TS, "previous_message": messageJSON(m),
	}
	return s.deliverEventLocked(ev, m.TS)
}
