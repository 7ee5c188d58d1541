package bot

import (
	"context"
	"strings"
	"testing"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/slackemu"
)

// A handler that panics on one message (a bug on input nobody foresaw) fails that
// message only: the bot goes on, and the next message is read as usual. Without
// the recovery the panic would crash the bot, and again at every start while the
// message stays pending.
func TestE2E_HandlerPanicSkipsOnlyThatEnvelope(t *testing.T) {
	h := newHarness(t, slackemu.Options{})
	h.bot.OnReport(func(_ context.Context, r unblock.Report, _ unblock.Statement, _ unblock.Change) error {
		if strings.Contains(r.Text, "boom") {
			panic("a bug on this input")
		}
		return nil
	})
	h.deliver(h.emu.PostMessage(ana, stand, "Blockers: boom, waiting on legal for the DPA"))
	h.deliver(h.emu.PostMessage(dana, stand, "Blockers: waiting on product for the pricing decision"))
	if open := h.open(dana); len(open) != 1 || open[0].Topic != "pricing decision" {
		t.Fatalf("after a panicking envelope, the next one was not read: %+v", open)
	}
	if open := h.open(ana); len(open) != 0 {
		t.Fatalf("the panicking envelope's transaction was committed: %+v", open)
	}
}
