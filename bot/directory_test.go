package bot

import (
	"io"
	"log/slog"
	"reflect"
	"strconv"
	"testing"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/slackemu"
)

// A team given as a user group: its members get the team (and so the team's
// default role) and are listed for the standup.
func TestDirectory_UserGroupTeam(t *testing.T) {
	h := newHarness(t, slackemu.Options{})
	h.bot.Close()
	h.emu.AddUser(slackemu.User{ID: "U0WIZ0001", Name: "wiz", RealName: "Wiz Ard", Title: "Wizard"})
	h.emu.AddUserGroup("S0CHECKOUT", "checkout-team", ana, "U0WIZ0001")
	b, err := New(Config{
		AppToken: h.emu.AppToken(), BotToken: h.emu.BotToken(), APIURL: h.emu.APIURL(),
		TeamGroups: map[string]string{"S0CHECKOUT": "checkout"},
		RoleRules:  unblock.RoleRules{TeamDefaults: map[string]unblock.Role{"checkout": unblock.RoleEngineering}},
		Logger:     slog.New(slog.NewTextHandler(io.Discard, nil)),
	}, h.db)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.SyncDirectory(h.ctx); err != nil {
		t.Fatal(err)
	}
	if got, want := b.GroupMembers("S0CHECKOUT"), []string{ana, "U0WIZ0001"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("GroupMembers=%v, want %v", got, want)
	}
	wiz, err := h.db.Person(h.ctx, "U0WIZ0001")
	if err != nil {
		t.Fatal(err)
	}
	if wiz.Team != "checkout" || wiz.Role != unblock.RoleEngineering || wiz.RoleSource != unblock.RoleFromTeam {
		t.Fatalf("wiz = team %q, role %q from %q; want checkout, engineering from team", wiz.Team, wiz.Role, wiz.RoleSource)
	}
}

// "@unblock blocked on design" in a channel arrives as app_mention and as message:
// one blocker, not two, and no churn between the two texts.
func TestE2E_AppMentionAndMessage(t *testing.T) {
	h := newHarness(t, slackemu.Options{})
	h.deliver(h.emu.PostMessage(ana, stand, "<@"+slackemu.BotUserID+"> blocked on design for the checkout mocks"))
	if err := h.emu.WaitIdle(h.ctx); err != nil {
		t.Fatal(err)
	}
	if err := h.bot.WaitIdle(h.ctx); err != nil {
		t.Fatal(err)
	}
	open := h.open(ana)
	if len(open) != 1 || open[0].ToRole != unblock.RoleDesign {
		t.Fatalf("open = %+v, want one blocker on design", open)
	}
	events := 0
	for _, e := range h.emu.Envelopes() {
		if e.Type == slackemu.TypeEventsAPI {
			events++
		}
	}
	if events != 2 {
		t.Fatalf("the emulator sent %d events, want 2 (message and app_mention)", events)
	}
}

// "Not a blocker" teaches the parser to ignore the wording, and a restart keeps it.
func TestE2E_DismissedWordingIsRemembered(t *testing.T) {
	h := newHarness(t, slackemu.Options{})
	h.deliver(h.emu.PostMessage(ana, stand, "blocked on design for the flaky staging banner"))
	bl := h.onlyBlocker(ana)
	view := h.home(ana)
	h.deliver(h.emu.ClickViewButton(ana, view.ID, actionDismiss, strconv.FormatInt(bl.ID, 10)))
	if open := h.open(ana); len(open) != 0 {
		t.Fatalf("after Not a blocker: open = %+v", open)
	}

	h.bot.Close()
	h.start()
	h.deliver(h.emu.PostMessage(ana, stand, "Blockers: still blocked on design for the "+bl.Topic))
	if open := h.open(ana); len(open) != 0 {
		t.Fatalf("after a restart the dismissed wording %q opened %+v", bl.Topic, open)
	}
	// Other blockers are still read.
	h.deliver(h.emu.PostMessage(ana, stand, "waiting on legal to approve the copy"))
	if open := h.open(ana); len(open) != 1 {
		t.Fatalf("open = %+v, want the legal blocker", open)
	}
}

// Someone who joined after the last directory sync is looked up when they post,
// and so is whom they mention.
func TestE2E_NewPeopleAreLookedUp(t *testing.T) {
	h := newHarness(t, slackemu.Options{})
	h.emu.AddUser(slackemu.User{ID: "U0NEW0001", Name: "nova", RealName: "Nova Lind", Title: "Data Engineer"})
	h.emu.AddUser(slackemu.User{ID: "U0NEW0002", Name: "max", RealName: "Max Roe", Title: "Security Engineer"})
	h.emu.AddChannel(stand, "standup", ana, dana, priya, "U0NEW0001", slackemu.BotUserID)
	h.deliver(h.emu.PostMessage("U0NEW0001", stand, "blocked on <@U0NEW0002> for the threat model review"))
	for id, role := range map[string]unblock.Role{"U0NEW0001": unblock.RoleData, "U0NEW0002": unblock.RoleSecurity} {
		p, err := h.db.Person(h.ctx, id)
		if err != nil {
			t.Fatalf("%s was not looked up: %v", id, err)
		}
		if p.Role != role {
			t.Errorf("%s: role %q, want %q", id, p.Role, role)
		}
	}
	open := h.open("U0NEW0001")
	if len(open) != 1 || open[0].PersonRole != unblock.RoleData || open[0].ToRole != unblock.RoleSecurity {
		t.Fatalf("open = %+v, want data waiting on security", open)
	}
	if n := len(h.emu.Calls("users.info")); n != 2 {
		t.Errorf("users.info calls = %d, want 2", n)
	}
}

// A profile change (user_change) updates the person's role, and a new name is read
// as them at once.
func TestE2E_UserChange(t *testing.T) {
	h := newHarness(t, slackemu.Options{})
	h.emu.AddUser(slackemu.User{ID: ana, Name: "anita", RealName: "Anita Ruiz", Title: "Product Designer", TZ: "Europe/Madrid"})
	h.deliver(h.emu.UserChanged(ana))
	p, err := h.db.Person(h.ctx, ana)
	if err != nil {
		t.Fatal(err)
	}
	if p.Role != unblock.RoleDesign || p.Name != "anita" {
		t.Fatalf("after user_change: %+v, want anita, design", p)
	}
	h.deliver(h.emu.PostMessage(priya, stand, "waiting on Anita for the pricing mocks"))
	if open := h.open(priya); len(open) != 1 || open[0].To != ana {
		t.Fatalf("open = %+v, want one blocker on %s", open, ana)
	}
	// A status change alone keeps the names (and skips rebuilding the lexicon).
	h.emu.AddUser(slackemu.User{ID: ana, Name: "anita", RealName: "Anita Ruiz", Title: "Product Designer", StatusEmoji: ":palm_tree:"})
	h.deliver(h.emu.UserChanged(ana))
	if p, _ := h.db.Person(h.ctx, ana); p.StatusEmoji != ":palm_tree:" {
		t.Fatalf("status = %q, want :palm_tree:", p.StatusEmoji)
	}
}
