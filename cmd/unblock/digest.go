package main

import (
	"context"
	"fmt"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/config"
	"github.com/unblock-dev/unblock/digest"
	"github.com/unblock-dev/unblock/store"
)

// DigestCommand prints the digest for the seven days ending on the as-of date.
type DigestCommand struct {
	ConfigPath string
	DBPath     string
	AsOf       string
	Format     string
}

func (c *DigestCommand) Name() string { return "digest" }
func (c *DigestCommand) Synopsis() string {
	return "prints the digest for the seven days ending on the as-of date"
}

func (c *DigestCommand) Run(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, c, "-config FILE [-db PATH] [-as-of YYYY-MM-DD] [-format text|markdown|json|blocks]")
	fs.StringVar(&c.ConfigPath, "config", "", "path to the YAML config (required)")
	fs.StringVar(&c.DBPath, "db", "", dbFlagUsage)
	fs.StringVar(&c.AsOf, "as-of", "", "last day of the period, YYYY-MM-DD (default: today)")
	fs.StringVar(&c.Format, "format", "text", "text, markdown, json or blocks")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q (run 'unblock digest -h')", fs.Arg(0))
	}
	switch c.Format {
	case "text", "markdown", "json", "blocks":
	default:
		return usagef("-format %q: want text, markdown, json or blocks", c.Format)
	}
	cfg, db, asOf, err := openOffline(ctx, env, c.ConfigPath, c.DBPath, c.AsOf)
	if err != nil {
		return err
	}
	defer db.Close()
	opt := digestOptions(cfg)
	// The blockers behind the numbers, from the same config and database.
	opt.Evidence = hint(append(offlineArgs("blockers", c.ConfigPath, c.DBPath), "-as-of", asOf.Format(time.DateOnly))...)
	d, err := digest.Build(ctx, db, unblock.WeekEnding(asOf), opt)
	if err != nil {
		return err
	}
	if err := noteOldData(ctx, env, db, c.AsOf, asOf, cfg.Location()); err != nil {
		return err
	}
	switch c.Format {
	case "json":
		return digest.JSON(env.Stdout, d)
	case "markdown":
		return digest.Markdown(env.Stdout, d)
	case "blocks":
		b, err := digest.Blocks(d)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(env.Stdout, "%s\n", b)
		return err
	}
	return digest.Text(env.Stdout, d)
}

// openOffline loads the config, opens an existing database and reads the as-of
// date (in the config's time zone) for the offline commands.
func openOffline(ctx context.Context, env *Env, configPath, dbPath, asOf string) (*config.Config, *store.DB, time.Time, error) {
	if configPath == "" {
		return nil, nil, time.Time{}, usagef("-config FILE is required (config.example.yaml works as it is)")
	}
	cfg, err := loadConfig(env, configPath)
	if err != nil {
		return nil, nil, time.Time{}, err
	}
	loc := cfg.Location()
	day := time.Now().In(loc)
	if asOf != "" {
		day, err = time.ParseInLocation("2006-01-02", asOf, loc)
		if err != nil {
			return nil, nil, time.Time{}, usagef("-as-of %q is not a date: write it as YYYY-MM-DD, e.g. -as-of 2026-11-20", asOf)
		}
	}
	if dbPath == "" {
		dbPath = cfg.DatabasePath()
	}
	dbPath, err = existingDatabase(env, "", "", dbPath)
	if err != nil {
		return nil, nil, time.Time{}, err
	}
	db, err := store.OpenRead(ctx, dbPath) // read-only: never waits for an import, changes no file
	if err != nil {
		return nil, nil, time.Time{}, err // store.OpenRead's errors name the database
	}
	// Reads as of a date apply expiry by silence, so they need the config's period.
	db.SetExpireSilence(cfg.Blockers.ExpireSilence())
	return cfg, db, day, nil
}

// noteOldData says on stderr, when the as-of date was left to default to today and
// the newest report is older than the week ending today (an imported export), which
// -as-of shows the week of the newest report; the output itself stays today's.
func noteOldData(ctx context.Context, env *Env, db *store.DB, flag string, asOf time.Time, loc *time.Location) error {
	if flag != "" {
		return nil
	}
	latest, ok, err := db.LatestReport(ctx)
	if err != nil || !ok || !latest.Before(unblock.WeekEnding(asOf).From) {
		return err
	}
	last := latest.In(loc).Format(time.DateOnly)
	fmt.Fprintf(env.Stderr, "note: the newest report is from %s, before the week ending today: -as-of %s shows its week\n", last, last)
	return nil
}
