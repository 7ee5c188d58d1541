package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/unblock-dev/unblock/slackemu"
	"github.com/unblock-dev/unblock/slackexport/slackexporttest"
	"github.com/unblock-dev/unblock/store"
	"github.com/unblock-dev/unblock/store/pgtest"
)

// `database: ${DATABASE_URL}` runs the bot on PostgreSQL: what it reads lands
// there, and no SQLite file is made beside the config.
func TestRun_Postgres(t *testing.T) {
	url := pgtest.Schema(t)
	emu := slackemu.New(slackemu.Options{})
	if err := emu.Start(); err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	emu.AddUser(slackemu.User{ID: "U02ENG0042", Name: "tom", RealName: "Tom Berg", Title: "Backend Engineer", TZ: "Europe/Berlin"})
	emu.AddChannel("C061ENGSTND", "eng-standup", "U02ENG0042", slackemu.BotUserID)
	dir, cfg, vars := writeRunConfig(t, emu, "database: ${DATABASE_URL}\n")
	vars["DATABASE_URL"] = url
	var stderr bytes.Buffer
	env := &Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &stderr, Getenv: func(k string) string { return vars[k] }}

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	run, stop := context.WithCancel(ctx)
	done := make(chan int, 1)
	go func() { done <- Main(run, env, []string{"run", "-config", cfg}) }()
	if err := emu.WaitFor(ctx, func() bool { return emu.Connections() > 0 }); err != nil {
		stop()
		t.Fatalf("the bot did not connect: %v\n%s", err, stderr.String())
	}
	d, err := emu.PostMessage("U02ENG0042", "C061ENGSTND", "Blockers: waiting on legal to approve the copy")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.WaitAck(ctx); err != nil {
		t.Fatal(err)
	}
	// What it read is in the PostgreSQL store, read by the running bot.
	db, err := store.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := emu.WaitFor(ctx, func() bool {
		open, err := db.BlockersOf(ctx, "U02ENG0042", time.Now())
		return err == nil && len(open) == 1 && open[0].Target.Name == "legal"
	}); err != nil {
		t.Fatalf("the blocker is not in the PostgreSQL store: %v\n%s", err, stderr.String())
	}
	stop()
	if code := <-done; code != 0 {
		t.Fatalf("run exit %d: %s", code, stderr.String())
	}
	if strings.Contains(stderr.String(), "unblock.db") {
		t.Errorf("the log names a SQLite file:\n%s", stderr.String())
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "*.db")); len(files) > 0 {
		t.Errorf("SQLite files beside the config: %v", files)
	}
}

// migrate-db moves an imported team to PostgreSQL, checked by counts, and every
// reading command then gives the same answers from either database: the Company
// X digest and ledger. The same import straight into PostgreSQL gives them too.
func TestMigrateDB_CompanyX(t *testing.T) {
	url := pgtest.Schema(t)
	db := importedCompanyX(t)
	code, stdout, errOut := run(t, "migrate-db", "-from", "sqlite:"+db, "-to", url)
	if code != 0 || !strings.Contains(stdout, "every count matches") || !strings.Contains(stdout, "blocker_reports") {
		t.Fatalf("migrate-db exit %d, stdout %q, stderr %q", code, stdout, errOut)
	}
	if strings.Contains(stdout+errOut, "password") {
		t.Fatalf("output names a password: %s", stdout)
	}
	direct := pgtest.Schema(t)
	if code, _, errOut := run(t, "import", "-config", "testdata/companyx.yaml", "-db", direct, slackexporttest.CompanyXZip(t)); code != 0 {
		t.Fatalf("import into PostgreSQL exit %d: %s", code, errOut)
	}
	for _, args := range [][]string{
		{"digest", "-config", "testdata/companyx.yaml", "-as-of", "2026-11-20", "-format", "json"},
		{"blockers", "-config", "testdata/companyx.yaml", "-as-of", "2026-11-20", "-format", "json"},
	} {
		_, want, _ := run(t, append(args, "-db", db)...)
		for _, pg := range []string{url, direct} {
			code, got, errOut := run(t, append(args, "-db", pg)...)
			if code != 0 || got != want || !strings.Contains(got, `"open"`) {
				t.Fatalf("%s from PostgreSQL (exit %d, %s) differs from SQLite's:\n%s\nwant\n%s", args[0], code, errOut, got, want)
			}
		}
	}
	if code, _, errOut := run(t, "migrate-db", "-from", "sqlite:"+db, "-to", url); code == 0 || !strings.Contains(errOut, "already holds") {
		t.Fatalf("a second migrate-db into the same database: exit %d, %q; want a refusal", code, errOut)
	}
}

// check-config names a PostgreSQL database without its password.
func TestCheckConfig_PostgresURL(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(cfg, []byte("database: postgres://unblock:s3cret@db.internal:5432/unblock\ntimezone: UTC\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, "check-config", "-offline", cfg)
	if !strings.Contains(out, "database: postgres://unblock:xxxxx@db.internal:5432/unblock (PostgreSQL)") || strings.Contains(out+errOut, "s3cret") {
		t.Fatalf("check-config exit %d:\n%s%s\nwant the database named without its password", code, out, errOut)
	}
}

// Two `unblock run` on one PostgreSQL: the second stands by, and is ready (its
// /readyz says 200, as a readiness probe asks), so both stay in service; the
// replicas share the app-level token by design, and neither warns of the
// other's connection as of a process to stop.
func TestRun_PostgresReplicaStandingByIsReady(t *testing.T) {
	url := pgtest.Schema(t)
	emu := slackemu.New(slackemu.Options{})
	if err := emu.Start(); err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	_, cfg, vars := writeRunConfig(t, emu, "database: ${DATABASE_URL}\nops:\n  listen: 127.0.0.1:0\nlog:\n  format: json\n  level: debug\n")
	var warned atomic.Bool               // a replica warned of another process on the token
	helloOfTwo := make(chan struct{}, 4) // a replica's hello counted two connections
	vars["DATABASE_URL"] = url
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	// start runs a replica and returns its ops address once it logged msg.
	start := func(msg string) (addr string, stop func()) {
		logR, logW := io.Pipe()
		env := &Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: logW, Getenv: func(k string) string { return vars[k] }}
		runCtx, cancel := context.WithCancel(ctx)
		done := make(chan int, 1)
		go func() { done <- Main(runCtx, env, []string{"run", "-config", cfg}); logW.Close() }()
		found := make(chan string, 1)
		go func() {
			// The ops endpoints listen before the lease loop starts; wait
			// for both lines, whatever their order.
			var listen string
			var seen bool
			tell := found
			sc := bufio.NewScanner(logR)
			for sc.Scan() {
				var rec map[string]any
				if json.Unmarshal(sc.Bytes(), &rec) != nil {
					continue
				}
				if l, ok := rec["listen"].(string); ok {
					listen = l
				}
				m, _ := rec["msg"].(string)
				if strings.HasPrefix(m, msg) {
					seen = true
				}
				if strings.HasPrefix(m, "another process is connected") {
					warned.Store(true)
				}
				// A hello's warning, if any, is logged before its debug line.
				if n, _ := rec["num_connections"].(float64); m == "socket mode hello" && n == 2 {
					select {
					case helloOfTwo <- struct{}{}:
					default:
					}
				}
				if seen && listen != "" && tell != nil {
					tell <- listen
					tell = nil
				}
			}
		}()
		select {
		case addr = <-found:
		case <-ctx.Done():
			t.Fatalf("no replica logged %q", msg)
		}
		return addr, func() {
			cancel()
			if code := <-done; code != 0 {
				t.Errorf("run exit %d", code)
			}
		}
	}
	_, stopFirst := start("running the schedules")
	defer stopFirst()
	second, stopSecond := start("standing by")
	defer stopSecond()
	if err := emu.WaitFor(ctx, func() bool { return emu.Connections() >= 2 }); err != nil {
		t.Fatal(err)
	}
	for {
		code, out, errOut := run(t, "health", "-addr", second, "-ready")
		if code == 0 && out == "ok\n" {
			break
		}
		// Not ready while it starts, or until Socket Mode is connected.
		if !strings.Contains(out+errOut, "Socket Mode is not connected") && !strings.Contains(out+errOut, "not ready: starting") || ctx.Err() != nil {
			t.Fatalf("the standing-by replica's readiness: exit %d, %q, %q", code, out, errOut)
		}
	}
	select {
	case <-helloOfTwo:
	case <-ctx.Done():
		t.Fatal("no replica's hello counted the two connections")
	}
	if warned.Load() {
		t.Error("a replica warned of the other's connection on the app-level token as of a process to stop")
	}
}

// backup is SQLite's online backup: on PostgreSQL it says to use pg_dump.
func TestBackup_PostgresSaysPgDump(t *testing.T) {
	url := pgtest.Schema(t)
	db, err := store.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	out := filepath.Join(t.TempDir(), "backup.db")
	code, _, errOut := run(t, "backup", "-db", url, out)
	if code != 2 || !strings.Contains(errOut, "pg_dump") {
		t.Fatalf("backup of a PostgreSQL database: exit %d, %q; want 2 and pg_dump named", code, errOut)
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("a file was written")
	}
}
