package main

import (
	"context"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/digest"
	"github.com/unblock-dev/unblock/graph"
)

// GraphCommand prints the graph of open blockers.
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
	fs.StringVar(&c.DBPath, "db", "", dbFlagUsage)
	fs.StringVar(&c.AsOf, "as-of", "", "the open blockers as of the end of this day, YYYY-MM-DD (default: today)")
	fs.StringVar(&c.Level, "level", "role", "role or person")
	fs.StringVar(&c.Format, "format", "json", "json, dot, mermaid or png")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q (run 'unblock graph -h')", fs.Arg(0))
	}
	if c.Level != "role" && c.Level != "person" {
		return usagef("-level %q: want role or person", c.Level)
	}
	switch c.Format {
	case "json", "dot", "mermaid", "png":
	default:
		return usagef("-format %q: want json, dot, mermaid or png", c.Format)
	}
	cfg, db, asOf, err := openOffline(ctx, env, c.ConfigPath, c.DBPath, c.AsOf)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := noteOldData(ctx, env, db, c.AsOf, asOf, cfg.Location()); err != nil {
		return err
	}
	period := unblock.WeekEnding(asOf) // the digest's week, for the picture's caption
	at := period.To                    // the end of the as-of day
	open, err := db.OpenBlockers(ctx, at)
	if err != nil {
		return err
	}
	var v graph.View
	if c.Level == "role" {
		v = graph.RoleView(at, open, cfg.Vocabulary())
	} else {
		people, err := db.People(ctx)
		if err != nil {
			return err
		}
		byID := make(map[string]unblock.Person, len(people))
		for _, p := range people {
			byID[p.ID] = p
		}
		v = graph.PersonView(at, open, byID, cfg.Vocabulary())
	}
	v.Since = period.From
	switch c.Format {
	case "dot":
		return digest.DOT(env.Stdout, v)
	case "mermaid":
		return digest.Mermaid(env.Stdout, v)
	case "png":
		return digest.PNG(ctx, env.Stdout, v)
	}
	return digest.GraphJSON(env.Stdout, v)
}
