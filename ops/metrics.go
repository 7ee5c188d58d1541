// Package ops holds what an operator looks at: Prometheus metrics and the health,
// readiness and metrics endpoints.
package ops

import (
	"context"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/unblock-dev/unblock"
)

// Metrics are the bot's counters and histograms. Every method is safe on a nil
// *Metrics (metrics off) and for concurrent use.
type Metrics struct {
	reg *prometheus.Registry

	envelopes   *prometheus.CounterVec // by kind
	acked       prometheus.Counter
	redelivered prometheus.Counter
	failed      *prometheus.CounterVec // by stage: commit, process
	ackLatency  prometheus.Histogram
	apiCalls    *prometheus.CounterVec // by method, outcome
	rateLimited *prometheus.CounterVec // by method
	reports     *prometheus.CounterVec // by outcome: blocked, resolved, none, continues, nothing
	prompts     prometheus.Counter
	answers     prometheus.Counter
	effects     *prometheus.CounterVec // by kind, outcome
	readings    *prometheus.CounterVec // the LLM reader's, by outcome
}

// New returns metrics registered in a registry of their own, with the Go runtime's
// and the process's.
func New() *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry()}
	f := func(c prometheus.Collector) { m.reg.MustRegister(c) }
	m.envelopes = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "unblock_envelopes_received_total",
		Help: "Socket Mode envelopes received, by kind (events_api, slash_commands, interactive)."}, []string{"kind"})
	m.acked = prometheus.NewCounter(prometheus.CounterOpts{Name: "unblock_envelopes_acked_total",
		Help: "Envelopes acknowledged after their commit to the inbox."})
	m.redelivered = prometheus.NewCounter(prometheus.CounterOpts{Name: "unblock_envelopes_redelivered_total",
		Help: "Envelopes Slack sent again that were already in the inbox (acknowledged, changed nothing)."})
	m.failed = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "unblock_envelopes_failed_total",
		Help: "Envelopes that failed: stage commit (not acknowledged, Slack redelivers) or process (their handler failed)."}, []string{"stage"})
	m.ackLatency = prometheus.NewHistogram(prometheus.HistogramOpts{Name: "unblock_ack_latency_seconds",
		Help:    "From an envelope's arrival to its acknowledgement (the inbox commit in between).",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5}})
	m.apiCalls = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "unblock_slack_api_calls_total",
		Help: "Slack Web API calls by method and outcome (ok, Slack's error code, http_STATUS or transport)."}, []string{"method", "outcome"})
	m.rateLimited = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "unblock_slack_rate_limited_total",
		Help: "Slack Web API answers of HTTP 429, by method."}, []string{"method"})
	m.reports = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "unblock_reports_parsed_total",
		Help: "Reports read, by outcome: blocked, resolved, none, continues (\"same as yesterday\") or nothing."}, []string{"outcome"})
	m.prompts = prometheus.NewCounter(prometheus.CounterOpts{Name: "unblock_standup_prompts_total",
		Help: "Standup prompts sent."})
	m.answers = prometheus.NewCounter(prometheus.CounterOpts{Name: "unblock_standup_answers_total",
		Help: "Standup answers received."})
	m.effects = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "unblock_outbox_effects_total",
		Help: "Slack effects of the outbox (confirm, prompt, digest, …) by outcome: sent, superseded, retried (an attempt failed, tried again later) or dead (given up)."},
		[]string{"kind", "outcome"})
	m.readings = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "unblock_llm_readings_total",
		Help: "Statements the LLM reader settled, by outcome: revised (its answer applied), stale (the message changed meanwhile), retried (a passing failure, asked again later) or dropped (no usable answer: the rules' reading stands)."},
		[]string{"outcome"})
	for _, c := range []prometheus.Collector{m.readings, m.effects, m.envelopes, m.acked, m.redelivered, m.failed, m.ackLatency, m.apiCalls,
		m.rateLimited, m.reports, m.prompts, m.answers,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{})} {
		f(c)
	}
	return m
}

// Received counts an envelope of kind.
func (m *Metrics) Received(kind string) {
	if m != nil {
		m.envelopes.WithLabelValues(kind).Inc()
	}
}

// Acked counts an acknowledgement, d after the envelope arrived.
func (m *Metrics) Acked(d time.Duration) {
	if m != nil {
		m.acked.Inc()
		m.ackLatency.Observe(d.Seconds())
	}
}

// Redelivered counts an envelope already in the inbox.
func (m *Metrics) Redelivered() {
	if m != nil {
		m.redelivered.Inc()
	}
}

// Failed counts an envelope that failed at stage ("commit" or "process").
func (m *Metrics) Failed(stage string) {
	if m != nil {
		m.failed.WithLabelValues(stage).Inc()
	}
}

// APICall counts a Web API call to method: status is the HTTP status (0 when the
// request failed before an answer), code Slack's error code ("" when ok).
func (m *Metrics) APICall(method string, status int, code string) {
	if m == nil {
		return
	}
	outcome := "ok"
	switch {
	case status == 0:
		outcome = "transport"
	case status == 429:
		outcome = "ratelimited"
		m.rateLimited.WithLabelValues(method).Inc()
	case status != 200:
		outcome = "http_" + strconv.Itoa(status)
	case code != "":
		outcome = code
	}
	m.apiCalls.WithLabelValues(method, outcome).Inc()
}

// Report counts a report read with statement st.
func (m *Metrics) Report(st unblock.Statement) {
	if m == nil {
		return
	}
	outcome := "nothing"
	switch {
	case st.Blocked:
		outcome = "blocked"
	case st.None:
		outcome = "none"
	case st.Resolved:
		outcome = "resolved"
	case st.Continues:
		outcome = "continues"
	}
	m.reports.WithLabelValues(outcome).Inc()
}

// Prompted counts a standup prompt sent.
func (m *Metrics) Prompted() {
	if m != nil {
		m.prompts.Inc()
	}
}

// Answered counts a standup answer received.
func (m *Metrics) Answered() {
	if m != nil {
		m.answers.Inc()
	}
}

// Effect counts an outbox effect of kind by outcome: sent, superseded, retried or dead.
func (m *Metrics) Effect(kind, outcome string) {
	if m != nil {
		m.effects.WithLabelValues(kind, outcome).Inc()
	}
}

// Reading counts a statement the LLM reader settled, by outcome.
func (m *Metrics) Reading(outcome string) {
	if m != nil {
		m.readings.WithLabelValues(outcome).Inc()
	}
}

// State is what the store tells at scrape time.
type State interface {
	InboxDepth(ctx context.Context) (int, error)
	OpenBlockers(ctx context.Context, at time.Time) ([]unblock.Blocker, error)
	// LastDigest is when a weekly digest was last delivered to Slack (zero: never).
	LastDigest(ctx context.Context) (time.Time, error)
	OutboxDepth(ctx context.Context) (pending, dead int, err error)
	CountReadings(ctx context.Context) (int, error)
}

// Watch adds gauges read from s at every scrape: the inbox's depth, open blockers
// by role (of the person waited on) and the time of the last digest.
func (m *Metrics) Watch(s State, now func() time.Time) {
	if m != nil {
		m.reg.MustRegister(&stateCollector{s: s, now: now})
	}
}

var (
	inboxDepthDesc = prometheus.NewDesc("unblock_inbox_depth", "Envelopes committed and not yet processed.", nil, nil)
	openDesc       = prometheus.NewDesc("unblock_open_blockers", "Open blockers, by the role waited on (\"unknown\" when not known).", []string{"role"}, nil)
	outboxDesc     = prometheus.NewDesc("unblock_outbox_depth", "Outbox effects by state: pending (to send or retry) and dead (given up, kept for a week).", []string{"state"}, nil)
	readingsDesc   = prometheus.NewDesc("unblock_llm_readings_queued", "Statements queued for the LLM reader and not yet settled (0 while it is off).", nil, nil)
	lastDigestDesc = prometheus.NewDesc("unblock_last_digest_timestamp_seconds", "When a weekly digest was last delivered to Slack (Unix time; 0: never); one decided and not sent does not count.", nil, nil)
)

type stateCollector struct {
	s   State
	now func() time.Time
}

func (c *stateCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- inboxDepthDesc
	ch <- openDesc
	ch <- lastDigestDesc
	ch <- outboxDesc
	ch <- readingsDesc
}

func (c *stateCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if n, err := c.s.InboxDepth(ctx); err == nil {
		ch <- prometheus.MustNewConstMetric(inboxDepthDesc, prometheus.GaugeValue, float64(n))
	} else {
		ch <- prometheus.NewInvalidMetric(inboxDepthDesc, err)
	}
	if open, err := c.s.OpenBlockers(ctx, c.now()); err == nil {
		byRole := map[string]int{}
		for _, r := range unblock.BuiltinRoles {
			byRole[string(r)] = 0
		}
		for _, b := range open {
			byRole[b.ToRole.String()]++
		}
		for role, n := range byRole {
			ch <- prometheus.MustNewConstMetric(openDesc, prometheus.GaugeValue, float64(n), role)
		}
	} else {
		ch <- prometheus.NewInvalidMetric(openDesc, err)
	}
	if pending, dead, err := c.s.OutboxDepth(ctx); err == nil {
		ch <- prometheus.MustNewConstMetric(outboxDesc, prometheus.GaugeValue, float64(pending), "pending")
		ch <- prometheus.MustNewConstMetric(outboxDesc, prometheus.GaugeValue, float64(dead), "dead")
	} else {
		ch <- prometheus.NewInvalidMetric(outboxDesc, err)
	}
	if n, err := c.s.CountReadings(ctx); err == nil {
		ch <- prometheus.MustNewConstMetric(readingsDesc, prometheus.GaugeValue, float64(n))
	} else {
		ch <- prometheus.NewInvalidMetric(readingsDesc, err)
	}
	if t, err := c.s.LastDigest(ctx); err == nil {
		v := 0.0
		if !t.IsZero() {
			v = float64(t.Unix())
		}
		ch <- prometheus.MustNewConstMetric(lastDigestDesc, prometheus.GaugeValue, v)
	} else {
		ch <- prometheus.NewInvalidMetric(lastDigestDesc, err)
	}
}
