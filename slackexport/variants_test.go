package slackexport_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/unblock-dev/unblock/slackexport"
	"github.com/unblock-dev/unblock/slackexport/slackexporttest"
)

// The layouts and message shapes real exports come in, each read as a person wrote it.
func TestRead_Variants(t *testing.T) {
	day := "general/2026-11-16.json"
	tests := []struct {
		name  string
		files map[string]string
		want  string // channel ID, person and text of each message, and whether it was edited
	}{
		{"EnterpriseGridOrgUsers", with(minimal(), "users.json", "",
			"org_users.json", `[{"id": "U1", "name": "ana", "profile": {"title": "Engineer"}}]`),
			"C1 U1 blocked on design"},
		{"BothUserListings", with(minimal(),
			"org_users.json", `[{"id": "U1", "name": "ana"}, {"id": "W2", "name": "ben"}]`,
			day, `[{"type": "message", "user": "W2", "text": "waiting on legal", "ts": "1794787200.000100"}]`),
			"C1 W2 waiting on legal"},
		{"FolderNamedByID", map[string]string{
			"users.json":         minimal()["users.json"],
			"channels.json":      minimal()["channels.json"],
			"C1/2026-11-16.json": minimal()[day],
		}, "C1 U1 blocked on design"},
		{"WindowsSeparators", map[string]string{
			"users.json":              minimal()["users.json"],
			"channels.json":           minimal()["channels.json"],
			`general\2026-11-16.json`: minimal()[day],
		}, "C1 U1 blocked on design"},
		{"GroupDM", with(minimal(),
			"mpims.json", `[{"id": "G9", "name": "mpdm-ana--ben-1", "members": ["U1", "U2"]}]`,
			"mpdm-ana--ben-1/2026-11-16.json", `[{"type": "message", "user": "U1", "text": "waiting on legal", "ts": "1794787201.000100"}]`),
			"C1 U1 blocked on design | G9 U1 waiting on legal"},
		{"ChannelNameUnicode", with(minimal(),
			"channels.json", `[{"id": "C7", "name": "équipe-café_☕", "members": ["U1"]}]`,
			day, "",
			"équipe-café_☕/2026-11-16.json", minimal()[day]),
			"C7 U1 blocked on design"},
		{"EmptyDays", with(minimal(), "general/2026-11-17.json", "[]", "general/2026-11-18.json", " [ ]\n"),
			"C1 U1 blocked on design"},
		{"NoType", with(minimal(), day, `[{"user": "U1", "text": "waiting on legal", "ts": "1794787200.000100"}]`),
			"C1 U1 waiting on legal"},
		{"EditedInPlace", with(minimal(), day,
			`[{"type": "message", "user": "U1", "text": "waiting on legal", "ts": "1794787200.000100", "edited": {"user": "U1", "ts": "1794790000.000000"}}]`),
			"C1 U1 waiting on legal edited"},
		{"MessageChangedEvent", with(minimal(), "general/2026-11-17.json", `[
			{"type": "message", "subtype": "message_changed", "hidden": true, "ts": "1794873600.000200",
			 "message": {"type": "message", "user": "U1", "text": "blocked on legal", "ts": "1794787200.000100", "edited": {"user": "U1", "ts": "1794873600.000000"}},
			 "previous_message": {"type": "message", "user": "U1", "text": "blocked on design", "ts": "1794787200.000100"}}]`),
			"C1 U1 blocked on legal edited"},
		// The files need not hold events in time order: the message with its
		// final text, then the event of an earlier edit; the latest edit is the text.
		{"EarlierEditAfterTheFinalText", with(minimal(), day, `[
			{"type": "message", "user": "U1", "text": "waiting on Dan for the DPA", "ts": "1794787200.000100", "edited": {"user": "U1", "ts": "1794790000.000000"}},
			{"type": "message", "subtype": "message_changed", "hidden": true, "ts": "1794788200.000200",
			 "message": {"type": "message", "user": "U1", "text": "waiting on Cat for the pricing", "ts": "1794787200.000100", "edited": {"user": "U1", "ts": "1794788200.000000"}}}]`),
			"C1 U1 waiting on Dan for the DPA edited"},
		{"EditEventsOutOfOrder", with(minimal(), day, `[
			{"type": "message", "subtype": "message_changed", "hidden": true, "ts": "1794790000.000200",
			 "message": {"type": "message", "user": "U1", "text": "waiting on Dan for the DPA", "ts": "1794787200.000100"}},
			{"type": "message", "subtype": "message_changed", "hidden": true, "ts": "1794788200.000200",
			 "message": {"type": "message", "user": "U1", "text": "waiting on Cat for the pricing", "ts": "1794787200.000100"}}]`),
			"C1 U1 waiting on Dan for the DPA edited"},
		// A deletion stays whatever edit event of before it follows it in the file.
		{"DeletedThenEarlierEditEvent", with(minimal(), day, `[
			{"type": "message", "subtype": "message_deleted", "hidden": true, "deleted_ts": "1794787200.000100", "ts": "1794790000.000200"},
			{"type": "message", "subtype": "message_changed", "hidden": true, "ts": "1794788200.000200",
			 "message": {"type": "message", "user": "U1", "text": "waiting on Cat for the pricing", "ts": "1794787200.000100"}}]`),
			""},
		{"MessageChangedToNothing", with(minimal(), "general/2026-11-17.json", `[
			{"type": "message", "subtype": "message_changed", "hidden": true, "ts": "1794873600.000200",
			 "message": {"type": "message", "user": "U1", "text": "", "ts": "1794787200.000100"}}]`),
			""},
		{"MessageDeletedEvent", with(minimal(), "general/2026-11-17.json", `[
			{"type": "message", "subtype": "message_deleted", "hidden": true, "deleted_ts": "1794787200.000100", "ts": "1794873600.000200"},
			{"type": "message", "user": "U1", "text": "no blockers", "ts": "1794873700.000100"}]`),
			"C1 U1 no blockers"},
		{"Tombstone", with(minimal(), day, `[
			{"type": "message", "subtype": "tombstone", "user": "USLACKBOT", "text": "This message was deleted.", "ts": "1794787100.000100", "reply_count": 1},
			{"type": "message", "user": "U1", "text": "blocked on design", "ts": "1794787200.000100", "thread_ts": "1794787100.000100", "parent_user_id": "U1"}]`),
			"C1 U1 blocked on design"},
		{"RichTextOnly", with(minimal(), day, `[{"type": "message", "user": "U1", "text": "", "ts": "1794787200.000100",
			"blocks": [{"type": "rich_text", "block_id": "x", "elements": [
				{"type": "rich_text_section", "elements": [{"type": "text", "text": "Blockers:"}]},
				{"type": "rich_text_list", "style": "bullet", "elements": [
					{"type": "rich_text_section", "elements": [{"type": "text", "text": "waiting on "}, {"type": "user", "user_id": "U2"}, {"type": "text", "text": " for the spec "}, {"type": "emoji", "name": "hourglass"}]}]}]}]}]`),
			"C1 U1 Blockers:\n• waiting on <@U2> for the spec :hourglass:"},
		{"RichTextStyledAndOddBlocks", with(minimal(), day, `[{"type": "message", "user": "U1", "text": "", "ts": "1794787200.000100",
			"blocks": [
				{"type": "section", "text": "a string where Slack puts an object", "fields": 7},
				{"type": "rich_text", "elements": [
					{"type": "rich_text_section", "elements": [
						{"type": "text", "text": "Blockers: ", "style": {"bold": true}},
						{"type": "text", "text": "waiting on legal", "style": {"italic": true}},
						{"type": "date", "timestamp": 1794787200, "format": "{date_short}", "fallback": "Nov 16"}]},
					{"type": "rich_text_list", "style": "ordered", "indent": 0, "elements": [
						{"type": "rich_text_section", "elements": [{"type": "text", "text": "the DPA"}]}]}]},
				{"type": "image", "image_url": "https://example.invalid/x.png", "alt_text": "x"}]}]`),
			"C1 U1 Blockers: waiting on legal\n1. the DPA"},
		// Text is Slack-escaped and rich text is as typed: each reads as typed.
		{"EscapedText", with(minimal(), day, `[{"type": "message", "user": "U1", "text": "waiting on <@U2> for R&amp;D &lt;v2&gt; and <https://x.example/?a=1&amp;b=2|the doc>", "ts": "1794787200.000100"}]`),
			"C1 U1 waiting on <@U2> for R&D <v2> and <https://x.example/?a=1&amp;b=2|the doc>"},
		{"RichTextTypedEntity", with(minimal(), day, `[{"type": "message", "user": "U1", "text": "", "ts": "1794787200.000100",
			"blocks": [{"type": "rich_text", "elements": [{"type": "rich_text_section", "elements": [{"type": "text", "text": "R&D: write &lt; as <"}]}]}]}]`),
			"C1 U1 R&D: write &lt; as <"},
		{"TextBesideBlocks", with(minimal(), day, `[{"type": "message", "user": "U1", "text": "blocked on design", "ts": "1794787200.000100",
			"blocks": [{"type": "rich_text", "elements": [{"type": "rich_text_section", "elements": [{"type": "text", "text": "blocked on design"}]}]}]}]`),
			"C1 U1 blocked on design"},
		{"FileShareWithoutComment", with(minimal(), day, `[
			{"type": "message", "subtype": "file_share", "user": "U1", "text": "", "ts": "1794787100.000100", "files": [{"id": "F1", "name": "mocks.png"}]},
			{"type": "message", "user": "U1", "text": "blocked on design", "ts": "1794787200.000100"}]`),
			"C1 U1 blocked on design"},
		{"StandupBotNamesInText", with(minimal(),
			"users.json", `[{"id": "U1", "name": "ana", "real_name": "Ana Ruiz"}, {"id": "U9", "name": "geekbot", "is_bot": true}]`,
			day, `[{"type": "message", "subtype": "bot_message", "bot_id": "B1", "username": "Geekbot", "text": "*Ana Ruiz* posted an update for *Daily Standup*", "ts": "1794787200.000100",
			"attachments": [{"title": "Blockers?", "text": "waiting on legal for the DPA"}]}]`),
			"C1 U1 *Ana Ruiz* posted an update for *Daily Standup*\nBlockers?\nwaiting on legal for the DPA"},
		{"StandupBotInBlocks", with(minimal(),
			"users.json", `[{"id": "U1", "name": "ana", "real_name": "Ana Ruiz"}, {"id": "U9", "name": "geekbot", "is_bot": true}]`,
			day, `[{"type": "message", "subtype": "bot_message", "bot_id": "B1", "text": "<@U1> posted an update for Daily Standup", "ts": "1794787200.000100",
			"blocks": [
				{"type": "section", "text": {"type": "mrkdwn", "text": "<@U1> posted an update for *Daily Standup*"}},
				{"type": "section", "fields": [{"type": "mrkdwn", "text": "*Yesterday*\ncart API"}, {"type": "mrkdwn", "text": "*Today*\ncart tests"}]},
				{"type": "section", "text": {"type": "mrkdwn", "text": "*Blockers*\nwaiting on legal for the DPA"}},
				{"type": "divider"},
				{"type": "context", "elements": [{"type": "mrkdwn", "text": "via Geekbot"}]}]}]`),
			"C1 U1 <@U1> posted an update for *Daily Standup*\n*Yesterday*\ncart API\n*Today*\ncart tests\n*Blockers*\nwaiting on legal for the DPA"},
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
				s := r.Channel + " " + r.PersonID + " " + r.Text
				if r.Edited {
					s += " edited"
				}
				got = append(got, s)
			}
			if g := strings.Join(got, " | "); g != tt.want {
				t.Errorf("messages = %q\nwant       %q", g, tt.want)
			}
			if len(exp.Skipped) > 0 {
				t.Errorf("skipped %q", exp.Skipped)
			}
		})
	}
}

// A day file that is not valid JSON is left out with one line naming it and where
// it went wrong, and a message of another shape than Slack writes with one naming
// the message; the rest of the export is read.
func TestRead_SkipsBadDayFiles(t *testing.T) {
	bad := "general/2026-11-18.json"
	tests := []struct {
		name, content, want string
	}{
		{"BadJSON", "[\n  {\"type\": \"message\", \"user\": \"U1\", \"ts\": \"1.1\", \"text\": \"a\"},\n  {\"type\": \"message\", \"text\": \"hi\" \"user\": \"U1\"}\n]",
			`export.zip: general/2026-11-18.json: invalid JSON at line 3, column 36: invalid character '"' after object key:value pair: the file is skipped`},
		{"CutJSON", `[{"type": "message", "text": "hi`,
			`export.zip: general/2026-11-18.json: invalid JSON at line 1, column 33: unexpected end of file: the file is skipped`},
		{"EmptyFile", "",
			`export.zip: general/2026-11-18.json: invalid JSON at line 1, column 1: unexpected end of file: the file is skipped`},
		{"WrongType", "[\n{\"type\": \"message\", \"user\": \"U1\", \"ts\": \"1794960000.000100\", \"text\": \"a\"},\n{\"type\": \"message\",\n \"ts\": 1794787200.0001}]",
			`export.zip: general/2026-11-18.json: message 2: "ts" is a JSON number, want string: the message is skipped`},
		{"NotArray", `{"ok": true}`,
			`export.zip: general/2026-11-18.json: invalid JSON at line 1, column 2: want an array of messages: the file is skipped`},
		{"TrailingData", "[]\n[]",
			`export.zip: general/2026-11-18.json: invalid JSON at line 2, column 2: unexpected data after the array: the file is skipped`},
		{"BadTS", `[{"type": "message", "user": "U1", "text": "a", "ts": "1794960000.000100"}, {"type": "message", "user": "U1", "text": "b", "ts": "yesterday"}]`,
			`export.zip: general/2026-11-18.json: message 2: bad ts "yesterday": the message is skipped`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := with(minimal(), "general/2026-11-19.json",
				`[{"type": "message", "user": "U1", "text": "no blockers", "ts": "1795046400.000100"}]`)
			files[bad] = tt.content
			b := zipBytes(t, files)
			exp, err := slackexport.Read(bytes.NewReader(b), int64(len(b)), "export.zip")
			if err != nil {
				t.Fatal(err)
			}
			if want := []string{tt.want}; !reflect.DeepEqual(exp.Skipped, want) {
				t.Errorf("skipped = %q\nwant      %q", exp.Skipped, want)
			}
			var texts []string
			for _, r := range exp.Messages {
				texts = append(texts, r.Text)
			}
			want := "blocked on design|no blockers"
			if tt.name == "BadTS" || tt.name == "WrongType" {
				want = "blocked on design|a|no blockers"
			}
			if got := strings.Join(texts, "|"); got != want {
				t.Errorf("messages = %q, want %q", got, want)
			}
		})
	}
}

// An export unzipped into a folder reads as its zip does.
func TestOpen_Folder(t *testing.T) {
	fromZip, err := slackexport.Open(slackexporttest.CompanyXZip(t))
	if err != nil {
		t.Fatal(err)
	}
	fromDir, err := slackexport.Open(slackexporttest.CompanyXDir())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fromZip, fromDir) {
		t.Errorf("the folder reads differently from its zip:\n%+v\n%+v", fromDir, fromZip)
	}
}

// A reply in the thread of a bot's call for standups is a standup answer, whatever
// it says; a reply to a person's standup (a bot's post that speaks for them) or to
// a person's post is a comment.
func TestRead_StandupThreads(t *testing.T) {
	b := zipBytes(t, map[string]string{
		"users.json":    `[{"id": "U1", "name": "ana", "real_name": "Ana Ruiz"}, {"id": "U2", "name": "ben"}, {"id": "USLACKBOT", "name": "slackbot"}]`,
		"channels.json": `[{"id": "C1", "name": "team-sync", "members": ["U1", "U2"]}]`,
		"team-sync/2026-11-16.json": `[
			{"type": "message", "subtype": "bot_message", "bot_id": "B1", "text": "Daily standup :sunrise: reply in this thread", "ts": "100.000001", "thread_ts": "100.000001", "reply_count": 1},
			{"type": "message", "user": "U1", "text": "Today: settings icons", "ts": "101.000001", "thread_ts": "100.000001"},
			{"type": "message", "user": "USLACKBOT", "text": "Reminder: post your stand-up notes here.", "ts": "200.000001"},
			{"type": "message", "user": "U2", "text": "Today: icons", "ts": "201.000001", "thread_ts": "200.000001"},
			{"type": "message", "subtype": "bot_message", "bot_id": "B1", "text": "<@U1> posted an update for Daily Standup", "ts": "300.000001",
			 "attachments": [{"title": "Today?", "text": "pricing"}]},
			{"type": "message", "user": "U2", "text": "nice, thanks", "ts": "301.000001", "thread_ts": "300.000001"},
			{"type": "message", "subtype": "bot_message", "bot_id": "B2", "text": "Deploy finished", "ts": "400.000001"},
			{"type": "message", "user": "U2", "text": "Today: icons", "ts": "401.000001", "thread_ts": "400.000001"},
			{"type": "message", "user": "U1", "text": "Daily standup thread", "ts": "500.000001"},
			{"type": "message", "user": "U2", "text": "Today: icons", "ts": "501.000001", "thread_ts": "500.000001"},
			{"type": "message", "subtype": "bot_message", "bot_id": "B3", "text": "Daily build report: main is green", "ts": "600.000001"},
			{"type": "message", "user": "U2", "text": "thanks", "ts": "601.000001", "thread_ts": "600.000001"},
			{"type": "message", "subtype": "bot_message", "bot_id": "B4", "text": "Daily digest from Jira", "ts": "700.000001"},
			{"type": "message", "user": "U2", "text": "on it", "ts": "701.000001", "thread_ts": "700.000001"}
		]`,
	})
	exp, err := slackexport.Read(bytes.NewReader(b), int64(len(b)), "export.zip")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range exp.Messages {
		got = append(got, r.TS+"="+map[bool]string{true: "standup", false: "-"}[r.Standup])
	}
	want := "101.000001=standup 201.000001=standup 300.000001=standup 301.000001=- 401.000001=- 500.000001=- 501.000001=- 601.000001=- 701.000001=-"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("standup = %s\nwant       %s", g, want)
	}
}

// A person users.json does not list (from another organisation, in a channel shared
// through Slack Connect) is known by the names their messages carry.
func TestRead_UnlistedAuthor(t *testing.T) {
	b := zipBytes(t, with(minimal(), "general/2026-11-17.json", `[
		{"type": "message", "user": "U77", "text": "blocked on Ana", "ts": "1794873600.000100", "user_team": "T9",
		 "user_profile": {"real_name": "Xavier Ext", "display_name": "xav", "name": "xavier"}},
		{"type": "message", "user": "U78", "text": "no profile", "ts": "1794873601.000100"}]`))
	exp, err := slackexport.Read(bytes.NewReader(b), int64(len(b)), "export.zip")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range exp.People {
		got = append(got, p.ID+"="+p.Name+"/"+p.RealName)
	}
	if want := "U1=ana/ U77=xav/Xavier Ext"; strings.Join(got, " ") != want {
		t.Errorf("people = %q, want %q", strings.Join(got, " "), want)
	}
	if len(exp.Messages) != 3 {
		t.Errorf("messages = %d, want 3", len(exp.Messages))
	}
}

// Messages in a layout other than day files (one file per channel, as some tools
// write) are not imported silently as nothing: a line says what was left out.
func TestRead_OtherLayoutSaysSo(t *testing.T) {
	b := zipBytes(t, with(minimal(), "general/2026-11-16.json", "",
		"channels.json", `[{"id": "C1", "name": "general"}, {"id": "C2", "name": "random"}]`,
		"general/general.json", `[{"type": "message", "user": "U1", "text": "blocked on design", "ts": "1794787200.000100"}]`,
		"random/messages.json", `[]`,
		"canvases/F123.json", `{"title": "not a conversation"}`))
	exp, err := slackexport.Read(bytes.NewReader(b), int64(len(b)), "export.zip")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"export.zip: 2 JSON files in conversation folders are not day files (CHANNEL/YYYY-MM-DD.json) and were left out, such as general/general.json"}
	if !reflect.DeepEqual(exp.Skipped, want) || len(exp.Messages) != 0 {
		t.Errorf("skipped = %q, messages = %d; want %q and none", exp.Skipped, len(exp.Messages), want)
	}
}

// A user or a conversation listed in another shape than Slack writes is left out
// with a line naming it; the rest is read.
func TestRead_SkipsOddListingEntries(t *testing.T) {
	b := zipBytes(t, with(minimal(),
		"users.json", `[{"id": "U0", "profile": {"title": ["x"]}}, {"id": "U1", "name": "ana"}]`,
		"channels.json", `[{"id": "C0", "name": 7}, {"id": "C1", "name": "general"}]`))
	exp, err := slackexport.Read(bytes.NewReader(b), int64(len(b)), "export.zip")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`export.zip: users.json: user 1: "profile.title" is a JSON array, want string: the user is skipped`,
		`export.zip: channels.json: conversation 1: "name" is a JSON number, want string: the conversation is skipped`,
	}
	if !reflect.DeepEqual(exp.Skipped, want) {
		t.Errorf("skipped = %q\nwant      %q", exp.Skipped, want)
	}
	if len(exp.People) != 1 || len(exp.Channels) != 1 || len(exp.Messages) != 1 {
		t.Errorf("people %d, channels %d, messages %d; want 1 each", len(exp.People), len(exp.Channels), len(exp.Messages))
	}
}
