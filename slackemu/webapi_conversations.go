package slackemu

import (
	"slices"
	"strconv"
	"strings"
)

// visibleChannel returns the channel the bot may read: public channels always,
// private channels and DMs only when the bot is a member.
func (s *Server) visibleChannel(id string) (*channel, error) {
	c, ok := s.ws.channels[id]
	if !ok || (c.kind() != "channel" && !c.hasMember(BotUserID)) {
		return nil, apiError("channel_not_found")
	}
	return c, nil
}

func (s *Server) conversationsOpen(r *request) (map[string]any, error) {
	if id := r.str("channel"); id != "" {
		c, err := s.visibleChannel(id)
		if err != nil {
			return nil, err
		}
		return map[string]any{"channel": s.ws.channelJSON(c), "already_open": true, "no_op": true}, nil
	}
	users := strings.Split(r.str("users"), ",")
	if users[0] == "" {
		return nil, apiError("users_list_not_supplied")
	}
	if len(users) > 1 {
		return nil, apiError("not_supported") // group DMs are not emulated
	}
	if _, ok := s.ws.users[users[0]]; !ok {
		return nil, apiError("user_not_found")
	}
	_, already := s.ws.imByUser[users[0]]
	c := s.ws.im(users[0], s.now())
	ch := map[string]any{"id": c.ID}
	if r.boolean("return_im") {
		ch = s.ws.channelJSON(c)
	}
	return map[string]any{"channel": ch, "already_open": already, "no_op": already}, nil
}

func (s *Server) conversationsInfo(r *request) (map[string]any, error) {
	c, err := s.visibleChannel(r.str("channel"))
	if err != nil {
		return nil, err
	}
	return map[string]any{"channel": s.ws.channelJSON(c)}, nil
}

func (s *Server) conversationsMembers(r *request) (map[string]any, error) {
	c, err := s.visibleChannel(r.str("channel"))
	if err != nil {
		return nil, err
	}
	members, next, err := page(c.Members, r.str("cursor"), r.integer("limit", 0), 100)
	if err != nil {
		return nil, err
	}
	return map[string]any{
		"members":           slices.Clone(members),
		"response_metadata": map[string]any{"next_cursor": next},
	}, nil
}

// readableChannel is a channel whose history the bot may read: it must be a member.
func (s *Server) readableChannel(id string) (*channel, error) {
	c, err := s.visibleChannel(id)
	if err != nil {
		return nil, err
	}
	if !c.hasMember(BotUserID) {
		return nil, apiError("not_in_channel")
	}
	return c, nil
}

// conversationsHistory lists top-level messages newest first.
func (s *Server) conversationsHistory(r *request) (map[string]any, error) {
	c, err := s.readableChannel(r.str("channel"))
	if err != nil {
		return nil, err
	}
	inRange := tsRange(r)
	var msgs []map[string]any
	all := s.ws.messages[c.ID]
	for i := len(all) - 1; i >= 0; i-- {
		m := all[i]
		if m.Deleted || (m.ThreadTS != "" && m.ThreadTS != m.TS) || !inRange(m.TS) {
			continue
		}
		msgs = append(msgs, messageJSON(m))
	}
	return pagedMessages(r, msgs)
}

// conversationsReplies lists a thread's parent and replies, oldest first.
func (s *Server) conversationsReplies(r *request) (map[string]any, error) {
	c, err := s.readableChannel(r.str("channel"))
	if err != nil {
		return nil, err
	}
	ts := r.str("ts")
	parent := s.ws.message(c.ID, ts)
	if parent == nil || parent.Deleted {
		return nil, apiError("thread_not_found")
	}
	inRange := tsRange(r)
	msgs := []map[string]any{messageJSON(parent)}
	for _, m := range s.ws.messages[c.ID] {
		if m.ThreadTS == ts && m.TS != ts && !m.Deleted && inRange(m.TS) {
			msgs = append(msgs, messageJSON(m))
		}
	}
	return pagedMessages(r, msgs)
}

func pagedMessages(r *request, msgs []map[string]any) (map[string]any, error) {
	got, next, err := page(msgs, r.str("cursor"), r.integer("limit", 0), 100)
	if err != nil {
		return nil, err
	}
	if got == nil {
		got = []map[string]any{}
	}
	return map[string]any{
		"messages":          got,
		"has_more":          next != "",
		"response_metadata": map[string]any{"next_cursor": next},
	}, nil
}

// tsRange returns a filter for the request's oldest/latest/inclusive bounds.
func tsRange(r *request) func(ts string) bool {
	oldest, hasOldest := tsMicros(r.str("oldest"))
	latest, hasLatest := tsMicros(r.str("latest"))
	inclusive := r.boolean("inclusive")
	return func(ts string) bool {
		t, _ := tsMicros(ts)
		if hasOldest && (t < oldest || (t == oldest && !inclusive)) {
			return false
		}
		if hasLatest && (t > latest || (t == latest && !inclusive)) {
			return false
		}
		return true
	}
}

// tsMicros parses a Slack timestamp "seconds.micros" into microseconds.
func tsMicros(ts string) (int64, bool) {
	sec, frac, _ := strings.Cut(ts, ".")
	s, err := strconv.ParseInt(sec, 10, 64)
	if err != nil {
		return 0, false
	}
	frac = (frac + "000000")[:6]
	us, err := strconv.ParseInt(frac, 10, 64)
	if err != nil {
		return 0, false
	}
	return s*1e6 + us, true
}
