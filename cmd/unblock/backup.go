package main

import (
	"context"
	"fmt"

	"github.com/unblock-dev/unblock/store"
)

// BackupCommand writes a consistent copy of the database, also while the bot runs.
type BackupCommand struct {
	db dbFlags
}

func (c *BackupCommand) Name() string { return "backup" }
func (c *BackupCommand) Synopsis() string {
	return "writes a consistent copy of the database to a new file, also while the bot runs"
}

func (c *BackupCommand) Run(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, c, "[-config FILE | -db PATH] OUT.db")
	c.db.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("backup takes one OUT.db, a file that does not exist yet (run 'unblock backup -h')")
	}
	// Any version of the database: a backup before an upgrade is the way back.
	db, path, err := c.db.openWith(ctx, env, c.Name(), store.OpenForBackup)
	if err != nil {
		return err
	}
	defer db.Close()
	out := fs.Arg(0)
	if err := db.Backup(ctx, out); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "backed up %s to %s (integrity checked)\n", path, out)
	return nil
}
