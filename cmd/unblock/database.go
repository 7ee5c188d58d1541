package main

import (
	"context"
	"errors"
	"os"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/store"
)

// existingDatabase returns the database a command reads: dbPath when given, else
// the one the config at configPath names (unblock.db beside it by default). It must
// exist already: reading commands never create an empty one.
func existingDatabase(env *Env, command, configPath, dbPath string) (string, error) {
	path := dbPath
	if path == "" {
		if configPath == "" {
			return "", usagef("-config FILE or -db PATH is required (run 'unblock %s -h')", command)
		}
		cfg, err := loadConfig(env, configPath)
		if err != nil {
			return "", err
		}
		path = cfg.DatabasePath()
	}
	if unblock.IsPostgresKeywords(path) {
		return "", unblock.PostgresKeywordsError(store.Redacted(path))
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) && !store.IsPostgres(path) {
		return "", unblock.Errorf(unblock.EINVALID, "database %s does not exist: run 'unblock import' or 'unblock run' first, or pass -db PATH", store.Redacted(path))
	}
	return path, nil
}

// dbFlagUsage is the help of every command's -db flag.
const dbFlagUsage = "SQLite database or PostgreSQL URL (default: the config's database:, unblock.db beside it)"

// dbFlags are the -config and -db flags of the commands that work on an existing
// database (backup, forget, export-user).
type dbFlags struct{ configPath, dbPath string }

func (f *dbFlags) register(fs interface {
	StringVar(p *string, name, value, usage string)
}) {
	fs.StringVar(&f.configPath, "config", "", "path to the YAML config (required unless -db is given)")
	fs.StringVar(&f.dbPath, "db", "", dbFlagUsage)
}

// open opens the existing database the flags name, for command.
func (f dbFlags) open(ctx context.Context, env *Env, command string) (*store.DB, string, error) {
	return f.openWith(ctx, env, command, store.Open)
}

// openRead opens it for a command that only reads it (store.OpenRead).
func (f dbFlags) openRead(ctx context.Context, env *Env, command string) (*store.DB, string, error) {
	return f.openWith(ctx, env, command, store.OpenRead)
}

func (f dbFlags) openWith(ctx context.Context, env *Env, command string,
	open func(context.Context, string) (*store.DB, error)) (*store.DB, string, error) {
	path, err := existingDatabase(env, command, f.configPath, f.dbPath)
	if err != nil {
		return nil, "", err
	}
	db, err := open(ctx, path)
	return db, path, err
}
