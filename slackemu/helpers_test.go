package slackemu

import (
	"context"
	"io"
	"log"
	"testing"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
)

// Test people and places.
const (
	ana     = "U0ANA"
	ben     = "U0BEN"
	general = "C0GENERAL"
	secret  = "G0SECRET"
)

// mustStart starts a Server with opts and a small workspace, closed at test end.
func mustStart(t *testing.T, opts Options) *Server {
	t.Helper()
	s := New(opts)
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	s.AddUser(User{ID: ana, Name: "ana", RealName: "Ana Ruiz", Title: "Senior Engineer", TZ: "UTC"})
	s.AddUser(User{ID: ben, Name: "ben", RealName: "Ben Okafor", Title: "Product Designer"})
	s.AddChannel(general, "general", ana, ben, BotUserID)
	s.AddChannel(secret, "secret", ana)
	s.AddUserGroup("S0DESIGN", "design", ben)
	return s
}

// newAPI is a slack-go client with the bot token, pointed at s.
func newAPI(s *Server) *slack.Client {
	return slack.New(s.BotToken(), slack.OptionAPIURL(s.APIURL()), slack.OptionAppLevelToken(s.AppToken()))
}

// testCtx is a context that ends with the test or after 20 s.
func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// runSocket runs a socketmode client against s until the test ends. The
// client's Events must be drained by the test (see next).
func runSocket(t *testing.T, s *Server) *socketmode.Client {
	t.Helper()
	client := socketmode.New(newAPI(s), socketmode.OptionLog(log.New(io.Discard, "", 0)))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = client.RunContext(ctx)
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	return client
}

// next returns the next event of type typ, skipping the others (connecting,
// connected, hello, …).
func next(ctx context.Context, t *testing.T, c *socketmode.Client, typ socketmode.EventType) socketmode.Event {
	t.Helper()
	for {
		select {
		case evt := <-c.Events:
			if evt.Type == typ {
				return evt
			}
			if evt.Type == socketmode.EventTypeErrorBadMessage {
				t.Fatalf("bad message: %+v", evt.Data)
			}
		case <-ctx.Done():
			t.Fatalf("waiting for %s: %v", typ, ctx.Err())
		}
	}
}

// drain discards client events until the test ends, so the client never blocks.
func drain(t *testing.T, c *socketmode.Client) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case evt := <-c.Events:
				if evt.Request != nil && evt.Request.EnvelopeID != "" {
					_ = c.Ack(*evt.Request)
				}
			case <-ctx.Done():
				return
			}
		}
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
}
