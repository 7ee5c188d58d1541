package main

import (
	"context"
	"fmt"
	"runtime"
)

// Set with -ldflags "-X main.version=… -X main.commit=…" (see the Dockerfile).
var (
	version = "dev"
	commit  = "dev"
)

// VersionCommand prints the version, commit and Go version.
type VersionCommand struct{}

func (c *VersionCommand) Name() string     { return "version" }
func (c *VersionCommand) Synopsis() string { return "prints the version, commit and Go version" }

func (c *VersionCommand) Run(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, c, "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	fmt.Fprintf(env.Stdout, "unblock %s (commit %s, %s)\n", version, commit, runtime.Version())
	return nil
}
