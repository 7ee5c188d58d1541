package unblock

import "strings"

// IsPostgresURL reports whether a configured database names a PostgreSQL server
// (postgres://… or postgresql://…) rather than a SQLite file. One home for the
// rule: the config resolves file paths but not URLs, and the store picks its
// backend by it.
func IsPostgresURL(database string) bool {
	return strings.HasPrefix(database, "postgres://") || strings.HasPrefix(database, "postgresql://")
}
