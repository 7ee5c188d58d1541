package bot

import (
	"io"
	"log/slog"
	"strconv"
	"testing"

	"github.com/unblock-dev/unblock/clock"
	"github.com/unblock-dev/unblock/llm"
	"github.com/unblock-dev/unblock/llm/llmtest"
	"github.com/unblock-dev/unblock/slackemu"
)

// startReader replaces the harness's bot with one whose LLM reader asks srv.
func (h *harness) startReader(srv *llmtest.Server, channels ...string) *llm.Worker {
	h.t.Helper()
	h.bot.Close()
	c, err := llm.NewClient(llm.ClientConfig{URL: srv.URL + "/v1", Model: "fake-model", RequestsPerMinute: 60_000})
	if err != nil {
		h.t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	w := llm.NewWorker(llm.NewReader(c, h.db, nil, nil), h.db, clock.Real{}, log)
	b, err := New(Config{
		AppToken: h.emu.AppToken(), BotToken: h.emu.BotToken(), APIURL: h.emu.APIURL(),
		Reader: w, ReaderChannels: channels, Logger: log,
	}, h.db)
	if err != nil {
		h.t.Fatal(err)
	}
	if err := b.Open(h.ctx); err != nil {
		h.t.Fatal(err)
	}
	h.bot = b
	h.t.Cleanup(func() { b.Close() })
	return w
}

// settled waits until the reader has settled every queued reading.
func (h *harness) settled(w *llm.Worker) {
	h.t.Helper()
	for {
		idle := w.Idle()
		n, err := h.db.CountReadings(h.ctx)
		if err != nil {
			h.t.Fatal(err)
		}
		if n == 0 {
			return
		}
		select {
		case <-idle:
		case <-h.ctx.Done():
			h.t.Fatalf("%d readings still queued: %v", n, h.ctx.Err())
		}
	}
}

// TestE2E_Reader follows messages through the rules and the LLM reader: the
// rules' statement is applied before the ack, and the LLM's answer revises it
// afterwards through the store, linking a continuation to the blocker it names.
func TestE2E_Reader(t *testing.T) {
	h := newHarness(t, slackemu.Options{})
	gate := make(chan struct{})
	srv := llmtest.New(func(r llmtest.Request) llmtest.Reply {
		switch r.Statement() {
		case "Blockers: users with an unpaid invoice are blocked from checkout":
			<-gate // the model is slow: the ack and the rules' reading do not wait
			return llmtest.Reply{Content: `{"blocked": false, "resolved": false, "none": false, "continues": [], "resolves": [], "targets": [], "topic": ""}`}
		case "Blockers: blocked on design for the checkout mocks":
			return llmtest.Reply{Content: `{"blocked": true, "resolved": false, "none": false, "continues": [], "resolves": [],
				"targets": [{"kind": "role", "name": "design", "role": "design"}], "topic": "checkout mocks"}`}
		case "Blockers: still waiting on them, day 3":
			if ids := r.OpenBlockers(); len(ids) == 1 {
				return llmtest.Reply{Content: `{"blocked": true, "resolved": false, "none": false, "continues": [` +
					strconv.FormatInt(ids[0], 10) + `], "resolves": [], "targets": [], "topic": ""}`}
			}
		}
		return llmtest.Reply{Status: 400}
	})
	defer srv.Close()
	w := h.startReader(srv, stand)

	// A product rule the rules read as a blocker: the LLM withdraws it.
	h.deliver(h.emu.PostMessage(ana, stand, "Blockers: users with an unpaid invoice are blocked from checkout"))
	if open := h.open(ana); len(open) != 1 {
		t.Fatalf("before the LLM's answer: open = %+v; want the rules' blocker", open)
	}
	close(gate)
	h.settled(w)
	if open := h.open(ana); len(open) != 0 {
		t.Fatalf("after the LLM's answer: open = %+v; want none", open)
	}

	// A blocker, then a continuation the rules cannot tie to it.
	h.deliver(h.emu.PostMessage(dana, stand, "Blockers: blocked on design for the checkout mocks"))
	h.settled(w)
	first := h.open(dana)
	if len(first) != 1 || first[0].To != "role:design" {
		t.Fatalf("open = %+v; want one blocker on design", first)
	}
	h.deliver(h.emu.PostMessage(dana, stand, "Blockers: still waiting on them, day 3"))
	h.settled(w)
	open := h.open(dana)
	if len(open) != 1 || open[0].ID != first[0].ID || !open[0].LastSeenAt.After(first[0].LastSeenAt) {
		t.Fatalf("after the continuation: open = %+v; want blocker %d seen again", open, first[0].ID)
	}
	if got := len(srv.Requests()); got != 3 {
		t.Errorf("%d requests; want 3", got)
	}

	// Outside the reader's channels nothing is sent.
	h.emu.AddChannel("C0OTHER01", "other", priya, slackemu.BotUserID)
	h.deliver(h.emu.PostMessage(priya, "C0OTHER01", "Blockers: blocked on design for the checkout mocks"))
	h.settled(w)
	if got := len(srv.Requests()); got != 3 {
		t.Errorf("%d requests after a post outside the reader's channels; want still 3", got)
	}
}
