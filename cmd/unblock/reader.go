package main

import (
	"fmt"
	"log/slog"
	"strings"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/clock"
	"github.com/unblock-dev/unblock/config"
	"github.com/unblock-dev/unblock/llm"
	"github.com/unblock-dev/unblock/store"
)

// readerWorker returns the LLM reader's worker for the config's reader:
// section, keeping its answers in db and settling the readings queued there.
func readerWorker(cfg *config.Config, db *store.DB, clk clock.Clock, log *slog.Logger) (*llm.Worker, error) {
	rc := cfg.Reader
	client, err := llm.NewClient(llm.ClientConfig{URL: rc.URL, Model: rc.Model, APIKey: rc.APIKey,
		Timeout: rc.Timeout, RequestsPerMinute: rc.RequestsPerMinute})
	if err != nil {
		return nil, unblock.Errorf(unblock.EINVALID, "reader: %v", err)
	}
	return llm.NewWorker(llm.NewReader(client, db, cfg.Vocabulary(), clk.Now), db, clk, log), nil
}

// readerLine says in one line whether the LLM reader is on, and where to.
func readerLine(rc config.Reader) string {
	if !rc.Enabled() {
		return "LLM reader: off (the rules read everything; nothing leaves the workspace)"
	}
	key := "no API key"
	if rc.APIKey != "" {
		key = "an API key from the environment"
	}
	channels := "every channel the bot reads"
	if len(rc.Channels) > 0 {
		channels = strings.Join(rc.Channels, ", ")
	}
	return fmt.Sprintf("LLM reader: %s at %s with %s, timeout %s, %d requests a minute; candidates from %s",
		rc.Model, unblock.RedactedURL(rc.URL), key, config.FormatDuration(rc.Timeout), rc.RequestsPerMinute, channels)
}
