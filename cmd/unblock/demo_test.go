package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The demo is how a newcomer meets the product: it must print the Company X loop,
// and its transcript must show every behaviour issue 7 lists.
func TestDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("the demo plays a whole week")
	}
	transcript := filepath.Join(t.TempDir(), "week.jsonl")
	code, out, errOut := run(t, "demo", "-transcript", transcript)
	if code != 0 {
		t.Fatalf("demo exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"Loop: Design -> Product -> Engineering -> Design",
		"eve -> omar -> eve",
		"priya -> ana -> design",
		"What Lena, the VP of Engineering, reads on Monday morning",
		"Lena, a workspace admin, opens the App Home",
		"sets up the product standup",
		"Omar presses \"Skip today\" on the prompt",
		"Standups: answered ",
		" 1 skipped",
		"unblock export (with -from 2026-11-16 -to 2026-11-22, on your own config)",
		"report_id  person     day         source",
		// The demo runs on its embedded config: no command line a person could run.
		"Why these numbers? `/blocked why` shows the reports behind your own blockers.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the demo's output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "-config FILE") {
		t.Errorf("the demo's output names a placeholder -config FILE:\n%s", out)
	}

	f, err := os.Open(transcript)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	seen := map[string]int{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var line struct {
			At      string          `json:"at"`
			Dir     string          `json:"dir"`
			Method  string          `json:"method"`
			Type    string          `json:"type"`
			Args    json.RawMessage `json:"args"`
			Payload json.RawMessage `json:"payload"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatalf("transcript line %q: %v", sc.Text(), err)
		}
		if !strings.HasPrefix(line.At, "2026-11-") {
			t.Fatalf("transcript line at %q: want the demo's virtual clock", line.At)
		}
		switch line.Dir {
		case "api":
			seen["api "+line.Method]++
			if line.Method == "chat.postMessage" {
				for _, text := range []string{"gentle reminder", ":wave:", "Weekly blockers", "Time for the"} {
					if strings.Contains(string(line.Args), text) {
						seen["post "+text]++
					}
				}
			}
			if line.Args == nil {
				t.Fatalf("api line without args: %s", sc.Text())
			}
		case "envelope":
			seen["envelope "+line.Type]++
			if line.Payload == nil {
				t.Fatalf("envelope line without payload: %s", sc.Text())
			}
		default:
			t.Fatalf("transcript line with dir %q", line.Dir)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n := seen["api views.open"]; n < 2 {
		t.Errorf("views.open %d times, want the admin's standup modal and the answer modal", n)
	}
	for what, why := range map[string]string{
		"api chat.postMessage":             "prompts, reminders, summaries, the digest",
		"api chat.update":                  "the summary updated in place",
		"api views.open":                   "the standup modal",
		"api views.publish":                "the App Home",
		"api files.completeUploadExternal": "the digest's picture",
		"api response_url":                 "the /blocked answer",
		"envelope events_api":              "messages",
		"envelope slash_commands":          "/blocked",
		"envelope interactive":             "buttons and the modal",
		"api apps.connections.open":        "Socket Mode",
		"api files.getUploadURLExternal":   "the digest's picture",
		"api conversations.open":           "DMs",
		"api users.list":                   "the directory",
	} {
		if seen[what] == 0 {
			t.Errorf("the transcript shows no %s (%s)", what, why)
		}
	}
}
