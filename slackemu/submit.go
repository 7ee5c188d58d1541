package slackemu

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
)

// SubmitView submits user's open modal viewID with the given input values, by
// block ID then action ID. The ack's response_action is applied as Slack does:
// none closes the view, "clear" closes the stack, "update" replaces the view,
// "push" opens another on top, "errors" leaves it open.
func (s *Server) SubmitView(user, viewID string, values map[string]map[string]string) (*Delivery, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, v, err := s.openModalLocked(user, viewID)
	if err != nil {
		return nil, err
	}
	blocks, _ := json.Marshal(v["blocks"])
	state := map[string]any{}
	for blockID, actions := range values {
		st := map[string]any{}
		for actionID, value := range actions {
			_, el, _ := findAction(blocks, actionID)
			st[actionID] = inputState(el, value)
		}
		state[blockID] = st
	}
	view := maps.Clone(v)
	view["state"] = map[string]any{"values": state}
	payload := map[string]any{
		"type": "view_submission", "team": teamRef(), "user": s.userRef(u), "api_app_id": AppID,
		"token": verificationToken, "trigger_id": s.issueTriggerLocked(user), "view": view,
		"response_urls": []any{}, "is_enterprise_install": false,
	}
	d := s.sendInteractionLocked(TypeInteractive, payload, true, func(ack json.RawMessage) {
		s.applyResponseActionLocked(user, viewID, ack)
	})
	d.ViewID = viewID
	return d, nil
}

// CloseView closes user's modal viewID as the user would, and delivers
// view_closed if the view asked for it (notify_on_close).
func (s *Server) CloseView(user, viewID string) (*Delivery, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, v, err := s.openModalLocked(user, viewID)
	if err != nil {
		return nil, err
	}
	s.rec.modals[user] = nil
	s.notifyLocked()
	if notify, _ := v["notify_on_close"].(bool); !notify {
		return notDelivered(""), nil
	}
	payload := map[string]any{
		"type": "view_closed", "team": teamRef(), "user": s.userRef(u), "api_app_id": AppID,
		"token": verificationToken, "view": v, "is_cleared": false, "is_enterprise_install": false,
	}
	d := s.sendInteractionLocked(TypeInteractive, payload, false, nil)
	d.ViewID = viewID
	return d, nil
}

func (s *Server) openModalLocked(user, viewID string) (*User, map[string]any, error) {
	u, ok := s.ws.users[user]
	if !ok || !slices.Contains(s.rec.modals[user], viewID) {
		return nil, nil, fmt.Errorf("slackemu: user %q has no open modal %q", user, viewID)
	}
	return u, s.rec.views[viewID], nil
}

// inputState is the state.values entry for an input element holding value.
func inputState(el map[string]any, value string) map[string]any {
	typ, _ := el["type"].(string)
	if typ == "" {
		typ = "plain_text_input"
	}
	option := map[string]any{"text": map[string]any{"type": "plain_text", "text": value}, "value": value}
	st := map[string]any{"type": typ}
	switch typ {
	case "static_select", "external_select", "radio_buttons":
		st["selected_option"] = option
	case "checkboxes", "multi_static_select":
		st["selected_options"] = []any{option}
	case "users_select":
		st["selected_user"] = value
	case "conversations_select":
		st["selected_conversation"] = value
	case "channels_select":
		st["selected_channel"] = value
	case "datepicker":
		st["selected_date"] = value
	default:
		st["value"] = value
	}
	return st
}

// applyResponseActionLocked applies a view_submission ack to user's modal stack.
func (s *Server) applyResponseActionLocked(user, viewID string, ack json.RawMessage) {
	var resp struct {
		ResponseAction string         `json:"response_action"`
		View           map[string]any `json:"view"`
	}
	if len(ack) > 0 {
		_ = json.Unmarshal(ack, &resp)
	}
	stack := s.rec.modals[user]
	switch resp.ResponseAction {
	case "errors":
	case "clear":
		s.rec.modals[user] = nil
	case "update":
		if resp.View != nil {
			s.putViewLocked(viewID, user, resp.View)
		}
	case "push":
		if resp.View != nil && len(stack) < maxModalStack {
			s.pushModalLocked(user, resp.View, true)
		}
	default:
		if i := slices.Index(stack, viewID); i >= 0 {
			s.rec.modals[user] = stack[:i]
		}
	}
}
