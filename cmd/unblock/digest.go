package main

import "context"

// DigestCommand prints the digest for the seven days ending on the as-of date.
type DigestCommand struct {
	ConfigPath string
	DBPath     string
	AsOf       string
	Format     string
}

func (c *DigestCommand) Name() string { return "digest" }
func (c *DigestCommand) Synopsis() string {
	return "prints the digest for the seven days ending on the as-of date"
}

func (c *DigestCommand) Run(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, c, "-config FILE [-db PATH] [-as-of YYYY-MM-DD] [-format text|markdown|json|blocks]")
	fs.StringVar(&c.ConfigPath, "config", "", "path to the YAML config (required)")
	fs.StringVar(&c.DBPath, "db", "", "SQLite database (default: unblock.db beside the config)")
	fs.StringVar(&c.AsOf, "as-of", "", "last day of the period, YYYY-MM-DD (default: today)")
	fs.StringVar(&c.Format, "format", "text", "text, markdown, json or blocks")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return notYet("digest")
}
