package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"strings"
	"testing"
	"time"
)

func runParse(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	code = Main(context.Background(), env, append([]string{"parse"}, args...))
	return out.String(), errb.String(), code
}

func TestParseCommand_Text(t *testing.T) {
	out, errOut, code := runParse(t, "Y: shipped the form\nT: error states\nB: waiting on <@U024BE7LH> for the checkout mocks\n")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{"blocked: yes", "<@U024BE7LH> (person)", "checkout mocks (artifact, design)", "topic: checkout mocks"} {
		if !strings.Contains(out, want) {
			t.Errorf("output %q lacks %q", out, want)
		}
	}
}

// TestParseCommand_Mixed: a report that says one wait cleared and another goes
// on shows what is awaited under "on" and what cleared apart, and its JSON marks
// the cleared targets (docs/DESIGN.md, "Contract — parse JSON").
func TestParseCommand_Mixed(t *testing.T) {
	in := "got the settings mocks from <@U2>. Still waiting on legal for the DPA\n"
	out, errOut, code := runParse(t, in)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if want := "on: legal (role)  cleared: <@U2> (person), settings mocks (artifact, design)  topic: DPA"; !strings.Contains(out, want) {
		t.Errorf("output %q lacks %q", out, want)
	}
	out, errOut, code = runParse(t, in, "-json")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var got struct {
		Targets []struct {
			Name     string `json:"name"`
			Resolved *bool  `json:"resolved"`
		} `json:"targets"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output %q: %v", out, err)
	}
	var cleared, awaited []string
	for _, tg := range got.Targets {
		switch {
		case tg.Resolved == nil:
			awaited = append(awaited, tg.Name)
		case *tg.Resolved:
			cleared = append(cleared, tg.Name)
		default:
			t.Errorf("target %s: \"resolved\": false, want the key left out", tg.Name)
		}
	}
	if strings.Join(cleared, ",") != "<@U2>,settings mocks" || strings.Join(awaited, ",") != "legal" {
		t.Errorf("cleared %q, awaited %q; want [<@U2> settings mocks], [legal]: %s", cleared, awaited, out)
	}
}

func TestParseCommand_JSON(t *testing.T) {
	out, errOut, code := runParse(t, "no blockers :tada:\n", "-json")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output %q: %v", out, err)
	}
	for _, key := range []string{"text", "blocked", "resolved", "none", "targets", "topic"} {
		if _, ok := got[key]; !ok {
			t.Errorf("JSON %s lacks key %q", out, key)
		}
	}
	if got["none"] != true || got["blocked"] != false {
		t.Errorf("none=%v blocked=%v, want true, false", got["none"], got["blocked"])
	}
	if got["text"] != "no blockers :tada:" {
		t.Errorf("text = %q, want the input without its end of line", got["text"])
	}
	if !strings.Contains(out, `"targets":[]`) {
		t.Errorf("targets must be [] not null: %s", out)
	}
}

func TestParseCommand_JSONL(t *testing.T) {
	in := strings.Join([]string{
		`{"text": "blocked on legal for the DPA", "user": "U1"}`,
		``,
		`{"text": 42}`,
		`not json`,
		`{"user": "U2"}`,
		`{"text": "unblocked now that the designs arrived"}`,
	}, "\n") // no newline at the end: the last line still counts
	out, errOut, code := runParse(t, in, "-jsonl")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 6 {
		t.Fatalf("got %d output lines, want 6:\n%s", len(lines), out)
	}
	type result struct {
		Error    string `json:"error"`
		Blocked  bool   `json:"blocked"`
		Resolved bool   `json:"resolved"`
	}
	want := []struct {
		errPrefix         string
		blocked, resolved bool
	}{
		{"", true, false},
		{"line 2: empty line", false, false},
		{"line 3: field \"text\"", false, false},
		{"line 4: invalid JSON", false, false},
		{"line 5: no \"text\" field", false, false},
		{"", false, true},
	}
	for i, l := range lines {
		var r result
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("line %d %q: %v", i+1, l, err)
		}
		w := want[i]
		if !strings.HasPrefix(r.Error, w.errPrefix) || (w.errPrefix == "") != (r.Error == "") {
			t.Errorf("line %d error = %q, want prefix %q", i+1, r.Error, w.errPrefix)
		}
		if r.Blocked != w.blocked || r.Resolved != w.resolved {
			t.Errorf("line %d = %s, want blocked=%v resolved=%v", i+1, l, w.blocked, w.resolved)
		}
	}
}

// TestParseCommand_JSONLNoValidLine: input of which not one line could be read
// (most likely not JSON Lines with "text" at all) exits 1 with one line on
// stderr, after the per-line errors on stdout; a single readable line is
// enough for exit 0 and a quiet stderr, and so is no input at all.
func TestParseCommand_JSONLNoValidLine(t *testing.T) {
	long := `{"text": "` + strings.Repeat("a", MaxParseLine+10) + `"}`
	tests := []struct {
		name       string
		in         string
		wantCode   int
		wantStderr string
		wantLines  int // output lines, one per input line
	}{
		{"every line invalid", "not json\n{\"user\": \"U2\"}\n\n{\"text\": 42}\n", 1,
			"unblock parse: no valid line in standard input: 4 lines, none a JSON object with a \"text\" field (each line's error is on standard output)\n", 4},
		{"one invalid line", "plain standup text", 1,
			"unblock parse: no valid line in standard input: 1 line, none a JSON object with a \"text\" field (each line's error is on standard output)\n", 1},
		{"one line too long", long + "\n", 1,
			"unblock parse: no valid line in standard input: 1 line, none a JSON object with a \"text\" field (each line's error is on standard output)\n", 1},
		{"one valid among invalid", "not json\n{\"text\": \"blocked on legal\"}\n{}\n", 0, "", 3},
		{"every line valid", "{\"text\": \"no blockers\"}\n", 0, "", 1},
		{"no input", "", 0, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runParse(t, tt.in, "-jsonl")
			if code != tt.wantCode || errOut != tt.wantStderr {
				t.Errorf("exit %d, stderr %q; want exit %d, stderr %q", code, errOut, tt.wantCode, tt.wantStderr)
			}
			if got := strings.Count(out, "\n"); got != tt.wantLines {
				t.Errorf("got %d output lines, want %d:\n%.300s", got, tt.wantLines, out)
			}
		})
	}
}

func TestParseCommand_JSONLLongLine(t *testing.T) {
	long := `{"text": "` + strings.Repeat("a", MaxParseLine+10) + `"}`
	out, _, code := runParse(t, long+"\n"+`{"text": "nope"}`+"\n", "-jsonl")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "line 1: longer than") || !strings.Contains(lines[1], `"none":true`) {
		t.Fatalf("output:\n%.300s", out)
	}
}

func TestParseCommand_Usage(t *testing.T) {
	if _, _, code := runParse(t, "", "-bogus"); code != 2 {
		t.Errorf("unknown flag: exit %d, want 2", code)
	}
	if _, _, code := runParse(t, "", "file.txt"); code != 2 {
		t.Errorf("argument: exit %d, want 2", code)
	}
}

// TestParseCommand_JSONKeepsMarkup: -json writes a mention as the contract's
// example does ("<@U024BE7LH>"), not as \u003c@U024BE7LH\u003e, like the digest,
// the ledger, the export and -jsonl.
func TestParseCommand_JSONKeepsMarkup(t *testing.T) {
	for _, args := range [][]string{{"-json"}, {"-json", "-explain"}} {
		out, errOut, code := runParse(t, "waiting on <@U024BE7LH> for R&D's review", args...)
		if code != 0 {
			t.Fatalf("parse %v: exit %d, stderr %q", args, code, errOut)
		}
		if !strings.Contains(out, `"name":"<@U024BE7LH>"`) || !strings.Contains(out, `R&D's review`) || strings.Contains(out, `\u00`) {
			t.Errorf("parse %v escapes the text's markup:\n%s", args, out)
		}
	}
}

// TestParseCommand_Interrupted: Ctrl-C or SIGTERM (here: the context cancelled)
// while parse waits for standard input stops it as it stops every other
// command: exit 1 with one line saying so.
func TestParseCommand_Interrupted(t *testing.T) {
	for _, args := range [][]string{{"-json"}, {"-jsonl"}, nil} {
		t.Run(strings.Join(append([]string{"parse"}, args...), " "), func(t *testing.T) {
			stdin, w := io.Pipe()
			defer w.Close()
			var out, errb bytes.Buffer
			env := &Env{Stdin: stdin, Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			done := make(chan int, 1)
			go func() { done <- Main(ctx, env, append([]string{"parse"}, args...)) }()
			// The write returns once parse has read it: it is reading, and the
			// input has not ended.
			if _, err := io.WriteString(w, `{"text": "blocked on design"`); err != nil {
				t.Fatal(err)
			}
			cancel()
			select {
			case code := <-done:
				if code != 1 || !strings.HasPrefix(errb.String(), "unblock parse: interrupted: ") || strings.Count(errb.String(), "\n") != 1 {
					t.Errorf("exit %d, stderr %q; want 1 and one line saying it was interrupted", code, errb.String())
				}
			case <-time.After(10 * time.Second):
				t.Fatal("parse still reads standard input 10 s after it was stopped")
			}
		})
	}
}
