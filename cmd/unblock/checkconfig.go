package main

import "context"

// CheckConfigCommand validates a config, resolves roles and prints every problem as file:line: key.
type CheckConfigCommand struct {
}

func (c *CheckConfigCommand) Name() string { return "check-config" }
func (c *CheckConfigCommand) Synopsis() string {
	return "validates a config, resolves roles and prints every problem as file:line: key"
}

func (c *CheckConfigCommand) Run(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, c, "FILE")

	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return notYet("check-config")
}
