package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/unblock-dev/unblock/slackexport/slackexporttest"
)

// An import counts every standup report toward blockers.expire_after: a post in
// a team's standup channel or one shaped like a standup, with or without a
// blockers line; chatter elsewhere does not count.
func TestImport_StandupReportsExpireBlockers(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte(`timezone: UTC
teams:
  - name: checkout
    channel: C0STAND01
    members: [U0ANA0001, U0BEN0001]
blockers:
  expire_after: 3
`), 0o600); err != nil {
		t.Fatal(err)
	}
	day := func(n int) time.Time { return time.Date(2026, 11, 16+n, 9, 0, 0, 0, time.UTC) }
	msgs := map[string][]map[string]string{}
	post := func(channel, user string, n, seq int, text string) {
		name := fmt.Sprintf("%s/%s.json", channel, day(n).Format(time.DateOnly))
		msgs[name] = append(msgs[name], map[string]string{"type": "message", "user": user, "text": text,
			"ts": fmt.Sprintf("%d.%06d", day(n).Unix()+int64(seq), seq)})
	}
	for i, who := range []string{"U0ANA0001", "U0BEN0001"} {
		post("random", who, 0, i, "B: blocked on design for the checkout mocks")
		post("random", who, 1, i, "Y: cart API\nT: checkout page")
		post("random", who, 2, i, "Yesterday: checkout page\nToday: payment form")
		post("random", who, 3, 10+i, "lunch anyone?")
	}
	post("standup", "U0ANA0001", 3, 1, "working on the payment form today")
	post("random", "U0BEN0001", 3, 2, "the payment form is fun")

	files := map[string]string{
		"users.json": `[{"id":"U0ANA0001","name":"ana","real_name":"Ana Ruiz","profile":{"title":"Backend Engineer","real_name":"Ana Ruiz"}},
			{"id":"U0BEN0001","name":"ben","real_name":"Ben Li","profile":{"title":"Frontend Engineer","real_name":"Ben Li"}}]`,
		"channels.json": `[{"id":"C0RANDOM1","name":"random","members":["U0ANA0001","U0BEN0001"]},
			{"id":"C0STAND01","name":"standup","members":["U0ANA0001","U0BEN0001"]}]`,
	}
	for name, list := range msgs {
		b, err := json.Marshal(list)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = string(b)
	}
	zip := slackexporttest.Zip(t, files)
	db := filepath.Join(dir, "x.db")
	if code, _, errOut := run(t, "import", "-config", cfg, "-db", db, zip); code != 0 {
		t.Fatalf("import exit %d: %s", code, errOut)
	}
	code, out, errOut := run(t, "graph", "-config", cfg, "-db", db, "-as-of", "2026-11-19", "-level", "person", "-format", "json")
	if code != 0 {
		t.Fatalf("graph exit %d: %s", code, errOut)
	}
	var g struct {
		Edges []struct{ From, To string }
	}
	if err := json.Unmarshal([]byte(out), &g); err != nil {
		t.Fatalf("graph JSON: %v\n%s", err, out)
	}
	// Ana's third standup report (a plain post in the standup channel) expired
	// her blocker; Ben's third post was chatter in #random, so his is open.
	if len(g.Edges) != 1 || g.Edges[0].From != "U0BEN0001" || g.Edges[0].To != "role:design" {
		t.Fatalf("open edges = %+v, want only Ben -> role:design", g.Edges)
	}
}

// The import asks the live bot's standup rule (TestE2E_StandupRuleAsImport in
// bot/): a post in a channel named for standups and a reply in the thread of a
// bot's call for standups count toward expire_after; a reply to a bot's
// "Daily build report" does not.
func TestImport_StandupRuleAsLive(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte("timezone: UTC\nblockers:\n  expire_after: 3\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	day := func(n int) time.Time { return time.Date(2026, 11, 16+n, 9, 0, 0, 0, time.UTC) }
	msgs := map[string][]map[string]string{}
	post := func(channel string, n, seq int, m map[string]string) string {
		name := fmt.Sprintf("%s/%s.json", channel, day(n).Format(time.DateOnly))
		m["type"], m["ts"] = "message", fmt.Sprintf("%d.%06d", day(n).Unix()+int64(seq), seq)
		msgs[name] = append(msgs[name], m)
		return m["ts"]
	}
	reply := func(n, seq int, prompt, user, text string) {
		ts := post("general", n, seq, map[string]string{"subtype": "bot_message", "bot_id": "B0GEEK", "text": prompt})
		post("general", n, seq+1, map[string]string{"user": user, "text": text, "thread_ts": ts})
	}
	post("eng-stand-up", 0, 1, map[string]string{"user": "U0ANA0001", "text": "blocked on design for the checkout mocks"})
	reply(0, 2, "Daily standup :sunrise: reply in this thread", "U0DANA001", "blocked on legal for the DPA")
	reply(0, 4, "Daily build report: main is green", "U0PRIYA01", "blocked on QA for the test plan")
	for i := 1; i <= 3; i++ {
		post("eng-stand-up", i, 1, map[string]string{"user": "U0ANA0001", "text": "lunch anyone?"})
		reply(i, 2, "Daily standup :sunrise: reply in this thread", "U0DANA001", "working on the onboarding flow")
		reply(i, 4, "Daily build report: main is green", "U0PRIYA01", "thanks!")
	}
	files := map[string]string{
		"users.json": `[{"id":"U0ANA0001","name":"ana","real_name":"Ana Ruiz"},{"id":"U0DANA001","name":"dana","real_name":"Dana Levi"},
			{"id":"U0PRIYA01","name":"priya","real_name":"Priya Shah"}]`,
		"channels.json": `[{"id":"C0GENERAL","name":"general","members":["U0ANA0001","U0DANA001","U0PRIYA01"]},
			{"id":"C0ENGSTAND","name":"eng-stand-up","members":["U0ANA0001","U0DANA001","U0PRIYA01"]}]`,
	}
	for name, list := range msgs {
		b, err := json.Marshal(list)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = string(b)
	}
	if edges := importedEdges(t, dir, cfg, files, "2026-11-20"); len(edges) != 1 || edges[0].From != "U0PRIYA01" {
		t.Fatalf("open edges = %+v, want only Priya's (her replies were to a build report)", edges)
	}
}

// importedEdges imports the export files into a new store in dir and returns
// the person graph's edges as of asOf (`unblock graph -format json`).
func importedEdges(t *testing.T, dir, cfg string, files map[string]string, asOf string) []struct{ From, To string } {
	t.Helper()
	db := filepath.Join(dir, "x.db")
	if code, _, errOut := run(t, "import", "-config", cfg, "-db", db, slackexporttest.Zip(t, files)); code != 0 {
		t.Fatalf("import exit %d: %s", code, errOut)
	}
	code, out, errOut := run(t, "graph", "-config", cfg, "-db", db, "-as-of", asOf, "-level", "person", "-format", "json")
	if code != 0 {
		t.Fatalf("graph exit %d: %s", code, errOut)
	}
	var g struct {
		Edges []struct{ From, To string }
	}
	if err := json.Unmarshal([]byte(out), &g); err != nil {
		t.Fatalf("graph JSON: %v\n%s", err, out)
	}
	return g.Edges
}

// The import reads chat as the live bot does (TestE2E_ChatReadInSoManyWords in
// bot/): in #general two people asking each other for reviews is no loop and
// "it works now!" clears nothing, while a wait said in blocker words is a blocker.
func TestImport_ChatReadInSoManyWords(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte("timezone: UTC\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 17, 9, 0, 0, 0, time.UTC)
	var general []map[string]string
	for i, m := range [][2]string{
		{"U0ANA0001", "<@U0DANA001> can you review my PR for the checkout flow?"},
		{"U0DANA001", "sure, <@U0ANA0001> can you check the deploy script first?"},
		{"U0PRIYA01", "still waiting on legal for the DPA"},
		{"U0PRIYA01", "it works now!"},
	} {
		general = append(general, map[string]string{"type": "message", "user": m[0], "text": m[1],
			"ts": fmt.Sprintf("%d.%06d", at.Unix()+int64(60*i), i)})
	}
	b, err := json.Marshal(general)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"users.json": `[{"id":"U0ANA0001","name":"ana","real_name":"Ana Ruiz"},{"id":"U0DANA001","name":"dana","real_name":"Dana Levi"},
			{"id":"U0PRIYA01","name":"priya","real_name":"Priya Shah"}]`,
		"channels.json":           `[{"id":"C0GENERAL","name":"general","members":["U0ANA0001","U0DANA001","U0PRIYA01"]}]`,
		"general/2026-11-17.json": string(b),
	}
	if edges := importedEdges(t, dir, cfg, files, "2026-11-18"); len(edges) != 1 || edges[0].From != "U0PRIYA01" {
		t.Fatalf("open edges = %+v, want only Priya's wait on legal", edges)
	}
}

// A standup bot's posts for someone who has since left (deleted in users.json)
// are their standups, as they were when posted: an export taken after people
// leave keeps their whole standup-bot history.
func TestImport_DepartedPersonsStandupBotPosts(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte("timezone: UTC\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	geekbot := func(ts, text, blocker string) string {
		return fmt.Sprintf(`{"type":"message","subtype":"bot_message","bot_id":"B0GEEK","username":%q,"text":%q,"ts":%q,
			"attachments":[{"fields":[{"title":"What did you do yesterday?","value":"billing cleanup"},{"title":"Anything blocking your progress?","value":%q}]}]}`,
			"Geekbot", text, ts, blocker)
	}
	files := map[string]string{
		"users.json": `[{"id":"U0TOM0001","name":"tom","real_name":"Tom Becker","profile":{"real_name":"Tom Becker"}},
			{"id":"U0FELIX01","name":"felix","real_name":"Felix Braun","profile":{"real_name":"Felix Braun"}},
			{"id":"U0LUCAS01","name":"lucas","real_name":"Lucas Moreau","deleted":true,"profile":{"real_name":"Lucas Moreau"}}]`,
		"channels.json": `[{"id":"C0UPDATES","name":"product-updates","members":["U0TOM0001","U0FELIX01"]}]`,
		"product-updates/2026-11-16.json": `[` +
			geekbot("1794819600.000100", "*Lucas Moreau* posted an update for *Daily Standup*", "waiting on Felix for the auth review") + `,` +
			`{"type":"message","subtype":"bot_message","bot_id":"B0GEEK","username":"Tom Becker","text":"","ts":"1794819660.000100",
			  "attachments":[{"fields":[{"title":"Anything blocking your progress?","value":"waiting on Felix for the pen test results"}]}]}]`,
		"product-updates/2026-11-17.json": `[` +
			geekbot("1794906000.000100", "*Lucas Moreau* posted an update for *Daily Standup*", "still waiting on Felix for the auth review") + `]`,
	}
	db := filepath.Join(dir, "x.db")
	code, out, errOut := run(t, "import", "-config", cfg, "-db", db, slackexporttest.Zip(t, files))
	if code != 0 {
		t.Fatalf("import exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "3 people, 1 channel, 3 messages; 3 reports (3 stating a blocker") {
		t.Errorf("import said %q, want Lucas's two standups and Tom's counted", out)
	}
	code, out, errOut = run(t, "blockers", "-config", cfg, "-db", db, "-as-of", "2026-11-17", "-format", "json")
	if code != 0 {
		t.Fatalf("blockers exit %d: %s", code, errOut)
	}
	var ledger struct {
		Blockers []struct {
			Person  string                    `json:"person"`
			Target  struct{ Node string }     `json:"target"`
			Reports []struct{ Effect string } `json:"reports"`
		} `json:"blockers"`
	}
	if err := json.Unmarshal([]byte(out), &ledger); err != nil {
		t.Fatalf("blockers JSON: %v\n%s", err, out)
	}
	var lines []string
	for _, b := range ledger.Blockers {
		var effects []string
		for _, r := range b.Reports {
			effects = append(effects, r.Effect)
		}
		lines = append(lines, b.Person+" -> "+b.Target.Node+" "+strings.Join(effects, ","))
	}
	slices.Sort(lines)
	want := []string{"U0LUCAS01 -> U0FELIX01 opened,seen", "U0TOM0001 -> U0FELIX01 opened"}
	if !slices.Equal(lines, want) {
		t.Errorf("blockers = %q, want %q", lines, want)
	}
}
