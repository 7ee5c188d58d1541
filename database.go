package unblock

import "strings"

// IsPostgresURL reports whether a configured database names a PostgreSQL server
// (postgres://… or postgresql://…) rather than a SQLite file. One home for the
// rule: the config resolves file paths but not URLs, and the store picks its
// backend by it.
func IsPostgresURL(database string) bool {
	return strings.HasPrefix(database, "postgres://") || strings.HasPrefix(database, "postgresql://")
}

// IsPostgresKeywords reports whether a configured database is a PostgreSQL
// connection string in keyword/value form ("host=db user=app password=…
// dbname=unblock"). unblock takes PostgreSQL as a URL only; this form is refused
// with an error that masks its password, never taken for a file's name.
func IsPostgresKeywords(database string) bool {
	for _, f := range strings.Fields(database) {
		key, _, ok := strings.Cut(f, "=")
		if ok && postgresKeywords[strings.ToLower(key)] {
			return true
		}
	}
	return false
}

// postgresKeywords are the keys of libpq's keyword/value form a database
// setting is told by.
var postgresKeywords = map[string]bool{
	"host": true, "hostaddr": true, "port": true, "dbname": true, "user": true, "password": true, "sslmode": true,
	"sslpassword": true, "passfile": true, "service": true, "connect_timeout": true,
}

// PostgresKeywordsError is the error for a database given in keyword/value form,
// named as redacted says.
func PostgresKeywordsError(redacted string) error {
	return Errorf(EINVALID, "database %s: a PostgreSQL connection string in keyword/value form; give it as a URL, postgres://USER:PASSWORD@HOST:PORT/DBNAME", redacted)
}
