package faults_test

import (
	"database/sql"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/unblock-dev/unblock/slackemu"
	"github.com/unblock-dev/unblock/store"
)

// TestReloadWhileLocked sends SIGHUP while another process holds the database's
// write lock past the busy timeout: the teams apply all the same (the round they
// make due goes out once the lock goes, each member once), so the log says so
// and no "config reload failed" line tells the operator otherwise.
func TestReloadWhileLocked(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	s := newSuite(t)
	s.noRound()
	s.start()
	s.sendDM(members[0], "before")
	s.settle()

	other, err := sql.Open("sqlite3", "file:"+filepath.Join(s.dir, "unblock.db")+"?_txlock=immediate&_busy_timeout=10000")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	tx, err := other.BeginTx(s.ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(`UPDATE people SET updated_at = updated_at`); err != nil {
		t.Fatal(err)
	}
	s.writeConfig(false) // a round due now
	if err := s.proc.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	time.Sleep(store.DefaultBusyTimeout + 2*time.Second) // the fault: the lock outlasts the busy timeout
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	prompted := func() map[string]int {
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
	if err := s.emu.WaitFor(s.ctx, func() bool { return len(prompted()) == len(members) }); err != nil {
		t.Fatalf("not every member was prompted once the lock went: %v\n%s", err, s.logTail())
	}
	s.settle()
	// SIGTERM ends run after the reload in hand: the log is whole.
	if err := s.proc.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := <-s.exited; err != nil {
		var ee *exec.ExitError
		if asExit(err, &ee) {
			t.Errorf("exit %d after SIGTERM, want 0", ee.ExitCode())
		}
	}
	s.proc = nil
	for id, n := range prompted() {
		if n != 1 {
			t.Errorf("%s prompted %d times", id, n)
		}
	}
	log := s.logTail()
	if strings.Contains(log, "config reload failed") {
		t.Errorf("the log says the reload failed, but its teams applied and prompted everyone:\n%s", log)
	}
	if !strings.Contains(log, "tried again") {
		t.Errorf("the log does not say the prompts the lock held up are tried again:\n%s", log)
	}
}
