package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/parse"
	"github.com/unblock-dev/unblock/slackexport/slackexporttest"
)

// threadExport builds an export's day files message by message, for the
// import's tests of replies: a day n after Monday 16 November 2026 and a
// sequence number seq give each message its ts.
type threadExport struct {
	msgs map[string][]map[string]string
}

func (x *threadExport) post(channel string, n, seq int, m map[string]string) string {
	if x.msgs == nil {
		x.msgs = map[string][]map[string]string{}
	}
	day := time.Date(2026, 11, 16+n, 9, 0, 0, 0, time.UTC)
	name := fmt.Sprintf("%s/%s.json", channel, day.Format(time.DateOnly))
	m["type"], m["ts"] = "message", fmt.Sprintf("%d.%06d", day.Unix()+int64(seq), seq)
	x.msgs[name] = append(x.msgs[name], m)
	return m["ts"]
}

// files returns the export's files: users and channels as given, and the days.
func (x *threadExport) files(t *testing.T, users, channels string) map[string]string {
	t.Helper()
	files := map[string]string{"users.json": users, "channels.json": channels}
	for name, list := range x.msgs {
		b, err := json.Marshal(list)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = string(b)
	}
	return files
}

const (
	trioUsers = `[{"id":"U0ANA0001","name":"ana","real_name":"Ana Ruiz"},{"id":"U0DANA001","name":"dana","real_name":"Dana Levi"},
		{"id":"U0PRIYA01","name":"priya","real_name":"Priya Shah"}]`
	trioChannels = `[{"id":"C0STANDUP","name":"standup","members":["U0ANA0001","U0DANA001","U0PRIYA01"]},
		{"id":"C0GENERAL","name":"general","members":["U0ANA0001","U0DANA001","U0PRIYA01"]}]`
)

// importConfig writes a config with blockers.expire_after 3 in dir.
func importConfig(t *testing.T, dir string) string {
	t.Helper()
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte("timezone: UTC\nblockers:\n  expire_after: 3\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return cfg
}

// A reply also sent to the channel is read as a post there, as the live bot
// reads it (TestE2E_BroadcastReplyIsAPost in bot/): Ana's replies under Dana's
// standups, also sent to #standup (thread_broadcast, and reply_broadcast as
// older exports say), are her standup reports and expire her wait, while
// Priya's plain replies beside them are chat.
func TestImport_BroadcastReplyIsAPost(t *testing.T) {
	dir := t.TempDir()
	var x threadExport
	x.post("standup", 0, 1, map[string]string{"user": "U0ANA0001", "text": "blocked on legal for the DPA"})
	x.post("standup", 0, 2, map[string]string{"user": "U0PRIYA01", "text": "blocked on QA for the test plan"})
	for i := 1; i <= 3; i++ {
		ts := x.post("standup", i, 1, map[string]string{"user": "U0DANA001", "text": "Y: pricing page\nT: onboarding flow"})
		subtype := "thread_broadcast"
		if i == 2 {
			subtype = "reply_broadcast"
		}
		x.post("standup", i, 2, map[string]string{"user": "U0ANA0001", "subtype": subtype, "text": "I can pair on that after lunch",
			"thread_ts": ts, "parent_user_id": "U0DANA001"})
		x.post("standup", i, 3, map[string]string{"user": "U0PRIYA01", "text": "I can pair on that after lunch",
			"thread_ts": ts, "parent_user_id": "U0DANA001"})
	}
	edges := importedEdges(t, dir, importConfig(t, dir), x.files(t, trioUsers, trioChannels), "2026-11-20")
	if len(edges) != 1 || edges[0].From != "U0PRIYA01" {
		t.Fatalf("open edges = %+v, want only Priya's (her replies were plain; Ana's were also sent to #standup)", edges)
	}
}

// A reply under a bot's post that speaks for no one is chat on import as live
// (TestE2E_ReplyUnderBotPostThatSpeaksForNoOne in bot/): Priya's replies under
// a CI bot's build reports and under unblock's own summaries in #standup do not
// expire her wait, while Dana's under unblock's public reminders are answers
// and expire hers.
func TestImport_ReplyUnderBotPostThatSpeaksForNoOne(t *testing.T) {
	dir := t.TempDir()
	var x threadExport
	x.post("standup", 0, 1, map[string]string{"user": "U0DANA001", "text": "blocked on legal for the DPA"})
	x.post("standup", 0, 2, map[string]string{"user": "U0PRIYA01", "text": "blocked on QA for the test plan"})
	for i := 1; i <= 3; i++ {
		ci := x.post("standup", i, 1, map[string]string{"subtype": "bot_message", "bot_id": "B0CI", "username": "CI",
			"text": "Nightly build #12 passed on main"})
		sum := x.post("standup", i, 2, map[string]string{"user": "U0UNBLOCK", "bot_id": "B0UNBLOCK",
			"text": "*checkout standup, 2026-11-16* — 1 answered, 0 away or skipping, 2 still to answer"})
		rem := x.post("standup", i, 3, map[string]string{"user": "U0UNBLOCK", "bot_id": "B0UNBLOCK",
			"text": "<@U0DANA001>, the *checkout* standup is open until 13:30 CET."})
		x.post("standup", i, 4, map[string]string{"user": "U0PRIYA01", "text": "thanks!", "thread_ts": ci, "parent_user_id": "U0CI"})
		x.post("standup", i, 5, map[string]string{"user": "U0PRIYA01", "text": "thanks!", "thread_ts": sum, "parent_user_id": "U0UNBLOCK"})
		x.post("standup", i, 6, map[string]string{"user": "U0DANA001", "text": "working on the onboarding flow", "thread_ts": rem,
			"parent_user_id": "U0UNBLOCK"})
	}
	users := `[{"id":"U0ANA0001","name":"ana","real_name":"Ana Ruiz"},{"id":"U0DANA001","name":"dana","real_name":"Dana Levi"},
		{"id":"U0PRIYA01","name":"priya","real_name":"Priya Shah"},
		{"id":"U0UNBLOCK","name":"unblock","real_name":"unblock","is_bot":true,"profile":{"real_name":"unblock","bot_id":"B0UNBLOCK"}},
		{"id":"U0CI","name":"ci","real_name":"CI","is_bot":true,"profile":{"real_name":"CI","bot_id":"B0CI"}}]`
	edges := importedEdges(t, dir, importConfig(t, dir), x.files(t, users, trioChannels), "2026-11-20")
	if len(edges) != 1 || edges[0].From != "U0PRIYA01" {
		t.Fatalf("open edges = %+v, want only Priya's (her replies were under a build report and a summary)", edges)
	}
}

// A message told to unblock's bot user is read as the live bot reads it: the
// mention is taken out, a reply under another's post is no chat for it, and
// outside any standup it is read as a report.
func TestTxSinkReadTold(t *testing.T) {
	const bot = "U0UNBLOCK"
	s := &txSink{standupChannels: map[string]bool{}, bots: []string{bot},
		names:   map[string]string{"C0STANDUP": "standup", "C0GENERAL": "general"},
		replies: map[[2]string]bool{{"C0STANDUP", "2.0"}: true, {"C0GENERAL", "2.0"}: true}}
	lex := parse.NewLexicon()
	tests := []struct {
		channel, ts, text string
		wantText          string
		wantStandup       bool
		wantBlocked       bool
	}{
		// A reply under another's post in #standup: chat, but told to the bot.
		{"C0STANDUP", "2.0", "I can pair on that after lunch", "I can pair on that after lunch", false, false},
		{"C0STANDUP", "2.0", "<@" + bot + "> need design to sign off on the mocks", "need design to sign off on the mocks", true, true},
		{"C0STANDUP", "2.0", "<@U0OTHERBOT> need design to sign off on the mocks", "<@U0OTHERBOT> need design to sign off on the mocks", false, false},
		// As exports and some clients write a mention: <@U…|name>.
		{"C0STANDUP", "2.0", "<@" + bot + "|unblock> need design to sign off on the mocks", "need design to sign off on the mocks", true, true},
		{"C0STANDUP", "2.0", "<@U0OTHERBOT|other> need design to sign off on the mocks", "<@U0OTHERBOT|other> need design to sign off on the mocks", false, false},
		// In #general told to the bot is a report, though no standup.
		{"C0GENERAL", "1.0", "need design to sign off on the mocks", "need design to sign off on the mocks", false, false},
		{"C0GENERAL", "1.0", "need design to sign off on the mocks <@" + bot + ">", "need design to sign off on the mocks", false, true},
		{"C0GENERAL", "2.0", "<@" + bot + "> need design to sign off on the mocks", "need design to sign off on the mocks", false, true},
		{"C0GENERAL", "2.0", "<@" + bot + "|unblock> need design to sign off on the mocks", "need design to sign off on the mocks", false, true},
	}
	for _, tt := range tests {
		r, st := s.readSafely(io.Discard, unblock.Report{PersonID: "U0PRIYA01", Channel: tt.channel, TS: tt.ts, Text: tt.text}, lex)
		if r.Text != tt.wantText || r.Standup != tt.wantStandup || st.Blocked != tt.wantBlocked {
			t.Errorf("read %q in %s = text %q, standup %v, blocked %v; want %q, %v, %v",
				tt.text, tt.channel, r.Text, r.Standup, st.Blocked, tt.wantText, tt.wantStandup, tt.wantBlocked)
		}
	}
}

// An import reads a message that @mentions unblock as told to it, as the live
// bot does (TestE2E_ReplyUnderAnothersPostIsChat in bot/): Priya's reply under
// Ana's post in #standup, told to the bot, is her standup report, with the
// wait it names, and her replies so told expire her older wait. The bot user
// is found in users.json by its name, or given with -bot-user; when the
// import cannot tell which bot user is unblock, such a reply stays chat. A
// mention written <@U…|name>, as exports and some clients write it, is one too.
func TestImport_ReplyToldToTheBot(t *testing.T) {
	const (
		named   = `{"id":"U0UNBLOCK","name":"unblock","real_name":"unblock","is_bot":true,"profile":{"real_name":"unblock","bot_id":"B0UNBLOCK"}}`
		renamed = `{"id":"U0UNBLOCK","name":"blockbot","real_name":"Block Bot","is_bot":true,"profile":{"real_name":"Block Bot","bot_id":"B0UNBLOCK"}}`
	)
	tests := []struct {
		name      string
		bot       string // unblock's bot user in users.json
		mention   string // how the replies mention it
		flags     []string
		wantEdges []struct{ From, To string }
	}{
		{"FoundByName", named, "<@U0UNBLOCK>", nil, []struct{ From, To string }{{"U0PRIYA01", "role:design"}}},
		{"FoundByNameWithName", named, "<@U0UNBLOCK|unblock>", nil, []struct{ From, To string }{{"U0PRIYA01", "role:design"}}},
		{"GivenByFlag", renamed, "<@U0UNBLOCK>", []string{"-bot-user", "U0UNBLOCK"}, []struct{ From, To string }{{"U0PRIYA01", "role:design"}}},
		{"GivenByFlagWithName", renamed, "<@U0UNBLOCK|blockbot>", []string{"-bot-user", "U0UNBLOCK"}, []struct{ From, To string }{{"U0PRIYA01", "role:design"}}},
		{"NotKnown", renamed, "<@U0UNBLOCK>", nil, []struct{ From, To string }{{"U0PRIYA01", "role:qa"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			var x threadExport
			x.post("standup", 0, 1, map[string]string{"user": "U0PRIYA01", "text": "blocked on QA for the test plan"})
			for i := 1; i <= 3; i++ {
				ts := x.post("standup", i, 1, map[string]string{"user": "U0ANA0001", "text": "Y: cart API\nT: checkout page"})
				text := tt.mention + " working on the pricing page"
				if i == 3 {
					text = tt.mention + " need design to sign off on the pricing copy"
				}
				x.post("standup", i, 2, map[string]string{"user": "U0PRIYA01", "text": text, "thread_ts": ts, "parent_user_id": "U0ANA0001"})
			}
			users := `[{"id":"U0ANA0001","name":"ana","real_name":"Ana Ruiz"},{"id":"U0PRIYA01","name":"priya","real_name":"Priya Shah"},` + tt.bot + `]`
			cfg := importConfig(t, dir)
			db := filepath.Join(dir, "x.db")
			args := append([]string{"import", "-config", cfg, "-db", db}, tt.flags...)
			if code, _, errOut := run(t, append(args, slackexporttest.Zip(t, x.files(t, users, trioChannels)))...); code != 0 {
				t.Fatalf("import exit %d: %s", code, errOut)
			}
			code, out, errOut := run(t, "graph", "-config", cfg, "-db", db, "-as-of", "2026-11-20", "-level", "person", "-format", "json")
			if code != 0 {
				t.Fatalf("graph exit %d: %s", code, errOut)
			}
			var g struct{ Edges []struct{ From, To string } }
			if err := json.Unmarshal([]byte(out), &g); err != nil {
				t.Fatalf("graph JSON: %v\n%s", err, out)
			}
			if !slices.Equal(g.Edges, tt.wantEdges) {
				t.Errorf("open edges = %+v, want %+v", g.Edges, tt.wantEdges)
			}
		})
	}
}

// -bot-user takes a user ID, not a name or a mention.
func TestImport_BotUserFlag(t *testing.T) {
	for _, bad := range []string{"unblock", "@unblock", "<@U0UNBLOCK>", "u0unblock", "B0UNBLOCK"} {
		code, _, errOut := run(t, "import", "-config", "testdata/companyx.yaml", "-bot-user", bad, "export.zip")
		if code != 2 || !strings.Contains(errOut, "-bot-user") {
			t.Errorf("-bot-user %q: exit %d, %q; want 2 and a line about -bot-user", bad, code, errOut)
		}
	}
}
