package faults_test

import (
	"fmt"
	"strings"
	"syscall"
	"testing"

	"github.com/unblock-dev/unblock/slackemu"
)

// TestFaults_SummaryPostedOnce: the team summary's first chat.postMessage is
// made by Slack but answered HTTP 500 (its outcome lost), and the other members
// answer while it waits to be looked up. The refreshes their answers decide do
// not post the summary again: it is posted once, then updated in place, and
// says every answer.
func TestFaults_SummaryPostedOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	s := newSuite(t)
	s.noRound()
	s.start()
	// The round falls due now (SIGHUP applies the config's teams at once).
	s.writeConfig(false)
	if err := s.proc.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	prompted := func() bool {
		for _, id := range members {
			if len(s.topLevel(s.emu.IMChannel(id))) == 0 {
				return false
			}
		}
		return true
	}
	if err := s.emu.WaitFor(s.ctx, prompted); err != nil {
		t.Fatalf("the prompts: %v\n%s", err, s.logTail())
	}

	// Every post is made, its answer lost, until the answers are in.
	s.emu.InjectFault("chat.postMessage", slackemu.Fault{Status: 500, Served: true})
	s.sendDM(members[0], "first")
	if err := s.emu.WaitFor(s.ctx, func() bool { return len(s.topLevel(standupChannel)) > 0 }); err != nil {
		t.Fatalf("the first summary: %v\n%s", err, s.logTail())
	}
	answering := members[1:4]
	for i, id := range answering {
		s.sendDM(id, fmt.Sprintf("then%d", i))
	}
	// Each answer's confirmation is made (in the transaction that decided it,
	// the answer's summary refresh was decided too).
	confirmed := func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		for _, m := range s.dms {
			found := false
			for _, msg := range s.emu.Messages(m.channel) {
				found = found || msg.User == slackemu.BotUserID && msg.ThreadTS == m.ts
			}
			if !found {
				return false
			}
		}
		return true
	}
	if err := s.emu.WaitFor(s.ctx, confirmed); err != nil {
		t.Fatalf("the confirmations: %v\n%s", err, s.logTail())
	}
	s.emu.ClearFaults()
	s.settle()

	sums := s.topLevel(standupChannel)
	for _, m := range sums {
		t.Logf("summary post %s: %.80q", m.TS, m.Text)
	}
	if len(sums) != 1 {
		t.Fatalf("the team summary was posted %d times, want once\n%s", len(sums), s.logTail())
	}
	if want := fmt.Sprintf("%d answered", 1+len(answering)); !strings.Contains(sums[0].Text, want) {
		t.Fatalf("the summary says %.80q, want the newest state: %s", sums[0].Text, want)
	}
}

// topLevel returns the bot's messages in channel that are not thread replies
// and were not deleted.
func (s *suite) topLevel(channel string) []slackemu.Message {
	var out []slackemu.Message
	for _, m := range s.emu.Messages(channel) {
		if m.User == slackemu.BotUserID && !m.Deleted && (m.ThreadTS == "" || m.ThreadTS == m.TS) {
			out = append(out, m)
		}
	}
	return out
}
