package llm

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/clock"
)

// Defaults of the worker.
const (
	// DefaultMaxAttempts is how many times a reading is asked about when the
	// endpoint fails for a passing reason (429, 5xx, a timeout) before the
	// rules' statement is left to stand.
	DefaultMaxAttempts = 5
	// FirstRetry is the wait after the first passing failure (30 s); it doubles
	// with each failure up to MaxRetry, and a longer Retry-After wins.
	FirstRetry = 30 * time.Second
	MaxRetry   = time.Hour
	// idleRecheck is how long the worker waits after a store error before it
	// looks at the queue again.
	idleRecheck = time.Minute
	// CacheKeep is how long a cached answer is kept (90 days): long enough that
	// re-reading recent history asks nothing new, short enough that the cache
	// does not grow without end.
	CacheKeep = 90 * 24 * time.Hour
	batchSize = 16
)

// Queue is what the worker needs of the store (*store.DB is one): the queued
// readings, the author's open blockers, and the writes that settle a reading.
type Queue interface {
	PendingReadings(ctx context.Context, now time.Time, limit int) ([]unblock.Reading, error)
	NextReading(ctx context.Context) (time.Time, bool, error)
	CountReadings(ctx context.Context) (int, error)
	ReadingContext(ctx context.Context, rd unblock.Reading) ([]unblock.Blocker, error)
	ReviseReading(ctx context.Context, id int64, st unblock.Statement) (bool, error)
	RetryReading(ctx context.Context, id int64, notBefore time.Time) error
	DropReading(ctx context.Context, id int64) error
	// ClaimReading takes a reading due at now for this process until `until`;
	// false when another process (a replica) took it first.
	ClaimReading(ctx context.Context, id int64, now, until time.Time) (bool, error)
}

// ReadingClaim is how long a worker holds a reading it asks about against the
// other replicas' workers: past a rate limiter's wait and the request. A worker
// that dies leaves its reading to the others after it; the rules' reading
// stands meanwhile, and a late second answer changes nothing (ReviseReading).
const ReadingClaim = 10 * time.Minute

// Worker takes readings off the queue, asks the reader and revises the
// reports' statements with valid answers. It never holds up an ack: the bot
// queues readings and goes on.
type Worker struct {
	reader      *Reader
	queue       Queue
	clock       clock.Clock
	log         *slog.Logger
	maxAttempts int
	observe     func(outcome string) // nil: none

	wake chan struct{}
	idle struct {
		sync.Mutex
		ch chan struct{} // closed each time the worker finds nothing due
	}
}

// NewWorker returns a worker over queue that asks r.
func NewWorker(r *Reader, queue Queue, clk clock.Clock, log *slog.Logger) *Worker {
	if clk == nil {
		clk = clock.Real{}
	}
	if log == nil {
		log = slog.Default()
	}
	w := &Worker{reader: r, queue: queue, clock: clk, log: log, maxAttempts: DefaultMaxAttempts, wake: make(chan struct{}, 1)}
	w.idle.ch = make(chan struct{})
	return w
}

// Observe has f told the outcome of every reading the worker settles:
// "revised", "stale", "retried" or "dropped" (for metrics). Call it before Run.
func (w *Worker) Observe(f func(outcome string)) { w.observe = f }

// Wake tells the worker a reading was queued.
func (w *Worker) Wake() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// Idle returns a channel closed the next time the worker finds nothing due.
func (w *Worker) Idle() <-chan struct{} {
	w.idle.Lock()
	defer w.idle.Unlock()
	return w.idle.ch
}

func (w *Worker) markIdle() {
	w.idle.Lock()
	close(w.idle.ch)
	w.idle.ch = make(chan struct{})
	w.idle.Unlock()
}

// Stats counts what a run of the worker did with the readings it took.
type Stats struct {
	Revised int // answered, and the report's statement revised (or confirmed)
	Stale   int // answered, but the message had changed since
	Retried int // held for another attempt later
	Dropped int // given up: the rules' statement stands
}

func (s *Stats) add(o Stats) {
	s.Revised += o.Revised
	s.Stale += o.Stale
	s.Retried += o.Retried
	s.Dropped += o.Dropped
}

// Run works the queue until ctx ends: whatever is due, then it waits for Wake
// or for the next retry.
func (w *Worker) Run(ctx context.Context) {
	for {
		_, err := w.Work(ctx, nil)
		if ctx.Err() != nil {
			return
		}
		var due <-chan time.Time
		release := func() {}
		if err != nil {
			w.log.Warn("llm reader: queue failed", "err", err)
			due, release = w.clock.At(w.clock.Now().Add(idleRecheck))
		} else if next, ok, err := w.queue.NextReading(ctx); err != nil {
			w.log.Warn("llm reader: queue failed", "err", err)
			due, release = w.clock.At(w.clock.Now().Add(idleRecheck))
		} else if ok {
			due, release = w.clock.At(next)
		}
		w.markIdle()
		select {
		case <-ctx.Done():
			release()
			return
		case <-w.wake:
		case <-due:
		}
		release()
	}
}

// Work settles every reading due now and returns what it did; progress, if
// not nil, is told after each one.
func (w *Worker) Work(ctx context.Context, progress func(done int)) (Stats, error) {
	var st Stats
	for done := 0; ; {
		list, err := w.queue.PendingReadings(ctx, w.clock.Now(), batchSize)
		if err != nil || len(list) == 0 {
			return st, err
		}
		for _, rd := range list {
			now := w.clock.Now()
			if ok, err := w.queue.ClaimReading(ctx, rd.ID, now, now.Add(ReadingClaim)); err != nil {
				return st, err
			} else if !ok {
				continue // another replica asks about it
			}
			s, err := w.settle(ctx, rd)
			st.add(s)
			w.report(s)
			if err != nil {
				return st, err
			}
			if done++; progress != nil {
				progress(done)
			}
		}
	}
}

// Drain works the queue until it is empty, waiting for retries that fall due,
// and tells progress how many of the readings queued at the start are settled.
func (w *Worker) Drain(ctx context.Context, progress func(done, total int)) (Stats, error) {
	total, err := w.queue.CountReadings(ctx)
	if err != nil {
		return Stats{}, err
	}
	var st Stats
	settled := 0
	for {
		s, err := w.Work(ctx, nil)
		st.add(s)
		if err != nil {
			return st, err
		}
		settled = st.Revised + st.Stale + st.Dropped
		if progress != nil {
			progress(min(settled, total), total)
		}
		next, ok, err := w.queue.NextReading(ctx)
		if err != nil || !ok {
			return st, err
		}
		due, release := w.clock.At(next)
		select {
		case <-ctx.Done():
			release()
			return st, ctx.Err()
		case <-due:
		}
		release()
	}
}

// report tells the observer what settling one reading did.
func (w *Worker) report(s Stats) {
	if w.observe == nil {
		return
	}
	for _, o := range []struct {
		n       int
		outcome string
	}{{s.Revised, "revised"}, {s.Stale, "stale"}, {s.Retried, "retried"}, {s.Dropped, "dropped"}} {
		for range o.n {
			w.observe(o.outcome)
		}
	}
}

// settle asks about one reading and revises, retries or drops it.
func (w *Worker) settle(ctx context.Context, rd unblock.Reading) (Stats, error) {
	blockers, err := w.queue.ReadingContext(ctx, rd)
	if err != nil {
		return Stats{}, err
	}
	open := Open(blockers)
	a, err := w.reader.Read(ctx, rd.Report.Text, open)
	if err != nil {
		if ctx.Err() != nil {
			return Stats{}, ctx.Err()
		}
		// Errors name the endpoint and the status, never the text or the key.
		var e *Error
		if errors.As(err, &e) && e.Temporary && rd.Attempts+1 < w.maxAttempts {
			wait := min(FirstRetry<<rd.Attempts, MaxRetry)
			wait = max(wait, e.RetryAfter)
			w.log.Info("llm reader: will ask again", "reading", rd.ID, "attempt", rd.Attempts+1, "in", wait, "err", err)
			return Stats{Retried: 1}, w.queue.RetryReading(ctx, rd.ID, w.clock.Now().Add(wait))
		}
		w.log.Warn("llm reader: no usable answer; the rules' reading stands", "reading", rd.ID, "err", err)
		return Stats{Dropped: 1}, w.queue.DropReading(ctx, rd.ID)
	}
	ok, err := w.queue.ReviseReading(ctx, rd.ID, a.Statement(rd.Rules, open))
	switch {
	case unblock.ErrorCode(err) == unblock.EINVALID:
		// The store refuses the statement: asking again would not help.
		w.log.Warn("llm reader: the answer cannot be applied; the rules' reading stands", "reading", rd.ID, "err", err)
		return Stats{Dropped: 1}, w.queue.DropReading(ctx, rd.ID)
	case err != nil:
		return Stats{}, err
	case !ok:
		return Stats{Stale: 1}, nil
	}
	return Stats{Revised: 1}, nil
}
