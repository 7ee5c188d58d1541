package main

import "context"

// RunCommand runs the bot: Socket Mode, standups, digests and /blocked.
type RunCommand struct {
	ConfigPath string
}

func (c *RunCommand) Name() string { return "run" }
func (c *RunCommand) Synopsis() string {
	return "runs the bot: Socket Mode, standups, digests and /blocked"
}

func (c *RunCommand) Run(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, c, "-config FILE")
	fs.StringVar(&c.ConfigPath, "config", "", "path to the YAML config (required)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return notYet("run")
}
