package bot

import (
	"context"
	"fmt"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/parse"
)

// directory remembers user-group membership between syncs, so a user_change event
// can resolve one person's role without re-reading every group.
type directory struct {
	mu         sync.Mutex
	groups     map[string][]string // user ID -> user group IDs
	groupNames map[string]string   // user group ID -> handle
	ignores    []string            // phrases dismissed with "Not a blocker"
	done       bool                // a sync has completed
	looked     sync.Map            // user ID -> true once ensurePeople tried it
}

func (d *directory) synced() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.done
}

// GroupMembers returns the members of a user group as of the last directory sync.
func (b *Bot) GroupMembers(groupID string) []string {
	b.dir.mu.Lock()
	defer b.dir.mu.Unlock()
	var members []string
	for user, groups := range b.dir.groups {
		for _, g := range groups {
			if g == groupID {
				members = append(members, user)
			}
		}
	}
	sort.Strings(members)
	return members
}

// ignoreKey prefixes the store keys of phrases dismissed with "Not a blocker".
const ignoreKey = "ignore:"

// loadIgnores reads the dismissed phrases back from the store, so a restart keeps
// what the parser was taught.
func (b *Bot) loadIgnores(ctx context.Context) error {
	keys, err := b.store.PostKeys(ctx, ignoreKey)
	if err != nil {
		return err
	}
	b.dir.mu.Lock()
	b.dir.ignores = b.dir.ignores[:0]
	for _, k := range keys {
		b.dir.ignores = append(b.dir.ignores, strings.TrimPrefix(k, ignoreKey))
	}
	b.dir.mu.Unlock()
	people, err := b.store.People(ctx)
	if err != nil {
		return err
	}
	b.lexicon.Store(b.newLexicon(people))
	return nil
}

// learnIgnore teaches the parser to ignore a phrase dismissed as "Not a blocker",
// and keeps it in the store, in the item's transaction, so a restart remembers
// it. A failure that passes is returned: the click is processed again.
func (b *Bot) learnIgnore(ctx context.Context, phrase string) error {
	if err := b.store.SavePost(ctx, ignoreKey+phrase, "", "", b.cfg.Now()); err != nil {
		if err := b.passOn(err, "remembering a dismissed phrase failed"); err != nil {
			return err
		}
	}
	b.dir.mu.Lock()
	if !slices.Contains(b.dir.ignores, phrase) {
		b.dir.ignores = append(b.dir.ignores, phrase)
	}
	b.dir.mu.Unlock()
	people, err := b.store.People(ctx)
	if err != nil {
		return b.passOn(err, "rebuilding the lexicon failed")
	}
	b.lexicon.Store(b.newLexicon(people))
	return nil
}

// SyncDirectory reads every user and user group, resolves roles and stores people,
// then rebuilds the parser's lexicon with their names. Open does it unless it was
// done already; it repeats every DirectoryRefresh.
func (b *Bot) SyncDirectory(ctx context.Context) error {
	if err := b.loadTeamSetups(ctx); err != nil {
		b.log.Warn("the App Home's teams are not read; their members get their teams at the next sync", "err", err)
	}
	users, err := b.api.GetUsersContext(ctx)
	if err != nil {
		return fmt.Errorf("users.list: %w", err)
	}
	groups, names := map[string][]string{}, map[string]string{}
	ugs, err := b.api.GetUserGroupsContext(ctx, slack.GetUserGroupsOptionIncludeUsers(true))
	var groupsErr error
	if err != nil {
		if f, known := slackFailure(err); known && f.transient {
			// A failure that passes: the groups stay as the last sync read them
			// (a team given as a user group keeps its members), and the sync is
			// tried again.
			groupsErr = fmt.Errorf("usergroups.list: %w", err)
			b.dir.mu.Lock()
			groups, names = b.dir.groups, b.dir.groupNames
			b.dir.mu.Unlock()
		} else {
			// Without usergroups:read the bot still resolves roles from titles and teams.
			b.log.Warn("usergroups.list failed; roles from user groups are skipped", "err", err)
		}
	}
	for _, g := range ugs {
		names[g.ID] = g.Handle
		for _, u := range g.Users {
			groups[u] = append(groups[u], g.ID)
		}
	}
	b.dir.mu.Lock()
	b.dir.groups, b.dir.groupNames = groups, names
	b.dir.done = groupsErr == nil
	b.dir.mu.Unlock()

	people := make([]unblock.Person, 0, len(users))
	for _, u := range users {
		people = append(people, b.person(u, groups[u.ID]))
		b.noteAdmin(u)
	}
	if err := b.store.UpsertPeople(ctx, people); err != nil {
		return fmt.Errorf("store people: %w", err)
	}
	b.lexicon.Store(b.newLexicon(people))
	// Decoding every profile (the users.list pages, about 6 KB a person in JSON)
	// grew the heap several times over what the bot keeps; the sync comes once in
	// DirectoryRefresh, so hand the garbage back to the system now rather than
	// keep an idle bot at its peak.
	debug.FreeOSMemory()
	if groupsErr != nil {
		return groupsErr
	}
	b.log.Info("directory synced", "people", len(people), "user_groups", len(ugs))
	return nil
}

// onUserChange refreshes one person when their profile changes.
func (b *Bot) onUserChange(ctx context.Context, ev slackevents.EventsAPIEvent) error {
	e, ok := ev.InnerEvent.Data.(*slackevents.UserChangeEvent)
	if !ok {
		return fmt.Errorf("user_change event of type %T", ev.InnerEvent.Data)
	}
	b.dir.mu.Lock()
	groups := b.dir.groups[e.User.ID]
	b.dir.mu.Unlock()
	u := slack.User{
		ID: e.User.ID, Name: e.User.Name, RealName: e.User.RealName, TZ: e.User.TZ,
		IsBot: e.User.IsBot, Deleted: e.User.Deleted,
		IsAdmin: e.User.IsAdmin, IsOwner: e.User.IsOwner, IsPrimaryOwner: e.User.IsPrimaryOwner,
		Profile: slack.UserProfile{
			DisplayName: e.User.Profile.DisplayName, RealName: e.User.Profile.RealName,
			Title: e.User.Profile.Title, StatusText: e.User.Profile.StatusText, StatusEmoji: e.User.Profile.StatusEmoji,
		},
	}
	p := b.person(u, groups)
	b.noteAdmin(u)
	before, err := b.store.Person(ctx, p.ID)
	known := err == nil
	if err := b.store.UpsertPeople(ctx, []unblock.Person{p}); err != nil {
		return err
	}
	if known && slices.Equal(before.Names(), p.Names()) && before.Deleted == p.Deleted && before.IsBot == p.IsBot {
		return nil // a status or title change: the names the parser knows are as they were
	}
	people, err := b.store.People(ctx)
	if err != nil {
		return err
	}
	b.lexicon.Store(b.newLexicon(people))
	return nil
}

// person turns a Slack user into a Person with a resolved role.
func (b *Bot) person(u slack.User, groups []string) unblock.Person {
	p := unblock.Person{
		ID:          u.ID,
		Name:        firstNonEmpty(u.Profile.DisplayName, u.Profile.RealName, u.RealName, u.Name), // as Slack shows them
		RealName:    firstNonEmpty(u.Profile.RealName, u.RealName),
		Title:       u.Profile.Title,
		Team:        b.teamOf(u.ID, groups),
		TZ:          u.TZ,
		IsBot:       u.IsBot || u.ID == "USLACKBOT",
		Deleted:     u.Deleted,
		StatusText:  u.Profile.StatusText,
		StatusEmoji: u.Profile.StatusEmoji,
		UpdatedAt:   b.cfg.Now(),
	}
	p.Role, p.RoleSource, p.RoleDetail = b.roleRules().Resolve(p, groups)
	return p
}

// teamOf returns the team of a user: named in the config, or a member of a
// config team's user group; else a member of an App Home team or its user group.
func (b *Bot) teamOf(user string, groups []string) string {
	if t := b.cfg.TeamOf[user]; t != "" {
		return t
	}
	for _, g := range groups {
		if t := b.cfg.TeamGroups[g]; t != "" {
			return t
		}
	}
	// Then the teams set up in the App Home, alike.
	return unblock.SetupTeamOf(b.setupTeams().setups, user, groups)
}

// newLexicon builds the parser's lexicon: defaults, the company's words, and the
// names of the people the directory knows.
func (b *Bot) newLexicon(people []unblock.Person) *parse.Lexicon {
	lex := parse.NewLexicon()
	if b.cfg.Teach != nil {
		b.cfg.Teach(lex)
	}
	// The App Home's teams are named like the config's: "the web team".
	d := b.setupTeams()
	for _, name := range d.names {
		lex.AddTeamName(name, d.roles[name])
	}
	b.dir.mu.Lock()
	for _, phrase := range b.dir.ignores {
		lex.AddIgnore(phrase)
	}
	b.dir.mu.Unlock()
	for _, p := range people {
		if p.IsBot || p.Deleted {
			continue
		}
		for _, name := range p.Names() {
			lex.AddPerson(name, p.ID)
		}
	}
	return lex
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// ensurePeople looks up, with users.info, the people a report involves whom the
// directory does not know yet: someone who joined since the last sync, or a
// workspace whose users.list the bot cannot read. Each is tried once per run.
func (b *Bot) ensurePeople(ctx context.Context, ids ...string) {
	for _, id := range ids {
		if id == "" || id == b.botUserID {
			continue
		}
		if _, tried := b.dir.looked.LoadOrStore(id, true); tried {
			continue
		}
		if _, err := b.store.Person(ctx, id); err == nil {
			continue
		}
		u, err := b.api.GetUserInfoContext(ctx, id)
		if err != nil {
			b.log.Warn("users.info failed", "user", id, "err", err)
			continue
		}
		b.noteAdmin(*u)
		b.dir.mu.Lock()
		groups := b.dir.groups[id]
		b.dir.mu.Unlock()
		if err := b.store.UpsertPeople(ctx, []unblock.Person{b.person(*u, groups)}); err != nil {
			b.log.Warn("storing a person failed", "user", id, "err", err)
		}
	}
}
