package main

import (
	"io"
	"log/slog"
	"slices"

	"github.com/unblock-dev/unblock/config"
)

// newLogger returns the logger of the bot: format "text" (key=value) or "json",
// at level "debug", "info", "warn" or "error" (config.LogFormats, config.LogLevels;
// the config validates both).
func newLogger(w io.Writer, format, level string) *slog.Logger {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		lv = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: lv}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// logFlags are -log-format and -log-level, which override the config's log: section.
type logFlags struct{ format, level string }

func (f *logFlags) register(fs interface {
	StringVar(p *string, name, value, usage string)
}) {
	fs.StringVar(&f.format, "log-format", "", "log format: text or json (default: the config's log.format, text)")
	fs.StringVar(&f.level, "log-level", "", "least level logged: debug, info, warn or error (default: the config's log.level, info)")
}

// apply puts the flags given over the config's log settings, checking them as
// the config would.
func (f logFlags) apply(l *config.Log) error {
	for _, o := range []struct {
		flag, value string
		allowed     []string
		dst         *string
	}{{"-log-format", f.format, config.LogFormats, &l.Format}, {"-log-level", f.level, config.LogLevels, &l.Level}} {
		if o.value == "" {
			continue
		}
		if !slices.Contains(o.allowed, o.value) {
			return usagef("%s %q is not one of %v", o.flag, o.value, o.allowed)
		}
		*o.dst = o.value
	}
	return nil
}
