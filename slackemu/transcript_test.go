package slackemu

import (
	"bufio"
	"bytes"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
)

// lockedBuffer is a bytes.Buffer safe to read while the server writes.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) lines(t *testing.T) []map[string]any {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []map[string]any
	sc := bufio.NewScanner(bytes.NewReader(b.buf.Bytes()))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var line map[string]any
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		out = append(out, line)
	}
	return out
}

func TestTranscript(t *testing.T) {
	var out lockedBuffer
	virtual := time.Date(2026, 11, 16, 9, 30, 0, 0, time.UTC)
	s := mustStart(t, Options{Transcript: &out, Now: func() time.Time { return virtual }})
	client, ctx := runSocket(t, s), testCtx(t)
	d, _ := s.PostMessage(ana, general, "standup")
	client.Ack(*next(ctx, t, client, socketmode.EventTypeEventsAPI).Request)
	if _, err := d.WaitAck(ctx); err != nil {
		t.Fatal(err)
	}
	if _, _, err := newAPI(s).PostMessageContext(ctx, general, slack.MsgOptionText("digest", false),
		slack.MsgOptionBlocks(slack.NewDividerBlock())); err != nil {
		t.Fatal(err)
	}

	lines := out.lines(t)
	var methods []string
	var envelope, post map[string]any
	for _, l := range lines {
		if l["at"] != "2026-11-16T09:30:00Z" {
			t.Fatalf("at = %v, want the virtual clock", l["at"])
		}
		switch l["dir"] {
		case "api":
			methods = append(methods, l["method"].(string))
			if l["method"] == "chat.postMessage" {
				post = l
			}
		case "envelope":
			envelope = l
		}
	}
	if len(methods) != 2 || methods[0] != "apps.connections.open" || methods[1] != "chat.postMessage" {
		t.Fatalf("api methods = %v", methods)
	}
	args := post["args"].(map[string]any)
	if args["text"] != "digest" || args["token"] != nil {
		t.Fatalf("args = %v: want the text and no token", args)
	}
	if blocks, ok := args["blocks"].([]any); !ok || len(blocks) != 1 {
		t.Fatalf("blocks = %#v, want decoded JSON", args["blocks"])
	}
	payload, _ := envelope["payload"].(map[string]any)
	if envelope["type"] != "events_api" || payload["event_id"] != d.EventID {
		t.Fatalf("envelope line = %v", envelope)
	}
}
