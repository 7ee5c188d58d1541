package main

import "context"

// GraphCommand prints the graph of open blockers as JSON, DOT, Mermaid or PNG.
type GraphCommand struct {
	ConfigPath string
	DBPath     string
	AsOf       string
	Level      string
	Format     string
}

func (c *GraphCommand) Name() string { return "graph" }
func (c *GraphCommand) Synopsis() string {
	return "prints the graph of open blockers as JSON, DOT, Mermaid or PNG"
}

func (c *GraphCommand) Run(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, c, "-config FILE [-db PATH] [-as-of YYYY-MM-DD] [-level role|person] [-format json|dot|mermaid|png]")
	fs.StringVar(&c.ConfigPath, "config", "", "path to the YAML config (required)")
	fs.StringVar(&c.DBPath, "db", "", "SQLite database (default: unblock.db beside the config)")
	fs.StringVar(&c.AsOf, "as-of", "", "the open blockers as of this day, YYYY-MM-DD (default: today)")
	fs.StringVar(&c.Level, "level", "role", "role or person")
	fs.StringVar(&c.Format, "format", "json", "json, dot, mermaid or png")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return notYet("graph")
}
