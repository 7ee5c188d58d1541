package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/unblock-dev/unblock"
)

// Blockers stored before canonical nodes get them when the store opens; a
// blocker on "none" is dismissed (U5's is not open).
func TestOpen_RenodesOldBlockers(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db := mustOpenPath(t, path)
	mustPeople(t, db)
	apply(t, db, report("U1", "1.0", day(0)), blocked("checkout mocks", role("design")))
	raw := rawDB(t, db)
	// As an older unblock wrote them: nodes from the words as written.
	for _, q := range []string{
		`UPDATE blockers SET target_kind = 'role', target_name = 'eng', target_role = '', to_node = 'role:eng'`,
		`INSERT INTO blockers (person_id, target_kind, target_name, target_role, to_node, topic, opened_at, last_seen_at, report_id)
			SELECT 'U2', 'team', 'the data team', '', 'team:the-data-team', 'metrics', opened_at, last_seen_at, report_id FROM blockers`,
		`INSERT INTO blockers (person_id, target_kind, target_name, target_role, to_node, topic, opened_at, last_seen_at, report_id)
			SELECT 'U3', 'artifact', 'the API specs', 'product', 'artifact:the-api-specs', '', opened_at, last_seen_at, report_id FROM blockers WHERE person_id = 'U1'`,
		`INSERT INTO blockers (person_id, target_kind, target_name, target_role, to_node, topic, opened_at, last_seen_at, report_id)
			SELECT 'U4', 'role', 'checkout', '', 'role:checkout', '', opened_at, last_seen_at, report_id FROM blockers WHERE person_id = 'U1'`,
		`INSERT INTO blockers (person_id, target_kind, target_name, target_role, to_node, topic, opened_at, last_seen_at, report_id)
			SELECT 'U5', 'artifact', 'none', '', 'artifact:none', 'none', opened_at, last_seen_at, report_id FROM blockers WHERE person_id = 'U1'`,
		`DELETE FROM migrations WHERE name = 'migrations/0002_canonical_nodes.sql'`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db = mustOpenPath(t, path)
	open, err := db.OpenBlockers(ctx, day(1))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"U1": "role:engineering", "U2": "role:data", "U3": "artifact:api-spec", "U4": "team:checkout"}
	if len(open) != len(want) {
		t.Fatalf("open = %+v, want %d", open, len(want))
	}
	for _, b := range open {
		if b.To != want[b.PersonID] {
			t.Errorf("%s's blocker: node %s, want %s", b.PersonID, b.To, want[b.PersonID])
		}
		if b.Target.Kind == unblock.TargetRole && b.ToRole == unblock.RoleUnknown {
			t.Errorf("%s's blocker: a role target with no role: %+v", b.PersonID, b)
		}
	}
}
