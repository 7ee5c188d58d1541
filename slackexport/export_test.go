package slackexport_test

import (
	"archive/zip"
	"bytes"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/slackexport"
	"github.com/unblock-dev/unblock/slackexport/slackexporttest"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

func mustOpenCompanyX(tb testing.TB) *slackexport.Export {
	tb.Helper()
	exp, err := slackexport.Open(slackexporttest.CompanyXZip(tb))
	if err != nil {
		tb.Fatal(err)
	}
	return exp
}

func TestOpen_CompanyXPeople(t *testing.T) {
	exp := mustOpenCompanyX(t)
	var ids []string
	for _, p := range exp.People {
		ids = append(ids, p.ID)
	}
	if got, want := strings.Join(ids, " "), "U01ANA U02BEN U03DANA U04EVE U05PRIYA U06MARCO U07OMAR U08GRACE U09FORMER U0GEEKBOT U10SAM USLACKBOT"; got != want {
		t.Fatalf("people = %s, want %s", got, want)
	}
	byID := map[string]unblock.Person{}
	for _, p := range exp.People {
		byID[p.ID] = p
	}
	tests := []unblock.Person{
		{ID: "U01ANA", Name: "Ana", RealName: "Ana Ruiz", Title: "Senior Backend Engineer", TZ: "America/New_York"},
		{ID: "U03DANA", Name: "Dana Kim", RealName: "Dana Kim", Title: "Product Designer", TZ: "America/Los_Angeles"},
		{ID: "U05PRIYA", Name: "Priya", RealName: "Priya Shah", Title: "Product Manager", TZ: "America/New_York"},
		{ID: "U07OMAR", Name: "Omar", RealName: "Omar Haddad", Title: "Staff Frontend Engineer", TZ: "Europe/London",
			StatusText: "OOO Friday", StatusEmoji: ":palm_tree:"},
		// No display name: the real name, as Slack shows it; VP Engineering; a status.
		{ID: "U08GRACE", Name: "Grace Lee", RealName: "Grace Lee", Title: "VP Engineering", TZ: "America/New_York",
			StatusText: "In planning all day", StatusEmoji: ":calendar:"},
		// Deactivated, real name only in the profile.
		{ID: "U09FORMER", Name: "Jordan", RealName: "Jordan Blake", Title: "Contract Engineer", Deleted: true},
		{ID: "U10SAM", Name: "Sam", RealName: "Sam Berg", Title: "QA Engineer", TZ: "Europe/Berlin"},
		{ID: "U0GEEKBOT", Name: "Geekbot", RealName: "Geekbot", IsBot: true},
		// Slackbot is not marked a bot in users.json.
		{ID: "USLACKBOT", Name: "Slackbot", RealName: "Slackbot", TZ: "America/Los_Angeles", IsBot: true},
	}
	for _, want := range tests {
		if got := byID[want.ID]; got != want {
			t.Errorf("person %s = %+v\nwant %+v", want.ID, got, want)
		}
	}
}

func TestOpen_CompanyXChannels(t *testing.T) {
	exp := mustOpenCompanyX(t)
	var got []string
	for _, ch := range exp.Channels {
		got = append(got, fmt.Sprintf("%s=%s/%s(%d)", ch.ID, ch.Name, ch.Kind, len(ch.Members)))
	}
	// channels.json, groups.json (private) and dms.json (no name).
	want := "C01GENERAL=general/channel(10) C02ENG=engineering/channel(4) C03DESIGN=design/channel(4) C04PRODUCT=product/channel(4) " +
		"C05STANDUP=standup/channel(9) D01PRIYAANA=/im(2) G01LEADS=leads/group(3)"
	if strings.Join(got, " ") != want {
		t.Fatalf("channels = %s\nwant %s", strings.Join(got, " "), want)
	}
}

// Only DMs with the bot are read: Priya's DM with Ana is left out with its
// messages unless one of them were the bot user.
func TestKeepDirectWith(t *testing.T) {
	tests := []struct {
		bots         []string
		wantLeft     int
		wantMessages int
	}{
		{nil, 1, 45},
		{[]string{"U0UNBLOCK"}, 1, 45},
		{[]string{"U0UNBLOCK", "U01ANA"}, 0, 47},
	}
	for _, tt := range tests {
		exp := mustOpenCompanyX(t)
		left := exp.KeepDirectWith(tt.bots)
		dm := slices.ContainsFunc(exp.Channels, func(ch slackexport.Channel) bool { return ch.ID == "D01PRIYAANA" })
		inDM := slices.ContainsFunc(exp.Messages, func(r unblock.Report) bool { return r.Channel == "D01PRIYAANA" })
		if left != tt.wantLeft || len(exp.Messages) != tt.wantMessages || dm != (left == 0) || inDM != (left == 0) {
			t.Errorf("KeepDirectWith(%q) = %d, %d messages, DM kept %v, its messages %v; want %d, %d, %v",
				tt.bots, left, len(exp.Messages), dm, inDM, tt.wantLeft, tt.wantMessages, tt.wantLeft == 0)
		}
	}
}

func TestOpen_CompanyXMessages(t *testing.T) {
	exp := mustOpenCompanyX(t)
	byText := map[string]unblock.Report{}
	for i, r := range exp.Messages {
		if r.Source != unblock.SourceImport {
			t.Errorf("message %d: source %q, want import", i, r.Source)
		}
		if r.PersonID == "" || r.Channel == "" || r.TS == "" || r.At.IsZero() || strings.TrimSpace(r.Text) == "" {
			t.Errorf("message %d incomplete: %+v", i, r)
		}
		if i > 0 && exp.Messages[i-1].At.After(r.At) {
			t.Errorf("message %d at %v is before message %d at %v", i, r.At, i-1, exp.Messages[i-1].At)
		}
		byText[r.Text] = r
	}
	if got, want := len(exp.Messages), 47; got != want {
		t.Errorf("messages = %d, want %d", got, want)
	}
	for _, r := range exp.Messages {
		for _, skipped := range []string{"has joined the channel", "has left the channel", "standup time", "set the channel topic", "This message was deleted."} {
			if strings.Contains(r.Text, skipped) {
				t.Errorf("message %s/%s should be skipped: %q", r.Channel, r.TS, r.Text)
			}
		}
		if r.PersonID == "U0GEEKBOT" || r.PersonID == "USLACKBOT" {
			t.Errorf("message by bot %s: %q", r.PersonID, r.Text)
		}
	}

	// The edited message carries its final text.
	edited := 0
	for _, r := range exp.Messages {
		if r.Edited {
			edited++
			if want := "Waiting on product for the pricing decision and the checkout spec"; !strings.HasSuffix(r.Text, want) || r.PersonID != "U03DANA" {
				t.Errorf("edited message = %+v, want Dana's ending %q", r, want)
			}
		}
	}
	if edited != 1 {
		t.Errorf("edited messages = %d, want 1", edited)
	}

	tests := []struct {
		text                          string
		person, channel, ts, threadTS string
		at                            string
	}{
		{"*Yesterday:* finished the payments retry job\n*Today:* wiring the checkout API\n*Blockers:* blocked on design for the checkout mocks",
			"U01ANA", "C05STANDUP", "1794837720.000100", "", "2026-11-16T14:02:00.0001Z"},
		// A thread reply keeps its thread.
		{"<@U05PRIYA> I can give you the estimate once the checkout mocks land, I'm blocked on design for those",
			"U01ANA", "C04PRODUCT", "1794928320.000100", "1794927600.000100", "2026-11-17T15:12:00.0001Z"},
		// A reply to a deleted parent is still a reply.
		{"agreed, we keep the old pricing page until then", "U06MARCO", "C04PRODUCT", "1794929100.000100", "1794928800.000100", "2026-11-17T15:25:00.0001Z"},
		// A thread parent is not a reply.
		{"designed the flow for guest checkout, feedback welcome in the thread", "U03DANA", "C03DESIGN", "1794846600.000100", "", "2026-11-16T16:30:00.0001Z"},
		// A reply also sent to the channel.
		{"merged PR 482, thanks for the reviews", "U01ANA", "C02ENG", "1795017600.000100", "1794842400.000100", "2026-11-18T16:00:00.0001Z"},
		// A file shared with a comment.
		{"here are the first checkout mocks for review, pricing section still TBD", "U03DANA", "C03DESIGN", "1794931200.000100", "", "2026-11-17T16:00:00.0001Z"},
		// A DM folder is named by its ID; a private channel by its name.
		{"not before the mocks, sorry", "U01ANA", "D01PRIYAANA", "1794938700.000100", "", "2026-11-17T18:05:00.0001Z"},
		{"Heads up: roadmap review moved to Thursday 4pm", "U08GRACE", "G01LEADS", "1795021200.000100", "", "2026-11-18T17:00:00.0001Z"},
		// A deactivated person's messages stay.
		{"last day today, thanks for everything all!", "U09FORMER", "C01GENERAL", "1794830400.000100", "", "2026-11-16T12:00:00.0001Z"},
	}
	for _, tt := range tests {
		r, ok := byText[tt.text]
		if !ok {
			t.Errorf("no message %q", tt.text)
			continue
		}
		if r.PersonID != tt.person || r.Channel != tt.channel || r.TS != tt.ts || r.ThreadTS != tt.threadTS ||
			r.At.Format(time.RFC3339Nano) != tt.at || r.Edited {
			t.Errorf("message %q = %s %s %s thread=%q at %s edited=%v\nwant %s %s %s thread=%q at %s",
				tt.text, r.PersonID, r.Channel, r.TS, r.ThreadTS, r.At.Format(time.RFC3339Nano), r.Edited,
				tt.person, tt.channel, tt.ts, tt.threadTS, tt.at)
		}
	}
	if _, ok := byText[""]; ok {
		t.Errorf("a file shared without a comment was read as a message")
	}

	// The whole sequence, in order, against a reviewed listing.
	var b strings.Builder
	for _, r := range exp.Messages {
		thread := "-"
		if r.ThreadTS != "" {
			thread = r.ThreadTS
		}
		fmt.Fprintf(&b, "%s %-11s %s %-9s thread=%s edited=%v %q\n",
			r.At.Format(time.RFC3339), r.Channel, r.TS, r.PersonID, thread, r.Edited, lastLine(r.Text))
	}
	golden(t, "testdata/companyx.golden", b.String())
}

func lastLine(s string) string {
	lines := strings.Split(s, "\n")
	return lines[len(lines)-1] // a standup post's blockers line
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (go test -update to rewrite after review):\n%s", path, got)
	}
}

// minimal is the smallest export that reads: users, channels and one day.
func minimal() map[string]string {
	return map[string]string{
		"users.json":              `[{"id": "U1", "name": "ana", "profile": {"title": "Engineer"}}]`,
		"channels.json":           `[{"id": "C1", "name": "general", "members": ["U1"]}]`,
		"general/2026-11-16.json": `[{"type": "message", "user": "U1", "text": "blocked on design", "ts": "1794787200.000100"}]`,
	}
}

func with(files map[string]string, kv ...string) map[string]string {
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			delete(files, kv[i])
		} else {
			files[kv[i]] = kv[i+1]
		}
	}
	return files
}

func zipBytes(tb testing.TB, files map[string]string) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := slackexporttest.WriteZip(&buf, files); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func TestRead_Layouts(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string // channel ID and text of each message
	}{
		{"OK", minimal(), "C1:blocked on design"},
		{"FolderNotListed", with(minimal(), "random/2026-11-17.json",
			`[{"type": "message", "user": "U1", "text": "hi", "ts": "1794873600.000000"}]`),
			"C1:blocked on design random:hi"},
		{"ReZippedInFolder", map[string]string{
			"Company X Slack export/users.json":              minimal()["users.json"],
			"Company X Slack export/channels.json":           minimal()["channels.json"],
			"Company X Slack export/general/2026-11-16.json": minimal()["general/2026-11-16.json"],
		}, "C1:blocked on design"},
		{"IgnoresOtherFiles", with(minimal(),
			"__MACOSX/general/._2026-11-16.json", "\x00\x05\x16\x07 not json",
			"__MACOSX/._users.json", "junk",
			"integration_logs.json", `[{"service_id": "1"}]`,
			"general/notes.txt", "not a day file",
			"general/2026-11-16.json.bak", "not a day file"),
			"C1:blocked on design"},
		{"SameMessageTwice", with(minimal(), "general/2026-11-15.json", minimal()["general/2026-11-16.json"]),
			"C1:blocked on design"},
		{"OnlyPrivateChannels", with(minimal(), "channels.json", "",
			"groups.json", `[{"id": "G1", "name": "general", "members": ["U1"]}]`),
			"G1:blocked on design"},
		{"BotUser", with(minimal(), "users.json", `[{"id": "U1", "name": "bot", "is_bot": true}]`), ""},
		{"Subtypes", with(minimal(), "general/2026-11-16.json", `[
			{"type": "message", "subtype": "channel_join", "user": "U1", "text": "<@U1> has joined the channel", "ts": "1.1"},
			{"type": "message", "subtype": "channel_purpose", "user": "U1", "text": "set the purpose", "ts": "1.2"},
			{"type": "message", "subtype": "bot_add", "user": "U1", "text": "added an integration", "ts": "1.3"},
			{"type": "message", "subtype": "pinned_item", "user": "U1", "text": "pinned a message", "ts": "1.4"},
			{"type": "message", "user": "U1", "bot_id": "B1", "text": "posted by an app as a user", "ts": "1.5"},
			{"type": "message", "user": "U1", "text": "This message was deleted.", "ts": "1.6"},
			{"type": "message", "user": "U1", "text": "   ", "ts": "1.7"},
			{"type": "message", "text": "no author", "ts": "1.8"},
			{"type": "reaction_added", "user": "U1", "text": "x", "ts": "1.9"},
			{"type": "message", "subtype": "me_message", "user": "U1", "text": "is waiting on legal", "ts": "2.0"},
			{"type": "message", "subtype": "thread_broadcast", "user": "U1", "text": "also in channel", "ts": "2.1", "thread_ts": "1.1"}
		]`), "C1:is waiting on legal C1:also in channel"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := zipBytes(t, tt.files)
			exp, err := slackexport.Read(bytes.NewReader(b), int64(len(b)), "export.zip")
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range exp.Messages {
				got = append(got, r.Channel+":"+r.Text)
			}
			if strings.Join(got, " ") != tt.want {
				t.Fatalf("messages = %q, want %q", strings.Join(got, " "), tt.want)
			}
		})
	}
}

func TestRead_Errors(t *testing.T) {
	companyX := zipBytes(t, readDir(t, slackexporttest.CompanyXDir()))
	tests := []struct {
		name string
		zip  []byte
		want string
	}{
		{"NotZip", []byte("Team,Channel\nacme,general\n"), "export.zip: not a zip file (zip: not a valid zip file)"},
		{"Empty", nil, "export.zip: not a zip file (the file is empty)"},
		{"Truncated", companyX[:len(companyX)/2],
			"export.zip: truncated or damaged zip: cannot read its table of contents (zip: not a valid zip file)"},
		{"TruncatedTail", companyX[:len(companyX)-10],
			"export.zip: truncated or damaged zip: cannot read its table of contents (zip: not a valid zip file)"},
		{"DamagedFile", damage(t, minimal(), "general/2026-11-16.json", "design", "desigN"),
			"export.zip: general/2026-11-16.json: damaged in the zip (zip: checksum error)"},
		{"NoUsers", zipBytes(t, with(minimal(), "users.json", "")), "export.zip: users.json missing (nor org_users.json): is this a Slack export?"},
		{"SeveralExports", zipBytes(t, map[string]string{
			"2026-10/users.json": minimal()["users.json"], "2026-10/channels.json": minimal()["channels.json"],
			"2026-11/users.json": minimal()["users.json"], "2026-11/channels.json": minimal()["channels.json"],
		}), "export.zip: holds 2 exports (2026-10/, 2026-11/): import each on its own"},
		{"NoChannels", zipBytes(t, with(minimal(), "channels.json", "")), "export.zip: channels.json missing: is this a Slack export?"},

		{"BadChannels", zipBytes(t, with(minimal(), "channels.json", "[\n  {\"id\": \"C1\",\n   \"name\": general}\n]")),
			`export.zip: channels.json: invalid JSON at line 3, column 12: invalid character 'g' looking for beginning of value`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := slackexport.Read(bytes.NewReader(tt.zip), int64(len(tt.zip)), "export.zip")
			if err == nil {
				t.Fatal("no error")
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("error = %s\nwant    %s", got, tt.want)
			}
			if got := unblock.ErrorCode(err); got != unblock.EINVALID {
				t.Errorf("code = %q, want %q", got, unblock.EINVALID)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
		})
	}
}

// damage zips files with no compression and replaces old by new inside file name,
// keeping the JSON valid, so only the zip's checksum can tell.
func damage(tb testing.TB, files map[string]string, name, old, new string) []byte {
	tb.Helper()
	files[name] += "\n" // the content ends with a byte we can tell apart from the directory
	b := zipStored(tb, files)
	content := []byte(files[name])
	i := bytes.Index(b, content)
	if i < 0 {
		tb.Fatalf("%s not found stored in the zip", name)
	}
	j := bytes.Index(content, []byte(old))
	copy(b[i+j:], new)
	return b
}

func TestOpen_Errors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "nope.zip")
	if _, err := slackexport.Open(missing); err == nil || err.Error() != missing+": no such file" || unblock.ErrorCode(err) != unblock.EINVALID {
		t.Errorf("Open(missing) = %v", err)
	}
	if _, err := slackexport.Open(dir); err == nil || err.Error() != dir+": users.json missing (nor org_users.json): is this a Slack export?" {
		t.Errorf("Open(empty dir) = %v", err)
	}
	bad := filepath.Join(dir, "export.zip")
	if err := os.WriteFile(bad, []byte("not a zip"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := slackexport.Open(bad); err == nil || err.Error() != bad+": not a zip file (zip: not a valid zip file)" {
		t.Errorf("Open(bad) = %v", err)
	}
}

// Filter keeps the channels named and the DMs (the live bot reads a DM to it
// whatever its passive channels; KeepDirectWith says which DMs are read).
func TestExport_Filter(t *testing.T) {
	exp := mustOpenCompanyX(t)
	unknown := exp.Filter([]string{"#standup", "G01LEADS", " nope "})
	if !slices.Equal(unknown, []string{"nope"}) {
		t.Errorf("unknown = %q, want [nope]", unknown)
	}
	var chans []string
	for _, ch := range exp.Channels {
		chans = append(chans, ch.ID)
	}
	if got, want := strings.Join(chans, " "), "C05STANDUP D01PRIYAANA G01LEADS"; got != want {
		t.Errorf("channels = %s, want %s", got, want)
	}
	for _, r := range exp.Messages {
		if r.Channel != "C05STANDUP" && r.Channel != "G01LEADS" && r.Channel != "D01PRIYAANA" {
			t.Errorf("message in %s kept", r.Channel)
		}
	}
	if got, want := len(exp.Messages), 34; got != want {
		t.Errorf("messages = %d, want %d", got, want)
	}
	if got, want := len(exp.People), 12; got != want {
		t.Errorf("people = %d, want %d (Filter keeps people)", got, want)
	}
	if unknown := exp.Filter(nil); unknown != nil || len(exp.Messages) != 34 {
		t.Errorf("Filter(nil) changed the export")
	}
}

// readDir returns the files under dir by slash-separated path relative to dir.
func readDir(tb testing.TB, dir string) map[string]string {
	tb.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return files
}

// zipStored zips files without compression, so their bytes can be found and changed.
func zipStored(tb testing.TB, files map[string]string) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range slices.Sorted(maps.Keys(files)) {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := w.Write([]byte(files[name])); err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// The export's bot users are found by their name, as users.json lists an app's
// bot user: deleted ones too, never a person of that name.
func TestExport_BotUsers(t *testing.T) {
	exp, err := slackexport.Open(slackexporttest.Zip(t, map[string]string{
		"users.json": `[
			{"id":"U1","name":"ana","real_name":"Ana Ruiz","profile":{"real_name":"Ana Ruiz"}},
			{"id":"U2","name":"unblock","real_name":"Unblock","profile":{"real_name":"Unblock"}},
			{"id":"U3","name":"unblock","is_bot":true,"profile":{"real_name":"unblock","bot_id":"B3"}},
			{"id":"U4","name":"unblock_old","is_bot":true,"deleted":true,"profile":{"real_name":"unblock","bot_id":"B4"}},
			{"id":"U5","name":"blockbot","is_bot":true,"profile":{"real_name":"Block Bot","display_name":"unblock"}},
			{"id":"U6","name":"geekbot","is_bot":true,"profile":{"real_name":"Geekbot"}}]`,
		"channels.json": `[]`,
	}))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		want []string
	}{
		{"unblock", []string{"U3", "U4", "U5"}},
		{"Geekbot", []string{"U6"}},
		{"standupbot", nil},
	}
	for _, tt := range tests {
		if got := exp.BotUsers(tt.name); !slices.Equal(got, tt.want) {
			t.Errorf("BotUsers(%q) = %q; want %q", tt.name, got, tt.want)
		}
	}
}

// A folder no listing names is still imported, but one named like a DM's ID or
// a group DM's name holds private messages: it is read only as a DM with the
// bot (its members, who posted in it), never as a channel.
func TestKeepDirectWith_UnlistedFolders(t *testing.T) {
	msg := func(user, ts, text string) string {
		return fmt.Sprintf(`{"type":"message","user":%q,"ts":%q,"text":%q}`, user, ts, text)
	}
	exp, err := slackexport.Open(slackexporttest.Zip(t, map[string]string{
		"users.json": `[
			{"id":"U1","name":"ana","real_name":"Ana Ruiz","profile":{"real_name":"Ana Ruiz"}},
			{"id":"U2","name":"ben","real_name":"Ben Ode","profile":{"real_name":"Ben Ode"}},
			{"id":"UBOT","name":"unblock","is_bot":true,"profile":{"real_name":"unblock","bot_id":"B1"}}]`,
		"channels.json":                   `[]`,
		"D0AAAAAAAA/2026-11-16.json":      "[" + msg("U1", "1794837720.000100", "still waiting on legal for the NDA") + "," + msg("U2", "1794837730.000100", "ugh") + "]",
		"D0BBBBBBBB/2026-11-16.json":      "[" + msg("UBOT", "1794837720.000100", "Any blockers?") + "," + msg("U1", "1794837740.000100", "blocked on design for the mocks") + "]",
		"mpdm-ana--ben-1/2026-11-16.json": "[" + msg("U1", "1794837720.000200", "blocked on finance for the budget") + "]",
		"random/2026-11-16.json":          "[" + msg("U2", "1794837720.000300", "waiting on ops for the VPN") + "]",
	}))
	if err != nil {
		t.Fatal(err)
	}
	left := exp.KeepDirectWith(exp.BotUsers("unblock"))
	var kept, texts []string
	for _, ch := range exp.Channels {
		kept = append(kept, ch.ID+"/"+ch.Kind)
	}
	for _, r := range exp.Messages {
		texts = append(texts, r.Text)
	}
	slices.Sort(texts)
	if want := []string{"D0BBBBBBBB/im", "random/channel"}; left != 2 || !slices.Equal(kept, want) {
		t.Errorf("KeepDirectWith left out %d and kept %q; want 2 and %q", left, kept, want)
	}
	if want := []string{"blocked on design for the mocks", "waiting on ops for the VPN"}; !slices.Equal(texts, want) {
		t.Errorf("messages kept = %q; want %q", texts, want)
	}
}
