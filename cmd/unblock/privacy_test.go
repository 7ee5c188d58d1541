package main

import (
	"database/sql"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/unblock-dev/unblock/slackexport/slackexporttest"
)

// export-user shows what is stored about a person; forget removes it, leaving
// others' waits on them pointed at their role; export-user then finds nothing.
func TestExportUserThenForget(t *testing.T) {
	db := importedCompanyX(t)
	const eve = "U04EVE" // Eve waits on Marco; Marco waits on Eve
	code, out, errOut := run(t, "export-user", "-db", db, eve)
	if code != 0 {
		t.Fatalf("export-user exit %d: %s", code, errOut)
	}
	var rec struct {
		ID      string `json:"id"`
		Profile *struct {
			RealName string `json:"real_name"`
			Role     string `json:"role"`
		} `json:"profile"`
		Reports    []struct{ Text string }   `json:"reports"`
		Blockers   []struct{ Person string } `json:"blockers"`
		WaitedOnBy []struct{ Person string } `json:"waited_on_by"`
		Sessions   []any                     `json:"sessions"`
	}
	if err := json.Unmarshal([]byte(out), &rec); err != nil {
		t.Fatalf("export-user JSON: %v\n%s", err, out)
	}
	if rec.ID != eve || rec.Profile == nil || rec.Profile.RealName != "Eve Martin" || rec.Profile.Role != "design" ||
		len(rec.Reports) == 0 || len(rec.Blockers) == 0 || len(rec.WaitedOnBy) == 0 || rec.Sessions == nil {
		t.Fatalf("export-user = %+v; want Eve's profile, reports, blockers, Marco's wait on her and [] sessions", rec)
	}
	for _, b := range rec.WaitedOnBy {
		if b.Person != "U06MARCO" {
			t.Errorf("waited_on_by lists %s; want only Marco", b.Person)
		}
	}

	code, out, errOut = run(t, "forget", "-db", db, eve)
	if code != 0 || !strings.Contains(out, "forgot "+eve) {
		t.Fatalf("forget exit %d, %q, %q", code, out, errOut)
	}
	raw, err := sql.Open("sqlite3", db)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, q := range []string{
		`SELECT COUNT(*) FROM people WHERE id = 'U04EVE'`,
		`SELECT COUNT(*) FROM reports WHERE person_id = 'U04EVE' OR instr(text, 'U04EVE') > 0 OR instr(statement, 'U04EVE') > 0`,
		`SELECT COUNT(*) FROM blockers WHERE person_id = 'U04EVE' OR to_node = 'U04EVE' OR instr(target_name, 'U04EVE') > 0`,
	} {
		var n int
		if err := raw.QueryRow(q).Scan(&n); err != nil || n != 0 {
			t.Errorf("%s = %d (%v); want 0", q, n, err)
		}
	}
	var marcoOnDesign int
	if err := raw.QueryRow(`SELECT COUNT(*) FROM blockers WHERE person_id = 'U06MARCO' AND to_node = 'role:design'`).Scan(&marcoOnDesign); err != nil || marcoOnDesign == 0 {
		t.Errorf("Marco's wait on Eve is not on role:design after forget (%d, %v)", marcoOnDesign, err)
	}
	if code, _, errOut := run(t, "export-user", "-db", db, eve); code != 2 || !strings.Contains(errOut, "nothing is stored about user U04EVE") {
		t.Fatalf("export-user after forget: exit %d, %q", code, errOut)
	}
	if code, _, errOut := run(t, "forget", "-db", db, "eve"); code != 2 || !strings.Contains(errOut, "not a Slack user ID") {
		t.Fatalf("forget eve: exit %d, %q", code, errOut)
	}
}

// TestExportUser_Unknown: a user ID the database knows nothing of is an input
// error, exit 2 as the README's exit codes say, on one line naming the ID and the
// database; a known one exits 0.
func TestExportUser_Unknown(t *testing.T) {
	db := importedCompanyX(t)
	tests := []struct {
		id       string
		wantCode int
		wantErr  string // "" for no error
	}{
		{"U04EVE", exitOK, ""},
		{"U0NOSUCH", exitUsage, "unblock export-user: nothing is stored about user U0NOSUCH in " + db + " (or they were forgotten)\n"},
		{"eve", exitUsage, "unblock export-user: nothing is stored about user eve in " + db + " (or they were forgotten)\n"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			code, _, errOut := run(t, "export-user", "-db", db, tt.id)
			if code != tt.wantCode || errOut != tt.wantErr {
				t.Errorf("export-user %s = exit %d, stderr %q; want exit %d, %q", tt.id, code, errOut, tt.wantCode, tt.wantErr)
			}
		})
	}
}

// TestForget_Unknown: as export-user, a user ID the database knows nothing of
// (mistyped, or forgotten already) is an input error, exit 2, on one line naming
// the ID and the database; an ID not shaped like one is exit 2 too, and a known
// one is forgotten, exit 0.
func TestForget_Unknown(t *testing.T) {
	db := importedCompanyX(t)
	tests := []struct {
		id       string
		wantCode int
		wantErr  string // "" for no error
	}{
		{"U0NOSUCH", exitUsage, "unblock forget: nothing is stored about user U0NOSUCH in " + db + " (or they were forgotten)\n"},
		{"U04EVE", exitOK, ""},
		{"U04EVE", exitUsage, "unblock forget: nothing is stored about user U04EVE in " + db + " (or they were forgotten)\n"},
		{"eve", exitUsage, "unblock forget: \"eve\" is not a Slack user ID (U… or W…)\n"},
	}
	for _, tt := range tests {
		code, _, errOut := run(t, "forget", "-db", db, tt.id)
		if code != tt.wantCode || errOut != tt.wantErr {
			t.Errorf("forget %s = exit %d, stderr %q; want exit %d, %q", tt.id, code, errOut, tt.wantCode, tt.wantErr)
		}
	}
}

// importedCompanyX imports the Company X export, as a user would, into a new
// database file and returns its path.
func importedCompanyX(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "x.db")
	if code, _, errOut := run(t, "import", "-config", "testdata/companyx.yaml", "-db", db, slackexporttest.CompanyXZip(t)); code != 0 {
		t.Fatalf("import exit %d: %s", code, errOut)
	}
	return db
}
