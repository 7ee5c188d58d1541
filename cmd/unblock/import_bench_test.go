package main

import (
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/unblock-dev/unblock/slackexport/slackexporttest"
)

// BenchmarkImport runs `unblock import` end to end (unzip, decode, parse, store in
// one transaction) on a generated export of 50,000 messages, into a new database
// each time, under the context every command gets (commandContext). Issue 5's
// target is 20,000 messages/s. BenchmarkImportFloor compares import with its floor.
func BenchmarkImport(b *testing.B) {
	const messages = 50_000
	zip := slackexporttest.GenerateZip(b, messages)
	dir := b.TempDir()
	ctx, stop := commandContext()
	defer stop()
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		db := filepath.Join(dir, strconv.Itoa(i)+".db")
		if code, _, errOut := runCtx(ctx, b, nil, "import", "-config", "testdata/companyx.yaml", "-db", db, zip); code != 0 {
			b.Fatalf("import exit %d: %s", code, errOut)
		}
	}
	b.ReportMetric(float64(messages*b.N)/time.Since(start).Seconds(), "messages/s")
}
