package slackemu

import (
	"encoding/json"
	"strings"
)

// postTarget resolves the channel argument of chat.* (a channel ID, or a user ID
// meaning the DM with that user) to a channel the bot may post in.
func (s *Server) postTarget(id string) (*channel, error) {
	if strings.HasPrefix(id, "U") || strings.HasPrefix(id, "W") {
		if _, ok := s.ws.users[id]; ok {
			return s.ws.im(id, s.now()), nil
		}
	}
	c, err := s.visibleChannel(id)
	if err != nil {
		return nil, err
	}
	if !c.hasMember(BotUserID) {
		return nil, apiError("not_in_channel")
	}
	return c, nil
}

// content reads and checks text, blocks and attachments of a message; at least
// one must be present.
func content(r *request) (string, json.RawMessage, error) {
	text := r.str("text")
	if err := checkText(text); err != nil {
		return "", nil, err
	}
	blocks, hasBlocks, err := r.jsonArg("blocks", "invalid_blocks")
	if err != nil {
		return "", nil, err
	}
	if hasBlocks {
		if err := checkBlocks(blocks, maxMessageBlocks); err != nil {
			return "", nil, err
		}
	}
	atts, hasAtts, err := r.jsonArg("attachments", "invalid_attachments")
	if err != nil {
		return "", nil, err
	}
	if hasAtts {
		var list []json.RawMessage
		if json.Unmarshal(atts, &list) != nil {
			return "", nil, apiError("invalid_attachments")
		}
	}
	if text == "" && !hasBlocks && !hasAtts {
		return "", nil, apiError("no_text")
	}
	return text, blocks, nil
}

func (s *Server) chatPostMessage(r *request) (map[string]any, error) {
	c, err := s.postTarget(r.str("channel"))
	if err != nil {
		return nil, err
	}
	text, blocks, err := content(r)
	if err != nil {
		return nil, err
	}
	meta, _, err := r.jsonArg("metadata", "invalid_metadata_format")
	if err != nil {
		return nil, err
	}
	if s.opts.DropMetadata {
		meta = nil
	}
	m := &Message{
		Channel: c.ID, TS: s.ws.nextTS(s.now()), ThreadTS: r.str("thread_ts"),
		User: BotUserID, BotID: BotID, Text: text, Blocks: blocks, Metadata: meta,
	}
	s.ws.addMessage(m)
	if s.opts.EchoBotMessages {
		s.deliverMessageLocked(c, m)
	}
	return map[string]any{"channel": c.ID, "ts": m.TS, "message": messageJSON(m)}, nil
}

func (s *Server) chatPostEphemeral(r *request) (map[string]any, error) {
	c, err := s.postTarget(r.str("channel"))
	if err != nil {
		return nil, err
	}
	user := r.str("user")
	if _, ok := s.ws.users[user]; !ok {
		return nil, apiError("user_not_found")
	}
	if !c.hasMember(user) {
		return nil, apiError("user_not_in_channel")
	}
	text, blocks, err := content(r)
	if err != nil {
		return nil, err
	}
	ts := s.ws.nextTS(s.now())
	s.rec.ephemerals = append(s.rec.ephemerals, Ephemeral{
		Channel: c.ID, User: user, TS: ts, ThreadTS: r.str("thread_ts"), Text: text, Blocks: blocks,
	})
	return map[string]any{"message_ts": ts}, nil
}

// botMessage finds a message the bot posted, for chat.update and chat.delete.
func (s *Server) botMessage(r *request, notMine apiError) (*channel, *Message, error) {
	c, err := s.visibleChannel(r.str("channel"))
	if err != nil {
		return nil, nil, err
	}
	m := s.ws.message(c.ID, r.str("ts"))
	if m == nil || m.Deleted {
		return nil, nil, apiError("message_not_found")
	}
	if m.User != BotUserID {
		return nil, nil, notMine
	}
	return c, m, nil
}

func (s *Server) chatUpdate(r *request) (map[string]any, error) {
	c, m, err := s.botMessage(r, "cant_update_message")
	if err != nil {
		return nil, err
	}
	text, blocks, err := content(r)
	if err != nil {
		return nil, err
	}
	prev := *m
	m.Text, m.EditedTS = text, s.ws.nextTS(s.now())
	if blocks != nil {
		m.Blocks = blocks
	}
	if s.opts.EchoBotMessages {
		s.deliverChangedLocked(c, &prev, m)
	}
	return map[string]any{"channel": c.ID, "ts": m.TS, "text": m.Text, "message": messageJSON(m)}, nil
}

func (s *Server) chatDelete(r *request) (map[string]any, error) {
	c, m, err := s.botMessage(r, "cant_delete_message")
	if err != nil {
		return nil, err
	}
	m.Deleted = true
	if s.opts.EchoBotMessages {
		s.deliverDeletedLocked(c, m)
	}
	return map[string]any{"channel": c.ID, "ts": m.TS}, nil
}
