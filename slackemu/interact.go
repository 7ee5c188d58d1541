package slackemu

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/google/uuid"
)

// issueTriggerLocked returns a fresh trigger_id for user, valid for TriggerTTL.
func (s *Server) issueTriggerLocked(user string) string {
	id := fmt.Sprintf("%d.%d.%s", s.now().Unix(), len(s.rec.triggers)+1, strings.ReplaceAll(uuid.NewString(), "-", ""))
	s.rec.triggers[id] = &trigger{user: user, issued: time.Now()}
	return id
}

// responseURLLocked returns a fresh response_url back at the emulator.
func (s *Server) responseURLLocked(channel, user, messageTS string) string {
	id := s.ws.nextID("R")
	s.rec.responseURLs[id] = responseTarget{channel: channel, user: user, messageTS: messageTS}
	return s.base + "/response/" + id
}

func (s *Server) userRef(u *User) map[string]any {
	return map[string]any{"id": u.ID, "username": u.Name, "name": u.Name, "team_id": TeamID}
}

func channelRef(c *channel) map[string]any {
	name := c.Name
	if c.kind() == "im" {
		name = "directmessage"
	}
	return map[string]any{"id": c.ID, "name": name}
}

func teamRef() map[string]any { return map[string]any{"id": TeamID, "domain": TeamDomain} }

func (s *Server) sendInteractionLocked(typ string, payload map[string]any, accepts bool, onAck func(json.RawMessage)) *Delivery {
	b, _ := json.Marshal(payload)
	d := newDelivery(typ, b, accepts)
	d.onAck = onAck
	return s.sendLocked(d)
}

// SlashCommand runs command (e.g. "/blocked") with text as user in channel. The
// ack's payload, if it carries a message, is shown to the user (ephemeral, the
// default) or posted in the channel (response_type "in_channel"), as Slack does.
func (s *Server) SlashCommand(user, channelID, command, text string) (*Delivery, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.speakerLocked(user, channelID)
	if err != nil {
		return nil, err
	}
	u := s.ws.users[user]
	payload := map[string]any{
		"token": verificationToken, "team_id": TeamID, "team_domain": TeamDomain,
		"is_enterprise_install": "false", "channel_id": c.ID, "channel_name": channelRef(c)["name"],
		"user_id": u.ID, "user_name": u.Name, "command": command, "text": text,
		"response_url": s.responseURLLocked(c.ID, user, ""), "trigger_id": s.issueTriggerLocked(user),
		"api_app_id": AppID,
	}
	return s.sendInteractionLocked(TypeSlashCommands, payload, true, func(ack json.RawMessage) {
		s.showReplyLocked(ack, c.ID, user, "")
	}), nil
}

// reply is a message sent back through an ack or a response_url.
type reply struct {
	Text            string          `json:"text"`
	Blocks          json.RawMessage `json:"blocks"`
	ResponseType    string          `json:"response_type"`
	ReplaceOriginal bool            `json:"replace_original"`
	DeleteOriginal  bool            `json:"delete_original"`
	ThreadTS        string          `json:"thread_ts"`
}

// checkReply applies Slack's text and block limits to a reply's body.
func checkReply(body []byte) error {
	var r reply
	if len(body) == 0 || json.Unmarshal(body, &r) != nil {
		return nil // shown as nothing, as before
	}
	if err := checkText(r.Text); err != nil {
		return err
	}
	if len(r.Blocks) > 0 && string(r.Blocks) != "null" {
		return checkBlocks(r.Blocks, maxMessageBlocks)
	}
	return nil
}

// showReplyLocked shows a reply: in the channel, replacing or deleting the
// original message, or to the user alone.
func (s *Server) showReplyLocked(body json.RawMessage, channelID, user, messageTS string) reply {
	var r reply
	if len(body) == 0 || json.Unmarshal(body, &r) != nil {
		return r
	}
	if string(r.Blocks) == "null" {
		r.Blocks = nil
	}
	orig := s.ws.message(channelID, messageTS)
	switch {
	case r.DeleteOriginal && orig != nil:
		orig.Deleted = true
	case r.ReplaceOriginal && orig != nil:
		orig.Text, orig.Blocks, orig.EditedTS = r.Text, r.Blocks, s.ws.nextTS(s.now())
	case r.Text == "" && r.Blocks == nil:
	case r.ResponseType == "in_channel":
		s.ws.addMessage(&Message{
			Channel: channelID, TS: s.ws.nextTS(s.now()), ThreadTS: r.ThreadTS,
			User: BotUserID, BotID: BotID, Text: r.Text, Blocks: r.Blocks,
		})
	default:
		s.rec.ephemerals = append(s.rec.ephemerals, Ephemeral{
			Channel: channelID, User: user, TS: s.ws.nextTS(s.now()), ThreadTS: r.ThreadTS, Text: r.Text, Blocks: r.Blocks,
		})
	}
	return r
}

// serveResponse takes a POST to a response_url: records it, shows it, answers "ok".
func (s *Server) serveResponse(w http.ResponseWriter, r *http.Request) {
	id := strings.TrimPrefix(r.URL.Path, "/response/")
	fault := s.faultFor("response_url")
	if fault.failBefore(w) {
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
	if err != nil || r.Method != http.MethodPost {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	// Slack applies its message limits to a response_url reply as to chat.postMessage.
	if err := checkReply(body); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	t, ok := s.rec.responseURLs[id]
	if ok {
		rep := s.showReplyLocked(body, t.channel, t.user, t.messageTS)
		s.rec.responses = append(s.rec.responses, Response{
			ID: id, Channel: t.channel, User: t.user, Text: rep.Text, ResponseType: rep.ResponseType,
			ReplaceOriginal: rep.ReplaceOriginal, DeleteOriginal: rep.DeleteOriginal, Body: json.RawMessage(body),
		})
		var args map[string]any
		_ = json.Unmarshal(body, &args)
		s.writeLineLocked(apiLine{At: stamp(s.now()), Dir: "api", Method: "response_url", Args: args})
		s.notifyLocked()
	}
	s.mu.Unlock()
	if !ok {
		http.Error(w, "no_service", http.StatusNotFound)
		return
	}
	if fault.failAfter(w) {
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = io.WriteString(w, "ok")
}

// ClickButton presses the button (or other element) with actionID on the
// message at messageTS, as user. value overrides the element's value when set.
func (s *Server) ClickButton(user, channelID, messageTS, actionID, value string) (*Delivery, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, m, err := s.messageLocked(channelID, messageTS)
	if err != nil {
		return nil, err
	}
	u, ok := s.ws.users[user]
	if !ok {
		return nil, fmt.Errorf("slackemu: unknown user %q", user)
	}
	blockID, el, ok := findAction(m.Blocks, actionID)
	if !ok {
		return nil, fmt.Errorf("slackemu: no element %q on message %s", actionID, messageTS)
	}
	payload := map[string]any{
		"type": "block_actions", "team": teamRef(), "user": s.userRef(u), "api_app_id": AppID,
		"token": verificationToken, "is_enterprise_install": false,
		"container": map[string]any{
			"type": "message", "message_ts": m.TS, "channel_id": c.ID, "is_ephemeral": false,
		},
		"trigger_id":   s.issueTriggerLocked(user),
		"channel":      channelRef(c),
		"message":      messageJSON(m),
		"state":        map[string]any{"values": map[string]any{}},
		"response_url": s.responseURLLocked(c.ID, user, m.TS),
		"actions":      []any{s.actionLocked(blockID, actionID, el, value)},
	}
	return s.sendInteractionLocked(TypeInteractive, payload, true, nil), nil
}

// ClickViewButton presses the element with actionID in a view (a modal or the
// Home tab) shown to user.
func (s *Server) ClickViewButton(user, viewID, actionID, value string) (*Delivery, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.ws.users[user]
	v, vok := s.rec.views[viewID]
	if !ok || !vok || s.rec.viewUser[viewID] != user {
		return nil, fmt.Errorf("slackemu: user %q has no view %q", user, viewID)
	}
	blocks, _ := json.Marshal(v["blocks"])
	blockID, el, ok := findAction(blocks, actionID)
	if !ok {
		return nil, fmt.Errorf("slackemu: no element %q in view %s", actionID, viewID)
	}
	payload := map[string]any{
		"type": "block_actions", "team": teamRef(), "user": s.userRef(u), "api_app_id": AppID,
		"token": verificationToken, "is_enterprise_install": false,
		"container":  map[string]any{"type": "view", "view_id": viewID},
		"trigger_id": s.issueTriggerLocked(user),
		"view":       v,
		"actions":    []any{s.actionLocked(blockID, actionID, el, value)},
	}
	d := s.sendInteractionLocked(TypeInteractive, payload, true, nil)
	d.ViewID = viewID
	return d, nil
}

func (s *Server) actionLocked(blockID, actionID string, el map[string]any, value string) map[string]any {
	typ, _ := el["type"].(string)
	if value == "" {
		value, _ = el["value"].(string)
	}
	a := map[string]any{
		"action_id": actionID, "block_id": blockID, "type": typ, "value": value,
		"action_ts": s.ws.nextTS(s.now()),
	}
	if text, ok := el["text"]; ok {
		a["text"] = text
	}
	// A date picker sends the date picked: value is it (default: its initial date).
	if typ == "datepicker" {
		if value == "" || value == el["value"] {
			value, _ = el["initial_date"].(string)
		}
		a["selected_date"] = value
		delete(a, "value")
	}
	// Menus send the option chosen, not a value: value names it (default: the first).
	if opts, ok := el["options"].([]any); ok && (typ == "overflow" || typ == "static_select") {
		for _, o := range opts {
			opt, _ := o.(map[string]any)
			if v, _ := opt["value"].(string); opt != nil && (v == value || a["selected_option"] == nil) {
				a["selected_option"] = opt
			}
		}
		delete(a, "value")
	}
	return a
}
