package slackemu

import (
	"fmt"
	"slices"
	"strings"
)

// AddUser adds u to the workspace, or replaces the user with the same ID.
func (s *Server) AddUser(u User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ws.putUser(u)
	s.notifyLocked()
}

// AddChannel adds a public (C…) or private (G…) channel with its members, or
// replaces them. Include BotUserID in members for the bot to be in the channel.
func (s *Server) AddChannel(id, name string, members ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ws.channels[id] = &channel{ID: id, Name: name, Members: slices.Clone(members), Created: s.now().Unix()}
	s.notifyLocked()
}

// AddUserGroup adds a user group (S…) such as @design, or replaces it.
func (s *Server) AddUserGroup(id, handle string, members ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.ws.groups[id]; !ok {
		s.ws.groupOrder = append(s.ws.groupOrder, id)
	}
	s.ws.groups[id] = &userGroup{ID: id, Handle: handle, Members: slices.Clone(members)}
	s.notifyLocked()
}

// IMChannel returns the ID of the DM between the bot and user (D…), the same
// one conversations.open returns.
func (s *Server) IMChannel(user string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ws.im(user, s.now()).ID
}

// speaker checks that user may write in channel and returns the channel.
func (s *Server) speakerLocked(user, channelID string) (*channel, error) {
	if _, ok := s.ws.users[user]; !ok {
		return nil, fmt.Errorf("slackemu: unknown user %q", user)
	}
	c, ok := s.ws.channels[channelID]
	if !ok {
		return nil, fmt.Errorf("slackemu: unknown channel %q", channelID)
	}
	if !c.hasMember(user) {
		return nil, fmt.Errorf("slackemu: user %s is not in channel %s", user, channelID)
	}
	return c, nil
}

// PostMessage posts text as user in channel (a channel ID, or IMChannel(user)
// for a DM to the bot) and delivers the message event if the bot is there. The
// delivery's TS is the new message's ts.
func (s *Server) PostMessage(user, channel, text string) (*Delivery, error) {
	return s.post(user, channel, "", "", text)
}

// PostThreadReply posts text as user in the thread of threadTS.
func (s *Server) PostThreadReply(user, channel, threadTS, text string) (*Delivery, error) {
	if threadTS == "" {
		return nil, fmt.Errorf("slackemu: reply without a thread ts")
	}
	return s.post(user, channel, threadTS, "", text)
}

// PostBroadcastReply posts text as user in the thread of threadTS and also to
// the channel ("Also send to #channel"), as a thread_broadcast.
func (s *Server) PostBroadcastReply(user, channel, threadTS, text string) (*Delivery, error) {
	if threadTS == "" {
		return nil, fmt.Errorf("slackemu: reply without a thread ts")
	}
	return s.post(user, channel, threadTS, "thread_broadcast", text)
}

func (s *Server) post(user, channelID, threadTS, subtype, text string) (*Delivery, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.speakerLocked(user, channelID)
	if err != nil {
		return nil, err
	}
	if threadTS != "" {
		if p := s.ws.message(c.ID, threadTS); p == nil || p.Deleted {
			return nil, fmt.Errorf("slackemu: no message %s in %s", threadTS, c.ID)
		}
	}
	m := &Message{Channel: c.ID, TS: s.ws.nextTS(s.now()), ThreadTS: threadTS, User: user, Subtype: subtype, Text: text}
	s.ws.addMessage(m)
	d := s.deliverMessageLocked(c, m)
	s.notifyLocked()
	return d, nil
}

// PostBotMessage posts text in channel as another app's bot (botID, such as a
// standup app's "B0GEEK"), as a bot_message, and delivers the message event if
// the bot is there. The delivery's TS is the new message's ts.
func (s *Server) PostBotMessage(botID, channelID, text string) (*Delivery, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.ws.channels[channelID]
	if !ok {
		return nil, fmt.Errorf("slackemu: unknown channel %q", channelID)
	}
	m := &Message{Channel: c.ID, TS: s.ws.nextTS(s.now()), BotID: botID, Subtype: "bot_message", Text: text}
	s.ws.addMessage(m)
	d := s.deliverMessageLocked(c, m)
	s.notifyLocked()
	return d, nil
}

// EditMessage changes the text of the message at ts, as its author would, and
// delivers message_changed.
func (s *Server) EditMessage(channel, ts, newText string) (*Delivery, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, m, err := s.messageLocked(channel, ts)
	if err != nil {
		return nil, err
	}
	prev := *m
	m.Text, m.EditedTS = newText, s.ws.nextTS(s.now())
	d := s.deliverChangedLocked(c, &prev, m)
	s.notifyLocked()
	return d, nil
}

// DeleteMessage deletes the message at ts and delivers message_deleted.
func (s *Server) DeleteMessage(channel, ts string) (*Delivery, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, m, err := s.messageLocked(channel, ts)
	if err != nil {
		return nil, err
	}
	m.Deleted = true
	d := s.deliverDeletedLocked(c, m)
	s.notifyLocked()
	return d, nil
}

func (s *Server) messageLocked(channelID, ts string) (*channel, *Message, error) {
	c, ok := s.ws.channels[channelID]
	if !ok {
		return nil, nil, fmt.Errorf("slackemu: unknown channel %q", channelID)
	}
	m := s.ws.message(channelID, ts)
	if m == nil || m.Deleted {
		return nil, nil, fmt.Errorf("slackemu: no message %s in %s", ts, channelID)
	}
	return c, m, nil
}

// MemberJoined adds user to channel and delivers member_joined_channel if the
// bot is in it (or is the one joining).
func (s *Server) MemberJoined(user, channelID string) (*Delivery, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.ws.channels[channelID]
	if !ok || c.kind() == "im" {
		return nil, fmt.Errorf("slackemu: unknown channel %q", channelID)
	}
	if _, ok := s.ws.users[user]; !ok {
		return nil, fmt.Errorf("slackemu: unknown user %q", user)
	}
	if !c.hasMember(user) {
		c.Members = append(c.Members, user)
	}
	s.notifyLocked()
	if !c.hasMember(BotUserID) {
		return notDelivered(""), nil
	}
	ts := s.ws.nextTS(s.now())
	return s.deliverEventLocked(map[string]any{
		"type": "member_joined_channel", "user": user, "channel": c.ID,
		"channel_type": strings.ToUpper(c.ID[:1]), "team": TeamID, "event_ts": ts,
	}, ""), nil
}

// UserChanged delivers user_change with the user's current profile; change the
// profile first with AddUser.
func (s *Server) UserChanged(user string) (*Delivery, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.ws.users[user]
	if !ok {
		return nil, fmt.Errorf("slackemu: unknown user %q", user)
	}
	now := s.now()
	return s.deliverEventLocked(map[string]any{
		"type": "user_change", "user": s.ws.userJSON(u, now), "cache_ts": now.Unix(), "event_ts": s.ws.nextTS(now),
	}, ""), nil
}

// OpenHome delivers app_home_opened as if user opened the bot's Home tab. The
// event carries the published view once there is one, as Slack's does.
func (s *Server) OpenHome(user string) (*Delivery, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.ws.users[user]; !ok {
		return nil, fmt.Errorf("slackemu: unknown user %q", user)
	}
	ev := map[string]any{
		"type": "app_home_opened", "user": user, "channel": s.ws.im(user, s.now()).ID,
		"tab": "home", "event_ts": s.ws.nextTS(s.now()),
	}
	if id, ok := s.rec.home[user]; ok {
		ev["view"] = s.rec.views[id]
	}
	return s.deliverEventLocked(ev, ""), nil
}
