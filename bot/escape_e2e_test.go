package bot

import (
	"strings"
	"testing"

	"github.com/unblock-dev/unblock/slackemu"
)

// Slack sends message text escaped ("R&amp;D"); the bot decodes it once on the
// way in and escapes it once on the way out: the blocker's topic is "R&D mocks",
// never a literal "R&amp;D", whether the message arrived new, edited or as a
// slash command, and the confirmation and /blocked show it escaped exactly once.
func TestE2E_EscapedTextRoundTrip(t *testing.T) {
	h := newHarness(t, slackemu.Options{})
	im := h.emu.IMChannel(ana)
	// As Slack sends "blocked on design for the R&D mocks (v2 > v1)".
	d := h.deliver(h.emu.PostMessage(ana, im, "blocked on design for the R&amp;D mocks (v2 &gt; v1)"))
	if got, want := h.onlyBlocker(ana).Topic, "R&D mocks"; got != want {
		t.Fatalf("topic = %q, want %q", got, want)
	}
	var confirm string
	for _, m := range h.botMessages(im) {
		confirm = m.Text
	}
	if !strings.Contains(confirm, "(R&amp;D mocks)") || strings.Contains(confirm, "&amp;amp;") {
		t.Errorf("confirmation %q, want the topic escaped once: (R&amp;D mocks)", confirm)
	}
	if r := h.slash(ana, ""); !strings.Contains(r.Text, "(R&amp;D mocks)") || strings.Contains(r.Text, "&amp;amp;") {
		t.Errorf("/blocked: %q\nwant the topic escaped once: (R&amp;D mocks)", r.Text)
	}

	// An edit is decoded as a new message is.
	h.deliver(h.emu.EditMessage(im, d.TS, "blocked on design for the Q&amp;A mocks"))
	if got, want := h.onlyBlocker(ana).Topic, "Q&A mocks"; got != want {
		t.Fatalf("after the edit: topic = %q, want %q", got, want)
	}

	// Through the command: Slack escapes its text too.
	h.slash(dana, "on design for the R&amp;D pricing spec")
	if got, want := h.onlyBlocker(dana).Topic, "the R&D pricing spec"; got != want {
		t.Errorf("/blocked on design for the R&amp;D pricing spec: topic %q, want %q", got, want)
	}
}
