package clock_test

import (
	"testing"
	"time"

	"github.com/unblock-dev/unblock/clock"
)

func TestFake(t *testing.T) {
	start := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	f := clock.NewFake(start)
	early, _ := f.At(start.Add(time.Minute))
	late, _ := f.At(start.Add(time.Hour))
	cancelled, release := f.At(start.Add(2 * time.Minute))
	release()
	if got, want := f.Waiters(), 2; got != want {
		t.Fatalf("Waiters()=%d, want %d", got, want)
	}
	if next, ok := f.Next(); !ok || !next.Equal(start.Add(time.Minute)) {
		t.Fatalf("Next()=%v,%v, want %v", next, ok, start.Add(time.Minute))
	}
	f.Advance(30 * time.Minute)
	select {
	case got := <-early:
		if !got.Equal(start.Add(30 * time.Minute)) {
			t.Fatalf("early fired at %v", got)
		}
	default:
		t.Fatal("early wait did not fire")
	}
	select {
	case <-late:
		t.Fatal("late wait fired too soon")
	case <-cancelled:
		t.Fatal("released wait fired")
	default:
	}
	f.Set(start) // never backwards
	if !f.Now().Equal(start.Add(30 * time.Minute)) {
		t.Fatalf("clock moved backwards to %v", f.Now())
	}
	past, _ := f.At(start)
	select {
	case <-past:
	default:
		t.Fatal("a wait in the past must fire at once")
	}
	done := make(chan struct{})
	close(done)
	if f.WaitForWaiters(5, done) {
		t.Fatal("WaitForWaiters(5) reported true with 1 waiter")
	}
}
