package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/clock"
	"github.com/unblock-dev/unblock/config"
	"github.com/unblock-dev/unblock/ops"
	"github.com/unblock-dev/unblock/store"
)

// RunCommand runs the bot until interrupted.
type RunCommand struct {
	ConfigPath string
	log        logFlags
}

func (c *RunCommand) Name() string { return "run" }
func (c *RunCommand) Synopsis() string {
	return "runs the bot: Socket Mode, standups, digests and /blocked"
}

// Environment lists the variables the default config reads, for `run -h`.
func (c *RunCommand) Environment() string {
	return "  SLACK_APP_TOKEN  the app-level token (xapp-…, scope connections:write), for Socket Mode\n" +
		"  SLACK_BOT_TOKEN  the bot token (xoxb-…), for the Web API\n" +
		"  SLACK_API_URL    a Slack-compatible API (default https://slack.com/api/)\n" +
		"  Any ${VAR} in the config is read from the environment too.\n"
}

func (c *RunCommand) Run(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, c, "[-config FILE] [-log-format text|json] [-log-level LEVEL]")
	fs.StringVar(&c.ConfigPath, "config", "", "path to the YAML config; without it, every default: no teams (set them up in the App Home), the tokens from the environment, unblock.db in the working directory")
	c.log.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		// "unblock run config.yaml" would otherwise run with every default, no teams
		// and a database in the working directory, as if no config had been given.
		return usagef("unexpected argument %q: give the config as -config %s (run 'unblock run -h')", fs.Arg(0), fs.Arg(0))
	}
	cfg, err := c.loadConfig(env)
	if err != nil {
		return err
	}
	if probs := cfg.CheckTokens(); len(probs) > 0 {
		msgs := make([]string, len(probs))
		for i, p := range probs {
			msgs[i] = p.String()
		}
		return unblock.Errorf(unblock.EINVALID, "%s", strings.Join(msgs, "; "))
	}
	release, err := lockRun(cfg.DatabasePath())
	if err != nil {
		return err
	}
	defer release()
	if err := c.log.apply(&cfg.Log); err != nil {
		return err
	}
	log := newLogger(env.Stderr, cfg.Log.Format, cfg.Log.Level)
	// The ops endpoints first: /healthz answers while the process runs, also while
	// it waits for Slack (auth.test) or for another process's database lock;
	// /readyz says "not ready: starting" until the app can be checked.
	var metrics *ops.Metrics
	var srv *ops.Server
	if cfg.Ops.Listen != "" {
		metrics = ops.New()
		if srv, err = ops.Listen(cfg.Ops.Listen, metrics, nil); err != nil {
			return unblock.Errorf(unblock.EINVALID, "%v", err)
		}
		defer srv.Close(context.WithoutCancel(ctx))
		log.Info("ops endpoints: /healthz, /readyz, /metrics", "listen", srv.Addr())
	}
	app, err := openApp(ctx, cfg, cfg.DatabasePath(), clock.Real{}, log, nil, metrics)
	if err != nil {
		if ctx.Err() != nil {
			// Stopped (SIGTERM, Ctrl-C) while starting, say while auth.test was
			// being retried: the stop was asked for, so it is no failure (exit 0),
			// and the last retry's error is not why it stopped.
			log.Info("stopped while starting", "err", err)
			return ctx.Err()
		}
		return err
	}
	if srv != nil {
		srv.SetChecks(app.Checks())
	}
	hangup := env.Hangup
	if hangup == nil {
		ch := make(chan os.Signal, 1)
		signal.Notify(ch, syscall.SIGHUP)
		defer signal.Stop(ch)
		hangup = ch
	}
	log.Info("unblock is running; stop it with Ctrl-C, reload the config's teams with SIGHUP", "database", store.Redacted(cfg.DatabasePath()), "api_url", unblock.RedactedURL(cfg.Slack.APIURL))
	for {
		select {
		case <-ctx.Done():
			log.Info("shutting down: finishing in-flight work")
			return app.Close()
		case err := <-app.Bot.Fatal():
			app.Close()
			return err
		case <-hangup:
			c.reload(ctx, env, app, log)
		}
	}
}

// loadConfig reads the config file, or without one the defaults, which run
// the bot with no teams: an admin sets them up in the App Home.
func (c *RunCommand) loadConfig(env *Env) (*config.Config, error) {
	if c.ConfigPath == "" {
		return config.Parse("", strings.NewReader(""), env.Getenv)
	}
	return loadConfig(env, c.ConfigPath)
}

// reload reads the config file again and applies its teams (SIGHUP). A config
// with problems changes nothing: the teams stay as they were.
func (c *RunCommand) reload(ctx context.Context, env *Env, app *App, log *slog.Logger) {
	if c.ConfigPath == "" {
		log.Info("SIGHUP: no config file to reload (run -config FILE); the App Home's teams apply as they change")
		return
	}
	cfg, err := loadConfig(env, c.ConfigPath)
	if err != nil {
		log.Error("config reload refused; the teams stay as they were", "err", unblock.ErrorMessage(err))
		return
	}
	if err := app.Reload(ctx, cfg); err != nil {
		log.Error("config reload failed", "err", err)
		return
	}
	log.Info("config reloaded: its teams apply now; other settings at the next start", "teams", len(cfg.TeamConfigs))
}

// loadConfig reads a config with the command's environment and turns its problems
// into one usage error (check-config lists them one a line).
func loadConfig(env *Env, path string) (*config.Config, error) {
	f, err := openFile(path)
	if err != nil {
		return nil, unblock.Errorf(unblock.EINVALID, "config: %v", err)
	}
	defer f.Close()
	cfg, err := config.Parse(path, f, env.Getenv)
	if err != nil {
		return nil, unblock.Errorf(unblock.EINVALID, "%v (run '%s' for the full list)", firstLine(err.Error()), hint("check-config", path))
	}
	return cfg, nil
}

func firstLine(s string) string {
	first, rest, ok := strings.Cut(s, "\n")
	if !ok {
		return s
	}
	n := strings.Count(rest, "\n") + 1
	return fmt.Sprintf("%s (and %d more)", first, n)
}
