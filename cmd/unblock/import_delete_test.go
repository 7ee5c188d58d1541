package main

import (
	"os"
	"path/filepath"
	"slices"
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

// Overlapping exports imported newest first change nothing of what the newer
// one said: a message it records as deleted stays gone, and a text it records
// as edited last stays the text, when the older export (taken before the
// deletion, or holding an earlier edit) comes in after it (the README: "in
// either order").
func TestImport_OlderExportAfterNewer(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte("timezone: UTC\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	common := map[string]string{
		"users.json": `[{"id":"U0ANA0001","name":"ana","real_name":"Ana Ruiz"},{"id":"U0BEN0001","name":"ben","real_name":"Ben Li"},
			{"id":"U0CAT0001","name":"cat","real_name":"Cat Wu"},{"id":"U0DAN0001","name":"dan","real_name":"Dan Ro"}]`,
		"channels.json": `[{"id":"C0TEAM001","name":"team","members":["U0ANA0001","U0BEN0001"]}]`,
	}
	export := func(day string) string {
		files := map[string]string{"team/2026-11-16.json": day}
		for k, v := range common {
			files[k] = v
		}
		return slackexporttest.Zip(t, files)
	}
	// 2026-11-16 09:00 UTC: Ana's wait, deleted at 11:00; Ben's, edited at 09:30 and again at 10:00.
	newer := export(`[
		{"type":"message","user":"U0BEN0001","text":"waiting on <@U0DAN0001> for the DPA","ts":"1794819660.000100","edited":{"user":"U0BEN0001","ts":"1794823200.000000"}},
		{"type":"message","subtype":"message_deleted","hidden":true,"deleted_ts":"1794819600.000100","ts":"1794826800.000100"}]`)
	older := export(`[
		{"type":"message","user":"U0ANA0001","text":"blocked on design for the checkout mocks","ts":"1794819600.000100"},
		{"type":"message","user":"U0BEN0001","text":"waiting on <@U0CAT0001> for the pricing","ts":"1794819660.000100","edited":{"user":"U0BEN0001","ts":"1794821400.000000"}}]`)
	ledger := func(zips ...string) []string {
		db := filepath.Join(t.TempDir(), "x.db")
		for _, zip := range zips {
			if code, _, errOut := run(t, "import", "-config", cfg, "-db", db, zip); code != 0 {
				t.Fatalf("import exit %d: %s", code, errOut)
			}
		}
		code, out, errOut := run(t, "blockers", "-config", cfg, "-db", db, "-as-of", "2026-11-17", "-format", "json")
		if code != 0 {
			t.Fatalf("blockers exit %d: %s", code, errOut)
		}
		var got []string
		for _, b := range decodeLedger(t, out).Blockers {
			got = append(got, b.Person+" -> "+b.Target.Node+" "+b.Status)
		}
		return got
	}
	want := ledger(newer)
	if len(want) != 1 || want[0] != "U0BEN0001 -> U0DAN0001 open" {
		t.Fatalf("the newer export alone: %v; want Ben waiting on Dan", want)
	}
	for _, order := range [][]string{{newer, older}, {older, newer}} {
		if got := ledger(order...); !slices.Equal(got, want) {
			t.Errorf("imported %s first: %v; want %v", map[bool]string{true: "newer", false: "older"}[order[0] == newer], got, want)
		}
	}
}
