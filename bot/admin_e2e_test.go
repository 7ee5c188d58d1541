package bot

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/slackemu"
	"github.com/unblock-dev/unblock/standup"
)

// The admin App Home end to end: real slack-go over Socket Mode against
// slackemu, the scheduler on the fake clock, one SQLite file. An admin creates,
// edits, pauses and deletes a standup in modals, and the next prompt follows
// each change with no restart.

const (
	ada = "U0ADA0001" // a workspace admin
	lee = "U0LEE0001" // an unblock admin named in the config, not a workspace admin
)

// startAdmin starts the bot with the admin App Home and a scheduler that
// re-reads the teams set up in Slack after every change, as the app does.
func (l *live) startAdmin(admins []string, code []CodeTeam) {
	l.t.Helper()
	b, err := New(Config{
		AppToken: l.emu.AppToken(), BotToken: l.emu.BotToken(), APIURL: l.emu.APIURL(),
		Now: l.clk.Now, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}, l.db)
	if err != nil {
		l.t.Fatal(err)
	}
	l.bot = b
	l.sched = standup.New(nil, nil, time.UTC, l.clk, l.db, l.db, b, nil)
	b.SetStandups(l.sched, nil)
	sched := l.sched
	b.SetAdmin(Admin{
		Admins: admins, Teams: l.db, CodeTeams: func() []CodeTeam { return code },
		NewTeam: unblockTeamDefaults(),
		Changed: func(ctx context.Context) error {
			setups, err := l.db.StandupTeams(ctx)
			if err != nil {
				return err
			}
			var teams []standup.Team
			for _, s := range setups {
				if s.Paused {
					continue
				}
				t, err := standup.FromSetup(s, b.GroupMembers)
				if err != nil {
					return err
				}
				teams = append(teams, t)
			}
			b.SetStandupTeams(teams)
			return sched.SetTeams(ctx, teams)
		},
	})
	if l.prepare != nil {
		l.prepare(b)
	}
	if err := b.Open(l.ctx); err != nil {
		l.t.Fatal(err)
	}
	runCtx, cancel := context.WithCancel(l.ctx)
	l.cancel = cancel
	l.wg.Add(1)
	go func() {
		defer l.wg.Done()
		sched.Run(runCtx)
	}()
	l.settle()
}

// homeView opens user's App Home and returns it.
func (l *live) homeView(user string) slackemu.View {
	l.t.Helper()
	l.deliver(l.emu.OpenHome(user))
	v, ok := l.emu.HomeView(user)
	if !ok {
		l.t.Fatalf("no App Home published for %s", user)
	}
	return v
}

// submit submits user's open team modal and returns the ack's payload.
func (l *live) submit(user string, values map[string]map[string][]string) json.RawMessage {
	l.t.Helper()
	modals := l.emu.Modals(user)
	if len(modals) != 1 || modals[0].CallbackID != viewTeam {
		l.t.Fatalf("modals of %s = %+v, want the team modal", user, modals)
	}
	d, err := l.emu.SubmitViewValues(user, modals[0].ID, values)
	if err != nil {
		l.t.Fatal(err)
	}
	ack, err := d.WaitAck(l.ctx)
	if err != nil {
		l.t.Fatalf("ack: %v", err)
	}
	if err := l.bot.WaitIdle(l.ctx); err != nil {
		l.t.Fatal(err)
	}
	return ack
}

// field is one input's values in a submission.
func field(name string, values ...string) map[string][]string {
	return map[string][]string{name: values}
}

func (l *live) addAdmins() {
	l.emu.AddUser(slackemu.User{ID: ada, Name: "ada", RealName: "Ada Byron", Title: "Engineering Manager", TZ: "Europe/Berlin", IsAdmin: true})
	l.emu.AddUser(slackemu.User{ID: lee, Name: "lee", RealName: "Lee Chen", Title: "Team Lead", TZ: "Europe/Berlin"})
}

func (l *live) prompts(user string) int {
	l.t.Helper()
	return len(l.botPosts(l.emu.IMChannel(user), promptMarker))
}

func TestAdminE2E_CreateEditPauseDelete(t *testing.T) {
	monday := time.Date(2026, 11, 16, 0, 0, 0, 0, berlin)
	at := func(day, h, m int) time.Time {
		return monday.AddDate(0, 0, day).Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
	}
	l := newLive(t, at(0, 8, 0), slackemu.Options{}, 90*time.Second)
	l.addTrio()
	l.addAdmins()
	l.startAdmin(nil, nil)

	// First run: the admin sees the first-standup flow; a member sees no Standups section.
	home := l.homeView(ada)
	if !strings.Contains(string(home.JSON), "Create your first standup") {
		t.Fatalf("the admin's first App Home has no first-standup flow: %s", home.JSON)
	}
	if h := l.homeView(ana); strings.Contains(string(h.JSON), actionTeamNew) || strings.Contains(string(h.JSON), `"Standups"`) {
		t.Fatalf("a member's App Home shows the admin section: %s", h.JSON)
	}

	// The modal refuses a form with problems, each under its input, and keeps it open.
	l.deliver(l.emu.ClickViewButton(ada, home.ID, actionTeamNew, ""))
	ack := l.submit(ada, map[string]map[string][]string{
		"name": field("name", "  "), "days": field("days"), "questions": field("questions", ""),
	})
	var resp struct {
		ResponseAction string            `json:"response_action"`
		Errors         map[string]string `json:"errors"`
	}
	if err := json.Unmarshal(ack, &resp); err != nil || resp.ResponseAction != "errors" {
		t.Fatalf("ack = %s, want response_action errors", ack)
	}
	for _, f := range []string{"name", "channel", "members", "days", "questions"} {
		if resp.Errors[f] == "" {
			t.Errorf("no error under %q: %v", f, resp.Errors)
		}
	}
	if teams, _ := l.db.StandupTeams(l.ctx); len(teams) != 0 {
		t.Fatalf("a refused form stored %+v", teams)
	}

	// A channel the bot is not in is refused under the channel picker.
	l.emu.AddChannel("C0LOBBY01", "lobby", ana, dana)
	ack = l.submit(ada, map[string]map[string][]string{
		"name": field("name", "Checkout"), "channel": field("channel", "C0LOBBY01"), "members": field("members", ana, dana),
	})
	if !strings.Contains(string(ack), `"channel":"Invite @unblock to #lobby first`) {
		t.Fatalf("ack = %s, want the channel refused until the bot is invited", ack)
	}

	// Filled in: saved, the modal closes, the Home lists it.
	ack = l.submit(ada, map[string]map[string][]string{
		"name": field("name", "Checkout"), "channel": field("channel", stand), "members": field("members", ana, dana),
		"time": field("time", "09:30"), "days": field("days", "1", "2", "3", "4", "5"),
		"timezone": field("timezone", "Europe/Berlin"),
	})
	if len(ack) != 0 && string(ack) != "null" {
		t.Fatalf("ack of a good form = %s, want empty (the modal closes)", ack)
	}
	if m := l.emu.Modals(ada); len(m) != 0 {
		t.Fatalf("the modal is still open: %+v", m)
	}
	saved, err := l.db.StandupTeam(l.ctx, "checkout")
	if err != nil {
		t.Fatal(err)
	}
	if saved.Channel != stand || len(saved.Members) != 2 || saved.Cron() != "30 9 * * MON,TUE,WED,THU,FRI" ||
		len(saved.Questions) != 3 || saved.ReminderAfter != 2*time.Hour || saved.UpdatedBy != ada {
		t.Fatalf("saved %+v", saved)
	}
	home, _ = l.emu.HomeView(ada)
	if !strings.Contains(string(home.JSON), "*checkout*") || !strings.Contains(string(home.JSON), actionTeamEdit) {
		t.Fatalf("the admin's Home does not list the new team: %s", home.JSON)
	}

	// /blocked knows the new team by name, with its members.
	l.deliver(l.emu.SlashCommand(ana, stand, BlockedCommand, "on design checkout mocks"))
	l.deliver(l.emu.SlashCommand(priya, stand, BlockedCommand, "the checkout team"))
	if rs := l.emu.Responses(); len(rs) == 0 || strings.Contains(rs[len(rs)-1].Text, "I don't know") || !strings.Contains(rs[len(rs)-1].Text, "*ana* waits on *design*") {
		t.Fatalf("/blocked the checkout team = %+v, want the team's blockers", rs)
	}

	// No restart: the prompts go out at 09:30.
	l.at(at(0, 9, 29))
	if n := l.prompts(ana); n != 0 {
		t.Fatalf("prompts to ana before 09:30 = %d", n)
	}
	l.at(at(0, 9, 30))
	if a, d, p := l.prompts(ana), l.prompts(dana), l.prompts(priya); a != 1 || d != 1 || p != 0 {
		t.Fatalf("prompts at 09:30: ana %d, dana %d, priya %d; want 1, 1, 0", a, d, p)
	}

	// Edited at 09:45: 10:00, and priya too. Priya is asked at 10:00 today; ana
	// and dana, asked already, are not asked again.
	l.clk.Set(at(0, 9, 45))
	l.deliver(l.emu.ClickViewButton(ada, home.ID, actionTeamEdit, "checkout"))
	modal := l.emu.Modals(ada)[0]
	if !strings.Contains(string(modal.JSON), `"initial_conversation":"`+stand+`"`) || !strings.Contains(string(modal.JSON), `"initial_time":"09:30"`) {
		t.Fatalf("the edit modal is not filled in: %s", modal.JSON)
	}
	if ack := l.submit(ada, map[string]map[string][]string{"members": field("members", ana, dana, priya), "time": field("time", "10:00")}); len(ack) != 0 && string(ack) != "null" {
		t.Fatalf("ack of the edit = %s", ack)
	}
	l.at(at(0, 9, 59))
	if p := l.prompts(priya); p != 0 {
		t.Fatalf("priya prompted before 10:00: %d", p)
	}
	l.at(at(0, 10, 0))
	if a, d, p := l.prompts(ana), l.prompts(dana), l.prompts(priya); a != 1 || d != 1 || p != 1 {
		t.Fatalf("prompts by Monday 10:00: ana %d, dana %d, priya %d; want 1 each", a, d, p)
	}
	l.at(at(1, 9, 30))
	if n := l.prompts(ana); n != 1 {
		t.Fatalf("ana prompted at Tuesday 09:30 (the old time): %d prompts", n)
	}
	l.at(at(1, 10, 0))
	if a, p := l.prompts(ana), l.prompts(priya); a != 2 || p != 2 {
		t.Fatalf("prompts by Tuesday 10:00: ana %d, priya %d; want 2 each", a, p)
	}

	// Paused: nobody is asked on Wednesday; resumed after Wednesday's window
	// (a resume within it asks today's standup at once): Thursday's prompts go out.
	home, _ = l.emu.HomeView(ada)
	l.deliver(l.emu.ClickViewButton(ada, home.ID, actionTeamPause, "checkout"))
	l.at(at(2, 10, 0))
	if n := l.prompts(ana); n != 2 {
		t.Fatalf("ana prompted while the team was paused: %d prompts", n)
	}
	home, _ = l.emu.HomeView(ada)
	if !strings.Contains(string(home.JSON), "paused") {
		t.Fatalf("the Home does not say the team is paused: %s", home.JSON)
	}
	l.at(at(2, 15, 0))
	l.deliver(l.emu.ClickViewButton(ada, home.ID, actionTeamResume, "checkout"))
	if n := l.prompts(ana); n != 2 {
		t.Fatalf("resuming after the window prompted ana: %d prompts", n)
	}
	l.at(at(3, 10, 0))
	if n := l.prompts(ana); n != 3 {
		t.Fatalf("prompts to ana by Thursday after resuming = %d, want 3", n)
	}

	// Deleted: Friday's prompts do not go out, and the Home is back to the first run.
	home, _ = l.emu.HomeView(ada)
	l.deliver(l.emu.ClickViewButton(ada, home.ID, actionTeamDelete, "checkout"))
	l.at(at(4, 10, 0))
	if n := l.prompts(ana); n != 3 {
		t.Fatalf("ana prompted after the team was deleted: %d prompts", n)
	}
	home, _ = l.emu.HomeView(ada)
	if !strings.Contains(string(home.JSON), "Create your first standup") {
		t.Fatalf("after deleting the only team the Home shows no first-run flow: %s", home.JSON)
	}
}

// Someone who is not an admin neither sees the admin views nor gets anything
// through them: a forged view_submission is refused in its ack and stores
// nothing, and a forged button does nothing.
func TestAdminE2E_NonAdminRefused(t *testing.T) {
	l := newLive(t, time.Date(2026, 11, 16, 8, 0, 0, 0, berlin), slackemu.Options{}, 60*time.Second)
	l.addTrio()
	l.addAdmins()
	l.emu.AddUserGroup("S0DESIGN1", "design", dana)
	l.startAdmin([]string{lee}, []CodeTeam{{Name: "platform", Channel: stand, Members: 4, Schedule: "0 10 * * MON-FRI", Timezone: "UTC"}})

	// The config's unblock admin sees the section; the team managed as code is read-only.
	home := l.homeView(lee)
	js := string(home.JSON)
	if !strings.Contains(js, "*platform*") || !strings.Contains(js, "Managed as code") || strings.Contains(js, `"value":"platform"`) {
		t.Fatalf("the config's team is not shown read-only: %s", js)
	}
	// Its name cannot be taken here.
	l.deliver(l.emu.ClickViewButton(lee, home.ID, actionTeamNew, ""))
	ack := l.submit(lee, map[string]map[string][]string{
		"name": field("name", "platform"), "channel": field("channel", stand), "members": field("members", ana),
	})
	if !strings.Contains(string(ack), `"name":"The config file has a team of that name`) {
		t.Fatalf("ack = %s, want the name refused", ack)
	}

	if h := l.homeView(ana); strings.Contains(string(h.JSON), "admin_team") {
		t.Fatalf("a member's Home has admin controls: %s", h.JSON)
	}
	forged, _ := json.Marshal(map[string]any{
		"type": "view_submission", "team": map[string]any{"id": slackemu.TeamID}, "api_app_id": slackemu.AppID,
		"user": map[string]any{"id": ana, "name": "ana"}, "trigger_id": "1.2.forged",
		"view": map[string]any{
			"id": "VFORGED01", "type": "modal", "callback_id": viewTeam, "private_metadata": teamMetaNew, "hash": "1.forged",
			"state": map[string]any{"values": map[string]any{
				"name":      map[string]any{"name": map[string]any{"type": "plain_text_input", "value": "sneaky"}},
				"channel":   map[string]any{"channel": map[string]any{"type": "conversations_select", "selected_conversation": stand}},
				"members":   map[string]any{"members": map[string]any{"type": "multi_users_select", "selected_users": []string{ana}}},
				"time":      map[string]any{"time": map[string]any{"type": "timepicker", "selected_time": "09:00"}},
				"days":      map[string]any{"days": map[string]any{"type": "checkboxes", "selected_options": []any{map[string]any{"value": "1"}}}},
				"timezone":  map[string]any{"timezone": map[string]any{"type": "static_select", "selected_option": map[string]any{"value": "UTC"}}},
				"questions": map[string]any{"questions": map[string]any{"type": "plain_text_input", "value": "Blocked?"}},
				"reminder":  map[string]any{"reminder": map[string]any{"type": "static_select", "selected_option": map[string]any{"value": "0"}}},
				"window":    map[string]any{"window": map[string]any{"type": "static_select", "selected_option": map[string]any{"value": "240"}}},
			}},
		},
	})
	d := l.emu.SendRaw(slackemu.TypeInteractive, forged)
	ack, err := d.WaitAck(l.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(ack), `"response_action":"errors"`) || !strings.Contains(string(ack), "Only workspace admins") {
		t.Fatalf("ack of the forged submission = %s, want it refused", ack)
	}
	if err := l.bot.WaitIdle(l.ctx); err != nil {
		t.Fatal(err)
	}
	if teams, err := l.db.StandupTeams(l.ctx); err != nil || len(teams) != 0 {
		t.Fatalf("the forged submission stored %+v, %v", teams, err)
	}

	// A team lee made of a user group (the form offers the groups by handle);
	// its member is asked at 09:30; ana's forged Delete button leaves it be.
	l.deliver(l.emu.ClickViewButton(lee, home.ID, actionTeamNew, ""))
	if m := l.emu.Modals(lee); len(m) != 1 || !strings.Contains(string(m[0].JSON), `"text":"@design"`) {
		t.Fatalf("the form offers no user group: %+v", m)
	}
	if ack := l.submit(lee, map[string]map[string][]string{
		"name": field("name", "web"), "channel": field("channel", stand), "usergroup": field("usergroup", "S0DESIGN1"),
	}); len(ack) != 0 && string(ack) != "null" {
		t.Fatalf("ack = %s", ack)
	}
	l.at(time.Date(2026, 11, 16, 9, 30, 0, 0, berlin))
	if d, a := l.prompts(dana), l.prompts(ana); d != 1 || a != 0 {
		t.Fatalf("prompts at 09:30: dana (in the group) %d, ana %d; want 1 and 0", d, a)
	}
	forgedClick, _ := json.Marshal(map[string]any{
		"type": "block_actions", "team": map[string]any{"id": slackemu.TeamID}, "api_app_id": slackemu.AppID,
		"user": map[string]any{"id": ana, "name": "ana"}, "trigger_id": "1.3.forged",
		"container": map[string]any{"type": "view", "view_id": home.ID},
		"actions":   []any{map[string]any{"action_id": actionTeamDelete, "block_id": "admin:team:web", "type": "button", "value": "web"}},
	})
	l.deliver(l.emu.SendRaw(slackemu.TypeInteractive, forgedClick), nil)
	if _, err := l.db.StandupTeam(l.ctx, "web"); err != nil {
		t.Fatalf("a forged Delete from a member deleted the team: %v", err)
	}
}

// unblockTeamDefaults is what a new team's form starts with, as the app passes
// the config's defaults.
func unblockTeamDefaults() unblock.StandupTeam {
	return unblock.StandupTeam{
		Time: "09:30", Timezone: "Europe/Berlin", ReminderAfter: 2 * time.Hour, AnswerWindow: 4 * time.Hour,
		Questions: []string{"What did you do yesterday?", "What will you do today?", "Anything blocking you?"},
	}
}

// The digest recipients of teams set up in the App Home get the weekly digest by
// DM, as the config's leads do, once each even when named twice.
func TestAdminE2E_DigestRecipients(t *testing.T) {
	l := newLive(t, time.Date(2026, 11, 23, 8, 0, 0, 0, berlin), slackemu.Options{}, 60*time.Second)
	l.addTrio()
	l.addAdmins()
	l.start(nil)
	l.deliver(l.emu.SlashCommand(ana, stand, BlockedCommand, "on design checkout mocks"))
	recipients := []string{lee, ada}
	d := DigestDelivery{Schedule: mustCron(t, "0 9 * * 1"), Location: berlin, Leads: []string{ada},
		MoreLeads: func() []string { return recipients }}
	if err := l.bot.SendDigest(l.ctx, d, l.db, time.Date(2026, 11, 22, 0, 0, 0, 0, berlin)); err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{lee, ada} {
		if n := len(l.botPosts(l.emu.IMChannel(u), "")); n != 1 {
			t.Fatalf("%s got %d digests, want 1", u, n)
		}
	}
}

// When Slack cannot say whether someone administers the workspace (users.info
// fails for a person the directory does not know yet), their App Home is still
// published, without the Standups section.
func TestAdminE2E_AdminCheckFails(t *testing.T) {
	l := newLive(t, time.Date(2026, 11, 16, 8, 0, 0, 0, berlin), slackemu.Options{}, 60*time.Second)
	l.addTrio()
	l.startAdmin(nil, nil)
	const newcomer = "U0NEW0001" // joined after the directory's sync
	l.emu.AddUser(slackemu.User{ID: newcomer, Name: "nia", RealName: "Nia Obi", IsAdmin: true})
	l.emu.InjectFault("users.info", slackemu.Fault{Error: "fatal_error"})
	h := l.homeView(newcomer)
	if js := string(h.JSON); !strings.Contains(js, "Your blockers") || strings.Contains(js, actionTeamNew) {
		t.Fatalf("the Home = %s, want it published without the Standups section", js)
	}
	// Once Slack answers, the admin sees the section.
	l.emu.ClearFaults()
	if h := l.homeView(newcomer); !strings.Contains(string(h.JSON), "Create your first standup") {
		t.Fatalf("the Home = %s, want the first-standup flow", h.JSON)
	}
}
