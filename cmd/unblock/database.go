package main

import (
	"errors"
	"os"

	"github.com/unblock-dev/unblock"
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
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return "", unblock.Errorf(unblock.EINVALID, "database %s does not exist: run 'unblock import' or 'unblock run' first, or pass -db PATH", path)
	}
	return path, nil
}
