package main

import "context"

// DemoCommand runs the bot against the built-in Slack emulator through a scripted Company X week.
type DemoCommand struct {
	Transcript string
}

func (c *DemoCommand) Name() string { return "demo" }
func (c *DemoCommand) Synopsis() string {
	return "runs the bot against the built-in Slack emulator through a scripted Company X week"
}

func (c *DemoCommand) Run(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, c, "[-transcript FILE]")
	fs.StringVar(&c.Transcript, "transcript", "", "also write everything that crossed the emulator to FILE as JSON Lines")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return notYet("demo")
}
