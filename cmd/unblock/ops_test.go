package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/bot"
	"github.com/unblock-dev/unblock/slackemu"
	"github.com/unblock-dev/unblock/store"
)

// scrape reads /metrics with the Prometheus text parser and returns each family.
func scrape(t *testing.T, base string) map[string]*dto.MetricFamily {
	t.Helper()
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	parser := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := parser.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatalf("/metrics is not the Prometheus text format: %v", err)
	}
	return fams
}

// value returns the value of the family's metric whose labels include want, 0 if none.
func value(fams map[string]*dto.MetricFamily, name string, want map[string]string) float64 {
	f := fams[name]
	if f == nil {
		return 0
	}
	var sum float64
	for _, m := range f.Metric {
		match := true
		for k, v := range want {
			found := false
			for _, l := range m.Label {
				if l.GetName() == k && l.GetValue() == v {
					found = true
				}
			}
			match = match && found
		}
		if !match {
			continue
		}
		switch {
		case m.Counter != nil:
			sum += m.Counter.GetValue()
		case m.Gauge != nil:
			sum += m.Gauge.GetValue()
		case m.Histogram != nil:
			sum += float64(m.Histogram.GetSampleCount())
		}
	}
	return sum
}

// TestRun_OpsEndpoints runs the bot with ops.listen set: /healthz and /readyz answer,
// and /metrics, read with the Prometheus text parser, moves with traffic.
func TestRun_OpsEndpoints(t *testing.T) {
	emu := slackemu.New(slackemu.Options{})
	if err := emu.Start(); err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	emu.AddUser(slackemu.User{ID: "U02ENG0042", Name: "tom", RealName: "Tom Berg", Title: "Backend Engineer", TZ: "Europe/Berlin"})
	emu.AddChannel("C061ENGSTND", "eng-standup", "U02ENG0042", slackemu.BotUserID)
	_, cfg, vars := writeRunConfig(t, emu, "database: unblock.db\nops:\n  listen: 127.0.0.1:0\nlog:\n  format: json\n")
	logR, logW := io.Pipe()
	env := &Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: logW, Getenv: func(k string) string { return vars[k] }}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan int, 1)
	go func() { done <- Main(runCtx, env, []string{"run", "-config", cfg}); logW.Close() }()
	addr, running := make(chan string, 1), make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(logR)
		for sc.Scan() {
			var rec map[string]any
			if json.Unmarshal(sc.Bytes(), &rec) != nil {
				continue
			}
			if rec["listen"] != nil {
				addr <- rec["listen"].(string)
			}
			if msg, _ := rec["msg"].(string); strings.HasPrefix(msg, "unblock is running") {
				running <- true
			}
		}
		close(addr)
		close(running)
	}()
	var base string
	select {
	case a, ok := <-addr:
		if !ok {
			t.Fatal("the bot stopped before it listened")
		}
		base = "http://" + a
	case <-ctx.Done():
		t.Fatal("no ops endpoints logged")
	}
	// The endpoints listen while the bot starts (TestRun_HealthyWhileStarting);
	// its checks decide /readyz once it runs.
	select {
	case ok := <-running:
		if !ok {
			t.Fatal("the bot stopped before it ran")
		}
	case <-ctx.Done():
		t.Fatal("the bot never ran")
	}
	defer func() {
		stop()
		if code := <-done; code != 0 {
			t.Errorf("run exit %d", code)
		}
	}()

	if resp, err := http.Get(base + "/healthz"); err != nil || resp.StatusCode != 200 {
		t.Fatalf("/healthz: %v %v", resp, err)
	}
	// Ready once Socket Mode is connected (the bot learns it from its event loop).
	for {
		resp, err := http.Get(base + "/readyz")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode == 200 {
			break
		}
		if !strings.Contains(string(body), "slack: Socket Mode is not connected") || ctx.Err() != nil {
			t.Fatalf("/readyz %d %q", resp.StatusCode, body)
		}
		if err := emu.WaitFor(ctx, func() bool { return emu.Connections() > 0 }); err != nil {
			t.Fatal(err)
		}
	}

	if code, out, errOut := run(t, "health", "-addr", strings.TrimPrefix(base, "http://"), "-ready"); code != 0 || out != "ok\n" {
		t.Fatalf("unblock health -ready: exit %d, %q, %q", code, out, errOut)
	}
	before := scrape(t, base)
	// A DM: the bot answers it with a confirmation, an effect of the outbox.
	d, err := emu.PostMessage("U02ENG0042", emu.IMChannel("U02ENG0042"), "Blockers: waiting on design for the checkout mocks")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.WaitAck(ctx); err != nil {
		t.Fatal(err)
	}
	var after map[string]*dto.MetricFamily
	processed := func(f map[string]*dto.MetricFamily) bool {
		return value(f, "unblock_reports_parsed_total", map[string]string{"outcome": "blocked"}) >= 1 &&
			value(f, "unblock_open_blockers", map[string]string{"role": "design"}) >= 1 &&
			value(f, "unblock_outbox_effects_total", map[string]string{"outcome": "sent"}) >= 1
	}
	for after = scrape(t, base); !processed(after); after = scrape(t, base) {
		// Each scrape is a round trip to the bot, which processes the inbox meanwhile.
		if ctx.Err() != nil {
			t.Fatal("the report never showed in /metrics")
		}
	}
	for _, c := range []struct {
		name   string
		labels map[string]string
		delta  float64
	}{
		{"unblock_envelopes_received_total", map[string]string{"kind": "events_api"}, 1},
		{"unblock_envelopes_acked_total", nil, 1},
		{"unblock_ack_latency_seconds", nil, 1},
		{"unblock_reports_parsed_total", map[string]string{"outcome": "blocked"}, 1},
		{"unblock_open_blockers", map[string]string{"role": "design"}, 1},
	} {
		if got := value(after, c.name, c.labels) - value(before, c.name, c.labels); got != c.delta {
			t.Errorf("%s%v moved by %v; want %v", c.name, c.labels, got, c.delta)
		}
	}
	if value(after, "unblock_slack_api_calls_total", map[string]string{"method": "auth.test", "outcome": "ok"}) < 1 {
		t.Error("no auth.test call counted")
	}
	if after["unblock_inbox_depth"] == nil || after["unblock_last_digest_timestamp_seconds"] == nil || after["unblock_outbox_depth"] == nil {
		t.Error("the inbox depth or the last digest time is missing")
	}
	if after["unblock_llm_readings_queued"] == nil {
		t.Error("the LLM reader's queue depth is missing")
	}
}

func TestHealth_NothingListening(t *testing.T) {
	code, _, errOut := run(t, "health", "-addr", "127.0.0.1:1")
	if code != 1 || !strings.Contains(errOut, "127.0.0.1:1/healthz") {
		t.Fatalf("health against nothing: exit %d, %q; want 1 naming the URL", code, errOut)
	}
	if code, _, errOut := run(t, "health"); code != 2 || !strings.Contains(errOut, "-addr") {
		t.Fatalf("health without an address: exit %d, %q", code, errOut)
	}
}

// unblock_last_digest_timestamp_seconds reads when a digest was delivered: one
// decided and dead-lettered (a digest channel the bot is not in:
// not_in_channel) leaves it at never, so the README's alert fires; one sent
// sets it to when it went out.
func TestOpsState_LastDigestIsDelivery(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "unblock.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	decided := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	digest := func(dest string) unblock.Outgoing {
		t.Helper()
		key := bot.DigestKeyPrefix + "2026-11-22:" + dest
		if err := db.SavePost(ctx, key, "", "", decided); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Enqueue(ctx, unblock.Outgoing{Key: key, Kind: "digest", Payload: []byte(`{}`), CreatedAt: decided, Deadline: decided.Add(24 * time.Hour)}); err != nil {
			t.Fatal(err)
		}
		o, err := db.Outgoing(ctx, key)
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	notIn := digest("C061ENGSTND")
	if err := db.EffectDead(ctx, notIn.ID, "not_in_channel", decided); err != nil {
		t.Fatal(err)
	}
	if at, err := (opsState{db}).LastDigest(ctx); err != nil || !at.IsZero() {
		t.Fatalf("after a digest dead-lettered: LastDigest = %v, %v; want never", at, err)
	}
	sent := decided.Add(time.Minute)
	lead := digest("U02ENG0042")
	if err := db.EffectSent(ctx, lead.ID, "D02ENG0042", "1796640000.000100", "", sent); err != nil {
		t.Fatal(err)
	}
	if at, err := (opsState{db}).LastDigest(ctx); err != nil || !at.Equal(sent) {
		t.Fatalf("after a digest sent: LastDigest = %v, %v; want %v", at, err, sent)
	}
}

// TestRun_HealthyWhileStarting: while run is still starting (here: auth.test
// answered 503 and retried), /healthz answers 200, the process runs, and /readyz
// 503 "not ready: starting"; a stop then still exits 0.
func TestRun_HealthyWhileStarting(t *testing.T) {
	emu := slackemu.New(slackemu.Options{})
	if err := emu.Start(); err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	emu.InjectFault("auth.test", slackemu.Fault{Status: 503})
	_, cfg, vars := writeRunConfig(t, emu, "database: unblock.db\nops:\n  listen: 127.0.0.1:0\nlog:\n  format: json\n")
	logR, logW := io.Pipe()
	env := &Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: logW, Getenv: func(k string) string { return vars[k] }}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	done := make(chan int, 1)
	go func() { done <- Main(runCtx, env, []string{"run", "-config", cfg}); logW.Close() }()
	addr, retrying := make(chan string, 1), make(chan struct{})
	go func() {
		var once sync.Once
		sc := bufio.NewScanner(logR)
		for sc.Scan() {
			var rec map[string]any
			if json.Unmarshal(sc.Bytes(), &rec) != nil {
				continue
			}
			if rec["listen"] != nil {
				addr <- rec["listen"].(string)
			}
			if msg, _ := rec["msg"].(string); strings.Contains(msg, "auth.test failed; retrying") {
				once.Do(func() { close(retrying) })
			}
		}
		io.Copy(io.Discard, logR)
	}()
	var base string
	select {
	case a := <-addr:
		base = "http://" + a
	case code := <-done:
		t.Fatalf("run exit %d before it listened", code)
	case <-ctx.Done():
		t.Fatal("no ops endpoints while starting")
	}
	select {
	case <-retrying:
	case code := <-done:
		t.Fatalf("run exit %d before it retried auth.test", code)
	case <-ctx.Done():
		t.Fatal("auth.test never retried")
	}
	get := func(path string) (int, string) {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatalf("%s while starting: %v", path, err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := get("/healthz"); code != 200 {
		t.Errorf("/healthz while starting = %d %q; want 200: the process runs", code, body)
	}
	if code, body := get("/readyz"); code != 503 || body != "not ready: starting\n" {
		t.Errorf("/readyz while starting = %d %q; want 503 not ready: starting", code, body)
	}
	stop()
	if code := <-done; code != 0 {
		t.Errorf("run stopped while starting: exit %d; want 0", code)
	}
}
