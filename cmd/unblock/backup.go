package main

import (
	"context"
	"fmt"

	"github.com/unblock-dev/unblock/store"
)

// BackupCommand writes a consistent copy of the database, also while the bot runs.
type BackupCommand struct {
	ConfigPath string
	DBPath     string
}

func (c *BackupCommand) Name() string { return "backup" }
func (c *BackupCommand) Synopsis() string {
	return "writes a consistent copy of the database to a new file, also while the bot runs"
}

func (c *BackupCommand) Run(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, c, "[-config FILE | -db PATH] OUT.db")
	fs.StringVar(&c.ConfigPath, "config", "", "path to the YAML config (required unless -db is given)")
	fs.StringVar(&c.DBPath, "db", "", "SQLite database (default: the config's, unblock.db beside it)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("backup takes one OUT.db, a file that does not exist yet (run 'unblock backup -h')")
	}
	path, err := existingDatabase(env, c.Name(), c.ConfigPath, c.DBPath)
	if err != nil {
		return err
	}
	db, err := store.Open(ctx, path)
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
