// Command unblock finds who is blocked on whom in standups and shows leads the loops
// that stall work. Run "unblock help" for the subcommands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/unblock-dev/unblock"
)

func main() {
	ctx, stop := commandContext()
	defer stop()
	env := &Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
	code := Main(ctx, env, os.Args[1:])
	stop()
	os.Exit(code)
}

// commandContext returns the context every command runs under: cancelled by
// Ctrl-C (SIGINT) or SIGTERM. Benchmarks use it too, so they take the same paths.
func commandContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

// Env is what a command may touch of the outside world, injected so tests can run
// commands in-process.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	// Hangup delivers the reload requests of `run` (SIGHUP); nil means the
	// process's own SIGHUP.
	Hangup <-chan os.Signal
}

// Command is one subcommand. Run parses its own flags from args.
type Command interface {
	Name() string
	Synopsis() string
	Run(ctx context.Context, env *Env, args []string) error
}

// commands lists every subcommand in the order "unblock help" shows them.
func commands() []Command {
	return []Command{
		&RunCommand{},
		&DemoCommand{},
		&CheckConfigCommand{},
		&ParseCommand{},
		&EvalCommand{},
		&ImportCommand{},
		&DigestCommand{},
		&GraphCommand{},
		&BlockersCommand{},
		&PeopleCommand{},
		&HealthCommand{},
		&BackupCommand{},
		&MigrateDBCommand{},
		&ForgetCommand{},
		&ExportUserCommand{},
		&ExportCommand{},
		&VersionCommand{},
	}
}

// Exit codes, as the CLI contract in docs/DESIGN.md fixes them.
const (
	exitOK      = 0
	exitRuntime = 1
	exitUsage   = 2
)

// Main runs the subcommand named by args[0] and returns the process exit code.
func Main(ctx context.Context, env *Env, args []string) int {
	if len(args) > 0 && (args[0] == "--version" || args[0] == "-version" || args[0] == "-v") {
		args = []string{"version"}
	}
	if len(args) == 0 || isHelp(args[0]) {
		if len(args) > 1 && !isHelp(args[1]) {
			return Main(ctx, env, []string{args[1], "-h"})
		}
		if len(args) == 0 {
			usage(env.Stderr) // a usage error: the list goes with the error stream
			return exitUsage
		}
		usage(env.Stdout)
		return exitOK
	}
	for _, c := range commands() {
		if c.Name() != args[0] {
			continue
		}
		err := c.Run(ctx, env, args[1:])
		return exitCode(env.Stderr, c.Name(), err)
	}
	fmt.Fprintf(env.Stderr, "unblock: unknown command %q; run 'unblock help' for the list\n", args[0])
	return exitUsage
}

// isHelp reports whether arg asks for the list of commands. "help -h" and "help
// help" ask for it too, rather than for the help of a command named "-h".
func isHelp(arg string) bool {
	return arg == "help" || arg == "-h" || arg == "--help" || arg == "-help"
}

// exitCode prints err on one line (if any) and maps it to an exit code.
func exitCode(stderr io.Writer, name string, err error) int {
	var uerr *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &uerr):
		fmt.Fprintf(stderr, "unblock %s: %s\n", name, oneLine(uerr.msg))
		return exitUsage
	case unblock.ErrorCode(err) == unblock.EINVALID:
		fmt.Fprintf(stderr, "unblock %s: %s\n", name, oneLine(unblock.ErrorMessage(err)))
		return exitUsage
	case errors.Is(err, context.Canceled):
		if name == (&RunCommand{}).Name() {
			return exitOK // SIGINT or SIGTERM is how the bot is stopped: its normal end
		}
		// Any other command was interrupted before it finished: no success.
		fmt.Fprintf(stderr, "unblock %s: interrupted: %s\n", name, oneLine(err.Error()))
		return exitRuntime
	}
	fmt.Fprintf(stderr, "unblock %s: %s\n", name, oneLine(err.Error()))
	return exitRuntime
}

// usageError is a problem with the command line itself: exit 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// oneLine folds a multi-line message onto one line, as the CLI contract wants.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", "; ")), " ")
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "unblock finds who is blocked on whom in your standups and shows leads the loops that stall work.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage: unblock COMMAND [flags]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-13s %s\n", c.Name(), c.Synopsis())
	}
	fmt.Fprintln(w, "  help          shows this list, or 'unblock help COMMAND' for one command")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run 'unblock COMMAND -h' for a command's flags.")
}

// newFlagSet returns a flag set that returns errors instead of exiting. Its usage,
// printed only when asked for with -h, goes to env.Stdout, so that
// `unblock digest -h | less` shows it; a flag error is one line on stderr.
func newFlagSet(env *Env, c Command, argsUsage string) *flag.FlagSet {
	fs := flag.NewFlagSet(c.Name(), flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.Stdout, "Usage: %s\n\n%s\n", strings.TrimSpace("unblock "+c.Name()+" "+argsUsage), c.Synopsis())
		var hasFlags bool
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprintln(env.Stdout, "\nFlags:")
			fs.SetOutput(env.Stdout)
			fs.PrintDefaults()
			fs.SetOutput(io.Discard)
		}
		if e, ok := c.(interface{ Environment() string }); ok {
			fmt.Fprintf(env.Stdout, "\nEnvironment:\n%s", e.Environment())
		}
	}
	return fs
}

// parseFlags parses args into fs and turns a flag error into a usage error.
func parseFlags(fs *flag.FlagSet, args []string) error {
	fs.SetOutput(io.Discard) // the error is reported once, by exitCode
	printUsage := fs.Usage
	fs.Usage = func() {}
	err := fs.Parse(args)
	fs.Usage = printUsage
	if errors.Is(err, flag.ErrHelp) {
		printUsage()
		return err
	} else if err != nil {
		return usagef("%v (run 'unblock %s -h')", err, fs.Name())
	}
	return nil
}

// notYet is what a subcommand returns until the issue that builds it lands.
func notYet(what string) error {
	return unblock.Errorf(unblock.ENOTIMPLEMENTED, "%s is not built yet: it arrives with a later issue", what)
}
