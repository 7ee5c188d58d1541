package bot

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/slackemu"
)

// App Home teams are teams like the config's: their default role (a select
// over the role vocabulary) resolves the role of members nothing else places,
// their members' Person.Team follows every change, "/blocked TEAM" knows them
// with their role; and the config's summary and public-reminder options are in
// the modal.
func TestAdminE2E_TeamRoleAndOptions(t *testing.T) {
	monday := time.Date(2026, 11, 16, 0, 0, 0, 0, berlin)
	at := func(h, m int) time.Time { return monday.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute) }
	l := newLive(t, at(8, 0), slackemu.Options{}, 90*time.Second)
	l.addTrio()
	l.addAdmins()
	const sam = "U0SAM0001" // no title: no role of their own
	l.emu.AddUser(slackemu.User{ID: sam, Name: "sam", RealName: "Sam Reed", TZ: "Europe/Berlin"})
	l.startAdmin(nil, nil)

	home := l.homeView(ada)
	l.deliver(l.emu.ClickViewButton(ada, home.ID, actionTeamNew, ""))
	modal := string(l.emu.Modals(ada)[0].JSON)
	for _, want := range []string{`"block_id":"role"`, `"value":"design"`, `"value":"legal"`, `"value":"summary"`, `"value":"public"`} {
		if !strings.Contains(modal, want) {
			t.Fatalf("the new team's modal lacks %s: %s", want, modal)
		}
	}
	// A role the vocabulary does not have is refused under the role select.
	ack := l.submit(ada, map[string]map[string][]string{
		"name": field("name", "web"), "channel": field("channel", stand), "members": field("members", sam, ana),
		"role": field("role", "astronaut"),
	})
	if !strings.Contains(string(ack), `"role":"Pick a role from the list."`) {
		t.Fatalf("ack = %s, want the unknown role refused under its select", ack)
	}
	ack = l.submit(ada, map[string]map[string][]string{
		"name": field("name", "web"), "channel": field("channel", stand), "members": field("members", sam, ana),
		"role": field("role", "design"), "options": field("options", "public"), "time": field("time", "09:30"),
		"reminder": field("reminder", "60"),
	})
	if len(ack) != 0 && string(ack) != "null" {
		t.Fatalf("ack = %s", ack)
	}
	saved, err := l.db.StandupTeam(l.ctx, "web")
	if err != nil {
		t.Fatal(err)
	}
	if saved.DefaultRole != "design" || !saved.NoSummary || !saved.PublicReminders {
		t.Fatalf("saved role %q, no summary %v, public reminders %v; want design, true, true", saved.DefaultRole, saved.NoSummary, saved.PublicReminders)
	}

	home, _ = l.emu.HomeView(ada)
	if js := string(home.JSON); !strings.Contains(js, "default role design · no summary · reminders in the channel") {
		t.Fatalf("the admin's Home does not list the team's options: %s", js)
	}

	// Sam's role is the team's; Ana's title still wins; both are in the team.
	person := func(id string) unblock.Person {
		t.Helper()
		p, err := l.db.Person(l.ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	if p := person(sam); p.Team != "web" || p.Role != "design" || p.RoleSource != unblock.RoleFromTeam {
		t.Fatalf("sam = team %q, role %q from %q; want web, design from the team", p.Team, p.Role, p.RoleSource)
	}
	if p := person(ana); p.Team != "web" || p.Role != unblock.RoleEngineering {
		t.Fatalf("ana = team %q, role %q; want web, engineering (her title)", p.Team, p.Role)
	}
	// "/blocked on web" waits on the team, owned by its role; "/blocked web"
	// lists what waits on it.
	l.slash(priya, "on web")
	if r := l.slash(dana, "web"); !strings.Contains(r, "Team web") || !strings.Contains(r, "*priya* waits on *web*") {
		t.Fatalf("/blocked web = %s, want the team with Priya waiting on it", r)
	}
	open, err := l.db.BlockersOf(l.ctx, priya, at(8, 10))
	if err != nil {
		t.Fatal(err)
	}
	if len(open) != 1 || open[0].Target.Kind != unblock.TargetTeam || open[0].Target.Name != "web" || open[0].ToRole != "design" {
		t.Fatalf("priya's blockers = %+v, want one on the web team, role design", open)
	}

	// The parser knows the team by name too, with its role.
	l.deliver(l.emu.PostMessage(dana, l.emu.IMChannel(dana), "B: waiting on the web team for the API spec"))
	open, err = l.db.BlockersOf(l.ctx, dana, at(8, 10))
	if err != nil {
		t.Fatal(err)
	}
	if len(open) != 1 || open[0].Target.Kind != unblock.TargetTeam || open[0].ToRole != "design" {
		t.Fatalf("dana's blockers = %+v, want one on the web team, role design", open)
	}

	// The ledger (what the digest and the graph read) has sam's waits under design.
	l.deliver(l.emu.SlashCommand(sam, l.emu.IMChannel(sam), BlockedCommand, "on legal"))
	open, err = l.db.OpenBlockers(l.ctx, at(8, 10))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, bl := range open {
		if bl.PersonID == sam {
			if n++; bl.PersonRole != "design" {
				t.Fatalf("sam's blocker has person role %q, want design", bl.PersonRole)
			}
		}
	}
	if n != 1 {
		t.Fatalf("sam has %d open blockers, want 1", n)
	}

	// The options run: no summary in the channel, the reminder there, not by DM.
	l.at(at(9, 30))
	l.deliver(l.emu.PostMessage(ana, l.emu.IMChannel(ana), "Today: cart API. No blockers"))
	l.at(at(10, 30))
	if n := len(l.botPosts(stand, "web standup")); n != 0 {
		t.Fatalf("%d summaries posted with the summary off", n)
	}
	if n := len(l.botPosts(stand, "<@"+sam+">, the *web* standup")); n != 1 {
		t.Fatalf("public reminders to sam in the channel = %d, want 1", n)
	}
	if n := len(l.botPosts(l.emu.IMChannel(sam), reminderMarker)); n != 0 {
		t.Fatalf("reminders to sam by DM = %d, want none", n)
	}

	// Edited to no default role: sam's role is unknown again, still in the team.
	home, _ = l.emu.HomeView(ada)
	l.deliver(l.emu.ClickViewButton(ada, home.ID, actionTeamEdit, "web"))
	if m := string(l.emu.Modals(ada)[0].JSON); !strings.Contains(m, `"initial_option":{"text":{"emoji":false,"text":"design"`) {
		t.Fatalf("the edit modal does not show the team's role: %s", m)
	}
	l.submit(ada, map[string]map[string][]string{"role": field("role", roleNone)})
	if p := person(sam); p.Team != "web" || p.Role != unblock.RoleUnknown {
		t.Fatalf("after the role is taken off, sam = team %q, role %q; want web, unknown", p.Team, p.Role)
	}
	// Deleted: nobody is in it any more.
	home, _ = l.emu.HomeView(ada)
	l.deliver(l.emu.ClickViewButton(ada, home.ID, actionTeamDelete, "web"))
	if p := person(sam); p.Team != "" {
		t.Fatalf("after the team is deleted, sam is in team %q", p.Team)
	}
}

// publishes counts the App Home publishes to user.
func (l *live) publishes(user string) int {
	l.t.Helper()
	if err := l.bot.WaitIdle(l.ctx); err != nil {
		l.t.Fatal(err)
	}
	n := 0
	for _, c := range l.emu.Calls("views.publish") {
		if c.Status == 200 && c.Error == "" && c.Arg("user_id") == user {
			n++
		}
	}
	return n
}

// A change to a team publishes again the App Home of every admin (the config's
// and the workspace's) and of every member the team had before or has after,
// not only the acting admin's; people it never concerned are left alone.
func TestAdminE2E_ChangeRefreshesHomes(t *testing.T) {
	l := newLive(t, time.Date(2026, 11, 16, 8, 0, 0, 0, berlin), slackemu.Options{}, 90*time.Second)
	l.addTrio()
	l.addAdmins()
	l.startAdmin([]string{lee}, nil)
	home := l.homeView(ada)
	l.homeView(lee)
	before := map[string]int{}
	for _, u := range []string{ada, lee, ana, dana, priya} {
		before[u] = l.publishes(u)
	}
	l.deliver(l.emu.ClickViewButton(ada, home.ID, actionTeamNew, ""))
	l.submit(ada, map[string]map[string][]string{
		"name": field("name", "web"), "channel": field("channel", stand), "members": field("members", ana),
	})
	for u, want := range map[string]int{ada: 1, lee: 1, ana: 1, dana: 0, priya: 0} {
		if got := l.publishes(u) - before[u]; got != want {
			t.Errorf("App Home publishes to %s after the team was created = %d, want %d", u, got, want)
		}
	}
	if h, _ := l.emu.HomeView(lee); !strings.Contains(string(h.JSON), "*web*") {
		t.Fatalf("the other admin's Home does not list the new team: %s", h.JSON)
	}

	// Lee pauses it: Ada's Home says so without her opening it again.
	lh, _ := l.emu.HomeView(lee)
	l.deliver(l.emu.ClickViewButton(lee, lh.ID, actionTeamPause, "web"))
	if h, _ := l.emu.HomeView(ada); !strings.Contains(string(h.JSON), "paused") {
		t.Fatalf("Ada's Home does not show the team Lee paused: %s", h.JSON)
	}
	// Dana joins and Ana leaves: both are told.
	for u := range before {
		before[u] = l.publishes(u)
	}
	h, _ := l.emu.HomeView(ada)
	l.deliver(l.emu.ClickViewButton(ada, h.ID, actionTeamEdit, "web"))
	l.submit(ada, map[string]map[string][]string{"members": field("members", dana)})
	for u, want := range map[string]int{ada: 1, lee: 1, ana: 1, dana: 1, priya: 0} {
		if got := l.publishes(u) - before[u]; got != want {
			t.Errorf("App Home publishes to %s after the members changed = %d, want %d", u, got, want)
		}
	}
}

// A "create team" submission Slack delivers again (no ack in time) or the
// admin sends twice is the team it created, never "name taken": the ack closes
// the modal, nothing is saved or published twice, and no "not saved" DM.
func TestAdminE2E_CreateSubmittedTwice(t *testing.T) {
	l := newLive(t, time.Date(2026, 11, 16, 8, 0, 0, 0, berlin), slackemu.Options{}, 90*time.Second)
	l.addTrio()
	l.addAdmins()
	l.startAdmin(nil, nil)
	home := l.homeView(ada)
	l.deliver(l.emu.ClickViewButton(ada, home.ID, actionTeamNew, ""))
	modal := l.emu.Modals(ada)[0]
	d, err := l.emu.SubmitViewValues(ada, modal.ID, map[string]map[string][]string{
		"name": field("name", "web"), "channel": field("channel", stand), "members": field("members", ana),
	})
	if err != nil {
		t.Fatal(err)
	}
	if ack, err := d.WaitAck(l.ctx); err != nil || (len(ack) != 0 && string(ack) != "null") {
		t.Fatalf("first ack = %s, %v", ack, err)
	}
	if err := l.bot.WaitIdle(l.ctx); err != nil {
		t.Fatal(err)
	}
	first, err := l.db.StandupTeam(l.ctx, "web")
	if err != nil {
		t.Fatal(err)
	}
	published := l.publishes(ada)

	// Redelivered: the same envelope's event again.
	again := l.emu.Redeliver(d)
	if ack, err := again.WaitAck(l.ctx); err != nil || (len(ack) != 0 && string(ack) != "null") {
		t.Fatalf("ack of the redelivered submission = %s, %v; want empty (not \"name taken\")", ack, err)
	}
	// Sent twice: the same view with another hash, a new envelope.
	var payload map[string]any
	if err := json.Unmarshal(d.Payload, &payload); err != nil {
		t.Fatal(err)
	}
	payload["view"].(map[string]any)["hash"] = "2.second-click"
	twice, _ := json.Marshal(payload)
	d2 := l.emu.SendRaw(slackemu.TypeInteractive, twice)
	if ack, err := d2.WaitAck(l.ctx); err != nil || (len(ack) != 0 && string(ack) != "null") {
		t.Fatalf("ack of the second submission = %s, %v; want empty (not \"name taken\")", ack, err)
	}
	if err := l.bot.WaitIdle(l.ctx); err != nil {
		t.Fatal(err)
	}
	if n := l.publishes(ada) - published; n != 0 {
		t.Errorf("%d App Home publishes after the submission came again, want none", n)
	}
	if dms := l.botPosts(l.emu.IMChannel(ada), "was not saved"); len(dms) != 0 {
		t.Errorf("Ada was told %q", dms[0].Text)
	}
	now, err := l.db.StandupTeam(l.ctx, "web")
	if err != nil || !now.UpdatedAt.Equal(first.UpdatedAt) {
		t.Fatalf("the team was saved again: %+v, %v", now, err)
	}

	// Another modal may not take the name.
	l.deliver(l.emu.ClickViewButton(ada, home.ID, actionTeamNew, ""))
	ack := l.submit(ada, map[string]map[string][]string{
		"name": field("name", "web"), "channel": field("channel", stand), "members": field("members", dana),
	})
	if !strings.Contains(string(ack), "There is a standup of that name already") {
		t.Fatalf("ack of another modal with the name = %s, want it refused", ack)
	}
}

// The App Homes a change publishes for others are built in the change's
// transaction from what the bot knows: a member the directory has not seen yet
// costs no users.info call there, and is published a Home without the admin
// section.
func TestAdminE2E_ChangeRefreshesHomesWithoutSlackCalls(t *testing.T) {
	l := newLive(t, time.Date(2026, 11, 16, 8, 0, 0, 0, berlin), slackemu.Options{}, 90*time.Second)
	l.addTrio()
	l.addAdmins()
	l.startAdmin(nil, nil)
	const newcomer = "U0NEW0001" // joined after the directory's sync
	l.emu.AddUser(slackemu.User{ID: newcomer, Name: "nia", RealName: "Nia Obi", IsAdmin: true})
	home := l.homeView(ada)
	l.deliver(l.emu.ClickViewButton(ada, home.ID, actionTeamNew, ""))
	lookups := len(l.emu.Calls("users.info"))
	l.submit(ada, map[string]map[string][]string{
		"name": field("name", "web"), "channel": field("channel", stand), "members": field("members", ana, newcomer),
	})
	if n := len(l.emu.Calls("users.info")) - lookups; n != 0 {
		t.Fatalf("%d users.info calls while the change was processed, want none", n)
	}
	if l.publishes(newcomer) != 1 {
		t.Fatalf("the new member's Home was not published")
	}
	if h := l.homeView(newcomer); !strings.Contains(string(h.JSON), "*web*") {
		t.Fatalf("opened, the newcomer's Home (an admin) does not list the team: %s", h.JSON)
	}
}
