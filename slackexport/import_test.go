package slackexport_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/slackexport"
	"github.com/unblock-dev/unblock/slackexport/slackexporttest"
)

// recordingSink is a test double for the consumer of Import: it records every call.
type recordingSink struct {
	calls   []string
	failAt  int // fail the report with this 1-based number; 0 never
	applied int // reports applied
	batches int // ApplyReports calls
	// cancellable counts the calls whose context could be cancelled.
	cancellable int
}

func (s *recordingSink) UpsertPeople(ctx context.Context, people []unblock.Person) error {
	var ids []string
	for _, p := range people {
		ids = append(ids, fmt.Sprintf("%s/%s", p.ID, p.Role))
	}
	if ctx.Done() != nil {
		s.cancellable++
	}
	s.calls = append(s.calls, "people "+strings.Join(ids, ","))
	return nil
}

func (s *recordingSink) ApplyReports(ctx context.Context, reports []unblock.Report, statements []unblock.Statement) error {
	if ctx.Done() != nil {
		s.cancellable++
	}
	s.batches++
	for i, r := range reports {
		st := statements[i]
		s.applied++
		if s.applied == s.failAt {
			return fmt.Errorf("apply report %s/%s: disk full", r.Channel, r.TS)
		}
		s.calls = append(s.calls, fmt.Sprintf("report %s %s %s blocked=%v resolved=%v none=%v", r.Channel, r.TS, r.PersonID, st.Blocked, st.Resolved, st.None))
	}
	return nil
}

func (s *recordingSink) DeleteReport(ctx context.Context, channel, ts string, at time.Time) error {
	if ctx.Done() != nil {
		s.cancellable++
	}
	s.calls = append(s.calls, fmt.Sprintf("delete %s %s at %s", channel, ts, at.Format(time.RFC3339)))
	return nil
}

// parseWords is a trivial parser standing in for parse.Parse; it leaves the
// report as it is.
func parseWords(r unblock.Report) (unblock.Report, unblock.Statement) {
	text := r.Text
	t := strings.ToLower(text)
	st := unblock.Statement{Text: text}
	switch {
	case strings.Contains(t, "unblocked"):
		st.Resolved = true
	case strings.Contains(t, "blocked on") || strings.Contains(t, "waiting on"):
		st.Blocked = true
	case strings.Contains(t, "no blockers") || strings.HasSuffix(t, ": none"):
		st.None = true
	}
	return r, st
}

func TestImport(t *testing.T) {
	exp := mustOpenCompanyX(t)
	// Roles are the caller's to resolve before Import.
	for i, p := range exp.People {
		exp.People[i].Role, exp.People[i].RoleSource, exp.People[i].RoleDetail = unblock.RoleRules{}.Resolve(p, nil)
	}

	var progress [][2]int
	sink := &recordingSink{}
	stats, err := slackexport.Import(context.Background(), exp, sink, parseWords, func(done, total int) {
		progress = append(progress, [2]int{done, total})
	})
	if err != nil {
		t.Fatal(err)
	}
	want := slackexport.Stats{People: 12, Channels: 7, Messages: 47, Reports: 32, Blocked: 27, Resolved: 1, None: 4}
	if stats != want {
		t.Errorf("stats = %+v\nwant %+v", stats, want)
	}
	if got, want := sink.calls[0], "people U01ANA/engineering,U02BEN/engineering,U03DANA/design,U04EVE/design,U05PRIYA/product,"+
		"U06MARCO/product,U07OMAR/engineering,U08GRACE/leadership,U09FORMER/engineering,U0GEEKBOT/unknown,U10SAM/qa,USLACKBOT/unknown"; got != want {
		t.Errorf("first call = %s\nwant %s", got, want)
	}
	if got, want := len(sink.calls), 1+47; got != want {
		t.Fatalf("calls = %d, want %d", got, want)
	}
	// Reports arrive in time order: Ben's resolution after his blocker, Dana's edit in place.
	for i, want := range map[int]string{
		1:  "report C01GENERAL 1794830400.000100 U09FORMER blocked=false resolved=false none=false",
		2:  "report C05STANDUP 1794837720.000100 U01ANA blocked=true resolved=false none=false",
		18: "report C05STANDUP 1794924540.000100 U03DANA blocked=true resolved=false none=false",
		31: "report C05STANDUP 1795010700.000100 U02BEN blocked=false resolved=true none=false",
		47: "report C05STANDUP 1795097880.000100 U10SAM blocked=true resolved=false none=false",
	} {
		if sink.calls[i] != want {
			t.Errorf("call %d = %s\nwant %s", i, sink.calls[i], want)
		}
	}
	if sink.batches != 1 {
		t.Errorf("%d batches of reports, want 1", sink.batches)
	}
	if len(progress) < 2 || progress[0] != [2]int{0, 47} || progress[len(progress)-1] != [2]int{47, 47} {
		t.Errorf("progress = %v, want from [0 47] to [47 47]", progress)
	}
	for i := 1; i < len(progress); i++ {
		if progress[i][0] < progress[i-1][0] {
			t.Errorf("progress went back: %v", progress)
		}
	}

	// The same export again makes the same calls, so an idempotent sink changes nothing.
	again := &recordingSink{}
	if _, err := slackexport.Import(context.Background(), exp, again, parseWords, nil); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(again.calls, sink.calls) {
		t.Errorf("second import made different calls")
	}
}

// An export of more messages than a batch reaches the sink in full batches of
// ImportBatch and one for the rest, every message once, in time order.
func TestImport_Batches(t *testing.T) {
	exp, err := slackexport.Open(slackexporttest.GenerateZip(t, slackexport.ImportBatch+500))
	if err != nil {
		t.Fatal(err)
	}
	sink := &recordingSink{}
	stats, err := slackexport.Import(context.Background(), exp, sink, parseWords, nil)
	if err != nil {
		t.Fatal(err)
	}
	n := len(exp.Messages)
	if want := (n + slackexport.ImportBatch - 1) / slackexport.ImportBatch; n <= slackexport.ImportBatch || sink.batches != want {
		t.Errorf("%d messages in %d batches, want more than %d in %d", n, sink.batches, slackexport.ImportBatch, want)
	}
	if stats.Messages != n || sink.applied != n || len(sink.calls) != 1+n {
		t.Errorf("stats %d, applied %d, calls %d; want %d messages", stats.Messages, sink.applied, len(sink.calls), n)
	}
	for i, m := range exp.Messages {
		if want := fmt.Sprintf("report %s %s %s ", m.Channel, m.TS, m.PersonID); !strings.HasPrefix(sink.calls[1+i], want) {
			t.Fatalf("call %d = %s, want %s…", 1+i, sink.calls[1+i], want)
		}
	}
}

func TestImport_ErrSink(t *testing.T) {
	exp := mustOpenCompanyX(t)
	sink := &recordingSink{failAt: 3}
	stats, err := slackexport.Import(context.Background(), exp, sink, parseWords, nil)
	if err == nil || err.Error() != "apply report C05STANDUP/1794837900.000100: disk full" {
		t.Fatalf("err = %v", err)
	}
	if stats.Messages != 0 || len(sink.calls) != 3 {
		t.Errorf("stopped after %d messages and %d calls, want 0 (the batch failed) and 3", stats.Messages, len(sink.calls))
	}
}

func TestImport_ErrCanceled(t *testing.T) {
	exp := mustOpenCompanyX(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	sink := &recordingSink{}
	if _, err := slackexport.Import(ctx, exp, sink, parseWords, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if sink.applied != 0 {
		t.Errorf("applied %d reports after cancel", sink.applied)
	}
}

// TestImport_CancelBetweenMessages cancels an import from its progress callback:
// Import applies no message after the cancellation and returns its error, and the
// sink never gets a cancellable context (go-sqlite3 would run each statement of
// one in a goroutine of its own).
func TestImport_CancelBetweenMessages(t *testing.T) {
	exp := mustOpenCompanyX(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sink := &recordingSink{}
	cancelledAt := -1
	progress := func(done, total int) {
		if done > 0 && cancelledAt < 0 {
			cancelledAt = done
			cancel()
		}
	}
	if _, err := slackexport.Import(ctx, exp, sink, parseWords, progress); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if cancelledAt <= 0 || cancelledAt >= len(exp.Messages) {
		t.Fatalf("cancelled at message %d of %d, want one in between", cancelledAt, len(exp.Messages))
	}
	if sink.applied != 0 {
		t.Errorf("applied %d messages, want none: the cancellation came before the first batch was full", sink.applied)
	}
	if sink.cancellable != 0 {
		t.Errorf("%d sink calls got a cancellable context, want none", sink.cancellable)
	}
}

// A deletion the export records reaches the sink after every message, at the
// time of the deletion event, whether or not the export still holds the message
// (an earlier import may have applied it).
func TestImport_Deletions(t *testing.T) {
	b := zipBytes(t, map[string]string{
		"users.json":    `[{"id": "U1", "name": "ana"}]`,
		"channels.json": `[{"id": "C1", "name": "general", "members": ["U1"]}]`,
		"general/2026-11-17.json": `[
			{"type": "message", "subtype": "message_deleted", "hidden": true, "deleted_ts": "1794787200.000100", "ts": "1794873600.000200"},
			{"type": "message", "user": "U1", "text": "no blockers", "ts": "1794873700.000100"}]`,
	})
	exp, err := slackexport.Read(bytes.NewReader(b), int64(len(b)), "export.zip")
	if err != nil {
		t.Fatal(err)
	}
	sink := &recordingSink{}
	stats, err := slackexport.Import(context.Background(), exp, sink, parseWords, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"people U1/unknown", "report C1 1794873700.000100 U1 blocked=false resolved=false none=true", "delete C1 1794787200.000100 at 2026-11-17T00:00:00Z"}
	if !slices.Equal(sink.calls, want) || stats.Deleted != 1 {
		t.Errorf("calls = %q, deleted %d\nwant    %q, 1", sink.calls, stats.Deleted, want)
	}
}
