package slackexport

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/unblock-dev/unblock/slackexport/slackexporttest"
)

// slowMessages decodes a day file as the reader did before fastMessages: with
// encoding/json, one element at a time.
func slowMessages(b []byte) ([]message, error) {
	var ms []message
	err := decodeArray(json.NewDecoder(bytes.NewReader(b)), "messages", func(dec *json.Decoder) error {
		var m message
		if err := dec.Decode(&m); err != nil {
			return err
		}
		ms = append(ms, m)
		return nil
	})
	return ms, err
}

// dropUnreadBlocks leaves out the blocks of m, and of the message it holds,
// where the reader never reads their text (readsBlocks), as fastMessages does.
func dropUnreadBlocks(m *message) {
	if len(m.Blocks) == 0 || !readsBlocks(m.Text, m.BotID, m.Subtype) {
		m.Blocks = nil
	}
	if m.Message != nil {
		dropUnreadBlocks(m.Message)
	}
}

// checkFast fails unless fastMessages reads b as encoding/json does, but for the
// blocks the reader never reads, or gives up.
// It returns whether fastMessages read it.
func checkFast(t *testing.T, name string, b []byte) bool {
	t.Helper()
	fast, ok := fastMessages(b, nil)
	if !ok {
		return false
	}
	// Decoded into the array of the file before (decodeAhead's buffers), it reads the same.
	if again, ok := fastMessages(b, usedMessages(len(fast)+2)); !ok || !reflect.DeepEqual(again, fast) {
		t.Fatalf("%s: fastMessages into a used buffer\n%#v\nfresh\n%#v", name, again, fast)
	}
	slow, err := slowMessages(b)
	if err != nil {
		t.Fatalf("%s: fastMessages read what encoding/json refuses (%v):\n%s", name, err, b)
	}
	if len(fast) == 0 && len(slow) == 0 {
		return true
	}
	for i := range slow {
		dropUnreadBlocks(&slow[i])
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Fatalf("%s: fastMessages\n%#v\nencoding/json\n%#v", name, fast, slow)
	}
	return true
}

// usedMessages returns n messages whose every field is set, as a buffer a day
// file was decoded into before.
func usedMessages(n int) []message {
	ms := make([]message, n)
	for i := range ms {
		inner := message{Text: "inner", TS: "9.9"}
		ms[i] = message{Type: "message", Subtype: "bot_message", User: "U9", BotID: "B9", Text: "old", TS: "1.0",
			ThreadTS: "0.9", Edited: &edited{TS: "1.5"}, Blocks: []json.RawMessage{json.RawMessage(`{}`)},
			UserProfile: &userProfile{Name: "old"}, Message: &inner, DeletedTS: "0.1", Username: "Geekbot",
			Attachments: []attachment{{Text: "old", Fields: []attachmentField{{Title: "t", Value: "v"}}}}}
	}
	return ms[:n/2]
}

// fastCases are day files fastMessages must read (true), and others it may read
// or leave to encoding/json (false); whatever it reads, it reads as
// encoding/json does.
var fastCases = []struct {
	json string
	read bool
}{
	{`[]`, true},
	{` [ ] `, true},
	{`[{"type":"message","user":"U1","text":"blocked on design\nfor the \"mocks\" \u00e9 \ud83d\ude00 \/ \\","ts":"1.000100"}]`, true},
	{`[{"type":"message","text":"lone \ud83d surrogate \ud83d\u0041 and \udc00","ts":"1.1"}]`, true},
	{"[{\"text\":\"invalid \xff utf-8 \xe2\x82\",\"ts\":\"1.1\"}]", true},
	{`[{"type":"message","user":"U1","text":"x","ts":"1.1","edited":{"user":"U1","ts":"2.0"},"thread_ts":"0.5",
		"blocks":[{"type":"rich_text","elements":[{"type":"rich_text_section","elements":[{"type":"text","text":"x"}]}]}, {"a":[1,-2.5e+3,0.1E9,true,false,null]}],
		"user_profile":{"avatar_hash":"g","real_name":"Ana Ruiz","display_name":"ana","name":"ana.r","is_restricted":false},
		"reactions":[{"name":"tada","users":["U2"],"count":1}],"files":[{"id":"F1","size":12}]}]`, true},
	{`[{"type":"message","subtype":"message_changed","ts":"3.0","message":{"type":"message","user":"U1","text":"new","ts":"1.1","edited":{}},"previous_message":{"text":"old"}}]`, true},
	{`[{"type":"message","subtype":"message_deleted","hidden":true,"deleted_ts":"1.1","ts":"3.0"}]`, true},
	{`[{"type":"message","subtype":"bot_message","bot_id":"B1","username":"Geekbot","text":"","ts":"1.1",
		"attachments":[{"pretext":"Ana posted","title":"Blockers","text":"none","fields":[{"title":"Today","value":"x","short":false}],"color":"#fff"},{}]}]`, true},
	{`[{"edited":null,"blocks":null,"user_profile":null,"message":null,"attachments":null,"text":null,"ts":"1.1"}]`, true},
	{`[{"blocks":[],"attachments":[{"fields":[]}],"ts":"1.1"}]`, true},
	{`[{"ts":"1.1"}]` + "\n", true},
	// An app's metadata: unblock's effect key, or another app's payload of any shape.
	{`[{"type":"message","user":"U9","bot_id":"B9","text":"x","ts":"1.1","metadata":{"event_type":"unblock_effect","event_payload":{"key":"reminder:a:U1:2026-11-16"}}},
		{"type":"message","bot_id":"B1","text":"y","ts":"1.2","metadata":{"event_type":"other","event_payload":{"key":7,"o":{"p":[1,-2.5e3,null,true]}}}},
		{"type":"message","bot_id":"B1","text":"z","ts":"1.3","metadata":null}]`, true},
	// Blocks the reader reads (a blank text, a bot's post, in an edit event too)
	// beside blocks it does not.
	{`[{"type":"message","user":"U1","text":" ","ts":"1.1","blocks":[{"type":"section","text":{"type":"mrkdwn","text":"B: none"}}]},
		{"type":"message","user":"U2","text":"kept","ts":"1.2","blocks":[{"type":"rich_text","elements":[]}]},
		{"type":"message","bot_id":"B1","username":"Geekbot","text":"Ana posted","ts":"1.3","blocks":[{"type":"header","text":{"text":"Ana"}},{"x":[1]}]},
		{"type":"message","subtype":"message_changed","ts":"3.0","blocks":[{"type":"divider"}],"message":{"type":"message","subtype":"bot_message","text":"t","ts":"1.4","blocks":[{"type":"context","elements":[{"text":"c"}]}]}},
		{"type":"message","subtype":"message_changed","ts":"3.1","message":{"type":"message","user":"U1","text":"","ts":"1.5","blocks":[{"type":"section","fields":[{"text":"f"}]}]}}]`, true},

	// Left to encoding/json: it says what is wrong, or decodes it its own way.
	{`[{"ts":"1.1"}`, false},
	{`[{"ts":"1.1"},]`, false},
	{`[{"ts":"1.1"}] x`, false},
	{`[{"ts":1.1}]`, false},
	{`[{"Text":"case","ts":"1.1"}]`, false},
	{`[{"text":"a","text":"b","ts":"1.1"}]`, false},
	{`[{"t\u0065xt":"escaped key","ts":"1.1"}]`, false},
	{`[{"tſ":"unicode key","ts":"1.1"}]`, false},
	{`[{"edited":true,"ts":"1.1"}]`, false},
	{`[{"blocks":[null],"ts":"1.1"}]`, false},
	{`["not an object"]`, false},
	{`[null]`, false},
	{`{"messages":[]}`, false},
	{"[{\"text\":\"control \x01 char\"}]", false},
	{`[{"text":"bad \x escape"}]`, false},
	{`[{"n":01}]`, false},
	{`[{"n":-}]`, false},
	{`[{"n":1.}]`, false},
	{`[{"n":tru}]`, false},
	{"\ufeff[]", false},
}

func TestFastMessages_Cases(t *testing.T) {
	for _, c := range fastCases {
		if got := checkFast(t, c.json, []byte(c.json)); c.read && !got {
			t.Errorf("fastMessages did not read %s", c.json)
		}
	}
}

// TestFastMessages_Exports reads every day file of the test exports and of a
// generated one both ways: fastMessages must read them all, as encoding/json does.
func TestFastMessages_Exports(t *testing.T) {
	n := 0
	for _, dir := range []string{"testdata", "../cmd/unblock/testdata"} {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
				return err
			}
			if _, _, ok := dayFile(filepath.Base(filepath.Dir(path)) + "/" + d.Name()); !ok {
				return nil
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if !checkFast(t, path, b) {
				t.Errorf("%s: fastMessages left it to encoding/json", path)
			}
			n++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := slackexporttest.Generate(&buf, 2000, 7); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if _, _, ok := dayFile(f.Name); !ok {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if !checkFast(t, f.Name, b) {
			t.Errorf("%s: fastMessages left it to encoding/json", f.Name)
		}
		n++
	}
	if n < 50 {
		t.Fatalf("read %d day files, want the test exports' and the generated one's", n)
	}
}

// FuzzFastMessages: whatever fastMessages reads, it reads as encoding/json does.
func FuzzFastMessages(f *testing.F) {
	for _, c := range fastCases {
		f.Add([]byte(c.json))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		checkFast(t, "fuzz", b)
	})
}
