package slackemu

import (
	"strconv"
	"strings"
)

func (s *Server) authTest(r *request) (map[string]any, error) {
	return map[string]any{
		"url":                   "https://" + TeamDomain + ".slack.com/",
		"team":                  "Emulated Workspace",
		"user":                  BotName,
		"team_id":               TeamID,
		"user_id":               BotUserID,
		"bot_id":                BotID,
		"is_enterprise_install": false,
	}, nil
}

// appsConnectionsOpen issues a single-use ticket for the Socket Mode URL.
func (s *Server) appsConnectionsOpen(r *request) (map[string]any, error) {
	s.ws.seq++
	ticket := strconv.Itoa(s.ws.seq)
	s.rec.tickets[ticket] = true
	s.rec.opened++
	url := "ws" + strings.TrimPrefix(s.base, "http") + "/link/?ticket=" + ticket + "&app_id=" + AppID
	return map[string]any{"url": url}, nil
}

func (s *Server) usersInfo(r *request) (map[string]any, error) {
	u, ok := s.ws.users[r.str("user")]
	if !ok {
		return nil, apiError("user_not_found")
	}
	return map[string]any{"user": s.ws.userJSON(u, s.now())}, nil
}

// usersList pages through the members, 200 at a time unless limit says otherwise.
func (s *Server) usersList(r *request) (map[string]any, error) {
	ids, next, err := page(s.ws.userOrder, r.str("cursor"), r.integer("limit", 0), 200)
	if err != nil {
		return nil, err
	}
	members := make([]map[string]any, 0, len(ids))
	for _, id := range ids {
		members = append(members, s.ws.userJSON(s.ws.users[id], s.now()))
	}
	return map[string]any{
		"members":           members,
		"cache_ts":          s.now().Unix(),
		"response_metadata": map[string]any{"next_cursor": next},
	}, nil
}

func (s *Server) usergroupsList(r *request) (map[string]any, error) {
	groups := make([]map[string]any, 0, len(s.ws.groupOrder))
	for _, id := range s.ws.groupOrder {
		g := s.ws.groups[id]
		j := map[string]any{
			"id": g.ID, "team_id": TeamID, "is_usergroup": true, "name": g.Handle, "handle": g.Handle,
			"description": "", "date_create": 0, "date_update": 0, "date_delete": 0,
			"prefs": map[string]any{"channels": []string{}, "groups": []string{}},
		}
		if r.boolean("include_count") {
			j["user_count"] = len(g.Members)
		}
		if r.boolean("include_users") {
			j["users"] = append([]string{}, g.Members...)
		}
		groups = append(groups, j)
	}
	return map[string]any{"usergroups": groups}, nil
}

func (s *Server) usergroupsUsersList(r *request) (map[string]any, error) {
	g, ok := s.ws.groups[r.str("usergroup")]
	if !ok {
		return nil, apiError("no_such_subteam")
	}
	return map[string]any{"users": append([]string{}, g.Members...)}, nil
}
