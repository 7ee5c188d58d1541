package unblock

import (
	"fmt"
	"sort"
	"time"
)

// Participation is how a group answered its standups over some days: who was
// asked, who answered, on time or late. A session counts once:
//   - Skipped: the person was not asked, or chose not to answer ("Skip today",
//     away, a holiday, an away status); never missing.
//   - Asked: every other session, prompted or answered the evening before.
//   - Answered: an asked session with an answer; OnTime when it came before the
//     reminder (or there was none), Late when after it.
//
// Asked minus Answered were missed (or, for today, not answered yet).
type Participation struct {
	Asked, Answered, OnTime, Late, Skipped int
}

// String says p in words: "answered 38 of 45 prompts (35 on time, 3 late), 4
// skipped"; the bot and the digest say it so.
func (p Participation) String() string {
	s := fmt.Sprintf("answered %d of %s", p.Answered, Plural(p.Asked, "prompt"))
	if p.Answered > 0 {
		s += fmt.Sprintf(" (%d on time, %d late)", p.OnTime, p.Late)
	}
	if p.Skipped > 0 {
		s += fmt.Sprintf(", %d skipped", p.Skipped)
	}
	return s
}

// Any reports whether p counts any session.
func (p Participation) Any() bool { return p.Asked+p.Skipped > 0 }

// Missed returns the asked sessions that were not answered.
func (p Participation) Missed() int { return p.Asked - p.Answered }

// Add counts s.
func (p *Participation) Add(s Session) {
	switch {
	case s.Skipped != "":
		p.Skipped++
		return
	case s.PromptAt.IsZero() && s.AnsweredAt.IsZero():
		return // nothing happened yet
	}
	p.Asked++
	if s.AnsweredAt.IsZero() {
		return
	}
	p.Answered++
	if !s.RemindedAt.IsZero() && !s.AnsweredAt.Before(s.RemindedAt) {
		p.Late++
	} else {
		p.OnTime++
	}
}

// Plus returns the sum of p and q.
func (p Participation) Plus(q Participation) Participation {
	return Participation{Asked: p.Asked + q.Asked, Answered: p.Answered + q.Answered, OnTime: p.OnTime + q.OnTime,
		Late: p.Late + q.Late, Skipped: p.Skipped + q.Skipped}
}

// TeamParticipation is one team's participation over a period, in all and per
// person. People is for leads only: the rest of the team sees the counts.
type TeamParticipation struct {
	Team string
	Participation
	People map[string]Participation // by user ID
}

// Tally counts sessions (of any teams) by team, ordered by team name.
func Tally(sessions []Session) []TeamParticipation {
	byTeam := map[string]*TeamParticipation{}
	for _, s := range sessions {
		t := byTeam[s.Team]
		if t == nil {
			t = &TeamParticipation{Team: s.Team, People: map[string]Participation{}}
			byTeam[s.Team] = t
		}
		t.Add(s)
		p := t.People[s.PersonID]
		p.Add(s)
		t.People[s.PersonID] = p
	}
	out := make([]TeamParticipation, 0, len(byTeam))
	for _, t := range byTeam {
		out = append(out, *t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Team < out[j].Team })
	return out
}

// Total returns the participation of all teams together.
func Total(teams []TeamParticipation) Participation {
	var sum Participation
	for _, t := range teams {
		sum = sum.Plus(t.Participation)
	}
	return sum
}

// SessionDays returns the standup days (YYYY-MM-DD) of p: [from, to), the days
// of its From and To, as sessions name them.
func (p Period) SessionDays() (from, to string) {
	return p.From.Format(time.DateOnly), p.To.Format(time.DateOnly)
}
