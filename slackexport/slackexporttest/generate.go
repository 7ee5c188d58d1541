package slackexporttest

import (
	"archive/zip"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// GenerateZip writes a generated export of about messages person-written messages
// (see Generate) into a temporary file and returns its path.
func GenerateZip(tb testing.TB, messages int) string {
	tb.Helper()
	return GenerateZipMix(tb, messages, DefaultMix)
}

// Generate writes to w a deterministic Slack export (for a seed) with messages
// messages written by people, shaped like a real one: one person per 250 messages
// (at least 20) with titles across roles, 20 channels, 50 messages per day file,
// each message with its rich-text blocks and user profile; about a third are
// standup posts stating, repeating or resolving blockers, a few are thread replies
// and edits. A join or a bot post is added for every 20 messages; they do not count.
// It returns the number of person-written messages.
func Generate(w io.Writer, messages int, seed uint64) (int, error) {
	return GenerateMix(w, messages, seed, DefaultMix)
}

// Mix weighs the kinds of person-written messages a generated export holds.
type Mix struct {
	Standup  int // standup posts stating, repeating or resolving blockers, or saying there are none
	Resolved int // a one-line "unblocked now that ..." outside a standup
	Chatter  int // everything else: PRs, deploys, lunch (threads start and continue here)
}

var (
	// DefaultMix is Generate's: about a third of the messages are standup posts.
	DefaultMix = Mix{Standup: 5, Resolved: 1, Chatter: 6}
	// StandupMix is an export where most messages are standup reports (10 in 12),
	// as in a team that posts its standups in Slack: the import's heavy case.
	StandupMix = Mix{Standup: 10, Resolved: 1, Chatter: 1}
)

// GenerateZipMix is GenerateZip with the given mix of messages.
func GenerateZipMix(tb testing.TB, messages int, mix Mix) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "generated.zip")
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := GenerateMix(f, messages, 1, mix); err != nil {
		f.Close()
		tb.Fatalf("generate %s: %v", path, err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return path
}

// GenerateMix is Generate with the given mix of messages. The same seed and mix
// give the same export; Generate is GenerateMix with DefaultMix.
func GenerateMix(w io.Writer, messages int, seed uint64, mix Mix) (int, error) {
	if mix.Standup < 0 || mix.Resolved < 0 || mix.Chatter < 0 || mix.Standup+mix.Resolved+mix.Chatter == 0 {
		return 0, fmt.Errorf("generate: mix %+v has no messages", mix)
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	zw := zip.NewWriter(w)

	titles := []string{"Senior Backend Engineer", "Frontend Engineer", "Product Designer", "Senior Product Designer",
		"Product Manager", "QA Engineer", "Data Analyst", "Site Reliability Engineer", "VP Engineering", "Staff Engineer"}
	firsts := []string{"Ana", "Ben", "Dana", "Eve", "Priya", "Marco", "Omar", "Grace", "Li", "Sam", "Noor", "Kai"}
	lasts := []string{"Ruiz", "Okafor", "Kim", "Martin", "Shah", "Rossi", "Haddad", "Lee", "Wei", "Berg"}
	tzs := []string{"America/New_York", "Europe/London", "Europe/Berlin", "America/Los_Angeles", "Asia/Kolkata"}
	nPeople := max(20, messages/250)
	users := make([]user, nPeople)
	ids := make([]string, nPeople)
	for i := range users {
		first, last := firsts[i%len(firsts)], lasts[(i/len(firsts))%len(lasts)]
		ids[i] = fmt.Sprintf("U%08d", i+1)
		users[i] = user{ID: ids[i], TeamID: "T0GEN", Name: fmt.Sprintf("%s.%s%d", first, last, i), RealName: first + " " + last,
			TZ: tzs[i%len(tzs)], Updated: 1790000000,
			Profile: profile{Title: titles[i%len(titles)], RealName: first + " " + last, DisplayName: first, Team: "T0GEN"}}
	}
	if err := writeJSON(zw, "users.json", users); err != nil {
		return 0, err
	}
	const nChannels = 20
	channels := make([]channel, nChannels)
	for i := range channels {
		channels[i] = channel{ID: fmt.Sprintf("C%08d", i+1), Name: fmt.Sprintf("team-%02d", i+1), Created: 1700000000}
		for j := i; j < nPeople; j += nChannels / 4 {
			channels[i].Members = append(channels[i].Members, ids[j])
		}
	}
	if err := writeJSON(zw, "channels.json", channels); err != nil {
		return 0, err
	}

	roles := []string{"design", "product", "engineering", "QA", "legal", "the platform team", "data"}
	topics := []string{"the checkout mocks", "the pricing decision", "the API spec", "the estimate", "the DPA review",
		"the onboarding copy", "PR 123", "the load test results", "the icon set", "the migration plan"}
	chatter := []string{
		"PR %d is up, reviews welcome",
		"designed the flow for the settings page, feedback in the thread please",
		"blocked the spammer who kept signing up test accounts",
		"product demo went well, thanks everyone :tada:",
		"deploying build %d to staging now",
		"lunch anyone? :pizza:",
		"the dashboard is slow again, looking into it (ticket %d)",
		"great work on the release everyone",
	}
	text := func() (string, bool) { // text and whether it is a standup post
		k := rng.IntN(mix.Standup + mix.Resolved + mix.Chatter)
		if k >= mix.Standup {
			k += 5 - mix.Standup // 5: unblocked; above: chatter
		} else {
			k = k * 5 / mix.Standup // the standup forms, weighted 2, 1, 1, 1
		}
		switch {
		case k < 2:
			return fmt.Sprintf("*Yesterday:* ticket %d\n*Today:* ticket %d\n*Blockers:* blocked on %s for %s",
				rng.IntN(9000), rng.IntN(9000), roles[rng.IntN(len(roles))], topics[rng.IntN(len(topics))]), true
		case k < 3:
			return fmt.Sprintf("Y: ticket %d\nT: ticket %d\nB: waiting on <@%s> for %s",
				rng.IntN(9000), rng.IntN(9000), ids[rng.IntN(nPeople)], topics[rng.IntN(len(topics))]), true
		case k < 4:
			return fmt.Sprintf("Yesterday: review\nToday: ticket %d\nBlockers: still waiting on %s for %s",
				rng.IntN(9000), roles[rng.IntN(len(roles))], topics[rng.IntN(len(topics))]), true
		case k < 5:
			return "Yesterday: release\nToday: on-call\nBlockers: no blockers", true
		case k < 6:
			return "unblocked now that " + topics[rng.IntN(len(topics))] + " landed", false
		}
		return fmt.Sprintf(chatter[rng.IntN(len(chatter))], rng.IntN(9000)), false
	}

	const perDay = 50
	start := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	written := 0
	for day := 0; written < messages; day++ {
		date := start.AddDate(0, 0, day)
		for c := 0; c < nChannels && written < messages; c++ {
			n := min(perDay, messages-written)
			var ms []message
			at := date.Add(8 * time.Hour)
			var parent string
			for i := range n {
				at = at.Add(time.Duration(1+rng.IntN(600)) * time.Second)
				ts := fmt.Sprintf("%d.%06d", at.Unix(), rng.IntN(1000000))
				if i%20 == 10 {
					ms = append(ms, message{Type: "message", Subtype: "bot_message", BotID: "B0GEN", Text: "Standup time!", TS: ts + "1"})
				}
				p := users[rng.IntN(nPeople)]
				t, standup := text()
				m := message{ClientMsgID: fmt.Sprintf("%08x-0000-4000-8000-%012x", rng.Uint32(), rng.Uint64()&0xffffffffffff),
					Type: "message", Text: t, User: p.ID, TS: ts, Team: "T0GEN",
					UserProfile: &userProfile{AvatarHash: "g0c0ffee", FirstName: p.Profile.DisplayName, RealName: p.RealName,
						DisplayName: p.Profile.DisplayName, Team: "T0GEN", Name: p.Name},
					Blocks: []block{{Type: "rich_text", BlockID: fmt.Sprintf("b%d", i),
						Elements: []section{{Type: "rich_text_section", Elements: []element{{Type: "text", Text: t}}}}}}}
				switch {
				case !standup && parent != "" && rng.IntN(8) == 0:
					m.ThreadTS = parent
				case !standup && rng.IntN(8) == 0:
					parent = ts
				case standup && rng.IntN(10) == 0:
					m.Edited = &edited{User: p.ID, TS: fmt.Sprintf("%d.000000", at.Unix()+60)}
				}
				ms = append(ms, m)
			}
			name := fmt.Sprintf("%s/%s.json", channels[c].Name, date.Format(time.DateOnly))
			if err := writeJSON(zw, name, ms); err != nil {
				return written, err
			}
			written += n
		}
	}
	return written, zw.Close()
}

// writeJSON adds a file holding v as indented JSON, as Slack writes its exports.
func writeJSON(zw *zip.Writer, name string, v any) error {
	fw, err := zw.Create(name)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(fw)
	enc.SetIndent("", "    ")
	return enc.Encode(v)
}
