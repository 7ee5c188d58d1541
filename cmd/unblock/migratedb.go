package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/store"
)

// MigrateDBCommand copies a team's database to another backend (SQLite to
// PostgreSQL, or back), checked by counting every table on both sides.
type MigrateDBCommand struct{}

func (c *MigrateDBCommand) Name() string { return "migrate-db" }
func (c *MigrateDBCommand) Synopsis() string {
	return "copies the database to PostgreSQL (or back to SQLite), checked by counts"
}

func (c *MigrateDBCommand) Run(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, c, "-from sqlite:PATH -to postgres://…")
	from := fs.String("from", "", "the database to copy: sqlite:PATH (or a PostgreSQL URL)")
	to := fs.String("to", "", "the new, empty database: a PostgreSQL URL (or sqlite:PATH of a file that does not exist yet)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q (run 'unblock migrate-db -h')", fs.Arg(0))
	}
	if *from == "" || *to == "" {
		return usagef("-from and -to are required: unblock migrate-db -from sqlite:unblock.db -to postgres://user@host/db")
	}
	src, dst := databaseArg(*from), databaseArg(*to)
	if src == dst {
		return usagef("-from and -to name the same database")
	}
	if !store.IsPostgres(src) {
		if _, err := os.Stat(src); errors.Is(err, os.ErrNotExist) {
			return unblock.Errorf(unblock.EINVALID, "database %s does not exist", src)
		}
	}
	if !store.IsPostgres(dst) {
		if _, err := os.Stat(dst); err == nil {
			return unblock.Errorf(unblock.EINVALID, "%s already exists: copy into a new file", dst)
		}
	}
	in, err := store.Open(ctx, src)
	if err != nil {
		return err // store.Open's errors name the database
	}
	defer in.Close()
	out, err := store.Open(ctx, dst)
	if err != nil {
		return err // store.Open's errors name the database
	}
	defer out.Close()
	counts, err := in.CopyTo(ctx, out)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "table\tsource\ttarget\t")
	var rows int64
	for _, c := range counts {
		fmt.Fprintf(tw, "%s\t%d\t%d\t\n", c.Table, c.Source, c.Target)
		rows += c.Target
	}
	tw.Flush()
	fmt.Fprintf(env.Stdout, "copied %d rows of %d tables from %s to %s; every count matches\n",
		rows, len(counts), store.Redacted(src), store.Redacted(dst))
	return nil
}

// databaseArg returns the database a -from or -to names: "sqlite:PATH" is the
// SQLite file PATH, anything else as it is (a PostgreSQL URL, a path).
func databaseArg(s string) string {
	if p, ok := strings.CutPrefix(s, "sqlite:"); ok {
		return p
	}
	return s
}
