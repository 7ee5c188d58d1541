package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/ops"
)

// HealthCommand asks a running bot whether it is alive (or ready): a probe for
// Docker's HEALTHCHECK and for scripts, which need no curl in the image.
type HealthCommand struct {
	ConfigPath string
	Addr       string
	Ready      bool
}

func (c *HealthCommand) Name() string { return "health" }
func (c *HealthCommand) Synopsis() string {
	return "asks a running bot's ops endpoint whether it is alive (-ready: ready); exit 0 when it is"
}

func (c *HealthCommand) Run(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, c, "[-config FILE | -addr HOST:PORT] [-ready]")
	fs.StringVar(&c.ConfigPath, "config", "", "the bot's config: its ops.listen is asked")
	fs.StringVar(&c.Addr, "addr", "", "the bot's ops.listen address, instead of -config")
	fs.BoolVar(&c.Ready, "ready", false, "ask /readyz (connected, database writable, scheduler running) instead of /healthz")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q (run 'unblock health -h')", fs.Arg(0))
	}
	addr := c.Addr
	if addr == "" {
		if c.ConfigPath == "" {
			return usagef("-config FILE or -addr HOST:PORT is required (run 'unblock health -h')")
		}
		cfg, err := loadConfig(env, c.ConfigPath)
		if err != nil {
			return err
		}
		if addr = cfg.Ops.Listen; addr == "" {
			return unblock.Errorf(unblock.EINVALID, "%s sets no ops.listen: the bot serves no health endpoint", c.ConfigPath)
		}
	}
	path := "/healthz"
	if c.Ready {
		path = "/readyz"
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	url := "http://" + strings.Replace(ops.LoopbackDefault(addr), "0.0.0.0", "127.0.0.1", 1) + path
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return unblock.Errorf(unblock.EINVALID, "%s: %v", url, err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("%s: %w", url, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	answer := strings.TrimSpace(string(body))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %d %s", url, resp.StatusCode, answer)
	}
	fmt.Fprintln(env.Stdout, answer)
	return nil
}
