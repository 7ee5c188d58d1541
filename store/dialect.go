package store

import (
	"context"
	"database/sql"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// The store is one implementation over database/sql for two backends: SQLite
// (go-sqlite3, the default) and PostgreSQL (pgx's database/sql driver). Its SQL is
// written once, in SQLite's spelling, and kept to what both understand (ON
// CONFLICT upserts, RETURNING, integer times, 0/1 flags). What still differs is
// the dialect below: PostgreSQL gets its placeholders numbered and the two SQLite
// functions the store uses renamed; everything else that differs (column types,
// locking, where the inbox lives) is in the migrations and in postgres.go.

// dialect is the SQL spelling of one backend.
type dialect interface {
	// rebind returns query, written for SQLite, in the backend's spelling.
	rebind(query string) string
	// name is "sqlite" or "postgres", for messages.
	name() string
	// args returns args as the backend stores them: on PostgreSQL a Go bool is
	// the 0/1 INTEGER SQLite would make of it.
	args(args []any) []any
}

type sqliteDialect struct{}

func (sqliteDialect) rebind(q string) string { return q }
func (sqliteDialect) name() string           { return "sqlite" }
func (sqliteDialect) args(a []any) []any     { return a }

// postgresDialect rewrites SQLite's spelling for PostgreSQL, once per query text.
type postgresDialect struct{ cache *sync.Map }

func (postgresDialect) name() string { return "postgres" }

func (postgresDialect) args(a []any) []any {
	for i, v := range a {
		if b, ok := v.(bool); ok {
			a[i] = boolInt(b)
		}
	}
	return a
}

func (d postgresDialect) rebind(q string) string {
	if s, ok := d.cache.Load(q); ok {
		return s.(string)
	}
	s := rebindPostgres(q)
	d.cache.Store(q, s)
	return s
}

// postgresFuncs are the SQLite functions the store uses whose PostgreSQL
// spelling differs: instr(s, sub) is strpos(s, sub), and a BLOB read as text is
// convert_from(b, 'UTF8') (PostgreSQL's CAST of a bytea gives its hex escape).
var postgresFuncs = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`(?i)\binstr\(`), "strpos("},
	{regexp.MustCompile(`(?i)\bCAST\((\w+) AS TEXT\)`), "convert_from($1, 'UTF8')"},
}

// rebindPostgres numbers placeholders ("?" -> "$1", "$2", …; "?N" -> "$N"),
// outside quoted strings and identifiers, and renames postgresFuncs.
func rebindPostgres(q string) string {
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	var quote byte
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '?':
			j := i + 1
			for j < len(q) && q[j] >= '0' && q[j] <= '9' {
				j++
			}
			if j > i+1 {
				b.WriteString("$" + q[i+1:j])
				i = j - 1
			} else {
				n++
				b.WriteString("$" + strconv.Itoa(n))
			}
			continue
		}
		b.WriteByte(c)
	}
	s := b.String()
	for _, f := range postgresFuncs {
		s = f.re.ReplaceAllString(s, f.with)
	}
	return s
}

// querier is what *sql.Tx and *sql.DB have in common.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// pool is a connection pool that speaks the store's SQL in its backend's dialect.
type pool struct {
	*sql.DB
	d dialect
}

func (p *pool) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return p.DB.ExecContext(ctx, p.d.rebind(query), p.d.args(args)...)
}

func (p *pool) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return p.DB.QueryContext(ctx, p.d.rebind(query), p.d.args(args)...)
}

func (p *pool) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return p.DB.QueryRowContext(ctx, p.d.rebind(query), p.d.args(args)...)
}

// BeginTx begins a transaction that speaks the pool's dialect too.
func (p *pool) BeginTx(ctx context.Context, opts *sql.TxOptions) (dtx, error) {
	tx, err := p.DB.BeginTx(ctx, opts)
	return dtx{Tx: tx, d: p.d}, err
}

// dtx is a transaction that speaks the store's SQL in its backend's dialect.
type dtx struct {
	*sql.Tx
	d    dialect
	conn *sql.Conn // the transaction's connection, on SQLite; nil on PostgreSQL
}

func (t dtx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return t.Tx.ExecContext(ctx, t.d.rebind(query), t.d.args(args)...)
}

func (t dtx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return t.Tx.QueryContext(ctx, t.d.rebind(query), t.d.args(args)...)
}

func (t dtx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return t.Tx.QueryRowContext(ctx, t.d.rebind(query), t.d.args(args)...)
}
