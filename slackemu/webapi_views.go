package slackemu

import (
	"encoding/json"
	"fmt"
	"time"
)

const maxModalStack = 3

// viewArg reads and checks the view argument, which must be of type want.
func viewArg(r *request, want string) (map[string]any, error) {
	raw, ok, err := r.jsonArg("view", "invalid_arguments")
	if err != nil || !ok {
		return nil, apiError("invalid_arguments")
	}
	var v map[string]any
	if json.Unmarshal(raw, &v) != nil || v["type"] != want {
		return nil, apiError("invalid_arguments")
	}
	if want == "modal" {
		title, _ := v["title"].(map[string]any)
		if text, _ := title["text"].(string); text == "" {
			return nil, apiError("invalid_arguments")
		}
	}
	blocks, _ := json.Marshal(v["blocks"])
	if v["blocks"] == nil {
		blocks = []byte("[]")
	}
	if err := checkBlocks(blocks, maxViewBlocks); err != nil {
		return nil, err
	}
	return v, nil
}

// putViewLocked stores v under id for user, filling in the fields Slack adds,
// and returns the stored object.
func (s *Server) putViewLocked(id, user string, v map[string]any) map[string]any {
	prev := s.rec.views[id]
	out := map[string]any{
		"id": id, "team_id": TeamID, "app_id": AppID, "bot_id": BotID, "app_installed_team_id": TeamID,
		"private_metadata": "", "callback_id": "", "external_id": "", "blocks": []any{},
		"clear_on_close": false, "notify_on_close": false, "root_view_id": id, "previous_view_id": nil,
		"state": map[string]any{"values": map[string]any{}},
	}
	for k, x := range v {
		if x != nil {
			out[k] = x
		}
	}
	if prev != nil {
		out["root_view_id"] = prev["root_view_id"]
	}
	out["hash"] = fmt.Sprintf("%d.%s", s.now().Unix(), s.ws.nextID("h"))
	s.rec.views[id] = out
	s.rec.viewUser[id] = user
	return out
}

// useTrigger exchanges a trigger_id for the user it was issued to.
func (s *Server) useTrigger(id string) (string, error) {
	t, ok := s.rec.triggers[id]
	switch {
	case id == "":
		return "", apiError("invalid_arguments")
	case !ok:
		return "", apiError("invalid_trigger_id")
	case t.used:
		return "", apiError("exchanged_trigger_id")
	case time.Since(t.issued) > s.opts.TriggerTTL:
		return "", apiError("expired_trigger_id")
	}
	t.used = true
	return t.user, nil
}

func (s *Server) viewsOpen(r *request) (map[string]any, error) {
	return s.openModal(r, false)
}

func (s *Server) viewsPush(r *request) (map[string]any, error) {
	return s.openModal(r, true)
}

func (s *Server) openModal(r *request, push bool) (map[string]any, error) {
	v, err := viewArg(r, "modal")
	if err != nil {
		return nil, err
	}
	user, err := s.useTrigger(r.str("trigger_id"))
	if err != nil {
		return nil, err
	}
	if push && len(s.rec.modals[user]) >= maxModalStack {
		return nil, apiError("push_limit_reached")
	}
	out := s.pushModalLocked(user, v, push)
	return map[string]any{"view": out}, nil
}

// pushModalLocked opens v for user, on top of the stack or as a new stack.
func (s *Server) pushModalLocked(user string, v map[string]any, push bool) map[string]any {
	id := s.ws.nextID("V")
	out := s.putViewLocked(id, user, v)
	if stack := s.rec.modals[user]; push && len(stack) > 0 {
		out["root_view_id"] = s.rec.views[stack[0]]["id"]
		out["previous_view_id"] = stack[len(stack)-1]
		s.rec.modals[user] = append(stack, id)
	} else {
		s.rec.modals[user] = []string{id}
	}
	return out
}

func (s *Server) viewsUpdate(r *request) (map[string]any, error) {
	v, err := viewArg(r, "modal")
	if err != nil {
		return nil, err
	}
	id := r.str("view_id")
	if ext := r.str("external_id"); id == "" && ext != "" {
		for vid, x := range s.rec.views {
			if x["external_id"] == ext {
				id = vid
			}
		}
	}
	old, ok := s.rec.views[id]
	if !ok || old["type"] != "modal" {
		return nil, apiError("not_found")
	}
	if h := r.str("hash"); h != "" && h != old["hash"] {
		return nil, apiError("hash_conflict")
	}
	return map[string]any{"view": s.putViewLocked(id, s.rec.viewUser[id], v)}, nil
}

func (s *Server) viewsPublish(r *request) (map[string]any, error) {
	user := r.str("user_id")
	if _, ok := s.ws.users[user]; !ok {
		return nil, apiError("user_not_found")
	}
	v, err := viewArg(r, "home")
	if err != nil {
		return nil, err
	}
	id, ok := s.rec.home[user]
	if !ok {
		id = s.ws.nextID("V")
		s.rec.home[user] = id
	} else if h := r.str("hash"); h != "" && h != s.rec.views[id]["hash"] {
		return nil, apiError("hash_conflict")
	}
	return map[string]any{"view": s.putViewLocked(id, user, v)}, nil
}
