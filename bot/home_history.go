package bot

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/unblock-dev/unblock"
)

// The App Home's standup sections: pausing prompts, participation, and one's
// own recent reports. home.go calls homeStandupSections once; the rest of the
// Home is not this file's.
const (
	actionAwayUntil    = "home_away_until" // the "Away until" date picker
	homeHistoryDays    = 7                 // your reports of the last week
	homeHistoryEntries = 8                 // at most this many, newest first
	homeMaxTeams       = 10                // participation of at most this many teams
	homeMaxNames       = 12                // names in a lead's missed or late line
)

// homeStandupSections returns the Home's standup sections for user: prompts
// (away until, pause, back), participation of their teams (every team's, with
// names, for a lead), and their reports of the last week with what was read.
func (b *Bot) homeStandupSections(ctx context.Context, user string, me unblock.Person, now time.Time) ([]slack.Block, error) {
	blocks := b.homeAwayBlocks(me, b.userLocation(ctx, user), now)
	part, err := b.homeParticipationBlocks(ctx, user, now)
	if err != nil {
		return nil, err
	}
	blocks = append(blocks, part...)
	hist, err := b.homeHistoryBlocks(ctx, user, now)
	if err != nil {
		return nil, err
	}
	return append(blocks, hist...), nil
}

// homeAwayBlocks is the Home's one place for the away state, beside
// "/blocked away until": a date picker, a week's pause and "I'm back".
// Days are the person's own (loc).
func (b *Bot) homeAwayBlocks(me unblock.Person, loc *time.Location, now time.Time) []slack.Block {
	picker := slack.NewDatePickerBlockElement(actionAwayUntil)
	picker.Placeholder = plain("Away until…")
	blocks := []slack.Block{slack.NewDividerBlock(), header("Standup prompts")}
	if me.AwayUntil.After(now) {
		last := me.AwayUntil.In(loc).AddDate(0, 0, -1) // back the morning after the last day away
		picker.InitialDate = last.Format(time.DateOnly)
		return append(blocks,
			section(fmt.Sprintf("You are away until %s: no prompts until then.", last.Format("Mon 2 Jan"))),
			slack.NewActionBlock("home:pause", picker, slack.NewButtonBlockElement(actionBack, "back", plain("I'm back"))))
	}
	return append(blocks,
		section("Going on holiday? Pick your last day away (or use `/blocked away until YYYY-MM-DD`), or pause for a week."),
		slack.NewActionBlock("home:pause", picker, slack.NewButtonBlockElement(actionAwayWeek, "week", plain("Pause for a week"))))
}

// onAwayUntil handles a date picked in the Home: away through that day.
func (b *Bot) onAwayUntil(ctx context.Context, cb slack.InteractionCallback, action *slack.BlockAction) error {
	if _, err := b.setAwayUntil(ctx, cb.User.ID, action.SelectedDate, b.cfg.Now()); err != nil {
		if unblock.ErrorCode(err) != unblock.EINVALID {
			return err
		}
		if err := b.tellUser(ctx, cb, unblock.EscapeText(unblock.ErrorMessage(err))); err != nil {
			return err
		}
	}
	return b.refreshHome(ctx, cb.User.ID)
}

// homeParticipationBlocks shows how user's teams answered their standups this
// week (the seven days ending today) against the week before: counts for every
// member, and for a lead every team with who missed prompts or answered late.
// No names reach anyone but a lead.
func (b *Bot) homeParticipationBlocks(ctx context.Context, user string, now time.Time) ([]slack.Block, error) {
	week := unblock.WeekEnding(now)
	prev := week.Previous()
	from, _ := prev.SessionDays()
	_, to := week.SessionDays()
	sessions, err := b.store.SessionsBetween(ctx, from, to)
	if err != nil {
		return nil, err
	}
	split, _ := week.SessionDays()
	var this, last []unblock.Session
	mine := map[string]bool{}
	for _, s := range sessions {
		if s.Day >= split {
			this = append(this, s)
		} else {
			last = append(last, s)
		}
		if s.PersonID == user {
			mine[s.Team] = true
		}
	}
	lead := b.isLead(user)
	lastBy := map[string]unblock.Participation{}
	for _, t := range unblock.Tally(last) {
		lastBy[t.Team] = t.Participation
	}
	var blocks []slack.Block
	shown := 0
	for _, t := range unblock.Tally(this) {
		if !lead && !mine[t.Team] {
			continue
		}
		if shown == homeMaxTeams {
			blocks = append(blocks, contextLine("…and more teams: see the weekly digest"))
			break
		}
		shown++
		line := fmt.Sprintf("*%s* this week: %s", unblock.EscapeText(t.Team), t.Participation.String())
		if p, ok := lastBy[t.Team]; ok {
			line += fmt.Sprintf(" · the week before: %d of %d", p.Answered, p.Asked)
		}
		if lead {
			line += b.leadNames(ctx, t)
		}
		blocks = append(blocks, section(line))
	}
	if len(blocks) == 0 {
		return nil, nil
	}
	title := "Standup participation"
	note := "Counts only: who answered is not shown to the team."
	if lead {
		note = "You see names as a lead; members of a team see its counts only."
	}
	return append(append([]slack.Block{slack.NewDividerBlock(), header(title)}, blocks...), contextLine(note)), nil
}

// leadNames lists, for a lead, who missed prompts and who answered late in t.
func (b *Bot) leadNames(ctx context.Context, t unblock.TeamParticipation) string {
	var missed, late []string
	ids := make([]string, 0, len(t.People))
	for id := range t.People {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		p := t.People[id]
		if n := p.Missed(); n > 0 {
			missed = append(missed, fmt.Sprintf("%s (%d)", b.personLabel(ctx, id), n))
		}
		if p.Late > 0 {
			late = append(late, fmt.Sprintf("%s (%d)", b.personLabel(ctx, id), p.Late))
		}
	}
	s := ""
	if len(missed) > 0 {
		s += "\nMissed: " + nameList(missed)
	}
	if len(late) > 0 {
		s += "\nLate: " + nameList(late)
	}
	return s
}

func nameList(names []string) string {
	if len(names) > homeMaxNames {
		return strings.Join(names[:homeMaxNames], ", ") + fmt.Sprintf(" and %d more", len(names)-homeMaxNames)
	}
	return strings.Join(names, ", ")
}

// homeHistoryBlocks shows user's own reports of the last week, newest first,
// with what was read from each and what they wrote (when it is still kept).
func (b *Bot) homeHistoryBlocks(ctx context.Context, user string, now time.Time) ([]slack.Block, error) {
	list, err := b.store.History(ctx, user, now.AddDate(0, 0, -homeHistoryDays), now)
	if err != nil {
		return nil, err
	}
	blocks := []slack.Block{slack.NewDividerBlock(), header("Your recent answers")}
	if len(list) == 0 {
		return append(blocks, section(fmt.Sprintf("Nothing from you in the last %d days.", homeHistoryDays))), nil
	}
	opt := historyView{quote: true, topics: true}
	for i := len(list) - 1; i >= 0 && len(list)-1-i < homeHistoryEntries; i-- {
		blocks = append(blocks, section(b.historyText(ctx, list[i], opt)))
	}
	return append(blocks, contextLine("`/blocked history [days]` goes further back; `/blocked why` shows each blocker's reports.")), nil
}
