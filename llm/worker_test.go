package llm_test

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/clock"
	"github.com/unblock-dev/unblock/llm"
	"github.com/unblock-dev/unblock/llm/llmtest"
	"github.com/unblock-dev/unblock/store"
)

var monday = time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC)

func openStore(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "unblock.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestWorker follows readings through a flaky endpoint: a 429 is asked again
// after its Retry-After, an answer revises the ledger, a wrong-shaped one and
// one that keeps failing leave the rules' statement, and a blocker the author
// still waits on is continued by its id.
func TestWorker(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	db.SetExpireAfter(0) // five reports in a morning: nothing expires
	clk := clock.NewFake(monday)
	var calls atomic.Int32
	srv := llmtest.New(func(r llmtest.Request) llmtest.Reply {
		calls.Add(1)
		switch r.Statement() {
		case "the PR has sat in review since Tuesday":
			if calls.Load() == 1 {
				return llmtest.Reply{Status: 429, RetryAfter: 120}
			}
			return llmtest.Reply{Content: `{"blocked": true, "resolved": false, "none": false, "continues": [], "resolves": [],
				"targets": [{"kind": "artifact", "name": "PR", "role": "engineering"}], "topic": "PR review"}`}
		case "still nothing from design":
			ids := r.OpenBlockers()
			if len(ids) != 1 {
				return llmtest.Reply{Status: 400}
			}
			return llmtest.Reply{Content: `{"blocked": true, "resolved": false, "none": false, "continues": [` +
				strconv.FormatInt(ids[0], 10) + `], "resolves": [], "targets": [], "topic": ""}`}
		case "users with an unpaid invoice are blocked from the cart":
			return llmtest.Reply{Content: `{"blocked": false}`}
		}
		return llmtest.Reply{Status: 503}
	})
	defer srv.Close()
	c, err := llm.NewClient(llm.ClientConfig{URL: srv.URL + "/v1", Model: "fake-model", RequestsPerMinute: 60_000})
	if err != nil {
		t.Fatal(err)
	}
	w := llm.NewWorker(llm.NewReader(c, db, nil, clk.Now), db, clk, slog.New(slog.NewTextHandler(io.Discard, nil)))
	outcomes := map[string]int{}
	w.Observe(func(o string) { outcomes[o]++ })

	design := unblock.Target{Kind: unblock.TargetRole, Name: "design", Role: "design"}
	report := func(ts, text string, at time.Time) unblock.Report {
		return unblock.Report{PersonID: "U1", Channel: "C1", TS: ts, At: at, Text: text, Source: unblock.SourceChannel}
	}
	queue := func(r unblock.Report, st unblock.Statement) {
		t.Helper()
		st.Text = r.Text
		if _, err := db.ApplyReportQueued(ctx, r, st, true, clk.Now()); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.ApplyReport(ctx, report("1.0", "blocked on design for the checkout mocks", monday),
		unblock.Statement{Blocked: true, Targets: []unblock.Target{design}, Topic: "checkout mocks"}); err != nil {
		t.Fatal(err)
	}
	queue(report("2.0", "the PR has sat in review since Tuesday", monday.Add(time.Hour)), unblock.Statement{})
	// The rules missed the continuation's target; the LLM names blocker 1.
	queue(report("3.0", "still nothing from design", monday.Add(2*time.Hour)), unblock.Statement{Blocked: true,
		Targets: []unblock.Target{{Kind: unblock.TargetArtifact, Name: "nothing"}}})
	queue(report("4.0", "users with an unpaid invoice are blocked from the cart", monday.Add(3*time.Hour)),
		unblock.Statement{Blocked: true, Targets: []unblock.Target{{Kind: unblock.TargetArtifact, Name: "cart"}}})
	queue(report("5.0", "blocked on the vendor", monday.Add(4*time.Hour)),
		unblock.Statement{Blocked: true, Targets: []unblock.Target{{Kind: unblock.TargetRole, Name: "vendor", Role: "vendor"}}})

	st, err := w.Work(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := (llm.Stats{Revised: 1, Retried: 2, Dropped: 1}); st != want {
		t.Errorf("first pass: %+v; want %+v", st, want)
	}
	// The 429 asked for two minutes, the 503 got the first backoff (30 s).
	if next, ok, _ := db.NextReading(ctx); !ok || !next.Equal(monday.Add(llm.FirstRetry)) {
		t.Errorf("next retry at %v; want %v", next, monday.Add(llm.FirstRetry))
	}
	clk.Advance(2 * time.Minute)
	if st, err = w.Work(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if want := (llm.Stats{Revised: 1, Retried: 1}); st != want {
		t.Errorf("second pass: %+v; want %+v", st, want)
	}
	// The 503 keeps coming: after DefaultMaxAttempts the rules' reading stands.
	for i := 0; err == nil && i < 10; i++ {
		if n, _ := db.CountReadings(ctx); n == 0 {
			break
		}
		clk.Advance(llm.MaxRetry)
		_, err = w.Work(ctx, nil)
	}
	if n, err := db.CountReadings(ctx); err != nil || n != 0 {
		t.Fatalf("%d readings left (%v); want 0", n, err)
	}
	if outcomes["revised"] != 2 || outcomes["dropped"] != 2 || outcomes["retried"] < 2 {
		t.Errorf("observed %v; want 2 revised, 2 dropped and the retries", outcomes)
	}

	open, err := db.BlockersOf(ctx, "U1", monday.Add(24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}

	var got []string
	for _, b := range open {
		got = append(got, b.To+" "+b.Topic+" seen "+b.LastSeenAt.Format("15:04"))
	}
	want := []string{
		"role:design checkout mocks seen 11:00", // continued by "still nothing from design" (blocker 1)
		"artifact:cart cart seen 12:00",         // a wrong-shaped answer: the rules' blocker stands (a thing is its own topic)
		"role:vendor  seen 13:00",               // the endpoint kept failing: the rules' blocker stands
		"artifact:pr PR review seen 10:00",      // found by the LLM in chatter the rules passed over
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("open blockers:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// refusingQueue holds one reading whose revision the store refuses.
type refusingQueue struct {
	llm.Queue // unused methods panic
	rd        []unblock.Reading
	dropped   []int64
}

func (q *refusingQueue) PendingReadings(context.Context, time.Time, int) ([]unblock.Reading, error) {
	out := q.rd
	q.rd = nil
	return out, nil
}
func (q *refusingQueue) ReadingContext(context.Context, unblock.Reading) ([]unblock.Blocker, error) {
	return nil, nil
}
func (q *refusingQueue) ReviseReading(context.Context, int64, unblock.Statement) (bool, error) {
	return false, unblock.Errorf(unblock.EINVALID, "report without a time")
}
func (q *refusingQueue) ClaimReading(context.Context, int64, time.Time, time.Time) (bool, error) {
	return true, nil
}
func (q *refusingQueue) DropReading(_ context.Context, id int64) error {
	q.dropped = append(q.dropped, id)
	return nil
}

// TestWorker_Refused drops a reading the store refuses rather than asking
// again forever.
func TestWorker_Refused(t *testing.T) {
	srv := llmtest.New(func(llmtest.Request) llmtest.Reply { return llmtest.Reply{Content: good} })
	defer srv.Close()
	q := &refusingQueue{rd: []unblock.Reading{{ID: 9, Report: unblock.Report{Text: "blocked on design"}}}}
	w := llm.NewWorker(newReader(t, srv, nil, 0), q, clock.NewFake(monday), slog.New(slog.NewTextHandler(io.Discard, nil)))
	st, err := w.Work(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if st != (llm.Stats{Dropped: 1}) || len(q.dropped) != 1 || q.dropped[0] != 9 {
		t.Errorf("Work = %+v, dropped %v; want reading 9 dropped", st, q.dropped)
	}
}
