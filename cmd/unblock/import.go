package main

import "context"

// ImportCommand backfills a Slack export (.zip) into the database; safe to run twice.
type ImportCommand struct {
	ConfigPath string
	DBPath     string
}

func (c *ImportCommand) Name() string { return "import" }
func (c *ImportCommand) Synopsis() string {
	return "backfills a Slack export (.zip) into the database; safe to run twice"
}

func (c *ImportCommand) Run(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, c, "-config FILE [-db PATH] EXPORT.zip")
	fs.StringVar(&c.ConfigPath, "config", "", "path to the YAML config (required)")
	fs.StringVar(&c.DBPath, "db", "", "SQLite database (default: unblock.db beside the config)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return notYet("import")
}
