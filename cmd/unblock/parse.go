package main

import "context"

// ParseCommand parses standup text from standard input into blocker statements.
type ParseCommand struct {
	JSON  bool
	JSONL bool
}

func (c *ParseCommand) Name() string { return "parse" }
func (c *ParseCommand) Synopsis() string {
	return "parses standup text from standard input into blocker statements"
}

func (c *ParseCommand) Run(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, c, "[-json] [-jsonl] < TEXT")
	fs.BoolVar(&c.JSON, "json", false, "print the statement as JSON (the parse JSON contract)")
	fs.BoolVar(&c.JSONL, "jsonl", false, "read one JSON object with a \"text\" field per line; print one result per line")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return notYet("parse")
}
