package standup

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/unblock-dev/unblock"
)

// Answered tells the scheduler about report r by personID (a DM reply, a reply
// in the prompt's thread, a modal submission or a post in the team channel) and
// reports whether it counted as a standup answer. It counts for each team of
// the person with a session open at r.At (the clock's time if zero):
//   - a prompted session, not skipped (or skipped with Skip, which the answer
//     clears), with r.At in [PromptAt, PromptAt+AnswerWindow);
//   - with EveningBefore, the next standup: from 18:00 local the evening before
//     its day until its prompt, unless that day is a holiday. The session is
//     stored answered, so no prompt is sent.
//
// The first answer sets AnsweredAt; every answer sets ReportID to r.ID, the
// latest state of the person's standup. Then, for a team with Summary, the
// summary of the day is posted or updated in place: what was posted is stored
// under the key "summary:TEAM:DAY", so it is never posted twice. Answered may
// return true with an error when the answer was stored but the summary failed;
// calling it again for the same report refreshes the summary again and changes
// nothing else.
//
// It runs in one transaction (Sessions.Atomic, joining the caller's): the
// transaction is taken before any session's lock, in the same order as Tick.
func (s *Scheduler) Answered(ctx context.Context, personID string, r unblock.Report) (counted bool, err error) {
	err = s.sess.Atomic(ctx, func(ctx context.Context) error {
		counted, err = s.answered(ctx, personID, r)
		return err
	})
	return counted, err
}

func (s *Scheduler) answered(ctx context.Context, personID string, r unblock.Report) (bool, error) {
	at := r.At
	if at.IsZero() {
		at = s.clk.Now()
	}
	counted := false
	var errs []error
	set := s.set.Load()
	for _, ti := range set.teamsOf[personID] {
		t := &set.teams[ti]
		day, ok, err := s.answer(ctx, t, personID, at, r.ID)
		if err != nil {
			errs = append(errs, err)
			continue
		} else if !ok {
			continue
		}
		counted = true
		if t.Summary {
			if err := s.refreshSummary(ctx, t, day); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return counted, errors.Join(errs...)
}

// answer stores an answer at at by personID to t's open session, if any, and
// returns the session's day and whether it counted.
func (s *Scheduler) answer(ctx context.Context, t *Team, personID string, at time.Time, reportID int64) (string, bool, error) {
	_, loc, err := s.person(ctx, t, personID)
	if err != nil {
		return "", false, err
	}
	// A prompted session: its schedule time is at most one window before it
	// was sent, and its window is one window long.
	occ := occurrences(t.Schedule, at.Add(-2*t.AnswerWindow), at, loc)
	for i := len(occ) - 1; i >= 0; i-- {
		day := occ[i].In(loc).Format(dayLayout)
		ok, err := s.mark(ctx, t.Name, personID, day, at, reportID, func(sess unblock.Session) bool {
			// A day the person chose to skip is still theirs to answer.
			return !sess.PromptAt.IsZero() && (sess.Skipped == "" || sess.Skipped == SkipAsked) &&
				!at.Before(sess.PromptAt) && at.Before(sess.PromptAt.Add(t.AnswerWindow))
		})
		if err != nil || ok {
			return day, ok, err
		}
	}
	if !t.EveningBefore {
		return "", false, nil
	}
	next := t.Schedule.Next(at.In(loc))
	if next.IsZero() {
		return "", false, nil
	}
	local := next.In(loc)
	day := local.Format(dayLayout)
	eve := time.Date(local.Year(), local.Month(), local.Day()-1, EveningBeforeHour, 0, 0, 0, loc)
	if at.Before(eve) || s.holidays[day] {
		return "", false, nil
	}
	ok, err := s.mark(ctx, t.Name, personID, day, at, reportID, func(sess unblock.Session) bool {
		return sess.Skipped == ""
	})
	return day, ok, err
}

// mark stores the answer in the session of person in team on day if open says
// the session is open to it, and reports whether it did.
func (s *Scheduler) mark(ctx context.Context, team, personID, day string, at time.Time, reportID int64, open func(unblock.Session) bool) (bool, error) {
	unlock := s.lock("session:" + team + ":" + personID + ":" + day)
	defer unlock()
	sess, err := s.session(ctx, team, personID, day)
	if err != nil {
		return false, err
	} else if !open(sess) {
		return false, nil
	}
	if sess.AnsweredAt.IsZero() {
		sess.AnsweredAt = at
	}
	if sess.Skipped == SkipAsked {
		sess.Skipped = "" // answered after all
	}
	if reportID != 0 {
		sess.ReportID = reportID
	}
	if _, err := s.sess.SaveSession(ctx, sess); err != nil {
		return false, fmt.Errorf("save answered session %s/%s/%s: %w", team, personID, day, err)
	}
	return true, nil
}

// SummaryKey is the key under which the summary of team's standup on day is
// stored with Sessions.SavePost.
func SummaryKey(team, day string) string { return "summary:" + team + ":" + day }

// refreshSummary posts t's summary of day, or updates the one already posted.
func (s *Scheduler) refreshSummary(ctx context.Context, t *Team, day string) error {
	key := SummaryKey(t.Name, day)
	unlock := s.lock(key)
	defer unlock()
	sessions, err := s.sess.SessionsOf(ctx, t.Name, day)
	if err != nil {
		return fmt.Errorf("sessions of %s/%s: %w", t.Name, day, err)
	}
	var prev Post
	if ch, ts, ok, err := s.sess.Post(ctx, key); err != nil {
		return fmt.Errorf("summary post %s: %w", key, err)
	} else if ok {
		prev = Post{Channel: ch, TS: ts}
	}
	post, err := s.msg.Summary(ctx, *t, day, sessions, prev)
	if err != nil {
		return fmt.Errorf("summary %s: %w", key, err)
	}
	if post == prev {
		return nil
	}
	if err := s.sess.SavePost(ctx, key, post.Channel, post.TS, s.clk.Now()); err != nil {
		return fmt.Errorf("save summary post %s: %w", key, err)
	}
	return nil
}
