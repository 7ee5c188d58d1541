package store_test

import (
	"strings"
	"testing"

	"github.com/unblock-dev/unblock/store"
)

// Every migration exists for both backends under the same name: a new
// store/migrations/NNNN_x.sql needs its PostgreSQL twin in
// store/migrations/postgres/NNNN_x.sql (the same change in PostgreSQL's types).
func TestMigrations_BothBackends(t *testing.T) {
	lite, err := store.Migrations("sqlite")
	if err != nil {
		t.Fatal(err)
	}
	pg, err := store.Migrations("postgres")
	if err != nil {
		t.Fatal(err)
	}
	if len(lite) == 0 {
		t.Fatal("no migrations embedded")
	}
	if strings.Join(lite, "\n") != strings.Join(pg, "\n") {
		t.Errorf("the backends' migrations differ: a migration must exist for both, under the same name\nsqlite:   %v\npostgres: %v\n(add the PostgreSQL twin of a new store/migrations/N.sql in store/migrations/postgres/)", lite, pg)
	}
}
