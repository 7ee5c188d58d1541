package slackemu

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// SubmitView submits user's open modal viewID with the given input values, by
// block ID then action ID. The ack's response_action is applied as Slack does:
// none closes the view, "clear" closes the stack, "update" replaces the view,
// "push" opens another on top, "errors" leaves it open.
func (s *Server) SubmitView(user, viewID string, values map[string]map[string]string) (*Delivery, error) {
	multi := map[string]map[string][]string{}
	for blockID, actions := range values {
		multi[blockID] = map[string][]string{}
		for actionID, v := range actions {
			multi[blockID][actionID] = []string{v}
		}
	}
	return s.SubmitViewValues(user, viewID, multi)
}

// SubmitViewValues is SubmitView with any number of values per input, for
// multi-selects and checkboxes (user IDs, channel IDs, option values). As in
// Slack, state.values holds every input block of the view: an input the user
// left alone carries its initial value (initial_value, initial_users,
// initial_conversation, initial_option, initial_options, initial_time, …), or
// none.
func (s *Server) SubmitViewValues(user, viewID string, values map[string]map[string][]string) (*Delivery, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, v, err := s.openModalLocked(user, viewID)
	if err != nil {
		return nil, err
	}
	blocks, _ := json.Marshal(v["blocks"])
	state := map[string]any{}
	for _, in := range inputElements(blocks) {
		if given, ok := values[in.blockID][in.actionID]; ok {
			setState(state, in.blockID, in.actionID, inputState(in.el, given))
		} else {
			setState(state, in.blockID, in.actionID, initialState(in.el))
		}
	}
	for blockID, actions := range values {
		for actionID, given := range actions {
			if m, _ := state[blockID].(map[string]any); m[actionID] == nil {
				// Not an input of the view: kept as a plain text value, so a test can
				// forge what Slack would never send.
				setState(state, blockID, actionID, inputState(nil, given))
			}
		}
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

func setState(state map[string]any, blockID, actionID string, st map[string]any) {
	m, ok := state[blockID].(map[string]any)
	if !ok {
		m = map[string]any{}
		state[blockID] = m
	}
	m[actionID] = st
}

// input is one input block's element.
type input struct {
	blockID, actionID string
	el                map[string]any
}

// inputElements lists the elements of a view's input blocks.
func inputElements(blocks json.RawMessage) []input {
	var list []map[string]any
	if json.Unmarshal(blocks, &list) != nil {
		return nil
	}
	var out []input
	for i, b := range list {
		el, ok := b["element"].(map[string]any)
		if b["type"] != "input" || !ok {
			continue
		}
		blockID, _ := b["block_id"].(string)
		if blockID == "" {
			blockID = fmt.Sprintf("blk%d", i)
		}
		actionID, _ := el["action_id"].(string)
		out = append(out, input{blockID: blockID, actionID: actionID, el: el})
	}
	return out
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

// inputState is the state.values entry for an input element holding values.
// A select's or checkbox's options are the element's own (in options or
// option_groups), matched by value; a value that is no option of it is made up
// with the value as its text.
func inputState(el map[string]any, values []string) map[string]any {
	typ, _ := el["type"].(string)
	if typ == "" {
		typ = "plain_text_input"
	}
	first := ""
	if len(values) > 0 {
		first = values[0]
	}
	st := map[string]any{"type": typ}
	switch typ {
	case "static_select", "external_select", "radio_buttons":
		st["selected_option"] = option(el, first)
	case "checkboxes", "multi_static_select", "multi_external_select":
		opts := []any{}
		for _, v := range values {
			opts = append(opts, option(el, v))
		}
		st["selected_options"] = opts
	case "users_select":
		st["selected_user"] = first
	case "multi_users_select":
		st["selected_users"] = nonNilStrings(values)
	case "conversations_select":
		st["selected_conversation"] = first
	case "multi_conversations_select":
		st["selected_conversations"] = nonNilStrings(values)
	case "channels_select":
		st["selected_channel"] = first
	case "multi_channels_select":
		st["selected_channels"] = nonNilStrings(values)
	case "datepicker":
		st["selected_date"] = first
	case "timepicker":
		st["selected_time"] = first
	default:
		st["value"] = first
	}
	return st
}

// initialState is the state.values entry of an input the user left alone: its
// initial value, or an empty selection.
func initialState(el map[string]any) map[string]any {
	typ, _ := el["type"].(string)
	str := func(k string) []string {
		if v, ok := el[k].(string); ok && v != "" {
			return []string{v}
		}
		return nil
	}
	list := func(k string) []string {
		var out []string
		xs, _ := el[k].([]any)
		for _, x := range xs {
			if v, ok := x.(string); ok {
				out = append(out, v)
			}
		}
		return out
	}
	optionValues := func(k string) []string {
		var out []string
		xs, _ := el[k].([]any)
		if one, ok := el[k].(map[string]any); ok {
			xs = []any{one}
		}
		for _, x := range xs {
			if o, ok := x.(map[string]any); ok {
				if v, ok := o["value"].(string); ok {
					out = append(out, v)
				}
			}
		}
		return out
	}
	var values []string
	switch typ {
	case "static_select", "radio_buttons", "external_select":
		values = optionValues("initial_option")
	case "checkboxes", "multi_static_select", "multi_external_select":
		values = optionValues("initial_options")
	case "users_select":
		values = str("initial_user")
	case "multi_users_select":
		values = list("initial_users")
	case "conversations_select":
		values = str("initial_conversation")
	case "multi_conversations_select":
		values = list("initial_conversations")
	case "channels_select":
		values = str("initial_channel")
	case "multi_channels_select":
		values = list("initial_channels")
	case "datepicker":
		values = str("initial_date")
	case "timepicker":
		values = str("initial_time")
	default:
		values = str("initial_value")
	}
	st := inputState(el, values)
	if len(values) == 0 {
		// Nothing chosen: Slack sends the element's type and a null selection.
		for k := range st {
			if k != "type" {
				st[k] = nil
			}
		}
		if typ == "checkboxes" || strings.HasPrefix(typ, "multi_") {
			for k := range st {
				if k != "type" {
					st[k] = []any{}
				}
			}
		}
	}
	return st
}

// option returns el's option whose value is value, or one made up from value.
func option(el map[string]any, value string) map[string]any {
	var opts []any
	if xs, ok := el["options"].([]any); ok {
		opts = append(opts, xs...)
	}
	if groups, ok := el["option_groups"].([]any); ok {
		for _, g := range groups {
			if gm, ok := g.(map[string]any); ok {
				if xs, ok := gm["options"].([]any); ok {
					opts = append(opts, xs...)
				}
			}
		}
	}
	for _, o := range opts {
		if om, ok := o.(map[string]any); ok && om["value"] == value {
			return om
		}
	}
	return map[string]any{"text": map[string]any{"type": "plain_text", "text": value}, "value": value}
}

func nonNilStrings(v []string) []string {
	if v == nil {
		return []string{}
	}
	return v
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
