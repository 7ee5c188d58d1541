package bot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/graph"
)

// BlockedCommand is the slash command the manifest registers.
const BlockedCommand = "/blocked"

const blockedHelp = "*/blocked* — who is blocked on whom. Answers are private unless you add `share`.\n" +
	"• `/blocked` — your open blockers and who waits on you\n" +
	"• `/blocked @person` — what they wait on and who waits on them\n" +
	"• `/blocked design` (a role or team) — who waits on it and what it waits on\n" +
	"• `/blocked loops` — loops of waiting (Engineering -> Design -> Product -> Engineering)\n" +
	"• `/blocked chains` — the longest wait chains\n" +
	"• `/blocked why [@person]` — the reports behind each blocker: what opened, kept and closed it\n" +
	"• `/blocked history [@person] [days]` — your reports of the last days and what was read from them (others' only for leads)\n" +
	"• `/blocked on @person|role TOPIC` — record a blocker yourself\n" +
	"• `/blocked resolve [@person|role]` — clear your blockers (all, or those on one target)\n" +
	"• `/blocked away until YYYY-MM-DD` — pause standup prompts while you are away\n" +
	"• `/blocked back` — standup prompts again, after `/blocked away`\n" +
	"• `/blocked whoami` — your role and team, and how your role was found\n" +
	"• `/blocked help` — this help"

// reply is an answer to a slash command.
type reply struct {
	text   string // fallback text, already escaped
	blocks []slack.Block
	share  bool // in_channel instead of ephemeral
	// private keeps the answer ephemeral even when "share" was asked for: a
	// history holds what people wrote and how they answered their standups.
	private bool
}

func textReply(s string) reply { return reply{text: s, blocks: []slack.Block{section(s)}} }

// onBlocked answers /blocked through the command's response_url.
func (b *Bot) onBlocked(ctx context.Context, cmd slack.SlashCommand) error {
	args := strings.Fields(unblock.UnescapeText(cmd.Text)) // Slack escapes a command's text as a message's
	share := false
	if n := len(args); n > 0 && strings.EqualFold(args[n-1], "share") {
		share, args = true, args[:n-1]
	}
	r, err := b.blockedAnswer(ctx, cmd.UserID, cmd.ChannelID, commandID(cmd), args)
	if err != nil {
		if b.transient(err) || unblock.ErrorCode(err) == unblock.EUNAVAILABLE {
			// It passes: the command is processed again, not answered with the
			// failure (what it records would be lost).
			return err
		}
		if unblock.ErrorCode(err) == unblock.EINTERNAL {
			b.log.Error("/blocked failed", "err", err)
		}
		r = textReply(":warning: " + unblock.EscapeText(unblock.ErrorMessage(err)) + "\nTry `/blocked help`.")
		share = false
	}
	r.share = (r.share || share) && !r.private
	return b.respond(ctx, cmd, r)
}

// respond decides to post r to the command's response_url (or as an ephemeral
// message when the command came without one, or the response_url is refused).
func (b *Bot) respond(ctx context.Context, cmd slack.SlashCommand, r reply) error {
	kind := slack.ResponseTypeEphemeral
	if r.share {
		kind = slack.ResponseTypeInChannel
	}
	// Keyed by the command: a command processed again answers once.
	key := ""
	if id := commandID(cmd); id != "" {
		key = "answer:" + id
	}
	return b.enqueue(ctx, effAnswer, key, time.Time{}, call{
		Method: callRespond, Channel: cmd.ChannelID, User: cmd.UserID, ResponseURL: cmd.ResponseURL,
		InChannel: kind == slack.ResponseTypeInChannel, Text: r.text,
	}, r.blocks)
}

// blockedAnswer computes the answer to "/blocked ARGS" for user. trigger is the
// command's trigger_id: what it records is keyed by it, so a command processed
// twice (a redelivery, a restart mid-way) records once.
func (b *Bot) blockedAnswer(ctx context.Context, user, channel, trigger string, args []string) (reply, error) {
	now := b.cfg.Now()
	if len(args) == 0 {
		return b.personAnswer(ctx, user, user, now)
	}
	switch strings.ToLower(args[0]) {
	case "help", "-h", "--help", "?":
		return textReply(blockedHelp), nil
	case "loops", "loop":
		return b.loopsAnswer(ctx, user, now)
	case "chains", "chain":
		return b.chainsAnswer(ctx, user, now)
	case "on":
		return b.recordBlocker(ctx, user, trigger, args[1:], now)
	case "resolve", "resolved", "unblocked", "done":
		return b.resolveCommand(ctx, user, args[1:], now)
	case "away", "pause":
		return b.awayCommand(ctx, user, args[1:], now)
	case "back", "resume":
		if err := b.store.SetAway(ctx, user, time.Time{}); err != nil {
			return reply{}, err
		}
		return textReply("Welcome back: standup prompts are on again."), nil
	case "whoami":
		return b.whoami(ctx, user)
	case "why":
		return b.whyAnswer(ctx, user, args[1:], now)
	case "history":
		return b.historyAnswer(ctx, user, args[1:], now)
	}
	if len(args) == 1 {
		if id := mentionedUser(args[0]); id != "" {
			if _, err := b.store.Person(ctx, id); err != nil {
				return reply{}, unblock.Errorf(unblock.ENOTFOUND, "I don't know %s yet: they may have joined after my last directory sync.", args[0])
			}
			return b.personAnswer(ctx, user, id, now)
		}
	}
	name := strings.ToLower(strings.TrimPrefix(strings.Join(args, " "), "@"))
	if role, ok := b.lookupRole(name); ok {
		return b.roleAnswer(ctx, user, role, now)
	}
	if team, ok := b.lookupTeam(name); ok {
		return b.teamAnswer(ctx, user, team, now)
	}
	return reply{}, unblock.Errorf(unblock.ENOTFOUND, "I don't know %q: name a person (@name), a role (%s) or a team.", strings.Join(args, " "), b.roleList())
}

// mentionedUser returns the user ID of "<@U123|name>" or "<@U123>", else "".
func mentionedUser(s string) string { return unblock.MentionID(s) }

func (b *Bot) roleList() string {
	var names []string
	for _, r := range b.vocabulary().Roles() {
		names = append(names, string(r))
	}
	return strings.Join(names, ", ")
}

// vocabulary returns the role vocabulary the bot was configured with.
func (b *Bot) vocabulary() *unblock.Vocabulary {
	if b.cfg.Roles == nil {
		return unblock.DefaultVocabulary()
	}
	return b.cfg.Roles
}

// lookupRole matches a role's name or any word for it ("lawyers", "eng", "the
// data team") case-insensitively.
func (b *Bot) lookupRole(name string) (unblock.Role, bool) {
	r := b.vocabulary().Role(name)
	return r, r != unblock.RoleUnknown
}

func (b *Bot) lookupTeam(name string) (string, bool) {
	name = strings.TrimSuffix(strings.TrimPrefix(name, "the "), " team")
	for _, t := range b.teamNames() {
		if strings.EqualFold(t, name) {
			return t, true
		}
	}
	// A team the scheduler runs: the config's, or one set up in the App Home.
	if t, ok := b.standupTeam(strings.ToLower(name)); ok {
		return t.Name, true
	}
	return "", false
}

// personAnswer lists, for viewer, what id waits on and who waits on id.
func (b *Bot) personAnswer(ctx context.Context, viewer, id string, now time.Time) (reply, error) {
	self := viewer == id
	open, err := b.openBlockersFor(ctx, viewer, now)
	if err != nil {
		return reply{}, err
	}
	mine, onMe := splitBlockers(open, id)
	who := b.personLabel(ctx, id)
	var blocks []slack.Block
	var lines []string
	if self {
		blocks = append(blocks, header("Your blockers"))
	} else {
		blocks = append(blocks, header("Blockers of "+plainName(ctx, b, id)))
	}
	if len(mine) == 0 {
		lines = append(lines, who+" is not waiting on anyone. :tada:")
		blocks = append(blocks, section(lines[len(lines)-1]))
	}
	render := asSection
	if self {
		render = func(bl unblock.Blocker, _ string) []slack.Block { return b.blockerSection(ctx, bl, false, now) }
	}
	more, moreLines := b.blockerList(ctx, mine, 10, false, now, render)
	blocks, lines = append(blocks, more...), append(lines, moreLines...)
	if self && len(mine) > 0 {
		blocks = append(blocks, contextLine("`/blocked why` shows the reports behind each: what opened it and what kept it open."))
	}
	if len(onMe) > 0 {
		blocks = append(blocks, slack.NewDividerBlock(), section(fmt.Sprintf("*Waiting on %s* (%d)", strings.Trim(who, "*"), len(onMe))))
		more, moreLines := b.blockerList(ctx, onMe, 10, true, now, asSection)
		blocks, lines = append(blocks, more...), append(lines, moreLines...)
	}
	return reply{text: strings.Join(lines, "\n"), blocks: blocks}, nil
}

func plainName(ctx context.Context, b *Bot, id string) string {
	if p, err := b.store.Person(ctx, id); err == nil {
		return p.Label()
	}
	return id
}

// roleAnswer lists, for viewer, who waits on a role and what that role's people wait on.
func (b *Bot) roleAnswer(ctx context.Context, viewer string, role unblock.Role, now time.Time) (reply, error) {
	open, err := b.openBlockersFor(ctx, viewer, now)
	if err != nil {
		return reply{}, err
	}
	var on, by []unblock.Blocker
	for _, bl := range open {
		if bl.ToRole == role && bl.PersonRole != role {
			on = append(on, bl)
		}
		if bl.PersonRole == role && bl.ToRole != role {
			by = append(by, bl)
		}
	}
	return b.groupAnswer(ctx, role.Title(), on, by, now), nil
}

// teamAnswer lists, for viewer, who waits on a team and what its members wait on.
func (b *Bot) teamAnswer(ctx context.Context, viewer, team string, now time.Time) (reply, error) {
	open, err := b.openBlockersFor(ctx, viewer, now)
	if err != nil {
		return reply{}, err
	}
	members := map[string]bool{}
	people, err := b.store.People(ctx)
	if err != nil {
		return reply{}, err
	}
	for _, p := range people {
		if p.Team == team {
			members[p.ID] = true
		}
	}
	if t, ok := b.standupTeam(team); ok { // its members as the scheduler asks them (App Home teams too)
		for _, id := range t.Members {
			members[id] = true
		}
	}
	var on, by []unblock.Blocker
	for _, bl := range open {
		onTeam := members[bl.To] || (bl.Target.Kind == unblock.TargetTeam && strings.EqualFold(strings.TrimSuffix(bl.Target.Name, " team"), team))
		if onTeam && !members[bl.PersonID] {
			on = append(on, bl)
		}
		if members[bl.PersonID] && !onTeam {
			by = append(by, bl)
		}
	}
	return b.groupAnswer(ctx, "Team "+team, on, by, now), nil
}

func (b *Bot) groupAnswer(ctx context.Context, name string, on, by []unblock.Blocker, now time.Time) reply {
	blocks := []slack.Block{header(name)}
	var lines []string
	add := func(title string, list []unblock.Blocker) {
		blocks = append(blocks, section(fmt.Sprintf("*%s* (%d)", title, len(list))))
		if len(list) == 0 {
			blocks = append(blocks, contextLine("nobody"))
		}
		sort.Slice(list, func(i, j int) bool { return list[i].OpenedAt.Before(list[j].OpenedAt) })
		more, moreLines := b.blockerList(ctx, list, 15, true, now, asSection)
		blocks, lines = append(blocks, more...), append(lines, moreLines...)
	}
	add("Waiting on "+name, on)
	add(name+" waits on", by)
	if len(lines) == 0 {
		lines = append(lines, "Nobody waits on "+name+" and it waits on nobody.")
	}
	return reply{text: strings.Join(lines, "\n"), blocks: blocks}
}

// analysis analyses the blockers open at now as viewer may see them.
func (b *Bot) analysis(ctx context.Context, viewer string, now time.Time) (graph.Analysis, error) {
	open, err := b.openBlockersFor(ctx, viewer, now)
	if err != nil {
		return graph.Analysis{}, err
	}
	return b.analysisOf(open, now)
}

func (b *Bot) analysisOf(open []unblock.Blocker, now time.Time) (graph.Analysis, error) {
	return graph.Analyze(now, open, graph.Options{Roles: b.vocabulary()}), nil
}

func (b *Bot) loopsAnswer(ctx context.Context, viewer string, now time.Time) (reply, error) {
	a, err := b.analysis(ctx, viewer, now)
	if err != nil {
		return reply{}, err
	}
	if len(a.RoleLoops) == 0 && len(a.PersonLoops) == 0 {
		return textReply("No loops right now: nobody is waiting in a circle. :white_check_mark:"), nil
	}
	blocks := []slack.Block{header("Loops of waiting")}
	var lines []string
	for i, l := range a.RoleLoops {
		if i == 10 {
			break
		}
		line := fmt.Sprintf(":repeat: *%s* — %s, oldest %s", roleLoopText(l.Members), unblock.Plural(l.Blockers, "blocker"), ageText(l.Oldest))
		lines = append(lines, line)
		blocks = append(blocks, section(line))
	}
	for i, l := range a.PersonLoops {
		if i == 10 {
			break
		}
		names := make([]string, 0, len(l.Members)+1)
		for _, id := range append(l.Members, l.Members[0]) {
			names = append(names, unblock.EscapeText(plainName(ctx, b, id)))
		}
		line := fmt.Sprintf(":busts_in_silhouette: %s — oldest %s", strings.Join(names, " -> "), ageText(l.Oldest))
		lines = append(lines, line)
		blocks = append(blocks, section(line))
	}
	return reply{text: strings.Join(lines, "\n"), blocks: blocks}, nil
}

// roleLoopText renders a role loop closed back to its first member.
func roleLoopText(members []string) string {
	names := make([]string, 0, len(members)+1)
	for _, m := range append(members, members[0]) {
		names = append(names, unblock.EscapeText(unblock.Role(m).Title()))
	}
	return strings.Join(names, " -> ")
}

func (b *Bot) chainsAnswer(ctx context.Context, viewer string, now time.Time) (reply, error) {
	a, err := b.analysis(ctx, viewer, now)
	if err != nil {
		return reply{}, err
	}
	if len(a.Chains) == 0 {
		return textReply("No wait chains right now: nobody waits on someone who is waiting too."), nil
	}
	blocks := []slack.Block{header("Longest wait chains")}
	var lines []string
	for i, c := range a.Chains {
		if i == 10 {
			break
		}
		names := make([]string, 0, len(c.Path))
		for _, id := range c.Path {
			names = append(names, unblock.EscapeText(b.nodeName(ctx, id)))
		}
		line := fmt.Sprintf("%s — %s, the oldest %s", strings.Join(names, " -> "), unblock.Plural(c.Links(), "wait"), ageText(c.Oldest))
		lines = append(lines, line)
		blocks = append(blocks, section(line))
	}
	return reply{text: strings.Join(lines, "\n"), blocks: blocks}, nil
}

// nodeName names a graph node: a person's label, or the NAME of "KIND:NAME".
func (b *Bot) nodeName(ctx context.Context, node string) string {
	if _, name, ok := strings.Cut(node, ":"); ok {
		return name
	}
	return plainName(ctx, b, node)
}

// commandID identifies a slash command, "" when it has no trigger_id: its
// trigger_id, which Slack makes unique to each, and a digest of the whole
// command, so a server that reuses a trigger_id (one copied from Slack's docs
// into every payload) cannot make two commands one: the second would edit the
// first's report and go unanswered. A redelivery says the same and keeps the ID.
// The inbox key, the report and the answer all use it.
func commandID(cmd slack.SlashCommand) string {
	if cmd.TriggerID == "" {
		return ""
	}
	return cmd.TriggerID + "." + contentDigest(cmd)
}

// contentDigest is a short SHA-256 of v's JSON (encoding/json writes a struct's fields
// in order and a map's keys sorted, so equal values give equal digests).
func contentDigest(v any) string {
	b, _ := json.Marshal(v)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:6])
}
