package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/unblock-dev/unblock/slackexport/slackexporttest"
)

// A message deleted after an earlier import brought it in is withdrawn by the
// import of a later export that records the deletion, with the blockers it
// opened, as the live bot withdraws a deleted message (TestE2E_PostEditDelete in bot/).
func TestImport_DeletionInLaterExport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte("timezone: UTC\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	common := map[string]string{
		"users.json":    `[{"id":"U0ANA0001","name":"ana","real_name":"Ana Ruiz"},{"id":"U0BEN0001","name":"ben","real_name":"Ben Li"}]`,
		"channels.json": `[{"id":"C0TEAM001","name":"team","members":["U0ANA0001","U0BEN0001"]}]`,
	}
	export := func(days map[string]string) string {
		files := map[string]string{}
		for k, v := range common {
			files[k] = v
		}
		for k, v := range days {
			files[k] = v
		}
		return slackexporttest.Zip(t, files)
	}
	// 2026-11-16 09:00 and 09:01 UTC.
	first := export(map[string]string{"team/2026-11-16.json": `[
		{"type":"message","user":"U0ANA0001","text":"blocked on design for the checkout mocks","ts":"1794819600.000100"},
		{"type":"message","user":"U0BEN0001","text":"blocked on legal for the DPA","ts":"1794819660.000100"}]`})
	// The next day's export: Ana deleted her message.
	second := export(map[string]string{"team/2026-11-17.json": `[
		{"type":"message","subtype":"message_deleted","hidden":true,"deleted_ts":"1794819600.000100","ts":"1794906000.000100",
		 "previous_message":{"type":"message","user":"U0ANA0001","text":"blocked on design for the checkout mocks","ts":"1794819600.000100"}}]`})
	for _, zip := range []string{first, second} {
		if code, _, errOut := run(t, "import", "-config", cfg, "-db", db, zip); code != 0 {
			t.Fatalf("import exit %d: %s", code, errOut)
		}
	}
	code, out, errOut := run(t, "blockers", "-config", cfg, "-db", db, "-as-of", "2026-11-17", "-format", "json")
	if code != 0 {
		t.Fatalf("blockers exit %d: %s", code, errOut)
	}
	l := decodeLedger(t, out)
	var got []string
	for _, b := range l.Blockers {
		got = append(got, b.Person+" "+b.Status)
	}
	if len(got) != 1 || got[0] != "U0BEN0001 open" {
		t.Fatalf("blockers after the deletion = %v, want only Ben's open one (Ana's deleted message withdrew hers)", got)
	}
}
