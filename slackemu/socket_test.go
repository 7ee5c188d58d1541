package slackemu

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log"
	"os"
	"testing"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

func TestSocketMessageAck(t *testing.T) {
	s := mustStart(t, Options{})
	client, ctx := runSocket(t, s), testCtx(t)
	next(ctx, t, client, socketmode.EventTypeHello)

	d, err := s.PostMessage(ana, s.IMChannel(ana), "blocked on design for the mocks")
	if err != nil {
		t.Fatal(err)
	}
	evt := next(ctx, t, client, socketmode.EventTypeEventsAPI)
	api := evt.Data.(slackevents.EventsAPIEvent)
	msg, ok := api.InnerEvent.Data.(*slackevents.MessageEvent)
	if !ok || msg.Text != "blocked on design for the mocks" || msg.ChannelType != "im" || msg.User != ana || msg.TimeStamp != d.TS {
		t.Fatalf("inner event = %#v", api.InnerEvent.Data)
	}
	cb := api.Data.(*slackevents.EventsAPICallbackEvent)
	if cb.EventID != d.EventID || evt.Request.RetryAttempt != 0 {
		t.Fatalf("event_id = %q, want %q; request %+v", cb.EventID, d.EventID, evt.Request)
	}
	if s.Pending() != 1 {
		t.Fatalf("Pending = %d before the ack, want 1", s.Pending())
	}
	client.Ack(*evt.Request)
	if payload, err := d.WaitAck(ctx); err != nil || payload != nil {
		t.Fatalf("WaitAck = %s, %v", payload, err)
	}
	if s.Pending() != 0 {
		t.Fatalf("Pending = %d after the ack", s.Pending())
	}
	if env := s.Envelopes(); len(env) != 1 || !env[0].Acked || env[0].EventID != d.EventID {
		t.Fatalf("envelopes = %+v", env)
	}
}

func TestRedeliverUnacked(t *testing.T) {
	s := mustStart(t, Options{AckTimeout: 300 * time.Millisecond, MaxRetries: 1})
	client, ctx := runSocket(t, s), testCtx(t)

	d, err := s.PostMessage(ana, general, "first")
	if err != nil {
		t.Fatal(err)
	}
	first := next(ctx, t, client, socketmode.EventTypeEventsAPI)  // not acked
	second := next(ctx, t, client, socketmode.EventTypeEventsAPI) // after AckTimeout
	if second.Request.RetryAttempt != 1 || second.Request.RetryReason != "timeout" ||
		second.Request.EnvelopeID == first.Request.EnvelopeID {
		t.Fatalf("redelivery = %+v, first %+v", second.Request, first.Request)
	}
	id := func(e socketmode.Event) string {
		return e.Data.(slackevents.EventsAPIEvent).Data.(*slackevents.EventsAPICallbackEvent).EventID
	}
	if id(first) != id(second) {
		t.Fatalf("event_id changed: %q then %q", id(first), id(second))
	}
	client.Ack(*second.Request)
	if _, err := d.WaitAck(ctx); err != nil {
		t.Fatal(err)
	}

	// With the last retry unacked too, the delivery gives up.
	d, _ = s.PostMessage(ana, general, "second")
	next(ctx, t, client, socketmode.EventTypeEventsAPI)
	next(ctx, t, client, socketmode.EventTypeEventsAPI)
	if _, err := d.WaitAck(ctx); !errors.Is(err, ErrNotAcked) {
		t.Fatalf("WaitAck = %v, want ErrNotAcked", err)
	}
	if s.Pending() != 0 {
		t.Fatalf("Pending = %d", s.Pending())
	}
}

func TestRedeliverScripted(t *testing.T) {
	s := mustStart(t, Options{})
	client, ctx := runSocket(t, s), testCtx(t)
	d, _ := s.PostMessage(ana, general, "hello")
	client.Ack(*next(ctx, t, client, socketmode.EventTypeEventsAPI).Request)
	if _, err := d.WaitAck(ctx); err != nil {
		t.Fatal(err)
	}
	again := s.Redeliver(d)
	evt := next(ctx, t, client, socketmode.EventTypeEventsAPI)
	if evt.Request.RetryAttempt != 1 || again.EventID != d.EventID {
		t.Fatalf("redelivered = %+v", evt.Request)
	}
	client.Ack(*evt.Request)
	if _, err := again.WaitAck(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestQueueUntilConnected(t *testing.T) {
	s := mustStart(t, Options{})
	d, err := s.PostMessage(ben, general, "posted while the bot was away")
	if err != nil {
		t.Fatal(err)
	}
	client, ctx := runSocket(t, s), testCtx(t)
	evt := next(ctx, t, client, socketmode.EventTypeEventsAPI)
	client.Ack(*evt.Request)
	if _, err := d.WaitAck(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestNotSubscribed(t *testing.T) {
	s := mustStart(t, Options{})
	d, err := s.PostMessage(ana, secret, "the bot is not here")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.WaitAck(testCtx(t)); !errors.Is(err, ErrNotDelivered) {
		t.Fatalf("WaitAck = %v, want ErrNotDelivered", err)
	}
	if s.Pending() != 0 {
		t.Fatalf("Pending = %d", s.Pending())
	}
}

func TestDisconnectReconnects(t *testing.T) {
	for _, reason := range []string{"refresh_requested", "warning", "link_disabled"} {
		t.Run(reason, func(t *testing.T) {
			s := mustStart(t, Options{})
			client, ctx := runSocket(t, s), testCtx(t)
			next(ctx, t, client, socketmode.EventTypeHello)
			s.Disconnect(reason)
			next(ctx, t, client, socketmode.EventTypeHello)
			if err := s.WaitFor(ctx, func() bool { return s.ConnectionsOpened() == 2 && s.Connections() == 1 }); err != nil {
				t.Fatalf("opened %d, open %d: %v", s.ConnectionsOpened(), s.Connections(), err)
			}
			d, _ := s.PostMessage(ana, general, "after the refresh")
			client.Ack(*next(ctx, t, client, socketmode.EventTypeEventsAPI).Request)
			if _, err := d.WaitAck(ctx); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestDropConnectionsRedelivers(t *testing.T) {
	s := mustStart(t, Options{AckTimeout: 500 * time.Millisecond})
	client, ctx := runSocket(t, s), testCtx(t)
	d, _ := s.PostMessage(ana, general, "in flight when the network fails")
	next(ctx, t, client, socketmode.EventTypeEventsAPI) // not acked: the socket dies
	s.DropConnections()
	evt := next(ctx, t, client, socketmode.EventTypeEventsAPI)
	if evt.Request.RetryAttempt != 1 {
		t.Fatalf("retry_attempt = %d, want 1", evt.Request.RetryAttempt)
	}
	client.Ack(*evt.Request)
	if _, err := d.WaitAck(ctx); err != nil {
		t.Fatal(err)
	}
	if s.ConnectionsOpened() < 2 {
		t.Fatalf("ConnectionsOpened = %d, want a reconnect", s.ConnectionsOpened())
	}
}

// TestPingsKeepAlive runs the client's ping watchdog fast: without the
// emulator's pings it would reconnect after 500 ms.
func TestPingsKeepAlive(t *testing.T) {
	s := mustStart(t, Options{PingInterval: 25 * time.Millisecond})
	client := socketmode.New(newAPI(s), socketmode.OptionPingInterval(500*time.Millisecond),
		socketmode.OptionLog(log.New(io.Discard, "", 0)))
	runCtx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _ = client.RunContext(runCtx) }()
	t.Cleanup(func() { cancel(); <-done })
	drain(t, client)
	ctx := testCtx(t)
	if err := s.WaitFor(ctx, func() bool { return s.pongCount() >= 30 }); err != nil {
		t.Fatal(err)
	}
	if n := s.ConnectionsOpened(); n != 1 {
		t.Fatalf("ConnectionsOpened = %d after %d pongs, want 1", n, s.pongCount())
	}
}

func (s *Server) pongCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sock.pongs
}

func TestSlashCommand(t *testing.T) {
	s := mustStart(t, Options{})
	client, ctx := runSocket(t, s), testCtx(t)
	d, err := s.SlashCommand(ana, general, "/blocked", "whoami")
	if err != nil {
		t.Fatal(err)
	}
	evt := next(ctx, t, client, socketmode.EventTypeSlashCommand)
	cmd := evt.Data.(slack.SlashCommand)
	if cmd.Command != "/blocked" || cmd.Text != "whoami" || cmd.UserID != ana || cmd.TriggerID == "" || !evt.Request.AcceptsResponsePayload {
		t.Fatalf("command = %+v", cmd)
	}
	client.Ack(*evt.Request, map[string]any{"text": "you are engineering"})
	payload, err := d.WaitAck(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var reply struct{ Text string }
	if err := json.Unmarshal(payload, &reply); err != nil || reply.Text != "you are engineering" {
		t.Fatalf("ack payload = %s", payload)
	}
	if e := s.Ephemerals(ana); len(e) != 1 || e[0].Text != "you are engineering" {
		t.Fatalf("ephemerals = %+v", e)
	}

	// The response_url takes a later answer, in the channel this time.
	api := newAPI(s)
	if _, _, err := api.PostMessageContext(ctx, "", slack.MsgOptionResponseURL(cmd.ResponseURL, slack.ResponseTypeInChannel),
		slack.MsgOptionText("done", false)); err != nil {
		t.Fatal(err)
	}
	if r := s.Responses(); len(r) != 1 || r[0].Text != "done" || r[0].ResponseType != "in_channel" || r[0].User != ana {
		t.Fatalf("responses = %+v", r)
	}
	if m := s.Messages(general); len(m) != 1 || m[0].Text != "done" {
		t.Fatalf("messages = %+v", m)
	}

	// The trigger opens a modal once.
	modal := slack.ModalViewRequest{Type: slack.VTModal, Title: slack.NewTextBlockObject(slack.PlainTextType, "Blocker", false, false),
		CallbackID: "report", Blocks: slack.Blocks{BlockSet: []slack.Block{slack.NewInputBlock("what",
			slack.NewTextBlockObject(slack.PlainTextType, "What blocks you?", false, false), nil,
			slack.NewPlainTextInputBlockElement(nil, "text"))}}}
	res, err := api.OpenViewContext(ctx, cmd.TriggerID, modal)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := api.OpenViewContext(ctx, cmd.TriggerID, modal); err == nil || err.Error() != "exchanged_trigger_id" {
		t.Fatalf("second views.open: %v, want exchanged_trigger_id", err)
	}
	if m := s.Modals(ana); len(m) != 1 || m[0].ID != res.View.ID || m[0].CallbackID != "report" {
		t.Fatalf("modals = %+v", m)
	}

	// Submitting it sends the state; an empty ack closes it.
	sub, err := s.SubmitView(ana, res.View.ID, map[string]map[string]string{"what": {"text": "waiting on legal"}})
	if err != nil {
		t.Fatal(err)
	}
	evt = next(ctx, t, client, socketmode.EventTypeInteractive)
	cb := evt.Data.(slack.InteractionCallback)
	if cb.Type != slack.InteractionTypeViewSubmission || cb.View.CallbackID != "report" ||
		cb.View.State.Values["what"]["text"].Value != "waiting on legal" {
		t.Fatalf("callback = %+v", cb)
	}
	client.Ack(*evt.Request)
	if _, err := sub.WaitAck(ctx); err != nil {
		t.Fatal(err)
	}
	if m := s.Modals(ana); len(m) != 0 {
		t.Fatalf("modals after submit = %+v", m)
	}
}

func TestClickButton(t *testing.T) {
	s := mustStart(t, Options{})
	client, ctx := runSocket(t, s), testCtx(t)
	api := newAPI(s)
	btn := slack.NewButtonBlockElement("resolve", "B42", slack.NewTextBlockObject(slack.PlainTextType, "Resolved", false, false))
	_, ts, err := api.PostMessageContext(ctx, general, slack.MsgOptionText("blocker", false),
		slack.MsgOptionBlocks(slack.NewActionBlock("", btn)))
	if err != nil {
		t.Fatal(err)
	}
	d, err := s.ClickButton(ben, general, ts, "resolve", "")
	if err != nil {
		t.Fatal(err)
	}
	evt := next(ctx, t, client, socketmode.EventTypeInteractive)
	cb := evt.Data.(slack.InteractionCallback)
	if cb.Type != slack.InteractionTypeBlockActions || len(cb.ActionCallback.BlockActions) != 1 ||
		cb.ActionCallback.BlockActions[0].Value != "B42" || cb.User.ID != ben || cb.Container.MessageTs != ts || cb.Channel.ID != general {
		t.Fatalf("callback = %+v", cb)
	}
	client.Ack(*evt.Request)
	if _, err := d.WaitAck(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ClickButton(ben, general, ts, "nope", ""); err == nil {
		t.Fatal("clicking a missing button: no error")
	}
}

func TestScriptedEvents(t *testing.T) {
	s := mustStart(t, Options{})
	client, ctx := runSocket(t, s), testCtx(t)
	recv := func() any {
		evt := next(ctx, t, client, socketmode.EventTypeEventsAPI)
		client.Ack(*evt.Request)
		return evt.Data.(slackevents.EventsAPIEvent).InnerEvent.Data
	}

	d, _ := s.PostMessage(ana, general, "standup: blocked on <@U0BEN>")
	recv()
	if _, err := s.PostThreadReply(ben, general, d.TS, "on it"); err != nil {
		t.Fatal(err)
	}
	if m := recv().(*slackevents.MessageEvent); m.ThreadTimeStamp != d.TS || m.Text != "on it" {
		t.Fatalf("reply = %+v", m)
	}
	if _, err := s.EditMessage(general, d.TS, "standup: no blockers"); err != nil {
		t.Fatal(err)
	}
	if m := recv().(*slackevents.MessageEvent); m.SubType != "message_changed" || m.Message.Text != "standup: no blockers" ||
		m.PreviousMessage.Text != "standup: blocked on <@U0BEN>" || m.Message.Timestamp != d.TS {
		t.Fatalf("edit = %+v", m)
	}
	if _, err := s.DeleteMessage(general, d.TS); err != nil {
		t.Fatal(err)
	}
	if m := recv().(*slackevents.MessageEvent); m.SubType != "message_deleted" || m.DeletedTimeStamp != d.TS {
		t.Fatalf("delete = %+v", m)
	}
	if _, err := s.MemberJoined(ben, general); err != nil {
		t.Fatal(err)
	}
	if e := recv().(*slackevents.MemberJoinedChannelEvent); e.User != ben || e.Channel != general {
		t.Fatalf("joined = %+v", e)
	}
	s.AddUser(User{ID: ben, Name: "ben", RealName: "Ben Okafor", Title: "Product Manager"})
	if _, err := s.UserChanged(ben); err != nil {
		t.Fatal(err)
	}
	if e := recv().(*slackevents.UserChangeEvent); e.User.Profile.Title != "Product Manager" {
		t.Fatalf("user_change = %+v", e)
	}
	if _, err := s.OpenHome(ana); err != nil {
		t.Fatal(err)
	}
	if e := recv().(*slackevents.AppHomeOpenedEvent); e.User != ana || e.Tab != "home" || e.Channel != s.IMChannel(ana) {
		t.Fatalf("app_home_opened = %+v", e)
	}
	// A mention of the bot in a channel is both a message and an app_mention.
	s.PostMessage(ana, general, "<@"+BotUserID+"> digest please")
	recv()
	if e := recv().(*slackevents.AppMentionEvent); e.User != ana {
		t.Fatalf("app_mention = %+v", e)
	}
	if err := s.WaitIdle(ctx); err != nil {
		t.Fatal(err)
	}
	if msgs := s.Messages(general); len(msgs) != 3 || !msgs[0].Deleted {
		t.Fatalf("messages = %+v", msgs)
	}
}

// TestDebugReconnectsURL connects with slack.OptionDebug, which adds
// debug_reconnects=true to the socket URL.
func TestDebugReconnectsURL(t *testing.T) {
	s := mustStart(t, Options{})
	api := slack.New(s.BotToken(), slack.OptionAPIURL(s.APIURL()), slack.OptionAppLevelToken(s.AppToken()),
		slack.OptionDebug(true), slack.OptionLog(log.New(io.Discard, "", 0)))
	client := socketmode.New(api, socketmode.OptionLog(log.New(io.Discard, "", 0)))
	runCtx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _ = client.RunContext(runCtx) }()
	t.Cleanup(func() { cancel(); <-done })
	next(testCtx(t), t, client, socketmode.EventTypeHello)
}

// TestViewResponseActions acks a submission with Slack's documented "update"
// response (testdata) and checks the modal was replaced in place.
func TestViewResponseActions(t *testing.T) {
	s := mustStart(t, Options{})
	client, ctx := runSocket(t, s), testCtx(t)
	d, _ := s.SlashCommand(ana, general, "/blocked", "")
	evt := next(ctx, t, client, socketmode.EventTypeSlashCommand)
	client.Ack(*evt.Request)
	if _, err := d.WaitAck(ctx); err != nil {
		t.Fatal(err)
	}
	modal := slack.ModalViewRequest{Type: slack.VTModal, Title: slack.NewTextBlockObject(slack.PlainTextType, "Blocker", false, false),
		CallbackID: "report", Blocks: slack.Blocks{BlockSet: []slack.Block{slack.NewDividerBlock()}}}
	res, err := newAPI(s).OpenViewContext(ctx, evt.Data.(slack.SlashCommand).TriggerID, modal)
	if err != nil {
		t.Fatal(err)
	}

	b, err := os.ReadFile("testdata/ack_view_submission_update.json")
	if err != nil {
		t.Fatal(err)
	}
	var fixture struct{ Payload json.RawMessage }
	if err := json.Unmarshal(b, &fixture); err != nil {
		t.Fatal(err)
	}
	sub, err := s.SubmitView(ana, res.View.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	client.Ack(*next(ctx, t, client, socketmode.EventTypeInteractive).Request, fixture.Payload)
	if _, err := sub.WaitAck(ctx); err != nil {
		t.Fatal(err)
	}
	m := s.Modals(ana)
	if len(m) != 1 || m[0].ID != res.View.ID || m[0].CallbackID != "updated-view-id" {
		t.Fatalf("modals = %+v, want the view updated in place", m)
	}
}

func TestTriggerExpires(t *testing.T) {
	s := mustStart(t, Options{TriggerTTL: time.Nanosecond})
	client, ctx := runSocket(t, s), testCtx(t)
	s.SlashCommand(ana, general, "/blocked", "")
	evt := next(ctx, t, client, socketmode.EventTypeSlashCommand)
	client.Ack(*evt.Request)
	modal := slack.ModalViewRequest{Type: slack.VTModal, Title: slack.NewTextBlockObject(slack.PlainTextType, "Late", false, false)}
	if _, err := newAPI(s).OpenViewContext(ctx, evt.Data.(slack.SlashCommand).TriggerID, modal); err == nil || err.Error() != "expired_trigger_id" {
		t.Fatalf("err = %v, want expired_trigger_id", err)
	}
}

func TestEchoBotMessages(t *testing.T) {
	s := mustStart(t, Options{EchoBotMessages: true})
	client, ctx := runSocket(t, s), testCtx(t)
	if _, _, err := newAPI(s).PostMessageContext(ctx, general, slack.MsgOptionText("digest", false)); err != nil {
		t.Fatal(err)
	}
	evt := next(ctx, t, client, socketmode.EventTypeEventsAPI)
	client.Ack(*evt.Request)
	m := evt.Data.(slackevents.EventsAPIEvent).InnerEvent.Data.(*slackevents.MessageEvent)
	if m.BotID != BotID || m.User != BotUserID || m.Text != "digest" {
		t.Fatalf("echo = %+v", m)
	}
}
