package store_test

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/store"
	"github.com/unblock-dev/unblock/store/pgtest"
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

// Blockers stored before an outsider's legal form left its node (migration
// 0012) get the node the lifecycle now writes, with their target numbered anew,
// on both backends: the next "Acme" continues a wait stored on "Acme Corp"
// rather than opening a second blocker beside it.
func TestOpen_RenodesOutsidersLegalForms(t *testing.T) { eachBackend(t, testRenodeLegalForms) }

func testRenodeLegalForms(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	if onPostgres(t) {
		path = pgtest.Schema(t)
	}
	db := mustOpenPath(t, path)
	mustPeople(t, db)
	acme := unblock.Target{Kind: unblock.TargetExternal, Name: "Acme Corp", Role: unblock.RoleCustomer}
	globex := unblock.Target{Kind: unblock.TargetExternal, Name: "Globex", Role: unblock.RoleVendor}
	apply(t, db, report("U1", "1.0", day(0)), blocked("SSO metadata", acme))
	apply(t, db, report("U2", "2.0", day(0)), blocked("", globex))
	raw := rawDB(t, db)
	// As an older unblock wrote it: the legal form in the name and the node.
	for _, q := range []string{
		`INSERT INTO targets (kind, name, role, to_node) VALUES ('external', 'acme corp', 'customer', 'external:acme-corp')`,
		`UPDATE blockers SET target_name = 'acme corp', to_node = 'external:acme-corp',
			target_num = (SELECT num FROM targets WHERE to_node = 'external:acme-corp') WHERE person_id = 'U1'`,
		`DELETE FROM migrations WHERE name = 'migrations/0012_outsider_legal_forms.sql'`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db = mustOpenPath(t, path)
	want := map[string]string{"U1": "external:acme acme", "U2": "external:globex globex"}
	open := openAt(t, db, day(1))
	if len(open) != len(want) {
		t.Fatalf("open = %+v, want %d", open, len(want))
	}
	for _, b := range open {
		if got := b.To + " " + b.Target.Name; got != want[b.PersonID] {
			t.Errorf("%s's blocker: %s, want %s", b.PersonID, got, want[b.PersonID])
		}
	}
	// The digest's read by number names the new words too.
	byWords, _, err := store.SpanByWords(ctx, db, day(0), day(1))
	if err != nil {
		t.Fatal(err)
	}
	byNumber, _, ok, err := store.SpanByNumber(ctx, db, day(0), day(1))
	if err != nil || !ok || !reflect.DeepEqual(byNumber, byWords) {
		t.Fatalf("read by number (ok %v, %v):\n%+v\nby words:\n%+v", ok, err, byNumber, byWords)
	}
	ch := apply(t, db, report("U1", "3.0", day(1)), blocked("", unblock.Target{Kind: unblock.TargetExternal, Name: "Acme", Role: unblock.RoleVendor}))
	if len(ch.Opened) != 0 || len(ch.Seen) != 1 || ch.Seen[0].To != "external:acme" {
		t.Errorf("Acme the next day: opened %+v, seen %+v; want the stored wait seen", ch.Opened, ch.Seen)
	}
}
