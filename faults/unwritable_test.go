package faults_test

import (
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/unblock-dev/unblock/slackemu"
)

// TestUnwritableDatabaseStopsTheSchedules makes the database stop taking writes
// while the bot runs with no envelope coming in (its -wal file made immutable,
// as a full disk or a read-only remount would), then makes a standup round due:
// the scheduler cannot record a prompt, so `unblock run` stops with exit 1 and a
// last line naming the database, says nobody was prompted, and once the
// database takes writes again a restart prompts everyone exactly once.
func TestUnwritableDatabaseStopsTheSchedules(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	s := newSuite(t)
	s.noRound()
	s.start()
	s.sendDM(members[0], "before")
	s.settle()

	db := filepath.Join(s.dir, "unblock.db")
	wal := db + "-wal"
	if out, err := exec.Command("chattr", "+i", wal).CombinedOutput(); err != nil {
		t.Skipf("cannot make the database's -wal file immutable here (chattr +i needs root and an ext file system): %v %s", err, out)
	}
	defer exec.Command("chattr", "-i", wal).Run()

	// The round falls due now (SIGHUP applies the config's teams at once).
	s.writeConfig(false)
	if err := s.proc.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-s.exited:
		s.proc = nil
		var ee *exec.ExitError
		if !asExit(err, &ee) || ee.ExitCode() != 1 {
			t.Errorf("exit with a database that takes no writes: %v, want exit 1", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("the bot runs on with a database that takes no writes\n%s", s.logTail())
	}
	log := s.logTail()
	if last := lastLine(log); !strings.Contains(last, db) || !strings.Contains(last, "cannot be written") {
		t.Errorf("last line %q does not say the database %s cannot be written", last, db)
	}
	if strings.Contains(log, "standup prompted") {
		t.Errorf("the log says members were prompted, but no prompt could be recorded:\n%s", log)
	}
	for _, line := range strings.Split(log, "\n") {
		if n := strings.Count(line, "cannot be written"); n > 1 {
			t.Errorf("a line repeats the same error %d times: %.300s…", n, line)
		}
	}
	for _, id := range members {
		for _, m := range s.emu.Messages(s.emu.IMChannel(id)) {
			if m.User == slackemu.BotUserID && m.ThreadTS == "" && strings.Contains(m.Text, "standup") {
				t.Errorf("%s was prompted while no prompt could be recorded", id)
			}
		}
	}

	// The database takes writes again: a restart prompts everyone, once.
	if out, err := exec.Command("chattr", "-i", wal).CombinedOutput(); err != nil {
		t.Fatalf("chattr -i: %v %s", err, out)
	}
	s.start()
	prompts := func() map[string]int {
		n := map[string]int{}
		for _, id := range members {
			for _, m := range s.emu.Messages(s.emu.IMChannel(id)) {
				if m.User == slackemu.BotUserID && m.ThreadTS == "" && strings.Contains(m.Text, "standup") {
					n[id]++
				}
			}
		}
		return n
	}
	if err := s.emu.WaitFor(s.ctx, func() bool { return len(prompts()) == len(members) }); err != nil {
		t.Fatalf("not every member was prompted after the restart: %v\n%s", err, s.logTail())
	}
	s.settle()
	for id, n := range prompts() {
		if n != 1 {
			t.Errorf("%s prompted %d times", id, n)
		}
	}
}
