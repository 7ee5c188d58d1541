package bot

import (
	"context"
	"fmt"
	"slices"

	"github.com/unblock-dev/unblock"
)

// teamDirectory is the teams set up in the App Home, beside the config's
// (Config.TeamOf, TeamGroups, Teams, TeamRoles): a person's Team, their role
// by the team's default, "/blocked TEAM" and the parser's "the TEAM team" read
// both kinds alike.
type teamDirectory struct {
	setups []unblock.StandupTeam   // whose names the config does not use, by name
	roles  map[string]unblock.Role // team name -> default role
	names  []string                // their names
}

// setTeamSetups makes the teams set up in the App Home teams of the directory
// beside the config's, which win for a name or a person both place. Paused
// teams stay teams: pausing stops the prompts, not who belongs where.
func (b *Bot) setTeamSetups(setups []unblock.StandupTeam) {
	d := &teamDirectory{roles: map[string]unblock.Role{}}
	for _, t := range setups {
		if slices.Contains(b.cfg.Teams, t.Name) {
			continue // the config's team of that name wins
		}
		d.setups = append(d.setups, t)
		d.names = append(d.names, t.Name)
		if t.DefaultRole != unblock.RoleUnknown {
			d.roles[t.Name] = t.DefaultRole
		}
	}
	b.teamDir.Store(d)
}

func (b *Bot) setupTeams() *teamDirectory {
	if d := b.teamDir.Load(); d != nil {
		return d
	}
	return &teamDirectory{}
}

// teamRole returns the default role of the team named name, "" for none.
func (b *Bot) teamRole(name string) unblock.Role {
	if r, ok := b.cfg.TeamRoles[name]; ok {
		return r
	}
	return b.setupTeams().roles[name]
}

// teamNames returns every team's name: the config's, then the App Home's.
func (b *Bot) teamNames() []string {
	return append(slices.Clone(b.cfg.Teams), b.setupTeams().names...)
}

// roleRules are the config's role rules with the App Home teams' default roles.
func (b *Bot) roleRules() unblock.RoleRules {
	return b.cfg.RoleRules.WithSetupTeams(b.setupTeams().setups)
}

// loadTeamSetups reads the teams set up in the App Home into the directory.
func (b *Bot) loadTeamSetups(ctx context.Context) error {
	if !b.admin.on {
		return nil
	}
	setups, err := b.admin.cfg.Teams.StandupTeams(ctx)
	if err != nil {
		return fmt.Errorf("read standup teams: %w", err)
	}
	b.setTeamSetups(setups)
	return nil
}

// RegroupPeople reads the App Home's teams again and gives every known person
// the team and role they have now, as the directory's sync would: after a team
// is created, changed or deleted, its members' Person.Team and a role from its
// default follow at once. Only people whose team or role changed are written.
func (b *Bot) RegroupPeople(ctx context.Context) error {
	if err := b.loadTeamSetups(ctx); err != nil {
		return err
	}
	people, err := b.store.People(ctx)
	if err != nil {
		return err
	}
	b.dir.mu.Lock()
	groups := b.dir.groups
	b.dir.mu.Unlock()
	rules := b.roleRules()
	var changed []unblock.Person
	for _, p := range people {
		q := p
		q.Team = b.teamOf(p.ID, groups[p.ID])
		q.Role, q.RoleSource, q.RoleDetail = rules.Resolve(q, groups[p.ID])
		if q.Team != p.Team || q.Role != p.Role || q.RoleSource != p.RoleSource || q.RoleDetail != p.RoleDetail {
			changed = append(changed, q)
		}
	}
	if len(changed) > 0 {
		if err := b.store.UpsertPeople(ctx, changed); err != nil {
			return err
		}
	}
	// The parser learns the teams' names ("the web team") with their roles.
	b.lexicon.Store(b.newLexicon(people))
	return nil
}
