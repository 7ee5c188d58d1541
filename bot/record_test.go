package bot

import (
	"strings"
	"testing"

	"github.com/unblock-dev/unblock/slackemu"
)

// "/blocked on" processed twice (a restart between recording and marking the
// envelope processed) records once: its report is keyed by the command's trigger,
// not by the time it is processed.
func TestRecordBlocker_ProcessedTwiceRecordsOnce(t *testing.T) {
	h := newHarness(t, slackemu.Options{})
	args := []string{"on", "design", "checkout", "mocks"}
	first, err := h.bot.blockedAnswer(h.ctx, ana, stand, "13345224609.738474920.8ee6", args)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(first.text, "Noted") {
		t.Fatalf("first answer %q; want it to note the blocker", first.text)
	}
	before := h.open(ana)
	if len(before) != 1 {
		t.Fatalf("open = %+v; want one blocker", before)
	}
	if _, err := h.bot.blockedAnswer(h.ctx, ana, stand, "13345224609.738474920.8ee6", args); err != nil {
		t.Fatal(err)
	}
	after := h.open(ana)
	if len(after) != 1 || !after[0].LastSeenAt.Equal(before[0].LastSeenAt) {
		t.Fatalf("after processing the same command again: open = %+v; want exactly %+v (no second report)", after, before)
	}

	// A new command (another trigger) is a new report: the blocker is seen again.
	if _, err := h.bot.blockedAnswer(h.ctx, ana, stand, "13345224700.1.9aa1", args); err != nil {
		t.Fatal(err)
	}
	again := h.open(ana)
	if len(again) != 1 || !again[0].LastSeenAt.After(before[0].LastSeenAt) {
		t.Fatalf("after a second command: open = %+v; want the same blocker seen later", again)
	}
}
