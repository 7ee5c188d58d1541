package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/unblock-dev/unblock/slackexport"
	"github.com/unblock-dev/unblock/slackexport/slackexporttest"
	"github.com/unblock-dev/unblock/store"
)

// BenchmarkImportFloor measures `unblock import` side by side with its floor and
// with `unblock parse` of the same texts, interleaved in each iteration so that
// the ratios hold on a noisy machine:
//
//   - import: the command in-process under the context cmd/unblock gives every
//     command (cancellable), on a generated export of 40,000 messages where most
//     are standup reports (slackexporttest.StandupMix: threads, edits), into a new
//     database each time;
//   - floor: the simplest program that writes the rows that import left in its
//     database (every table) into a new database with the project's schema, in one
//     transaction, with one prepared INSERT per table, under the store's own DSN;
//   - parse: `unblock parse -jsonl -config ...` over the export's message texts.
//
// It reports each phase's milliseconds and the ratios import/floor and import/parse
// (issue 16's targets: at most 1.5 and 2), in wall time and in the process's CPU
// time (cpu-…: steadier on a shared machine; each phase ends with a collection of
// its own garbage).
//
//	go test -run '^$' -bench ImportFloor -benchtime 3x ./cmd/unblock/
func BenchmarkImportFloor(b *testing.B) {
	const messages = 40_000
	const cfg = "testdata/companyx.yaml"
	zip := slackexporttest.GenerateZipMix(b, messages, slackexporttest.StandupMix)
	dir := b.TempDir()
	ctx, stop := commandContext()
	defer stop()

	texts := exportTexts(b, zip)
	ref := filepath.Join(dir, "ref.db")
	if code, _, errOut := runCtx(ctx, b, nil, "import", "-config", cfg, "-db", ref, zip); code != 0 {
		b.Fatalf("import exit %d: %s", code, errOut)
	}
	tables := readTables(b, ref)

	var tImport, tFloor, tParse time.Duration
	var cImport, cFloor, cParse time.Duration // process CPU time, all threads
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		runtime.GC() // each phase pays for its own garbage
		start, cpu := time.Now(), cpuTime()
		db := filepath.Join(dir, "import"+strconv.Itoa(i)+".db")
		if code, _, errOut := runCtx(ctx, b, nil, "import", "-config", cfg, "-db", db, zip); code != 0 {
			b.Fatalf("import exit %d: %s", code, errOut)
		}
		runtime.GC()
		tImport += time.Since(start)
		cImport += cpuTime() - cpu

		start, cpu = time.Now(), cpuTime()
		writeFloor(b, filepath.Join(dir, "floor"+strconv.Itoa(i)+".db"), tables)
		runtime.GC()
		tFloor += time.Since(start)
		cFloor += cpuTime() - cpu

		start, cpu = time.Now(), cpuTime()
		if code, _, errOut := runCtx(ctx, b, bytes.NewReader(texts), "parse", "-jsonl", "-config", cfg); code != 0 {
			b.Fatalf("parse exit %d: %s", code, errOut)
		}
		runtime.GC()
		tParse += time.Since(start)
		cParse += cpuTime() - cpu
	}
	b.StopTimer()
	if b.N == 1 {
		// The first call of a benchmark is its warm-up: check the floor wrote what the import did.
		checkSameRows(b, tables, filepath.Join(dir, "floor0.db"))
	}
	n := float64(b.N)
	b.ReportMetric(float64(tImport.Milliseconds())/n, "import-ms")
	b.ReportMetric(float64(tFloor.Milliseconds())/n, "floor-ms")
	b.ReportMetric(float64(tParse.Milliseconds())/n, "parse-ms")
	b.ReportMetric(tImport.Seconds()/tFloor.Seconds(), "import/floor")
	b.ReportMetric(tImport.Seconds()/tParse.Seconds(), "import/parse")
	// The same in CPU time: steadier on a shared machine, and blind to work that
	// overlaps on several cores.
	b.ReportMetric(float64(cImport.Milliseconds())/n, "import-cpu-ms")
	b.ReportMetric(float64(cFloor.Milliseconds())/n, "floor-cpu-ms")
	b.ReportMetric(float64(cParse.Milliseconds())/n, "parse-cpu-ms")
	b.ReportMetric(cImport.Seconds()/cFloor.Seconds(), "cpu-import/floor")
	b.ReportMetric(cImport.Seconds()/cParse.Seconds(), "cpu-import/parse")
	b.ReportMetric(messages*n/tImport.Seconds(), "messages/s")
}

// runCtx runs the command in-process under ctx, with stdin (nil: empty).
func runCtx(ctx context.Context, tb testing.TB, stdin io.Reader, args ...string) (int, string, string) {
	tb.Helper()
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	var stdout, stderr bytes.Buffer
	env := &Env{Stdin: stdin, Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }}
	code := Main(ctx, env, args)
	return code, stdout.String(), stderr.String()
}

// exportTexts returns the export's message texts as `unblock parse -jsonl` input.
func exportTexts(tb testing.TB, zip string) []byte {
	tb.Helper()
	exp, err := slackexport.Open(zip)
	if err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for _, m := range exp.Messages {
		if err := enc.Encode(map[string]string{"text": m.Text}); err != nil {
			tb.Fatal(err)
		}
	}
	return buf.Bytes()
}

// table is one table's rows, read back from a database.
type table struct {
	name    string
	columns int
	rows    [][]any
}

// readTables reads every table of the database at path, in the order they were
// created (so that a row's foreign keys are written before it).
func readTables(tb testing.TB, path string) []table {
	tb.Helper()
	db, err := sql.Open("sqlite3", store.DSN(path))
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	var names []string
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid`)
	if err != nil {
		tb.Fatal(err)
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			tb.Fatal(err)
		}
		names = append(names, name)
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	var tables []table
	for _, name := range names {
		rows, err := db.Query(`SELECT * FROM "` + name + `"`)
		if err != nil {
			tb.Fatal(err)
		}
		cols, err := rows.Columns()
		if err != nil {
			tb.Fatal(err)
		}
		t := table{name: name, columns: len(cols)}
		for rows.Next() {
			row := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range row {
				ptrs[i] = &row[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				tb.Fatal(err)
			}
			t.rows = append(t.rows, row)
		}
		if err := rows.Err(); err != nil {
			tb.Fatal(err)
		}
		tables = append(tables, t)
	}
	return tables
}

// writeFloor is the store's floor: it creates a database with the project's schema
// at path and writes tables' rows into it in one transaction, one prepared INSERT
// per table. Rows the schema itself inserts (built-in roles, migrations) are
// ignored.
func writeFloor(tb testing.TB, path string, tables []table) {
	tb.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, path)
	if err != nil {
		tb.Fatal(err)
	}
	if err := s.Close(); err != nil {
		tb.Fatal(err)
	}
	db, err := sql.Open("sqlite3", store.DSN(path))
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	for _, t := range tables {
		marks := strings.TrimSuffix(strings.Repeat("?, ", t.columns), ", ")
		stmt, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO "`+t.name+`" VALUES (`+marks+`)`)
		if err != nil {
			tb.Fatal(err)
		}
		for _, row := range t.rows {
			if _, err := stmt.ExecContext(ctx, row...); err != nil {
				tb.Fatalf("%s: %v", t.name, err)
			}
		}
		stmt.Close()
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
}

// checkSameRows fails unless the database at path holds as many rows per table as tables.
func checkSameRows(tb testing.TB, tables []table, path string) {
	tb.Helper()
	got := readTables(tb, path)
	if len(got) != len(tables) {
		tb.Fatalf("floor has %d tables, import %d", len(got), len(tables))
	}
	for i, t := range tables {
		if len(got[i].rows) != len(t.rows) {
			tb.Errorf("table %s: floor %d rows, import %d", t.name, len(got[i].rows), len(t.rows))
		}
	}
	var total int
	for _, t := range tables {
		total += len(t.rows)
	}
	tb.Logf("floor: %d rows in %d tables", total, len(tables))
}

// cpuTime returns the CPU time the process has used, all threads.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
