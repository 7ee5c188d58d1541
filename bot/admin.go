package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/slack-go/slack"

	"github.com/unblock-dev/unblock"
)

// The admin App Home: workspace admins and the config's unblock admins set up
// standup teams in modals. Teams managed as code (the YAML config) are shown
// read-only.
const (
	actionTeamNew    = "admin_team_new"
	actionTeamEdit   = "admin_team_edit"
	actionTeamPause  = "admin_team_pause"
	actionTeamResume = "admin_team_resume"
	actionTeamDelete = "admin_team_delete"
	viewTeam         = "admin_team"
	maxAdminTeams    = 20 // teams listed in the Home; each takes two blocks
)

// TeamSetups holds the standup teams set up in Slack; *store.DB is one.
type TeamSetups interface {
	StandupTeams(ctx context.Context) ([]unblock.StandupTeam, error)
	StandupTeam(ctx context.Context, name string) (unblock.StandupTeam, error)
	SaveStandupTeam(ctx context.Context, t unblock.StandupTeam) error
	DeleteStandupTeam(ctx context.Context, name string) error
}

// CodeTeam is a standup team managed as code, in the YAML config: the App Home
// shows it and never changes it.
type CodeTeam struct {
	Name     string
	Channel  string
	Members  int    // how many people it asks
	Schedule string // as written: a cron spec
	Timezone string // as written: an IANA zone or "member"
}

// Admin sets up the admin App Home (see SetAdmin).
type Admin struct {
	// Admins are the config's unblock admins (user IDs), beside the workspace's
	// own admins and owners (users.info is_admin, is_owner).
	Admins []string
	// Teams stores the teams set up in Slack.
	Teams TeamSetups
	// CodeTeams returns the teams of the YAML config as they are now (a reload
	// may change them).
	CodeTeams func() []CodeTeam
	// Changed is called after a change to the teams has committed, to make it
	// take effect (the scheduler re-reads the teams). It runs in the inbox
	// worker, outside any transaction.
	Changed func(ctx context.Context) error
	// NewTeam is what the form of a new team starts with (the config's
	// defaults); fields left zero take unblock's.
	NewTeam unblock.StandupTeam
}

// adminState is the bot's admin App Home: set once by SetAdmin.
type adminState struct {
	cfg     Admin
	on      bool
	changed atomic.Bool // a change was decided in the item in hand: call Changed after its commit
	// applyAt is when Changed, which failed, is called again (zero: it worked);
	// applyFails counts its failures in a row. Both are the inbox worker's own.
	applyAt    time.Time
	applyFails int
	known      sync.Map // user ID -> bool: a workspace admin or owner, from users.list/users.info
}

// SetAdmin turns on the admin App Home. Call it before Open.
func (b *Bot) SetAdmin(a Admin) {
	if a.CodeTeams == nil {
		a.CodeTeams = func() []CodeTeam { return nil }
	}
	n := &a.NewTeam
	if n.Time == "" {
		n.Time = unblock.DefaultStandupTime
	}
	if len(n.Days) == 0 {
		n.Days = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	}
	if n.Timezone == "" {
		n.Timezone = "UTC"
	}
	if len(n.Questions) == 0 {
		n.Questions = []string{"What did you get done?", "What are you working on today?", "Is anything blocking you? Who or what are you waiting on?"}
	}
	if n.AnswerWindow <= 0 {
		n.AnswerWindow = unblock.DefaultStandupWindow
	}
	b.admin.cfg, b.admin.on = a, true
	b.HandleAction(actionTeamNew, b.onTeamNew)
	b.HandleAction(actionTeamEdit, b.onTeamEdit)
	b.HandleAction(actionTeamPause, b.onTeamPause)
	b.HandleAction(actionTeamResume, b.onTeamPause)
	b.HandleAction(actionTeamDelete, b.onTeamDelete)
	b.HandleView(viewTeam, b.onTeamSubmit)
}

// noteAdmin remembers whether a Slack user administers the workspace, from
// users.list, users.info or user_change; a deactivated account does not.
func (b *Bot) noteAdmin(u slack.User) {
	b.admin.known.Store(u.ID, (u.IsAdmin || u.IsOwner || u.IsPrimaryOwner) && !u.Deleted)
}

// isAdmin reports whether user may set up standups: an unblock admin named in
// the config, or a workspace admin or owner. Who administers the workspace is
// known from the directory's sync and user_change events; a user it does not
// know is looked up with users.info.
func (b *Bot) isAdmin(ctx context.Context, user string) (bool, error) {
	if !b.admin.on || user == "" {
		return false, nil
	}
	if slices.Contains(b.admin.cfg.Admins, user) {
		return true, nil
	}
	if v, ok := b.admin.known.Load(user); ok {
		return v.(bool), nil
	}
	if ctx.Value(knownAdminsOnly{}) != nil {
		return false, nil // someone else's Home, published from a transaction: no Slack call in it
	}
	u, err := b.api.GetUserInfoContext(ctx, user)
	if err != nil {
		return false, fmt.Errorf("users.info %s: %w", user, err)
	}
	b.noteAdmin(*u)
	return b.isAdmin(ctx, user)
}

// knownAdminsOnly marks a context in which isAdmin answers from what the bot
// knows and never asks Slack: the App Homes a change publishes for others, in
// the change's transaction. Someone Slack has not told about is shown no
// Standups section until they open the Home themselves.
type knownAdminsOnly struct{}

// afterCommit makes what the item in hand decided take effect once it has
// committed: today, a change to the teams.
func (b *Bot) afterCommit(ctx context.Context) {
	if !b.admin.changed.Swap(false) {
		return
	}
	b.applyTeams(ctx)
	// The change's transaction placed people already; this reads the teams as
	// committed, in case that transaction was rolled back.
	if err := b.RegroupPeople(ctx); err != nil {
		b.log.Error("giving people the teams and roles of the change failed; they follow at the next directory sync", "err", err)
	}
}

// applyTeams calls Changed, so that a change to the teams committed in the App
// Home takes effect (the scheduler prompts the teams it was last handed). When
// it fails (the teams could not be read: the database locked by another
// process, a lost connection) it is called again after a backoff, from the
// worker, until it works: Changed reads the teams as they are then, so a later
// change's call covers an earlier one's.
func (b *Bot) applyTeams(ctx context.Context) {
	if b.admin.cfg.Changed == nil {
		return
	}
	if err := b.admin.cfg.Changed(ctx); err != nil {
		if ctx.Err() != nil {
			return
		}
		b.admin.applyFails++
		b.admin.applyAt = time.Now().Add(min(backoff(b.admin.applyFails), RetryMax))
		b.log.Error("applying the standup teams' change failed; trying again", "attempt", b.admin.applyFails, "next", b.admin.applyAt, "err", err)
		b.wakeAt(b.admin.applyAt)
		return
	}
	b.admin.applyFails, b.admin.applyAt = 0, time.Time{}
}

// adminHome returns the App Home's "Standups" section for user, none for
// someone who is not an admin. With no team at all it is the first-run flow.
func (b *Bot) adminHome(ctx context.Context, user string) ([]slack.Block, error) {
	ok, err := b.isAdmin(ctx, user)
	if err != nil {
		// Slack could not say: the rest of the Home is published without the section.
		b.log.Warn("admin check failed; the App Home goes without its Standups section", "user", user, "err", err)
		return nil, nil
	}
	if !ok {
		return nil, nil
	}
	code := b.admin.cfg.CodeTeams()
	mine, err := b.admin.cfg.Teams.StandupTeams(ctx)
	if err != nil {
		return nil, err
	}
	blocks := []slack.Block{header("Standups")}
	if len(code) == 0 && len(mine) == 0 {
		return append(blocks,
			section("*Create your first standup.* Pick a channel, the people (or a user group), a time and the questions: "+
				"unblock asks each person by DM on the days you choose, reminds them once, posts a summary in the channel "+
				"and keeps track of who waits on whom. It takes two minutes and no YAML."),
			slack.NewActionBlock("admin:first", slack.NewButtonBlockElement(actionTeamNew, "first", plain("Create your first standup")).WithStyle(slack.StylePrimary)),
			contextLine("You see this because you are a workspace admin or an unblock admin."),
			slack.NewDividerBlock(),
		), nil
	}
	shown := 0
	codeNames := map[string]bool{}
	for _, t := range code {
		codeNames[t.Name] = true
		if shown++; shown > maxAdminTeams {
			continue
		}
		line := fmt.Sprintf("*%s* · <#%s> · `%s` · %s · %s", unblock.EscapeText(t.Name), t.Channel,
			unblock.EscapeText(t.Schedule), zoneText(t.Timezone), unblock.Plural(t.Members, "person"))
		blocks = append(blocks, section(line),
			contextLine(":lock: Managed as code in the config file: change it there (unblock reloads the file on SIGHUP)."))
	}
	for _, t := range mine {
		if codeNames[t.Name] {
			continue // the config wins; its team is listed above
		}
		if shown++; shown > maxAdminTeams {
			continue
		}
		blocks = append(blocks, section(teamLine(t)), b.teamButtons(t))
	}
	if shown > maxAdminTeams {
		blocks = append(blocks, contextLine("…and "+unblock.Plural(shown-maxAdminTeams, "more team")+"."))
	}
	for _, t := range mine {
		if codeNames[t.Name] {
			blocks = append(blocks, contextLine(fmt.Sprintf(":warning: The team *%s* set up here is also in the config file, which wins: delete one of them.", t.Name)))
		}
	}
	blocks = append(blocks,
		slack.NewActionBlock("admin:new", slack.NewButtonBlockElement(actionTeamNew, "new", plain("New standup")).WithStyle(slack.StylePrimary)),
		slack.NewDividerBlock())
	return blocks, nil
}

// teamLine describes a team set up in Slack in one line.
func teamLine(t unblock.StandupTeam) string {
	who := unblock.Plural(len(t.Members), "person")
	if t.UserGroup != "" {
		who = fmt.Sprintf("<!subteam^%s>", t.UserGroup)
		if len(t.Members) > 0 {
			who += " and " + unblock.Plural(len(t.Members), "person")
		}
	}
	line := fmt.Sprintf("*%s* · <#%s> · %s %s, %s · %s", t.Name, t.Channel, t.Time, t.DaysText(), zoneText(t.Timezone), who)
	if t.DefaultRole != unblock.RoleUnknown {
		line += " · default role " + string(t.DefaultRole)
	}
	if t.NoSummary {
		line += " · no summary"
	}
	if t.PublicReminders {
		line += " · reminders in the channel"
	}
	if t.Paused {
		line = ":double_vertical_bar: " + line + " · *paused*"
	}
	return line
}

func zoneText(tz string) string {
	if tz == unblock.StandupMemberZone {
		return "each member's own time"
	}
	return tz
}

// teamButtons are a team's Edit, Pause or Resume, and Delete buttons.
func (b *Bot) teamButtons(t unblock.StandupTeam) slack.Block {
	pause := slack.NewButtonBlockElement(actionTeamPause, t.Name, plain("Pause"))
	if t.Paused {
		pause = slack.NewButtonBlockElement(actionTeamResume, t.Name, plain("Resume"))
	}
	del := slack.NewButtonBlockElement(actionTeamDelete, t.Name, plain("Delete")).WithStyle(slack.StyleDanger).
		WithConfirm(slack.NewConfirmationBlockObject(plain("Delete the "+t.Name+" standup?"),
			plain("Nobody is asked again. Answers and blockers already given stay."), plain("Delete"), plain("Keep it")).
			WithStyle(slack.StyleDanger))
	return slack.NewActionBlock("admin:team:"+t.Name,
		slack.NewButtonBlockElement(actionTeamEdit, t.Name, plain("Edit")), pause, del)
}

// requireAdmin refuses, with a log line and nothing else, an admin action by
// someone who is not an admin: the section is never shown to them, so such an
// action is forged or stale.
func (b *Bot) requireAdmin(ctx context.Context, user, what string) (bool, error) {
	ok, err := b.isAdmin(ctx, user)
	if err != nil {
		return false, err
	}
	if !ok {
		b.log.Warn("admin action refused: not an admin", "user", user, "action", what)
	}
	return ok, nil
}

// onTeamNew opens the modal for a new standup team.
func (b *Bot) onTeamNew(ctx context.Context, cb slack.InteractionCallback, _ *slack.BlockAction) error {
	if ok, err := b.requireAdmin(ctx, cb.User.ID, "new team"); !ok {
		return err
	}
	return b.openTeamModal(ctx, cb.TriggerID, b.newTeam(), false)
}

// onTeamEdit opens the modal for a team set up in Slack, filled in.
func (b *Bot) onTeamEdit(ctx context.Context, cb slack.InteractionCallback, action *slack.BlockAction) error {
	if ok, err := b.requireAdmin(ctx, cb.User.ID, "edit team"); !ok {
		return err
	}
	t, err := b.admin.cfg.Teams.StandupTeam(ctx, action.Value)
	if unblock.ErrorCode(err) == unblock.ENOTFOUND {
		return b.refreshHome(ctx, cb.User.ID) // deleted meanwhile: show what is there
	} else if err != nil {
		return err
	}
	return b.openTeamModal(ctx, cb.TriggerID, t, true)
}

// onTeamPause pauses or resumes a team.
func (b *Bot) onTeamPause(ctx context.Context, cb slack.InteractionCallback, action *slack.BlockAction) error {
	if ok, err := b.requireAdmin(ctx, cb.User.ID, action.ActionID); !ok {
		return err
	}
	t, err := b.admin.cfg.Teams.StandupTeam(ctx, action.Value)
	if err == nil {
		t.Paused = action.ActionID == actionTeamPause
		t.UpdatedBy, t.UpdatedAt = cb.User.ID, b.cfg.Now()
		if err := b.admin.cfg.Teams.SaveStandupTeam(ctx, t); err != nil {
			return err
		}
		b.log.Info("standup team changed", "team", t.Name, "paused", t.Paused, "by", cb.User.ID)
		return b.teamChanged(ctx, cb.User.ID, t, t)
	} else if unblock.ErrorCode(err) != unblock.ENOTFOUND {
		return err
	}
	return b.refreshHome(ctx, cb.User.ID)
}

// onTeamDelete deletes a team set up in Slack (the button asks to confirm).
func (b *Bot) onTeamDelete(ctx context.Context, cb slack.InteractionCallback, action *slack.BlockAction) error {
	if ok, err := b.requireAdmin(ctx, cb.User.ID, "delete team"); !ok {
		return err
	}
	old, err := b.admin.cfg.Teams.StandupTeam(ctx, action.Value)
	if err == nil {
		err = b.admin.cfg.Teams.DeleteStandupTeam(ctx, action.Value)
	}
	if err == nil {
		b.log.Info("standup team deleted", "team", action.Value, "by", cb.User.ID)
		return b.teamChanged(ctx, cb.User.ID, old, unblock.StandupTeam{})
	} else if unblock.ErrorCode(err) != unblock.ENOTFOUND {
		return err
	}
	return b.refreshHome(ctx, cb.User.ID)
}

// onTeamSubmit saves a submitted team. The ack has already refused a form with
// problems (see teamAck), so one that has them here was forged, or changed
// meanwhile (the name taken): nothing is saved, and the admin is told why.
func (b *Bot) onTeamSubmit(ctx context.Context, cb slack.InteractionCallback) error {
	if ok, err := b.requireAdmin(ctx, cb.User.ID, "submit team"); !ok {
		return err
	}
	t, problems, done, err := b.readTeamForm(ctx, cb)
	if err != nil {
		return err
	}
	if done {
		b.log.Debug("standup team form submitted again; saved already", "team", t.Name, "view", cb.View.ID)
		return nil
	}
	if len(problems) > 0 {
		b.log.Warn("standup team form refused", "user", cb.User.ID, "team", t.Name, "problems", fmt.Sprint(map[string]string(problems)))
		var lines []string
		for _, f := range formFields {
			if msg, ok := problems[f]; ok {
				lines = append(lines, "• "+unblock.EscapeText(msg))
			}
		}
		return b.dm(ctx, cb.User.ID, fmt.Sprintf("The standup *%s* was not saved:\n%s", unblock.EscapeText(t.Name), strings.Join(lines, "\n")))
	}
	old, err := b.admin.cfg.Teams.StandupTeam(ctx, t.Name)
	if err != nil && unblock.ErrorCode(err) != unblock.ENOTFOUND {
		return err
	}
	if err := b.admin.cfg.Teams.SaveStandupTeam(ctx, t); err != nil {
		return err
	}
	b.log.Info("standup team saved", "team", t.Name, "by", cb.User.ID)
	return b.teamChanged(ctx, cb.User.ID, old, t)
}

// teamChanged follows a change to a team set up in the App Home, from before
// to after (either zero for a creation or a deletion), in the transaction that
// saved it: people get the teams and roles they have now, and the App Home of
// everyone who sees the team is published again through the outbox: the
// acting admin's, every admin's (the Standups section lists it) and every
// member's before and after (their standup section shows it).
func (b *Bot) teamChanged(ctx context.Context, actor string, before, after unblock.StandupTeam) error {
	b.admin.changed.Store(true)
	if err := b.RegroupPeople(ctx); err != nil {
		return err
	}
	users := []string{actor}
	users = append(users, b.admin.cfg.Admins...)
	b.admin.known.Range(func(k, v any) bool {
		if v.(bool) {
			users = append(users, k.(string))
		}
		return true
	})
	for _, t := range []unblock.StandupTeam{before, after} {
		users = append(users, t.Members...)
		if t.UserGroup != "" {
			users = append(users, b.GroupMembers(t.UserGroup)...)
		}
	}
	seen := map[string]bool{}
	others := context.WithValue(ctx, knownAdminsOnly{}, true)
	for _, u := range users {
		if u == "" || seen[u] {
			continue
		}
		seen[u] = true
		if err := b.refreshHome(others, u); err != nil {
			return err
		}
	}
	return nil
}

// prepareAdmin learns, before the item's transaction, whether the person an
// interaction or an App Home opening comes from is an admin, so the handler
// does not call users.info inside it.
func (b *Bot) prepareAdmin(ctx context.Context, it unblock.InboxItem) {
	if !b.admin.on {
		return
	}
	var p struct {
		User  json.RawMessage `json:"user"` // an interaction's {"id": …}
		Event struct {
			Type string `json:"type"`
			User string `json:"user"`
		} `json:"event"`
	}
	if json.Unmarshal(it.Payload, &p) != nil {
		return
	}
	user := ""
	switch {
	case it.Kind == kindInteraction:
		var u struct {
			ID string `json:"id"`
		}
		_ = json.Unmarshal(p.User, &u)
		user = u.ID
	case p.Event.Type == "app_home_opened":
		user = p.Event.User
	}
	if user != "" {
		if _, err := b.isAdmin(ctx, user); err != nil {
			b.log.Warn("admin check failed", "user", user, "err", err)
		}
	}
}
