package bot

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/unblock-dev/unblock"
)

// recordBlocker handles "/blocked on @person|role TOPIC". The report is keyed by
// the command's trigger (its time when there is none), never by when it is
// processed, so processing the same command again changes nothing.
func (b *Bot) recordBlocker(ctx context.Context, user, trigger string, args []string, now time.Time) (reply, error) {
	if len(args) == 0 {
		return reply{}, unblock.Errorf(unblock.EINVALID, "Say whom you wait on: `/blocked on @dana checkout mocks` or `/blocked on design checkout mocks`.")
	}
	target, err := b.commandTarget(ctx, args[0])
	if err != nil {
		return reply{}, err
	}
	topic := strings.Join(args[1:], " ")
	topic = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(topic, "for "), "about "))
	st := unblock.Statement{
		Text:    "/blocked on " + strings.Join(args, " "),
		Blocked: true,
		Targets: []unblock.Target{target},
		Topic:   topic,
	}
	ts := "trigger:" + trigger
	if trigger == "" {
		ts = fmt.Sprintf("%d.%06d", now.Unix(), now.Nanosecond()/1000)
	}
	r := unblock.Report{PersonID: user, Channel: "command:" + user, TS: ts, At: now, Text: st.Text, Source: unblock.SourceCommand}
	ch, err := b.store.ApplyReport(ctx, r, st)
	if err != nil {
		return reply{}, err
	}
	return textReply(b.describeChange(ctx, st, ch)), nil
}

// commandTarget reads the target of "/blocked on X": a mention or a role or team name.
func (b *Bot) commandTarget(ctx context.Context, arg string) (unblock.Target, error) {
	if id := mentionedUser(arg); id != "" {
		p, err := b.store.Person(ctx, id)
		if err != nil {
			return unblock.Target{}, unblock.Errorf(unblock.ENOTFOUND, "I don't know %s yet: they may have joined after my last directory sync.", arg)
		}
		return unblock.Target{Kind: unblock.TargetPerson, Name: "<@" + id + ">", Role: p.Role}, nil
	}
	name := strings.ToLower(strings.TrimPrefix(arg, "@"))
	if role, ok := b.lookupRole(name); ok {
		return unblock.Target{Kind: unblock.TargetRole, Name: string(role), Role: role}, nil
	}
	if team, ok := b.lookupTeam(name); ok {
		return unblock.Target{Kind: unblock.TargetTeam, Name: team, Role: b.teamRole(team)}, nil
	}
	return unblock.Target{}, unblock.Errorf(unblock.ENOTFOUND, "I don't know %q: name a person (@name), a role (%s) or a team.", arg, b.roleList())
}

// resolveCommand handles "/blocked resolve [@person|role]".
func (b *Bot) resolveCommand(ctx context.Context, user string, args []string, now time.Time) (reply, error) {
	mine, err := b.store.BlockersOf(ctx, user, now)
	if err != nil {
		return reply{}, err
	}
	var match func(unblock.Blocker) bool
	if len(args) > 0 {
		target, err := b.commandTarget(ctx, args[0])
		if err != nil {
			return reply{}, err
		}
		match = func(bl unblock.Blocker) bool {
			if target.Kind == unblock.TargetPerson {
				return bl.To == target.MentionID()
			}
			return bl.Target.Kind == target.Kind && strings.EqualFold(bl.Target.Name, target.Name) ||
				target.Kind == unblock.TargetRole && bl.ToRole == target.Role
		}
	}
	var cleared []string
	for _, bl := range mine {
		if match != nil && !match(bl) {
			continue
		}
		if _, err := b.store.ResolveBlocker(ctx, bl.ID, unblock.ResolvedByButton, now); err != nil {
			return reply{}, err
		}
		cleared = append(cleared, b.targetLabel(ctx, bl.Target)+topicSuffix(bl.Topic))
	}
	if len(cleared) == 0 {
		if len(args) > 0 {
			return reply{}, unblock.Errorf(unblock.ENOTFOUND, "You have no open blocker on %s.", args[0])
		}
		return textReply("You have no open blockers. :tada:"), nil
	}
	if err := b.passOn(b.allClear(ctx, user, now), "all-clear message failed"); err != nil {
		return reply{}, err
	}
	return textReply("Resolved: " + strings.Join(cleared, ", ") + "."), nil
}

// awayCommand handles "/blocked away until YYYY-MM-DD".
func (b *Bot) awayCommand(ctx context.Context, user string, args []string, now time.Time) (reply, error) {
	if len(args) > 0 && strings.EqualFold(args[0], "until") {
		args = args[1:]
	}
	if len(args) != 1 {
		return reply{}, unblock.Errorf(unblock.EINVALID, "Say until when: `/blocked away until 2026-12-01`.")
	}
	until, err := b.setAwayUntil(ctx, user, args[0], now)
	if err != nil {
		return reply{}, err
	}
	return textReply(fmt.Sprintf("Enjoy! No standup prompts until you are back on %s. `/blocked back` turns them on earlier.", until.Format("Mon 2 Jan"))), nil
}

// setAwayUntil is the one home of "away until DAY", for the slash command and
// the App Home's date picker: the person is away through the end of day
// (YYYY-MM-DD in their own zone) and back the morning after, which it returns.
// A day before today is an unblock.EINVALID error.
func (b *Bot) setAwayUntil(ctx context.Context, user, day string, now time.Time) (time.Time, error) {
	loc := b.userLocation(ctx, user)
	d, err := time.ParseInLocation("2006-01-02", day, loc)
	if err != nil {
		return time.Time{}, unblock.Errorf(unblock.EINVALID, "%q is not a date: write it as YYYY-MM-DD, e.g. `/blocked away until 2026-12-01`.", day)
	}
	until := d.AddDate(0, 0, 1) // away through the end of that day
	if !until.After(now) {
		return time.Time{}, unblock.Errorf(unblock.EINVALID, "%s is in the past: give a date from today on.", day)
	}
	if err := b.store.SetAway(ctx, user, until); err != nil {
		return time.Time{}, err
	}
	return until, nil
}

func (b *Bot) userLocation(ctx context.Context, user string) *time.Location {
	if p, err := b.store.Person(ctx, user); err == nil && p.TZ != "" {
		if loc, err := time.LoadLocation(p.TZ); err == nil {
			return loc
		}
	}
	return time.UTC
}

// whoami shows how the user's role was resolved.
func (b *Bot) whoami(ctx context.Context, user string) (reply, error) {
	p, err := b.store.Person(ctx, user)
	if err != nil {
		return reply{}, unblock.Errorf(unblock.ENOTFOUND, "I don't know you yet: my directory sync has not seen you.")
	}
	how := string(p.RoleSource)
	if p.RoleDetail != "" {
		how += " (" + p.RoleDetail + ")"
	}
	return textReply(fmt.Sprintf("You are *%s*, role *%s*, resolved from %s; team %s.",
		unblock.EscapeText(p.Label()), p.Role.String(), unblock.EscapeText(how), unblock.EscapeText(orNone(p.Team)))), nil
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
