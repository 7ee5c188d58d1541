package slackemu

import (
	"context"
	"fmt"
	"io"
	"log"
	"slices"
	"testing"
	"time"

	"github.com/slack-go/slack/socketmode"
)

// benchClient runs a socketmode client that acks every envelope as it arrives.
func benchClient(b *testing.B, s *Server) {
	client := socketmode.New(newAPI(s), socketmode.OptionLog(log.New(io.Discard, "", 0)))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{}, 2)
	go func() { _ = client.RunContext(ctx); done <- struct{}{} }()
	go func() {
		defer func() { done <- struct{}{} }()
		for {
			select {
			case evt := <-client.Events:
				if evt.Request != nil && evt.Request.EnvelopeID != "" {
					_ = client.Ack(*evt.Request)
				}
			case <-ctx.Done():
				return
			}
		}
	}()
	b.Cleanup(func() { cancel(); <-done; <-done })
}

// BenchmarkAckRoundTrip measures one message event from the emulator to an
// acking slack-go client and back, one at a time: the emulator's share of the
// bot's ack latency.
func BenchmarkAckRoundTrip(b *testing.B) {
	s := New(Options{RateLimits: map[string]RateLimit{}})
	if err := s.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(s.Close)
	s.AddUser(User{ID: ana, Name: "ana"})
	s.AddChannel(general, "general", ana, BotUserID)
	benchClient(b, s)
	ctx := context.Background()
	lat := make([]time.Duration, 0, b.N)
	for b.Loop() {
		start := time.Now()
		d, err := s.PostMessage(ana, general, "standup: blocked on design")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := d.WaitAck(ctx); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
}

// BenchmarkEnvelopeThroughput sends batches of message events and waits until
// all are acked: envelopes per second through the emulator and slack-go.
func BenchmarkEnvelopeThroughput(b *testing.B) {
	for _, batch := range []int{100, 1000} {
		b.Run(fmt.Sprint(batch), func(b *testing.B) {
			s := New(Options{RateLimits: map[string]RateLimit{}})
			if err := s.Start(); err != nil {
				b.Fatal(err)
			}
			b.Cleanup(s.Close)
			s.AddUser(User{ID: ana, Name: "ana"})
			s.AddChannel(general, "general", ana, BotUserID)
			benchClient(b, s)
			ctx := context.Background()
			start := time.Now()
			for b.Loop() {
				for range batch {
					if _, err := s.PostMessage(ana, general, "standup: blocked on design"); err != nil {
						b.Fatal(err)
					}
				}
				if err := s.WaitIdle(ctx); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N*batch)/time.Since(start).Seconds(), "envelopes/s")
		})
	}
}
