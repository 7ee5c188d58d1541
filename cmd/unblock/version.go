package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
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
	fmt.Fprintf(env.Stdout, "unblock %s (commit %s, %s)\n", version, buildCommit(), runtime.Version())
	return nil
}

// buildCommit is the commit set at link time, else the one the Go toolchain
// stamped in the binary (a plain 'go build' in a git checkout; "+dirty" when
// it had changes), else "dev".
func buildCommit() string {
	if commit != "dev" {
		return commit
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return commit
	}
	rev, dirty := "", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return commit
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "+dirty"
	}
	return rev
}
