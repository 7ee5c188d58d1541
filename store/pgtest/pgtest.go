// Package pgtest gives tests a PostgreSQL schema of their own on the server that
// UNBLOCK_TEST_POSTGRES names, dropped when the test ends. Without the variable the
// tests that need PostgreSQL skip, saying so; with it, a server that cannot be used
// fails them: CI sets it, so PostgreSQL tests that did not run fail CI.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
)

// Env names the PostgreSQL server the tests use, as a URL
// (postgres://postgres@127.0.0.1:5432/test?sslmode=disable).
const Env = "UNBLOCK_TEST_POSTGRES"

// URL returns the server's URL, or skips tb when Env is not set.
func URL(tb testing.TB) string {
	tb.Helper()
	u := os.Getenv(Env)
	if u == "" {
		tb.Skipf("%s is not set: set it to a PostgreSQL server's URL (postgres://postgres@127.0.0.1:5432/test?sslmode=disable) to run this on PostgreSQL", Env)
	}
	return u
}

// Schema creates a new empty schema on the server and returns the server's URL
// with search_path set to it; the schema and all in it are dropped when tb ends.
// It skips tb when Env is not set and fails it when the server cannot be used.
func Schema(tb testing.TB) string {
	tb.Helper()
	base := URL(tb)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatalf("%s=%s: %v", Env, base, err)
	}
	tb.Cleanup(func() { admin.Close() })
	var b [6]byte
	rand.Read(b[:])
	schema := "unblock_test_" + hex.EncodeToString(b[:])
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := admin.ExecContext(ctx, `CREATE SCHEMA `+schema); err != nil {
		tb.Fatalf("%s=%s: create schema: %v (is the server running?)", Env, base, err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := admin.ExecContext(ctx, `DROP SCHEMA `+schema+` CASCADE`); err != nil {
			tb.Errorf("drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("%s=%s: %v", Env, base, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
