package standup

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/unblock-dev/unblock"
)

// Skip reasons stored in unblock.Session.Skipped. A skipped session is never
// prompted or reminded.
const (
	SkipHoliday = "holiday"         // the standup day is one of the config's holidays
	SkipAway    = "away"            // Person.AwayUntil is after the time of the prompt ("/blocked away until DATE")
	SkipStatus  = "status"          // the Slack status says vacation, OOO, sick or the like
	SkipGone    = "gone"            // the account is deactivated or a bot
	SkipAsked   = unblock.SkipAsked // the person pressed "Skip today" on the prompt (Scheduler.Skip)
)

// Skip stores that personID skips team's standup of day at their own request
// ("Skip today" on the prompt): no reminder follows, and the day counts as
// neither answered nor missed. Only a prompted session whose answer window is
// still open can be skipped; an answer already given stays (an unblock.EINVALID
// error says so), and skipping twice changes nothing. A later answer in the
// window still counts and clears the skip. The summary of a team with Summary
// is refreshed. It runs in one transaction (Sessions.Atomic, joining the
// caller's), taken before the session's lock as Tick and Answered do.
func (s *Scheduler) Skip(ctx context.Context, personID, team, day string) (unblock.Session, error) {
	var out unblock.Session
	err := s.sess.Atomic(ctx, func(ctx context.Context) error {
		t := s.team(team)
		if t == nil {
			return unblock.Errorf(unblock.ENOTFOUND, "There is no standup team %q any more.", team)
		}
		unlock := s.lock("session:" + team + ":" + personID + ":" + day)
		sess, err := s.session(ctx, team, personID, day)
		if err != nil {
			unlock()
			return err
		}
		now := s.clk.Now()
		switch {
		case !sess.AnsweredAt.IsZero():
			unlock()
			return unblock.Errorf(unblock.EINVALID, "You already answered the %s standup of %s.", team, day)
		case sess.Skipped == SkipAsked:
			unlock()
			out = sess
			return nil
		case sess.PromptAt.IsZero() || sess.Skipped != "" || !now.Before(sess.PromptAt.Add(t.AnswerWindow)):
			unlock()
			return unblock.Errorf(unblock.EINVALID, "The %s standup of %s is closed: there is nothing to skip.", team, day)
		}
		sess.Skipped = SkipAsked
		out, err = s.sess.SaveSession(ctx, sess)
		unlock()
		if err != nil {
			return fmt.Errorf("save skipped session %s/%s/%s: %w", team, personID, day, err)
		}
		s.log.Info("standup skipped", "team", team, "user", personID, "day", day, "reason", SkipAsked)
		if t.Summary {
			return s.refreshSummary(ctx, t, day)
		}
		return nil
	})
	return out, err
}

// team returns the team named name, or nil.
func (s *Scheduler) team(name string) *Team {
	set := s.set.Load()
	for i := range set.teams {
		if set.teams[i].Name == name {
			return &set.teams[i]
		}
	}
	return nil
}

// awayEmoji are Slack status emoji that mean the person is not working.
var awayEmoji = map[string]bool{
	":palm_tree:":             true,
	":airplane:":              true,
	":face_with_thermometer:": true,
}

// awayWords are words in a Slack status text that mean the person is not
// working, matched case-insensitively anywhere in the text.
var awayWords = []string{"ooo", "out of office", "vacation", "holiday", "sick", "on leave"}

// skipReason returns why p is not prompted for the standup on day at now, or ""
// if they are.
func (s *Scheduler) skipReason(p unblock.Person, day string, now time.Time) string {
	switch {
	case p.Deleted || p.IsBot:
		return SkipGone
	case s.holidays[day]:
		return SkipHoliday
	case p.AwayUntil.After(now):
		return SkipAway
	case Away(p):
		return SkipStatus
	}
	return ""
}

// Away reports whether p's Slack status says they are away: an emoji such as
// :palm_tree:, :airplane: or :face_with_thermometer:, or a text mentioning OOO,
// out of office, vacation, holiday, sick or on leave.
func Away(p unblock.Person) bool {
	if awayEmoji[p.StatusEmoji] {
		return true
	}
	text := strings.ToLower(p.StatusText)
	for _, w := range awayWords {
		if strings.Contains(text, w) {
			return true
		}
	}
	return false
}

// person returns the member id of t from the directory and the zone of their
// prompts: the team's zone, else their profile zone, else the fallback. A
// person the directory does not know is prompted in the fallback zone.
func (s *Scheduler) person(ctx context.Context, t *Team, id string) (unblock.Person, *time.Location, error) {
	p, err := s.dir.Person(ctx, id)
	if unblock.ErrorCode(err) == unblock.ENOTFOUND {
		p, err = unblock.Person{ID: id}, nil
	} else if err != nil {
		return unblock.Person{}, nil, fmt.Errorf("person %s: %w", id, err)
	}
	p.ID = id
	if t.Location != nil {
		return p, t.Location, nil
	}
	return p, s.zone(p.TZ), nil
}

// zone returns the location named name, or the fallback for "" or a name the
// system does not know (warned about once). Locations are cached: loading one
// reads the zone database.
func (s *Scheduler) zone(name string) *time.Location {
	if name == "" {
		return s.fallback
	}
	if loc, ok := s.zones.Load(name); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		s.log.Warn("unknown time zone in a Slack profile; using the fallback", "tz", name, "fallback", s.fallback.String())
		loc = s.fallback
	}
	s.zones.Store(name, loc)
	return loc
}
