package standup

import (
	"fmt"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/unblock-dev/unblock"
)

// FromSetup turns a standup team set up in Slack into the scheduler's Team. Its
// members are those picked plus the members of its user group (groupMembers,
// the directory's last sync), each once. A paused team is still turned; the
// caller leaves it out of SetTeams. It fails on a team that cannot run
// (unblock.StandupTeam.Problems).
func FromSetup(t unblock.StandupTeam, groupMembers func(string) []string) (Team, error) {
	if p := t.Problems(time.LoadLocation); len(p) > 0 {
		return Team{}, unblock.Errorf(unblock.EINVALID, "standup team %q cannot run: %v", t.Name, map[string]string(p))
	}
	sched, err := cron.ParseStandard(t.Cron())
	if err != nil {
		return Team{}, fmt.Errorf("standup team %q: schedule %q: %w", t.Name, t.Cron(), err)
	}
	out := Team{
		Name: t.Name, Channel: t.Channel, Schedule: sched, Questions: t.Questions,
		ReminderAfter: t.ReminderAfter, AnswerWindow: t.AnswerWindow, EveningBefore: t.EveningBefore,
		Summary: !t.NoSummary, PublicReminders: t.PublicReminders,
	}
	if t.Timezone != unblock.StandupMemberZone {
		if out.Location, err = time.LoadLocation(t.Timezone); err != nil {
			return Team{}, fmt.Errorf("standup team %q: %w", t.Name, err)
		}
	}
	seen := map[string]bool{}
	add := func(ids []string) {
		for _, id := range ids {
			if !seen[id] {
				seen[id] = true
				out.Members = append(out.Members, id)
			}
		}
	}
	add(t.Members)
	if t.UserGroup != "" && groupMembers != nil {
		add(groupMembers(t.UserGroup))
	}
	return out, nil
}
