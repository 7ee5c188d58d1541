package slackemu_test

import (
	"context"
	"fmt"
	"io"
	"log"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"

	"github.com/unblock-dev/unblock/slackemu"
)

// A bot on slack-go answers a DM through the emulator.
func Example() {
	s := slackemu.New(slackemu.Options{})
	if err := s.Start(); err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	s.AddUser(slackemu.User{ID: "U0ANA", Name: "ana", RealName: "Ana Ruiz"})

	api := slack.New(s.BotToken(), slack.OptionAPIURL(s.APIURL()), slack.OptionAppLevelToken(s.AppToken()))
	client := socketmode.New(api, socketmode.OptionLog(log.New(io.Discard, "", 0)))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { _ = client.RunContext(ctx) }()
	go func() { // the bot: ack, then answer
		for {
			var evt socketmode.Event
			select {
			case evt = <-client.Events:
			case <-ctx.Done():
				return
			}
			if evt.Type != socketmode.EventTypeEventsAPI {
				continue
			}
			client.Ack(*evt.Request)
			ev := evt.Data.(slackevents.EventsAPIEvent).InnerEvent.Data.(*slackevents.MessageEvent)
			_, _, _ = client.PostMessageContext(ctx, ev.Channel, slack.MsgOptionText("noted: "+ev.Text, false))
		}
	}()

	dm := s.IMChannel("U0ANA")
	d, _ := s.PostMessage("U0ANA", dm, "blocked on design")
	if _, err := d.WaitAck(ctx); err != nil {
		log.Fatal(err)
	}
	_ = s.WaitFor(ctx, func() bool { return len(s.Messages(dm)) == 2 })
	fmt.Println(s.Messages(dm)[1].Text)
	// Output: noted: blocked on design
}
