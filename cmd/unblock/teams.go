package main

import (
	"context"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/bot"
	"github.com/unblock-dev/unblock/config"
	"github.com/unblock-dev/unblock/standup"
	"github.com/unblock-dev/unblock/store"
)

// teamSource is where the standup teams come from: the YAML config's teams
// (managed as code) and those set up in the App Home (the database). The
// config wins for a name both define. apply hands the teams as they are now to
// the scheduler and the bot, after an App Home change or a reload of the
// config (SIGHUP), with no restart.
type teamSource struct {
	db           *store.DB
	groupMembers func(string) []string
	log          *slog.Logger

	mu       sync.Mutex
	cfg      *config.Config
	digestTo []string // the digest recipients of the teams set up in Slack, as of the last read
	version  string   // the database's standup teams version of the last read (store.StandupTeamsVersion)

	applyMu sync.Mutex // one apply at a time: the scheduler gets the teams in the order they were read
	sched   *standup.Scheduler
	bot     *bot.Bot
}

func newTeamSource(cfg *config.Config, db *store.DB, groupMembers func(string) []string, log *slog.Logger) *teamSource {
	return &teamSource{cfg: cfg, db: db, groupMembers: groupMembers, log: log}
}

func (s *teamSource) config() *config.Config {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cfg
}

// teams returns the scheduler's teams now: the config's, then the running
// (not paused) teams set up in Slack whose names the config does not use.
func (s *teamSource) teams(ctx context.Context) ([]standup.Team, error) {
	cfg := s.config()
	teams := standupTeams(cfg, s.groupMembers)
	// The version first: a change saved while the teams are read shows as a new one.
	version, err := s.db.StandupTeamsVersion(ctx)
	if err != nil {
		return nil, err
	}
	setups, err := s.db.StandupTeams(ctx)
	if err != nil {
		return nil, err
	}
	var digestTo []string
	for _, st := range setups {
		if cfg.Team(st.Name) != nil {
			s.log.Warn("a standup team set up in Slack has the name of one in the config, which wins", "team", st.Name)
			continue
		}
		if st.Paused {
			continue
		}
		t, err := standup.FromSetup(st, s.groupMembers)
		if err != nil {
			s.log.Error("a standup team set up in Slack cannot run; it is left out", "team", st.Name, "err", err)
			continue
		}
		teams = append(teams, t)
		for _, id := range st.DigestTo {
			if !slices.Contains(digestTo, id) {
				digestTo = append(digestTo, id)
			}
		}
	}
	s.mu.Lock()
	s.digestTo, s.version = digestTo, version
	s.mu.Unlock()
	return teams, nil
}

// apply reads the teams and hands them to the bot and the scheduler.
func (s *teamSource) apply(ctx context.Context) error {
	s.applyMu.Lock()
	defer s.applyMu.Unlock()
	teams, err := s.teams(ctx)
	if err != nil {
		return err
	}
	s.bot.SetStandupTeams(teams)
	// People follow the App Home's teams here too: a change another replica
	// saved reaches this one only through apply.
	if err := s.bot.RegroupPeople(ctx); err != nil {
		s.log.Error("placing people in the App Home's teams failed; they follow at the next directory sync", "err", err)
	}
	s.log.Info("standup teams applied", "teams", len(teams))
	// The teams apply whatever their first tick met: a prompt it could not
	// record (the database locked by another process) is tried again in a
	// minute, so a reload or an App Home change did not fail. A database that
	// takes no writes stops the bot with its own line (standup.OnUnwritable).
	if err := s.sched.SetTeams(ctx, teams); err != nil && ctx.Err() == nil && unblock.ErrorCode(err) != unblock.EUNAVAILABLE {
		s.log.Warn("standup teams applied, but prompts or reminders due now failed; tried again in a minute", "err", err)
	}
	return nil
}

// reload takes the teams of a config read again (SIGHUP) and applies them.
func (s *teamSource) reload(ctx context.Context, cfg *config.Config) error {
	s.mu.Lock()
	s.cfg = cfg
	s.mu.Unlock()
	return s.apply(ctx)
}

// DefaultTeamsPoll is how often the replica that runs the schedules looks for
// standup teams another replica changed (PostgreSQL only; 30 seconds).
const DefaultTeamsPoll = 30 * time.Second

// watch calls onChange whenever the standup teams in the database are not
// those last read (teams), looking every `every`, until ctx is done. With
// replicas on PostgreSQL a change saved in the App Home is applied by the replica
// that processed it; the one that runs the schedules learns of it here.
func (s *teamSource) watch(ctx context.Context, every time.Duration, onChange func(context.Context) error) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		v, err := s.db.StandupTeamsVersion(ctx)
		if err != nil {
			if ctx.Err() == nil {
				s.log.Warn("reading the standup teams' version failed", "err", err)
			}
			continue
		}
		s.mu.Lock()
		same := v == s.version
		s.mu.Unlock()
		if same {
			continue
		}
		if err := onChange(ctx); err != nil && ctx.Err() == nil {
			s.log.Error("applying the standup teams another replica changed failed", "err", err)
		}
	}
}

// codeTeams describes the config's teams for the App Home, which shows them read-only.
func (s *teamSource) codeTeams() []bot.CodeTeam {
	cfg := s.config()
	out := make([]bot.CodeTeam, 0, len(cfg.TeamConfigs))
	for _, t := range cfg.TeamConfigs {
		members := slices.Clone(t.Members)
		if t.UserGroup != "" {
			members = append(members, s.groupMembers(t.UserGroup)...)
		}
		slices.Sort(members)
		out = append(out, bot.CodeTeam{Name: t.Name, Channel: t.Channel, Members: len(slices.Compact(members)),
			Schedule: t.Schedule, Timezone: t.Timezone})
	}
	return out
}

// moreLeads returns the digest recipients of the teams set up in Slack.
func (s *teamSource) moreLeads() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.digestTo)
}

// newTeamDefaults is what the App Home's form of a new team starts with: the
// config's defaults for a team.
func newTeamDefaults(cfg *config.Config) unblock.StandupTeam {
	return unblock.StandupTeam{
		Time:          unblock.DefaultStandupTime,
		Days:          []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday},
		Timezone:      cfg.Timezone,
		Questions:     slices.Clone(config.DefaultQuestions),
		ReminderAfter: config.DefaultReminderAfter,
		AnswerWindow:  config.DefaultAnswerWindow,
		NoSummary:     false, // as a YAML team: summary on, reminders by DM
	}
}

// appHomeTeams returns the teams set up in the App Home whose names the config
// does not use (the config's win).
func appHomeTeams(ctx context.Context, cfg *config.Config, db *store.DB) ([]unblock.StandupTeam, error) {
	all, err := db.StandupTeams(ctx)
	if err != nil {
		return nil, err
	}
	var out []unblock.StandupTeam
	for _, t := range all {
		if cfg.Team(t.Name) == nil {
			out = append(out, t)
		}
	}
	return out, nil
}
