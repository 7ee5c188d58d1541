package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
)

// countReports returns the reports and blockers in the database file at path.
func countRows(tb testing.TB, path string) (reports, blockers int) {
	tb.Helper()
	raw, err := sql.Open("sqlite3", path)
	if err != nil {
		tb.Fatal(err)
	}
	defer raw.Close()
	if err := raw.QueryRow(`SELECT (SELECT COUNT(*) FROM reports), (SELECT COUNT(*) FROM blockers)`).Scan(&reports, &blockers); err != nil {
		tb.Fatal(err)
	}
	return reports, blockers
}

// A backup taken while another goroutine keeps writing is a consistent copy of one
// moment: it passes SQLite's integrity and foreign-key checks, every blocker has
// the report that opened it, and it holds no fewer reports than were committed
// before it began and no more than after it ended.
func TestBackup_UnderConcurrentWrites(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	var committed atomic.Int64
	write := func(i int) {
		person := fmt.Sprintf("U%03d", i%50)
		st := blocked(fmt.Sprintf("topic %d", i), role("design"))
		if _, err := db.ApplyReport(ctx, report(person, fmt.Sprintf("%d.0", 1000+i), day(0).Add(time.Duration(i)*time.Minute)), st); err != nil {
			t.Error(err)
			return
		}
		committed.Add(1)
	}
	for i := range 300 {
		write(i)
	}

	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 300; ; i++ {
			select {
			case <-stop:
				return
			default:
				write(i)
			}
		}
	}()
	before := committed.Load()
	out := filepath.Join(t.TempDir(), "backup.db")
	err := db.Backup(ctx, out)
	after := committed.Load()
	close(stop)
	<-done
	if err != nil {
		t.Fatalf("Backup: %v", err)
	}

	raw, err := sql.Open("sqlite3", out)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var check string
	if err := raw.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check = %q, %v; want ok", check, err)
	}
	rows, err := raw.Query(`PRAGMA foreign_key_check`)
	if err != nil {
		t.Fatal(err)
	}
	if rows.Next() {
		t.Fatal("the backup has rows that break a foreign key")
	}
	rows.Close()
	var orphans int
	if err := raw.QueryRow(`SELECT COUNT(*) FROM blockers WHERE report_id NOT IN (SELECT id FROM reports)`).Scan(&orphans); err != nil || orphans != 0 {
		t.Fatalf("%d blockers without their opening report (%v)", orphans, err)
	}
	reports, blockers := countRows(t, out)
	if int64(reports) < before || int64(reports) > after+1 {
		t.Fatalf("backup holds %d reports; committed %d before it began and %d after it ended", reports, before, after)
	}
	if blockers == 0 {
		t.Fatal("backup holds no blockers")
	}
	t.Logf("backup of %d reports, %d blockers, taken while %d more reports were written", reports, blockers, committed.Load()-before)
}

func TestBackup_RefusesToOverwrite(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	out := filepath.Join(t.TempDir(), "backup.db")
	if err := db.Backup(ctx, out); err != nil {
		t.Fatal(err)
	}
	err := db.Backup(ctx, out)
	if err == nil || unblock.ErrorCode(err) != unblock.EINVALID || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("second Backup to %s = %v; want an EINVALID error saying it exists", out, err)
	}
}
