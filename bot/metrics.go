package bot

import (
	"time"

	"github.com/unblock-dev/unblock"
)

// Metrics is what the bot tells the operator's metrics (ops.Metrics satisfies it).
type Metrics interface {
	Received(kind string)
	Acked(d time.Duration)
	Redelivered()
	Failed(stage string)
	APICall(method string, status int, code string)
	Report(st unblock.Statement)
	Prompted()
	Answered()
	Effect(kind, outcome string) // an outbox effect: sent, superseded, retried or dead
}

// noMetrics is Metrics when none are configured.
type noMetrics struct{}

func (noMetrics) Received(string)             {}
func (noMetrics) Acked(time.Duration)         {}
func (noMetrics) Redelivered()                {}
func (noMetrics) Failed(string)               {}
func (noMetrics) APICall(string, int, string) {}
func (noMetrics) Report(unblock.Statement)    {}
func (noMetrics) Prompted()                   {}
func (noMetrics) Answered()                   {}

// Connected reports whether the Socket Mode connection is up (for /readyz).
func (b *Bot) Connected() bool          { return b.connected.Load() }
func (noMetrics) Effect(string, string) {}
