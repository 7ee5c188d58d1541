package slackexport

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/unblock-dev/unblock"
)

// Sink receives an import. *store.Tx satisfies it through a small adapter in the
// command (its ApplyReport also returns an unblock.Change), so that one import is one
// transaction and a failed import commits nothing.
type Sink interface {
	// UpsertPeople inserts or updates people by ID.
	UpsertPeople(ctx context.Context, people []unblock.Person) error
	// ApplyReports runs the blocker lifecycle for reports, in order, each with
	// what was parsed from it (statements[i]), as for one report after another;
	// applying the same report twice must change nothing. Import hands them over
	// in batches of up to ImportBatch, so that a sink can replay a person's
	// later history once a batch, not once a report, when the export is older
	// than what it holds (store.Tx.ApplyReports). An error names the report.
	ApplyReports(ctx context.Context, reports []unblock.Report, statements []unblock.Statement) error
	// DeleteReport withdraws the report of a deleted message, and what it opened,
	// at the time it was deleted, as the live bot does; a message never applied,
	// or already withdrawn, changes nothing.
	DeleteReport(ctx context.Context, channel, ts string, at time.Time) error
}

// Stats counts what an import read and what the parser found.
type Stats struct {
	People   int // people upserted
	Channels int // channels in the export (after Filter)
	Messages int // messages applied as reports
	Reports  int // messages that said something about blockers: blocked, resolved or "no blockers"
	Blocked  int // messages stating a blocker
	Resolved int // messages stating that a blocker cleared
	None     int // explicit "no blockers"
	Deleted  int // deleted messages withdrawn (exp.Deleted), whether or not an import had applied them
}

// progressSteps bounds how often Import calls progress.
const progressSteps = 200

// ImportBatch is how many messages Import hands the sink at most at once: many,
// so that an older export replays its people's later history few times (20,000
// older messages: 7.9 s in batches of 4,096, 4.3 s in these), and few enough
// that a batch's reports and statements stay well below the export itself,
// which is read whole.
const ImportBatch = 16384

// Import upserts exp.People, then applies every message of exp, in time order, as
// a report with the statement parse finds in its text, then withdraws every
// deleted message of exp (exp.Deleted), as the live bot withdraws a deleted message. Every message is applied,
// chatter included, so that an edited message that no longer names a blocker
// withdraws it; the sink decides what to keep. progress, when not nil, is called
// with (0, total) first, at most about 200 times while importing, and with (total,
// total) at the end.
//
// Import checks ctx before each message and returns its error once it is done,
// handing the sink nothing more, so a cancelled import stops within a batch (a
// batch in the sink's hands is applied whole); the sink is called under
// context.WithoutCancel(ctx), since go-sqlite3 runs every statement of a
// cancellable context in a goroutine of its own (a quarter of an import's store
// CPU). Run the sink's transaction under such a context too and roll it back when
// Import fails: then a cancelled import writes nothing.
//
// read reads each message: it returns the statement parse finds in its text
// and the report as the sink is to get it (the command marks standup reports
// there). It runs on a goroutine of its own, ahead of the sink (readAhead), so
// on a machine with a core to spare, reading overlaps writing; it must be safe
// to call from another goroutine than Import's.
//
// Roles are not resolved here: people from an export have none. Resolve them on
// exp.People (e.g. with unblock.RoleRules and the config's teams) before calling
// Import. Importing the same export twice makes the same calls in the same order.
func Import(ctx context.Context, exp *Export, sink Sink, read func(unblock.Report) (unblock.Report, unblock.Statement), progress func(done, total int)) (Stats, error) {
	stats := Stats{People: len(exp.People), Channels: len(exp.Channels)}
	if progress == nil {
		progress = func(int, int) {}
	}
	total := len(exp.Messages)
	progress(0, total)
	write := context.WithoutCancel(ctx)
	if len(exp.People) > 0 {
		if err := sink.UpsertPeople(write, exp.People); err != nil {
			return stats, fmt.Errorf("upsert people: %w", err)
		}
	}
	messages, stop := readAhead(exp.Messages, read)
	defer stop()
	step := max(1, total/progressSteps)
	reports := make([]unblock.Report, 0, min(total, ImportBatch))
	statements := make([]unblock.Statement, 0, cap(reports))
	apply := func() error {
		if len(reports) == 0 {
			return nil
		}
		if err := sink.ApplyReports(write, reports, statements); err != nil {
			return err
		}
		stats.Messages += len(reports)
		for _, st := range statements {
			if st.AboutBlockers() {
				stats.Reports++
			}
			if st.Blocked {
				stats.Blocked++
			}
			if st.Resolved {
				stats.Resolved++
			}
			if st.None {
				stats.None++
			}
		}
		clear(reports)
		clear(statements)
		reports, statements = reports[:0], statements[:0]
		return nil
	}
	for i := range exp.Messages {
		if i%step == 0 && i > 0 {
			progress(i, total)
		}
		if err := ctx.Err(); err != nil {
			return stats, err
		}
		m := <-messages
		reports, statements = append(reports, m.report), append(statements, m.statement)
		if len(reports) == ImportBatch {
			if err := apply(); err != nil {
				return stats, err
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return stats, err
	}
	if err := apply(); err != nil {
		return stats, err
	}
	// Deletions come after every message: one may name a message an earlier
	// import applied, and withdrawing replays its author's later reports.
	for _, d := range exp.Deleted {
		if err := ctx.Err(); err != nil {
			return stats, err
		}
		if err := sink.DeleteReport(write, d.Channel, d.TS, d.At); err != nil {
			return stats, fmt.Errorf("delete report %s/%s: %w", d.Channel, d.TS, err)
		}
		stats.Deleted++
	}
	progress(total, total)
	return stats, nil
}

// readAheadBy is how many messages readAhead may read before the sink has
// taken them.
const readAheadBy = 256

// readMessage is a message as read, to apply.
type readMessage struct {
	report    unblock.Report
	statement unblock.Statement
}

// readAhead reads the messages in order on a goroutine of its own and sends
// each on the channel it returns. stop ends the goroutine and returns once it
// has, so that read is not running after Import returns.
func readAhead(messages []unblock.Report, read func(unblock.Report) (unblock.Report, unblock.Statement)) (<-chan readMessage, func()) {
	out := make(chan readMessage, readAheadBy)
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		for _, r := range messages {
			var m readMessage
			m.report, m.statement = read(r)
			select {
			case out <- m:
			case <-done:
				return
			}
		}
	})
	return out, func() {
		close(done)
		wg.Wait()
	}
}
