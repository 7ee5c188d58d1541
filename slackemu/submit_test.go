package slackemu

import (
	"testing"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
)

// A modal with Slack's pickers: the submission carries what each picker holds,
// as slack-go reads it, the initial values of inputs left alone included.
func TestSubmitViewPickers(t *testing.T) {
	s := mustStart(t, Options{})
	client, ctx := runSocket(t, s), testCtx(t)
	api := newAPI(s)
	d, err := s.SlashCommand(ana, general, "/blocked", "")
	if err != nil {
		t.Fatal(err)
	}
	evt := next(ctx, t, client, socketmode.EventTypeSlashCommand)
	client.Ack(*evt.Request)
	if _, err := d.WaitAck(ctx); err != nil {
		t.Fatal(err)
	}
	txt := func(s string) *slack.TextBlockObject {
		return slack.NewTextBlockObject(slack.PlainTextType, s, false, false)
	}
	mon := slack.NewOptionBlockObject("1", txt("Mon"), nil)
	tue := slack.NewOptionBlockObject("2", txt("Tue"), nil)
	days := slack.NewCheckboxGroupsBlockElement("days", mon, tue)
	days.InitialOptions = []*slack.OptionBlockObject{mon}
	people := slack.NewOptionsMultiSelectBlockElement(slack.MultiOptTypeUser, txt("People"), "people")
	people.InitialUsers = []string{ana}
	when := slack.NewTimePickerBlockElement("time")
	when.InitialTime = "09:30"
	zone := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, txt("Zone"), "zone",
		slack.NewOptionBlockObject("member", txt("Each member's own"), nil), slack.NewOptionBlockObject("UTC", txt("UTC"), nil))
	channel := slack.NewOptionsSelectBlockElement(slack.OptTypeConversations, txt("Channel"), "channel")
	modal := slack.ModalViewRequest{Type: slack.VTModal, Title: txt("Standup"), CallbackID: "team",
		Blocks: slack.Blocks{BlockSet: []slack.Block{
			slack.NewInputBlock("days", txt("Days"), nil, days),
			slack.NewInputBlock("people", txt("People"), nil, people),
			slack.NewInputBlock("time", txt("Time"), nil, when),
			slack.NewInputBlock("zone", txt("Zone"), nil, zone),
			slack.NewInputBlock("channel", txt("Channel"), nil, channel),
		}}}
	res, err := api.OpenViewContext(ctx, evt.Data.(slack.SlashCommand).TriggerID, modal)
	if err != nil {
		t.Fatal(err)
	}
	sub, err := s.SubmitViewValues(ana, res.View.ID, map[string]map[string][]string{
		"days":    {"days": {"1", "2"}},
		"zone":    {"zone": {"member"}},
		"channel": {"channel": {general}},
	})
	if err != nil {
		t.Fatal(err)
	}
	evt = next(ctx, t, client, socketmode.EventTypeInteractive)
	client.Ack(*evt.Request)
	if _, err := sub.WaitAck(ctx); err != nil {
		t.Fatal(err)
	}
	v := evt.Data.(slack.InteractionCallback).View.State.Values
	if got := v["days"]["days"].SelectedOptions; len(got) != 2 || got[1].Value != "2" || got[1].Text.Text != "Tue" {
		t.Errorf("days = %+v, want the options Mon and Tue as defined", got)
	}
	if got := v["people"]["people"].SelectedUsers; len(got) != 1 || got[0] != ana {
		t.Errorf("people = %v, want the initial [%s]", got, ana)
	}
	if got := v["time"]["time"].SelectedTime; got != "09:30" {
		t.Errorf("time = %q, want the initial 09:30", got)
	}
	if got := v["zone"]["zone"].SelectedOption; got.Value != "member" || got.Text.Text != "Each member's own" {
		t.Errorf("zone = %+v, want the option member", got)
	}
	if got := v["channel"]["channel"].SelectedConversation; got != general {
		t.Errorf("channel = %q, want %s", got, general)
	}
}

// users.info says who administers the workspace; owners are admins too.
func TestUsersInfoAdmin(t *testing.T) {
	s := mustStart(t, Options{})
	s.AddUser(User{ID: "U0ADMIN", Name: "ada", IsAdmin: true})
	s.AddUser(User{ID: "U0OWNER", Name: "owen", IsOwner: true})
	ctx, api := testCtx(t), newAPI(s)
	for id, want := range map[string][2]bool{ana: {false, false}, "U0ADMIN": {true, false}, "U0OWNER": {true, true}} {
		u, err := api.GetUserInfoContext(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if u.IsAdmin != want[0] || u.IsOwner != want[1] {
			t.Errorf("%s: is_admin=%v is_owner=%v, want %v", id, u.IsAdmin, u.IsOwner, want)
		}
	}
}
