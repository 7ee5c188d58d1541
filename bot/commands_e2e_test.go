package bot

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/slackemu"
)

// These end-to-end tests drive /blocked, the blocker buttons and the App Home
// through slackemu, as a user in Slack would.

// slash runs "/blocked text" as user in the standup channel and returns the
// answer posted to the command's response_url.
func (h *harness) slash(user, text string) slackemu.Response {
	h.t.Helper()
	before := len(h.emu.Responses())
	h.deliver(h.emu.SlashCommand(user, stand, BlockedCommand, text))
	rs := h.emu.Responses()
	if len(rs) != before+1 {
		h.t.Fatalf("/blocked %s: %d responses, want %d", text, len(rs), before+1)
	}
	return rs[len(rs)-1]
}

// botMessages returns the bot's posts in channel.
func (h *harness) botMessages(channel string) []slackemu.Message {
	var out []slackemu.Message
	for _, m := range h.emu.Messages(channel) {
		if m.User == slackemu.BotUserID && !m.Deleted {
			out = append(out, m)
		}
	}
	return out
}

// home opens user's App Home and returns the published view.
func (h *harness) home(user string) slackemu.View {
	h.t.Helper()
	h.deliver(h.emu.OpenHome(user))
	v, ok := h.emu.HomeView(user)
	if !ok {
		h.t.Fatalf("no App Home published for %s", user)
	}
	return v
}

// viewBlocks returns the blocks of a published view, as JSON text.
func viewBlocks(t testing.TB, v slackemu.View) string {
	t.Helper()
	var view struct {
		Blocks json.RawMessage `json:"blocks"`
	}
	if err := json.Unmarshal(v.JSON, &view); err != nil {
		t.Fatal(err)
	}
	return string(view.Blocks)
}

// onlyBlocker returns person's single open blocker.
func (h *harness) onlyBlocker(person string) unblock.Blocker {
	h.t.Helper()
	open := h.open(person)
	if len(open) != 1 {
		h.t.Fatalf("open blockers of %s = %+v, want exactly one", person, open)
	}
	return open[0]
}

type step struct{ user, text string }

func TestCommands(t *testing.T) {
	tests := []struct {
		name  string
		setup []step   // /blocked commands run first
		user  string   // who runs the command under test
		text  string   // its arguments
		want  []string // phrases the answer must contain
		check func(t *testing.T, h *harness, r slackemu.Response)
	}{
		{
			name: "empty with no blockers", user: ana, text: "",
			want: []string{"is not waiting on anyone"},
		},
		{
			name:  "empty lists your blockers and who waits on you",
			setup: []step{{ana, "on <@" + dana + "|dana> checkout mocks"}, {priya, "on <@" + ana + "|ana> cart estimate"}},
			user:  ana, text: "",
			want: []string{"Waiting on", "checkout mocks", "cart estimate"},
		},
		{
			name:  "a person",
			setup: []step{{ana, "on <@" + dana + "|dana> checkout mocks"}, {dana, "on product pricing decision"}},
			user:  priya, text: "<@" + dana + "|dana>",
			want: []string{"pricing decision", "checkout mocks", "Waiting on"},
		},
		{
			name:  "a role",
			setup: []step{{ana, "on design checkout mocks"}},
			user:  priya, text: "design",
			want: []string{"*ana* waits on *design*", "checkout mocks"},
		},
		{
			name:  "a role by a word for it",
			setup: []step{{ana, "on legal the DPA"}},
			user:  priya, text: "lawyers",
			want: []string{"*ana* waits on *legal*", "DPA"},
		},
		{
			name:  "a role by its team",
			setup: []step{{ana, "on data the churn numbers"}},
			user:  priya, text: "the data team",
			want: []string{"*ana* waits on *data*", "churn numbers"},
		},
		{
			name: "loops with none", user: ana, text: "loops",
			want: []string{"No loops right now"},
		},
		{
			name: "loops",
			setup: []step{
				{ana, "on design checkout mocks"},
				{dana, "on product pricing decision"},
				{priya, "on engineering cost estimate"},
			},
			user: ana, text: "loops",
			want: []string{"Engineering", "Design", "Product", "->"},
		},
		{
			name: "chains with none", user: ana, text: "chains",
			want: []string{"No wait chains right now"},
		},
		{
			name: "chains",
			setup: []step{
				{ana, "on <@" + dana + "|dana> checkout mocks"},
				{dana, "on <@" + priya + "|priya> pricing decision"},
			},
			user: ana, text: "chains",
			want: []string{"ana -> dana -> priya"},
		},
		{
			name: "on a person records a blocker", user: ana, text: "on <@" + dana + "|dana> checkout mocks",
			want: []string{"checkout mocks"},
			check: func(t *testing.T, h *harness, _ slackemu.Response) {
				bl := h.onlyBlocker(ana)
				if bl.To != dana || bl.Topic != "checkout mocks" {
					t.Fatalf("blocker = %+v, want one on %s about checkout mocks", bl, dana)
				}
			},
		},
		{
			name: "on a role records a blocker", user: ana, text: "on design checkout mocks",
			want: []string{"checkout mocks"},
			check: func(t *testing.T, h *harness, _ slackemu.Response) {
				bl := h.onlyBlocker(ana)
				if bl.Target.Kind != unblock.TargetRole || bl.ToRole != unblock.RoleDesign || bl.Topic != "checkout mocks" {
					t.Fatalf("blocker = %+v, want one on design about checkout mocks", bl)
				}
			},
		},
		{
			name:  "resolve clears all",
			setup: []step{{ana, "on design checkout mocks"}, {ana, "on <@" + priya + "|priya> the spec"}},
			user:  ana, text: "resolve",
			want: []string{"Resolved:", "checkout mocks", "the spec"},
			check: func(t *testing.T, h *harness, _ slackemu.Response) {
				if open := h.open(ana); len(open) != 0 {
					t.Fatalf("open after resolve = %+v, want none", open)
				}
			},
		},
		{
			name: "resolve with nothing open", user: ana, text: "resolve",
			want: []string{"no open blockers"},
		},
		{
			name: "away until a date", user: ana, text: "away until 2099-01-01",
			want: []string{"No standup prompts until", "/blocked back"},
			check: func(t *testing.T, h *harness, _ slackemu.Response) {
				p, err := h.db.Person(h.ctx, ana)
				if err != nil {
					t.Fatal(err)
				}
				if p.AwayUntil.Year() != 2099 {
					t.Fatalf("AwayUntil = %v, want in 2099", p.AwayUntil)
				}
			},
		},
		{
			name: "help", user: ana, text: "help",
			want: []string{"/blocked loops", "/blocked chains", "/blocked why", "/blocked on", "/blocked resolve", "/blocked away until"},
		},
		{
			name: "whoami", user: ana, text: "whoami",
			want: []string{"You are *ana*", "role *engineering*"},
		},
		{
			name: "unknown person", user: ana, text: "<@U0NOBODY1>",
			want: []string{"I don't know", "U0NOBODY1", "directory sync", "/blocked help"},
		},
		{
			name: "unknown role", user: ana, text: "wizards",
			want: []string{"I don't know", "wizards", "a role (", "/blocked help"},
		},
		{
			name: "on an unknown person records nothing", user: ana, text: "on <@U0NOBODY1> the mocks",
			want: []string{"I don't know", "/blocked help"},
			check: func(t *testing.T, h *harness, _ slackemu.Response) {
				if open := h.open(ana); len(open) != 0 {
					t.Fatalf("open = %+v, want none", open)
				}
			},
		},
		{
			name: "bad date", user: ana, text: "away until tomorrow",
			want: []string{"tomorrow", "is not a date", "YYYY-MM-DD"},
			check: func(t *testing.T, h *harness, _ slackemu.Response) {
				if p, err := h.db.Person(h.ctx, ana); err != nil || !p.AwayUntil.IsZero() {
					t.Fatalf("Person = %+v, %v; want not away", p, err)
				}
			},
		},
		{
			name: "date in the past", user: ana, text: "away until 2001-01-01",
			want: []string{"in the past"},
		},
		{
			name: "answers are private by default", user: ana, text: "loops",
			check: func(t *testing.T, h *harness, r slackemu.Response) {
				if r.ResponseType != "ephemeral" {
					t.Fatalf("ResponseType = %q, want ephemeral", r.ResponseType)
				}
			},
		},
		{
			name:  "share answers in the channel",
			setup: []step{{ana, "on design checkout mocks"}},
			user:  priya, text: "design share",
			want: []string{"checkout mocks"},
			check: func(t *testing.T, h *harness, r slackemu.Response) {
				if r.ResponseType != "in_channel" {
					t.Fatalf("ResponseType = %q, want in_channel", r.ResponseType)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, slackemu.Options{})
			h.restartSharing() // topics shared, the config's default (TestPrivateTopics: not)
			for _, s := range tt.setup {
				h.slash(s.user, s.text)
			}
			r := h.slash(tt.user, tt.text)
			for _, w := range tt.want {
				if !strings.Contains(r.Text, w) {
					t.Errorf("/blocked %s: answer %q does not contain %q", tt.text, r.Text, w)
				}
			}
			if tt.check != nil {
				tt.check(t, h, r)
			}
		})
	}
}

func TestButtons(t *testing.T) {
	tests := []struct {
		name string
		run  func(t *testing.T, h *harness)
	}{
		{
			name: "Resolved from the App Home resolves",
			run: func(t *testing.T, h *harness) {
				h.slash(ana, "on design checkout mocks")
				bl := h.onlyBlocker(ana)
				v := h.home(ana)
				h.deliver(h.emu.ClickViewButton(ana, v.ID, actionResolve, strconv.FormatInt(bl.ID, 10)))
				if open := h.open(ana); len(open) != 0 {
					t.Fatalf("open = %+v, want none", open)
				}
				got, err := h.db.Blocker(h.ctx, bl.ID)
				if err != nil {
					t.Fatal(err)
				}
				if got.Open() || got.Resolution != unblock.ResolvedByButton {
					t.Fatalf("blocker = %+v, want resolved by button", got)
				}
			},
		},
		{
			name: "Not a blocker from the App Home dismisses",
			run: func(t *testing.T, h *harness) {
				h.slash(ana, "on design checkout mocks")
				bl := h.onlyBlocker(ana)
				v := h.home(ana)
				h.deliver(h.emu.ClickViewButton(ana, v.ID, actionDismiss, strconv.FormatInt(bl.ID, 10)))
				if open := h.open(ana); len(open) != 0 {
					t.Fatalf("open = %+v, want none", open)
				}
				got, err := h.db.Blocker(h.ctx, bl.ID)
				if err != nil {
					t.Fatal(err)
				}
				if got.Open() || got.Resolution != unblock.ResolvedByDismiss {
					t.Fatalf("blocker = %+v, want dismissed", got)
				}
			},
		},
		{
			name: "Nudge DMs the person waited on once a day, and Done resolves",
			run: func(t *testing.T, h *harness) {
				h.slash(ana, "on <@"+dana+"|dana> checkout mocks")
				bl := h.onlyBlocker(ana)
				id := strconv.FormatInt(bl.ID, 10)
				v := h.home(ana)
				danaIM := h.emu.IMChannel(dana)

				h.deliver(h.emu.ClickViewButton(ana, v.ID, actionNudge, id))
				dms := h.botMessages(danaIM)
				if len(dms) != 1 {
					t.Fatalf("DMs to dana after a nudge = %d, want 1", len(dms))
				}
				if !strings.Contains(dms[0].Text, "*ana* has been waiting on *dana*") || !strings.Contains(dms[0].Text, "checkout mocks") {
					t.Fatalf("nudge DM %q does not say who waits and for what", dms[0].Text)
				}

				v = h.home(ana)
				h.deliver(h.emu.ClickViewButton(ana, v.ID, actionNudge, id))
				if n := len(h.botMessages(danaIM)); n != 1 {
					t.Fatalf("DMs to dana after a second nudge the same day = %d, want still 1", n)
				}
				var told bool
				for _, m := range h.botMessages(h.emu.IMChannel(ana)) {
					told = told || strings.Contains(m.Text, "Already nudged today")
				}
				if !told {
					t.Fatalf("ana was not told the second nudge was rate limited")
				}

				h.deliver(h.emu.ClickButton(dana, danaIM, dms[0].TS, actionDone, id))
				if open := h.open(ana); len(open) != 0 {
					t.Fatalf("open after Done = %+v, want none", open)
				}
			},
		},
		{
			name: "an outsider cannot resolve someone else's blocker",
			run: func(t *testing.T, h *harness) {
				h.slash(ana, "on <@"+dana+"|dana> checkout mocks")
				bl := h.onlyBlocker(ana)
				id := strconv.FormatInt(bl.ID, 10)
				// Ana nudges dana; priya presses Done on the nudge in dana's DM
				// (the emulator lets any user click any message).
				v := h.home(ana)
				h.deliver(h.emu.ClickViewButton(ana, v.ID, actionNudge, id))
				dms := h.botMessages(h.emu.IMChannel(dana))
				if len(dms) != 1 {
					t.Fatalf("DMs to dana = %d, want 1", len(dms))
				}
				h.deliver(h.emu.ClickButton(priya, h.emu.IMChannel(dana), dms[0].TS, actionDone, id))
				if open := h.open(ana); len(open) != 1 {
					t.Fatalf("open after an outsider's Done = %+v, want the blocker still open", open)
				}
				// Priya's own Home has a Nudge button for her blocker; pressing
				// Resolved with ana's blocker ID must not resolve it either.
				h.slash(priya, "on design the brief")
				pv := h.home(priya)
				h.deliver(h.emu.ClickViewButton(priya, pv.ID, actionResolve, id))
				if open := h.open(ana); len(open) != 1 {
					t.Fatalf("open after an outsider's Resolved = %+v, want the blocker still open", open)
				}
				h.deliver(h.emu.ClickViewButton(priya, pv.ID, actionDismiss, id))
				if open := h.open(ana); len(open) != 1 {
					t.Fatalf("open after an outsider's Not a blocker = %+v, want the blocker still open", open)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.run(t, newHarness(t, slackemu.Options{}))
		})
	}
}

func TestHome(t *testing.T) {
	tests := []struct {
		name  string
		setup []step
		user  string
		want  []string
	}{
		{
			name: "no blockers", user: ana,
			want: []string{"Your blockers", "not waiting on anyone", "Nobody is waiting on you", "Loops around your role"},
		},
		{
			name: "your blocker with its buttons", setup: []step{{ana, "on design checkout mocks"}}, user: ana,
			want: []string{"checkout mocks", actionResolve, actionDismiss, actionNudge},
		},
		{
			name: "who waits on you with a Done button", setup: []step{{ana, "on <@" + dana + "|dana> checkout mocks"}}, user: dana,
			want: []string{"Waiting on you", "*ana* waits on *dana*", "checkout mocks", actionDone},
		},
		{
			name: "away", setup: []step{{ana, "away until 2099-01-01"}}, user: ana,
			want: []string{"You are away until", "home_back"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, slackemu.Options{})
			h.restartSharing() // topics shared, the config's default (TestPrivateTopics: not)
			for _, s := range tt.setup {
				h.slash(s.user, s.text)
			}
			v := h.home(tt.user)
			if v.Type != "home" || v.User != tt.user {
				t.Fatalf("view = %s for %s, want home for %s", v.Type, v.User, tt.user)
			}
			blocks := viewBlocks(t, v)
			for _, w := range tt.want {
				if !strings.Contains(blocks, w) {
					t.Errorf("App Home blocks do not contain %q: %s", w, blocks)
				}
			}
		})
	}
}

// When the response_url cannot be used, /blocked answers with an ephemeral message.
func TestCommands_ResponseURLFails(t *testing.T) {
	h := newHarness(t, slackemu.Options{})
	payload := `{"token":"x","team_id":"T0EMU","team_domain":"emu","is_enterprise_install":"false","channel_id":"` + stand +
		`","channel_name":"standup","user_id":"` + ana + `","user_name":"ana","command":"/blocked","text":"help",` +
		`"response_url":"http://127.0.0.1:1/response/gone","trigger_id":"trig-gone","api_app_id":"A0EMU"}`
	h.deliver(h.emu.SendRaw(slackemu.TypeSlashCommands, json.RawMessage(payload)), nil)
	eph := h.emu.Ephemerals(ana)
	if len(eph) != 1 || !strings.Contains(eph[0].Text, "/blocked") {
		t.Fatalf("ephemerals = %+v, want the help", eph)
	}
}
