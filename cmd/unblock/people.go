package main

import "context"

// PeopleCommand lists people with their role and how it was resolved.
type PeopleCommand struct {
	ConfigPath string
	DBPath     string
}

func (c *PeopleCommand) Name() string { return "people" }
func (c *PeopleCommand) Synopsis() string {
	return "lists people with their role and how it was resolved"
}

func (c *PeopleCommand) Run(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, c, "-config FILE [-db PATH]")
	fs.StringVar(&c.ConfigPath, "config", "", "path to the YAML config (required)")
	fs.StringVar(&c.DBPath, "db", "", "SQLite database (default: unblock.db beside the config)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return notYet("people")
}
