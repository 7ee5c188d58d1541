package slackemu

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// User is a workspace member as the scripts define it.
type User struct {
	ID          string
	Name        string // the handle, also the display name
	RealName    string
	Title       string
	TZ          string // IANA zone, e.g. "Europe/Madrid"
	Email       string
	IsBot       bool
	Deleted     bool
	StatusText  string
	StatusEmoji string
	IsAdmin     bool // a workspace admin (users.info is_admin)
	IsOwner     bool // a workspace owner (is_owner); owners are admins too in Slack
}

// Message is a message in a conversation, with edits applied.
type Message struct {
	Channel  string
	TS       string
	ThreadTS string // parent ts for a reply; equal to TS for a parent with replies
	User     string // the author; BotUserID for the bot's posts
	BotID    string // set on the bot's posts, and on another app's (PostBotMessage)
	Subtype  string // "bot_message" for another app's post, "thread_broadcast" for a reply also sent to the channel; "" otherwise
	Text     string
	Blocks   json.RawMessage // nil when the message has none
	Files    []string        // IDs of files shared with the message
	// fileInfo holds the name and title of each of Files, as the message's
	// files render them in conversations.history and replies (Slack's file objects).
	fileInfo [][2]string
	Metadata json.RawMessage // the message's metadata ({"event_type", "event_payload"}), nil when none
	Replies  int             // reply count, for a thread parent
	EditedTS string          // set once the message has been edited
	Deleted  bool
}

// channel is a conversation: public (C…), private (G…) or a DM with the bot (D…).
type channel struct {
	ID      string
	Name    string
	Members []string
	IMUser  string // for a DM: the user the bot talks to
	Created int64
}

func (c *channel) kind() string {
	switch {
	case strings.HasPrefix(c.ID, "D"):
		return "im"
	case strings.HasPrefix(c.ID, "G"):
		return "group"
	}
	return "channel"
}

func (c *channel) hasMember(user string) bool { return slices.Contains(c.Members, user) }

// userGroup is a user group (subteam), e.g. @design.
type userGroup struct {
	ID      string
	Handle  string
	Members []string
}

// workspace is the emulated team's state. Guarded by Server.mu.
type workspace struct {
	users      map[string]*User
	userOrder  []string
	channels   map[string]*channel
	imByUser   map[string]string
	groups     map[string]*userGroup
	groupOrder []string
	messages   map[string][]*Message // by channel, in ts order
	lastMicros int64
	seq        int // for generated IDs
}

func (w *workspace) init() {
	w.users = map[string]*User{}
	w.channels = map[string]*channel{}
	w.imByUser = map[string]string{}
	w.groups = map[string]*userGroup{}
	w.messages = map[string][]*Message{}
	w.putUser(User{ID: BotUserID, Name: BotName, RealName: BotName, IsBot: true})
}

func (w *workspace) putUser(u User) {
	if _, ok := w.users[u.ID]; !ok {
		w.userOrder = append(w.userOrder, u.ID)
	}
	w.users[u.ID] = &u
}

// nextID returns a fresh ID with the given prefix, e.g. "V0000003".
func (w *workspace) nextID(prefix string) string {
	w.seq++
	return fmt.Sprintf("%s%07d", prefix, w.seq)
}

// nextTS returns a Slack timestamp ("seconds.micros") from now, strictly after
// every timestamp issued before, so it is unique in every channel.
func (w *workspace) nextTS(now time.Time) string {
	us := now.UnixMicro()
	if us <= w.lastMicros {
		us = w.lastMicros + 1
	}
	w.lastMicros = us
	return fmt.Sprintf("%d.%06d", us/1e6, us%1e6)
}

// im returns the DM channel between the bot and user, creating it once.
func (w *workspace) im(user string, now time.Time) *channel {
	if id, ok := w.imByUser[user]; ok {
		return w.channels[id]
	}
	id := "D" + strings.TrimLeft(user, "UW")
	for _, taken := w.channels[id]; taken; _, taken = w.channels[id] {
		id += "X"
	}
	c := &channel{ID: id, Name: user, Members: []string{user, BotUserID}, IMUser: user, Created: now.Unix()}
	w.channels[id] = c
	w.imByUser[user] = id
	return c
}

func (w *workspace) message(channel, ts string) *Message {
	for _, m := range w.messages[channel] {
		if m.TS == ts {
			return m
		}
	}
	return nil
}

// addMessage stores m and, for a reply, bumps its parent's reply count.
func (w *workspace) addMessage(m *Message) {
	w.messages[m.Channel] = append(w.messages[m.Channel], m)
	if m.ThreadTS != "" && m.ThreadTS != m.TS {
		if p := w.message(m.Channel, m.ThreadTS); p != nil {
			p.ThreadTS = p.TS
			p.Replies++
		}
	}
}

// userJSON is a user object as users.info, users.list and user_change carry it.
func (w *workspace) userJSON(u *User, now time.Time) map[string]any {
	offset, label := 0, ""
	if u.TZ != "" {
		if loc, err := time.LoadLocation(u.TZ); err == nil {
			label, offset = now.In(loc).Zone()
		}
	}
	profile := map[string]any{
		"real_name":               u.RealName,
		"real_name_normalized":    u.RealName,
		"display_name":            u.Name,
		"display_name_normalized": u.Name,
		"title":                   u.Title,
		"status_text":             u.StatusText,
		"status_emoji":            u.StatusEmoji,
		"team":                    TeamID,
	}
	if u.Email != "" {
		profile["email"] = u.Email
	}
	if u.IsBot {
		profile["bot_id"] = BotID
		profile["api_app_id"] = AppID
	}
	return map[string]any{
		"id":          u.ID,
		"team_id":     TeamID,
		"name":        u.Name,
		"real_name":   u.RealName,
		"deleted":     u.Deleted,
		"tz":          u.TZ,
		"tz_label":    label,
		"tz_offset":   offset,
		"is_bot":      u.IsBot,
		"is_app_user": false,
		// Slack's owners are admins as well.
		"is_admin":         u.IsAdmin || u.IsOwner,
		"is_owner":         u.IsOwner,
		"is_primary_owner": false,
		"updated":          now.Unix(),
		"profile":          profile,
	}
}

// channelJSON is a conversation object as conversations.info/open carry it.
func (w *workspace) channelJSON(c *channel) map[string]any {
	kind := c.kind()
	j := map[string]any{
		"id":              c.ID,
		"created":         c.Created,
		"is_channel":      kind == "channel",
		"is_group":        kind == "group",
		"is_im":           kind == "im",
		"is_mpim":         false,
		"is_private":      kind != "channel",
		"is_archived":     false,
		"is_member":       c.hasMember(BotUserID),
		"num_members":     len(c.Members),
		"context_team_id": TeamID,
	}
	if kind == "im" {
		j["user"] = c.IMUser
		j["is_open"] = true
	} else {
		j["name"] = c.Name
		j["name_normalized"] = c.Name
	}
	return j
}

// messageJSON is a message object as history, replies and events carry it.
func messageJSON(m *Message) map[string]any {
	j := map[string]any{"type": "message", "text": m.Text, "ts": m.TS, "team": TeamID}
	if m.User != "" {
		j["user"] = m.User
	}
	if m.BotID != "" {
		j["bot_id"] = m.BotID
		j["app_id"] = AppID
	}
	if m.Subtype != "" {
		j["subtype"] = m.Subtype
	}
	if m.Blocks != nil {
		j["blocks"] = m.Blocks
	}
	if m.ThreadTS != "" {
		j["thread_ts"] = m.ThreadTS
	}
	if m.Replies > 0 {
		j["reply_count"] = m.Replies
	}
	if m.EditedTS != "" {
		j["edited"] = map[string]any{"user": m.User, "ts": m.EditedTS}
	}
	if m.Metadata != nil {
		j["metadata"] = m.Metadata
	}
	if len(m.Files) > 0 {
		files := make([]map[string]any, len(m.Files))
		for i, id := range m.Files {
			files[i] = map[string]any{"id": id}
			if i < len(m.fileInfo) {
				files[i]["name"], files[i]["title"] = m.fileInfo[i][0], m.fileInfo[i][1]
			}
		}
		j["files"] = files
	}
	return j
}
