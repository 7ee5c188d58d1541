package bot

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"

	"github.com/unblock-dev/unblock"
)

// formFields are the team modal's inputs, in order. Each is an input block
// whose block ID and action ID are the field's name, so a field's problem
// (unblock.StandupTeam.Problems) is shown under its input (response_action
// "errors" is keyed by block ID).
var formFields = []string{"name", "channel", "members", "usergroup", "role", "time", "days", "timezone", "questions",
	"reminder", "window", "evening", "options", "digest"}

// The form's choices: reminder delays and answer windows, in minutes.
var (
	reminderChoices = []int{0, 30, 60, 120, 180}
	windowChoices   = []int{60, 120, 180, 240, 360, 480, 720}
)

const (
	ackCheckTime = 1500 * time.Millisecond // the Slack reads a form's ack may make, in all
	teamMetaNew  = "new"
	teamMetaEdit = "edit:"
	eveningYes   = "yes"
	optSummary   = "summary" // the options checkbox: post a summary in the channel
	optPublic    = "public"  // the options checkbox: remind late members in the channel
	roleNone     = "-"       // the role select's "no default role"
	maxZones     = 99        // a static select holds 100 options, one is "each member's own"
)

// newTeam is what the form starts with for a new team (Admin.NewTeam).
func (b *Bot) newTeam() unblock.StandupTeam {
	t := b.admin.cfg.NewTeam
	t.Days, t.Questions = slices.Clone(t.Days), slices.Clone(t.Questions)
	return t
}

// openTeamModal opens the team modal for t with Slack's own pickers; edit
// keeps the name, which keys the team's sessions, as it is.
func (b *Bot) openTeamModal(ctx context.Context, triggerID string, t unblock.StandupTeam, edit bool) error {
	view, err := b.teamModal(ctx, t, edit)
	if err != nil {
		return err
	}
	_, err = b.api.OpenViewContext(ctx, triggerID, view)
	return err
}

func (b *Bot) teamModal(ctx context.Context, t unblock.StandupTeam, edit bool) (slack.ModalViewRequest, error) {
	input := func(field, label string, el slack.BlockElement, optional bool, hint string) *slack.InputBlock {
		var h *slack.TextBlockObject
		if hint != "" {
			h = plain(hint)
		}
		in := slack.NewInputBlock(field, plain(label), h, el)
		in.Optional = optional
		return in
	}
	var blocks []slack.Block
	meta, title := teamMetaNew, "New standup"
	if edit {
		meta, title = teamMetaEdit+t.Name, "Edit standup"
		blocks = append(blocks, section("*"+t.Name+"* (a team's name stays: its history is kept under it)"))
	} else {
		name := slack.NewPlainTextInputBlockElement(plain("checkout"), "name")
		name.MaxLength = unblock.MaxStandupTeamName
		blocks = append(blocks, input("name", "Team name", name, false, "Letters, digits and dashes, like checkout-web."))
	}

	channel := slack.NewOptionsSelectBlockElement(slack.OptTypeConversations, plain("Pick a channel"), "channel")
	channel.Filter = &slack.SelectBlockElementFilter{Include: []string{"public", "private"}, ExcludeBotUsers: true}
	channel.InitialConversation = t.Channel
	blocks = append(blocks, input("channel", "Summary channel", channel, false, "The team's summary goes here. Invite @unblock to it."))

	members := slack.NewOptionsMultiSelectBlockElement(slack.MultiOptTypeUser, plain("Pick people"), "members")
	members.InitialUsers = t.Members
	blocks = append(blocks, input("members", "People", members, true, "Who is asked. Pick people, a user group below, or both."))

	if groups := b.userGroups(); len(groups) > 0 {
		var opts []*slack.OptionBlockObject
		var initial *slack.OptionBlockObject
		for _, g := range groups {
			o := slack.NewOptionBlockObject(g.id, plain(truncate("@"+g.handle, 75)), nil)
			opts = append(opts, o)
			if g.id == t.UserGroup {
				initial = o
			}
		}
		sel := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plain("Pick a user group"), "usergroup", opts...)
		sel.InitialOption = initial
		blocks = append(blocks, input("usergroup", "User group", sel, true, "Its members are asked too, as the group changes."))
	}

	blocks = append(blocks, input("role", "Default role", b.roleSelect(t.DefaultRole), true,
		"The role of members whose role nothing else tells (a title keyword, a user group, the config), as the config's default_role."))

	at := slack.NewTimePickerBlockElement("time")
	at.InitialTime = t.Time
	blocks = append(blocks, input("time", "Time", at, false, ""))

	var dayOpts, dayInit []*slack.OptionBlockObject
	for _, d := range []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday} {
		o := slack.NewOptionBlockObject(strconv.Itoa(int(d)), plain(d.String()), nil)
		dayOpts = append(dayOpts, o)
		if slices.Contains(t.Days, d) {
			dayInit = append(dayInit, o)
		}
	}
	days := slack.NewCheckboxGroupsBlockElement("days", dayOpts...)
	days.InitialOptions = dayInit
	blocks = append(blocks, input("days", "Days", days, false, ""))

	zones, err := b.zoneChoices(ctx, t.Timezone)
	if err != nil {
		return slack.ModalViewRequest{}, err
	}
	blocks = append(blocks, input("timezone", "Time zone", zones, false, "\"Each member's own\" asks everyone at that time where they are."))

	questions := slack.NewPlainTextInputBlockElement(plain("One question a line"), "questions")
	questions.Multiline = true
	questions.InitialValue = strings.Join(t.Questions, "\n")
	questions.MaxLength = 3000
	blocks = append(blocks, input("questions", "Questions", questions, false, "One a line, asked in this order."))

	blocks = append(blocks,
		input("reminder", "Reminder", minutesSelect("reminder", reminderChoices, t.ReminderAfter, "No reminder"), false, "One gentle reminder to who has not answered: by DM, or in the channel (below)."),
		input("window", "Answers count for", minutesSelect("window", windowChoices, t.AnswerWindow, ""), false, ""))

	yes := slack.NewOptionBlockObject(eveningYes, plain("Accept answers from 18:00 the evening before"), nil)
	evening := slack.NewCheckboxGroupsBlockElement("evening", yes)
	if t.EveningBefore {
		evening.InitialOptions = []*slack.OptionBlockObject{yes}
	}
	blocks = append(blocks, input("evening", "Evening before", evening, true, ""))

	summary := slack.NewOptionBlockObject(optSummary, plain("Post a summary in the channel, updated as answers arrive"), nil)
	public := slack.NewOptionBlockObject(optPublic, plain("Remind late members in the channel, not by DM"), nil)
	options := slack.NewCheckboxGroupsBlockElement("options", summary, public)
	if !t.NoSummary {
		options.InitialOptions = append(options.InitialOptions, summary)
	}
	if t.PublicReminders {
		options.InitialOptions = append(options.InitialOptions, public)
	}
	blocks = append(blocks, input("options", "In the channel", options, true, ""))

	digest := slack.NewOptionsMultiSelectBlockElement(slack.MultiOptTypeUser, plain("Pick people"), "digest")
	digest.InitialUsers = t.DigestTo
	blocks = append(blocks, input("digest", "Weekly digest to", digest, true, "Leads who get the weekly digest of who waits on whom by DM."))

	return slack.ModalViewRequest{
		Type: slack.VTModal, CallbackID: viewTeam, PrivateMetadata: meta,
		Title: plain(title), Submit: plain("Save"), Close: plain("Cancel"),
		Blocks: slack.Blocks{BlockSet: blocks},
	}, nil
}

// roleSelect is the default role's select: no role, or one of the role
// vocabulary (roles.txt and the config's roles), the one home of roles.
func (b *Bot) roleSelect(current unblock.Role) *slack.SelectBlockElement {
	opts := []*slack.OptionBlockObject{slack.NewOptionBlockObject(roleNone, plain("No default role"), nil)}
	for _, r := range b.vocabulary().Roles() {
		if len(opts) == 100 { // a static select holds 100 options
			break
		}
		opts = append(opts, slack.NewOptionBlockObject(string(r), plain(truncate(string(r), 75)), nil))
	}
	sel := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plain("Pick a role"), "role", opts...)
	for _, o := range opts {
		if o.Value == string(current) && current != unblock.RoleUnknown {
			sel.InitialOption = o
		}
	}
	return sel
}

// minutesSelect is a select of durations in minutes (0 named zero).
func minutesSelect(action string, choices []int, initial time.Duration, zero string) *slack.SelectBlockElement {
	var opts []*slack.OptionBlockObject
	var init *slack.OptionBlockObject
	for _, m := range choices {
		text := zero
		if m > 0 {
			text = durationText(time.Duration(m) * time.Minute)
		}
		o := slack.NewOptionBlockObject(strconv.Itoa(m), plain(text), nil)
		opts = append(opts, o)
		if time.Duration(m)*time.Minute == initial {
			init = o
		}
	}
	sel := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plain("Pick one"), action, opts...)
	sel.InitialOption = init
	return sel
}

func durationText(d time.Duration) string {
	if d < time.Hour {
		return fmt.Sprintf("%d minutes", int(d.Minutes()))
	} else if d == time.Hour {
		return "1 hour"
	}
	return fmt.Sprintf("%g hours", d.Hours())
}

// zoneChoices is the time zone select: each member's own, the team's zone, the
// config's, UTC and the zones of the workspace's people.
func (b *Bot) zoneChoices(ctx context.Context, current string) (*slack.SelectBlockElement, error) {
	people, err := b.store.People(ctx)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var zones []string
	for _, z := range []string{current, b.admin.cfg.NewTeam.Timezone, "UTC"} {
		if z != "" && z != unblock.StandupMemberZone && !seen[z] {
			seen[z] = true
			zones = append(zones, z)
		}
	}
	var more []string
	for _, p := range people {
		if p.TZ != "" && !seen[p.TZ] && !p.IsBot && !p.Deleted {
			seen[p.TZ] = true
			more = append(more, p.TZ)
		}
	}
	sort.Strings(more)
	zones = append(zones, more...)
	if len(zones) > maxZones {
		zones = zones[:maxZones]
	}
	opts := []*slack.OptionBlockObject{slack.NewOptionBlockObject(unblock.StandupMemberZone, plain("Each member's own time zone"), nil)}
	for _, z := range zones {
		opts = append(opts, slack.NewOptionBlockObject(z, plain(strings.ReplaceAll(z, "_", " ")), nil))
	}
	sel := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plain("Pick a time zone"), "timezone", opts...)
	for _, o := range opts {
		if o.Value == current {
			sel.InitialOption = o
		}
	}
	return sel, nil
}

// readTeamForm reads a submitted team modal into a team and checks it: the
// team's own problems, and for a new team that its name is free, for an edit
// that the team is still there. A team the config defines is never changed
// here (the config wins).
//
// done reports that the form is a new team's that is saved already: the same
// modal (its view ID) created the team, and this is its submission redelivered
// or made again (a double click). Such a form has no problems and is saved
// no second time.
func (b *Bot) readTeamForm(ctx context.Context, cb slack.InteractionCallback) (t unblock.StandupTeam, problems unblock.FieldErrors, done bool, err error) {
	vals := cb.View.State.Values
	get := func(field string) slack.BlockAction { return vals[field][field] }
	t = b.newTeam()
	problems = unblock.FieldErrors{}
	meta := cb.View.PrivateMetadata
	code := map[string]bool{}
	for _, c := range b.admin.cfg.CodeTeams() {
		code[c.Name] = true
	}
	switch {
	case meta == teamMetaNew:
		t.Name, t.CreatedView = unblock.StandupTeamName(get("name").Value), cb.View.ID
		if code[t.Name] {
			problems["name"] = "The config file has a team of that name; change it there, or pick another name."
		} else if had, err := b.admin.cfg.Teams.StandupTeam(ctx, t.Name); err == nil {
			if cb.View.ID != "" && had.CreatedView == cb.View.ID {
				return had, unblock.FieldErrors{}, true, nil // this very modal created it
			}
			problems["name"] = "There is a standup of that name already; pick another name, or edit it."
		} else if unblock.ErrorCode(err) != unblock.ENOTFOUND {
			return t, nil, false, err
		}
	case strings.HasPrefix(meta, teamMetaEdit):
		old, err := b.admin.cfg.Teams.StandupTeam(ctx, strings.TrimPrefix(meta, teamMetaEdit))
		if unblock.ErrorCode(err) == unblock.ENOTFOUND || code[old.Name] {
			return t, unblock.FieldErrors{"channel": "This standup was deleted meanwhile, or the config file now defines it."}, false, nil
		} else if err != nil {
			return t, nil, false, err
		}
		t.Name, t.Paused, t.CreatedView = old.Name, old.Paused, old.CreatedView
	default:
		return t, unblock.FieldErrors{"channel": "This form is not one unblock made."}, false, nil
	}
	t.Channel = get("channel").SelectedConversation
	t.Members = get("members").SelectedUsers
	if g := get("usergroup").SelectedOption.Value; g != "" {
		t.UserGroup = g
	}
	t.Time = get("time").SelectedTime
	t.Days = nil
	for _, o := range get("days").SelectedOptions {
		if d, err := strconv.Atoi(o.Value); err == nil && d >= 0 && d <= 6 {
			t.Days = append(t.Days, time.Weekday(d))
		}
	}
	if tz := get("timezone").SelectedOption.Value; tz != "" {
		t.Timezone = tz
	} else {
		t.Timezone = ""
	}
	t.Questions = questionLines(get("questions").Value)
	t.ReminderAfter = minutesOf(get("reminder").SelectedOption.Value, reminderChoices, -1)
	t.AnswerWindow = minutesOf(get("window").SelectedOption.Value, windowChoices, 0)
	t.EveningBefore = slices.ContainsFunc(get("evening").SelectedOptions, func(o slack.OptionBlockObject) bool { return o.Value == eveningYes })
	t.DigestTo = get("digest").SelectedUsers
	t.DefaultRole = unblock.RoleUnknown
	if r := get("role").SelectedOption.Value; r != "" && r != roleNone {
		t.DefaultRole = unblock.Role(r)
		if !b.vocabulary().Has(t.DefaultRole) {
			problems["role"] = "Pick a role from the list."
		}
	}
	picked := func(v string) bool {
		return slices.ContainsFunc(get("options").SelectedOptions, func(o slack.OptionBlockObject) bool { return o.Value == v })
	}
	t.NoSummary, t.PublicReminders = !picked(optSummary), picked(optPublic)
	t.UpdatedBy, t.UpdatedAt = cb.User.ID, b.cfg.Now()
	for f, msg := range t.Problems(time.LoadLocation) {
		if _, ok := problems[f]; !ok {
			problems[f] = msg
		}
	}
	if msg, ok := problems["usergroup"]; ok && len(b.userGroups()) == 0 {
		// No user group input in the form: the problem shows under People.
		delete(problems, "usergroup")
		problems["members"] = msg
	}
	return t, problems, false, nil
}

// listMarker is a bullet or a number that opens a line of a list ("- ", "• ", "2. ", "3) ").
var listMarker = regexp.MustCompile(`^(?:[-•*]|\d{1,2}[.)])\s+`)

// questionLines reads the questions field: one question a line, blank lines
// and list markers left out.
func questionLines(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if q := strings.TrimSpace(listMarker.ReplaceAllString(line, "")); q != "" {
			out = append(out, q)
		}
	}
	return out
}

// minutesOf reads a duration chosen among choices (minutes); anything else is
// bad, a negative duration that Problems refuses.
func minutesOf(v string, choices []int, bad time.Duration) time.Duration {
	m, err := strconv.Atoi(v)
	if err != nil || !slices.Contains(choices, m) {
		return bad
	}
	return time.Duration(m) * time.Minute
}

// teamAck answers a submitted team modal in its ack: the problems of the form,
// per field, keep the modal open with each shown under its input. A form from
// someone who is not an admin is refused the same way. It reads and never
// writes; the submission itself is processed from the inbox like any other.
// It returns nil for an ack without payload (Slack closes the modal).
func (b *Bot) teamAck(ctx context.Context, evt socketmode.Event) *slack.ViewSubmissionResponse {
	cb, ok := evt.Data.(slack.InteractionCallback)
	if !ok || !b.admin.on || cb.Type != slack.InteractionTypeViewSubmission || cb.View.CallbackID != viewTeam {
		return nil
	}
	// Slack waits 3 s for the ack: what Slack cannot tell in time is checked
	// when the submission is processed (who is an admin) or not at all (the
	// channel: the summary's own failure then says so).
	ctx, cancel := context.WithTimeout(ctx, ackCheckTime)
	defer cancel()
	first := "channel"
	if cb.View.PrivateMetadata == teamMetaNew {
		first = "name"
	}
	admin, err := b.isAdmin(ctx, cb.User.ID)
	if err != nil {
		b.log.Warn("admin check failed; the form is checked again when processed", "user", cb.User.ID, "err", err)
		return nil
	}
	if !admin {
		b.log.Warn("standup team form from someone who is not an admin refused", "user", cb.User.ID)
		return slack.NewErrorsViewSubmissionResponse(map[string]string{first: "Only workspace admins and unblock admins can set up standups."})
	}
	t, problems, done, err := b.readTeamForm(ctx, cb)
	if err != nil {
		b.log.Warn("checking a standup team form failed; it is checked again when processed", "err", err)
		return nil
	}
	if done {
		return nil // this modal's own team, saved already: the modal closes
	}
	if _, bad := problems["channel"]; !bad && t.Channel != "" {
		if msg := b.channelProblem(ctx, t.Channel); msg != "" {
			problems["channel"] = msg
		}
	}
	if len(problems) == 0 {
		return nil
	}
	return slack.NewErrorsViewSubmissionResponse(problems)
}

// channelProblem says why the bot could not post a team's summary in channel,
// "" when it can or when Slack could not tell (the summary's own failure would
// then say so). Only the ack asks: the worker never calls Slack in its
// transaction for it.
func (b *Bot) channelProblem(ctx context.Context, channel string) string {
	ch, err := b.api.GetConversationInfoContext(ctx, &slack.GetConversationInfoInput{ChannelID: channel})
	var se slack.SlackErrorResponse
	switch {
	case errors.As(err, &se) && se.Err == "channel_not_found":
		return "unblock cannot see this channel: invite it first (/invite @unblock in the channel)."
	case err != nil:
		b.log.Warn("checking the summary channel failed", "channel", channel, "err", err)
		return ""
	case !ch.IsMember:
		return fmt.Sprintf("Invite @unblock to #%s first (/invite @unblock), so it can post the team's summary there.", ch.Name)
	}
	return ""
}

// userGroup is a user group the directory knows, for the form's select.
type userGroup struct{ id, handle string }

// userGroups returns the user groups of the last directory sync, by handle.
func (b *Bot) userGroups() []userGroup {
	b.dir.mu.Lock()
	defer b.dir.mu.Unlock()
	out := make([]userGroup, 0, len(b.dir.groupNames))
	for id, h := range b.dir.groupNames {
		out = append(out, userGroup{id: id, handle: h})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].handle < out[j].handle })
	if len(out) > 100 {
		out = out[:100]
	}
	return out
}

// ackPayload is what an envelope's ack carries: nothing, or for a submitted
// team modal the form's problems (teamAck).
func (b *Bot) ackPayload(ctx context.Context, evt socketmode.Event) any {
	if r := b.teamAck(ctx, evt); r != nil {
		return r
	}
	return nil
}
