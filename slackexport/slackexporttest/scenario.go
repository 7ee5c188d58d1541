package slackexporttest

import (
	"archive/zip"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

// Story is a multi-week company scenario written as data (testdata/scenario/story.yaml):
// people, and per person the waits they report, with the day each starts and the
// day and way it ends. Days are weekdays counted from Start (day 1).
type Story struct {
	Start    Date              `yaml:"start"`
	Days     int               `yaml:"days"`
	Seeds    []uint64          `yaml:"seeds"`    // one export per seed: the same story in other words
	Channels map[string]string `yaml:"channels"` // role -> standup channel name
	People   []StoryPerson     `yaml:"people"`
	Waits    []Wait            `yaml:"waits"`
}

// Date is a calendar date written as YYYY-MM-DD.
type Date struct{ time.Time }

// UnmarshalYAML reads a YYYY-MM-DD date.
func (d *Date) UnmarshalYAML(n *yaml.Node) error {
	t, err := time.Parse(time.DateOnly, n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %q is not a date (YYYY-MM-DD)", n.Line, n.Value)
	}
	d.Time = t
	return nil
}

// StoryPerson is one person of a Story.
type StoryPerson struct {
	ID         string `yaml:"id"`
	Name       string `yaml:"name"` // "First Last"
	Title      string `yaml:"title"`
	Role       string `yaml:"role"`        // what the title resolves to; also the team and its channel
	Format     string `yaml:"format"`      // yt, bold, bullets, prose or geekbot
	SilentFrom int    `yaml:"silent_from"` // from this day on the person posts nothing; 0: never
}

// First returns the person's first name.
func (p StoryPerson) First() string { return strings.Fields(p.Name)[0] }

// Wait is one person's wait on one thing.
type Wait struct {
	ID    string   `yaml:"id"`
	Who   string   `yaml:"who"` // the waiting person's ID
	To    WaitTo   `yaml:"to"`
	Names []string `yaml:"names"` // the ways the author names the target
	Topic string   `yaml:"topic"`
	Short string   `yaml:"short"`
	Start int      `yaml:"start"`
	End   *WaitEnd `yaml:"end"` // nil: mentioned every report to the end (or until its author falls silent)
}

// WaitTo is whom a wait is on: a role, a person, or both (a person of that role
// named either way).
type WaitTo struct {
	Role   string `yaml:"role"`
	Person string `yaml:"person"`
}

// How a wait ends (WaitEnd.How).
const (
	EndResolved = "resolved" // a resolution in plain words: Say, among the blockers
	EndNone     = "none"     // an explicit "no blockers": Say is the whole blockers section
	EndDropped  = "dropped"  // from Day on, the author never mentions it again
)

// WaitEnd is how and when a wait ends.
type WaitEnd struct {
	How string `yaml:"how"`
	Day int    `yaml:"day"`
	Say string `yaml:"say"`
}

// Phrases are the words a Story is written with (testdata/scenario/phrases.yaml).
type Phrases struct {
	Wait struct {
		First                  []string `yaml:"first"`
		Again                  []string `yaml:"again"`
		AgainUnderHeader       []string `yaml:"again_under_header"`
		AgainSingle            []string `yaml:"again_single"`
		AgainSingleUnderHeader []string `yaml:"again_single_under_header"`
	} `yaml:"wait"`
	None       map[string][]string `yaml:"none"` // format -> blockers sections
	Yesterday  []string            `yaml:"yesterday"`
	Today      []string            `yaml:"today"`
	Work       []string            `yaml:"work"`
	Distractor []string            `yaml:"distractor"`
	General    []string            `yaml:"general"`
}

// Formats a person may write a standup in.
var storyFormats = []string{"yt", "bold", "bullets", "prose", "geekbot"}

// ScenarioDir returns the directory of the scenario's story and phrases.
func ScenarioDir() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		panic("slackexporttest: no caller information")
	}
	return filepath.Join(filepath.Dir(file), "..", "testdata", "scenario")
}

// LoadStory reads and validates a story file.
func LoadStory(path string) (*Story, error) {
	var s Story
	if err := loadYAML(path, &s); err != nil {
		return nil, err
	}
	if err := s.validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &s, nil
}

// LoadPhrases reads and validates a phrases file.
func LoadPhrases(path string) (*Phrases, error) {
	var p Phrases
	if err := loadYAML(path, &p); err != nil {
		return nil, err
	}
	if err := p.validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &p, nil
}

func loadYAML(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

func (s *Story) validate() error {
	if s.Start.Weekday() != time.Monday {
		return fmt.Errorf("start %s is not a Monday", s.Start.Format(time.DateOnly))
	}
	if len(s.Seeds) == 0 {
		return fmt.Errorf("seeds: want at least one")
	}
	if s.Days < 1 {
		return fmt.Errorf("days %d: want at least 1", s.Days)
	}
	people := map[string]bool{}
	for _, p := range s.People {
		switch {
		case people[p.ID]:
			return fmt.Errorf("person %s twice", p.ID)
		case len(strings.Fields(p.Name)) < 2:
			return fmt.Errorf("person %s: name %q wants a first and a last name", p.ID, p.Name)
		case s.Channels[p.Role] == "":
			return fmt.Errorf("person %s: no channel for role %q", p.ID, p.Role)
		case !slices.Contains(storyFormats, p.Format):
			return fmt.Errorf("person %s: format %q is not one of %v", p.ID, p.Format, storyFormats)
		}
		people[p.ID] = true
	}
	waits := map[string]bool{}
	for _, w := range s.Waits {
		switch {
		case waits[w.ID]:
			return fmt.Errorf("wait %s twice", w.ID)
		case !people[w.Who]:
			return fmt.Errorf("wait %s: unknown person %q", w.ID, w.Who)
		case w.To.Person != "" && !people[w.To.Person]:
			return fmt.Errorf("wait %s: unknown person %q", w.ID, w.To.Person)
		case w.To.Person == "" && w.To.Role == "":
			return fmt.Errorf("wait %s: to names no role and no person", w.ID)
		case len(w.Names) == 0 || w.Topic == "" || w.Short == "":
			return fmt.Errorf("wait %s: wants names, topic and short", w.ID)
		case w.Start < 1 || w.Start > s.Days:
			return fmt.Errorf("wait %s: start %d outside days 1-%d", w.ID, w.Start, s.Days)
		case w.End != nil && (w.End.Day <= w.Start || w.End.Day > s.Days):
			return fmt.Errorf("wait %s: end day %d not after start %d and within %d days", w.ID, w.End.Day, w.Start, s.Days)
		case w.End != nil && !slices.Contains([]string{EndResolved, EndNone, EndDropped}, w.End.How):
			return fmt.Errorf("wait %s: end how %q", w.ID, w.End.How)
		case w.End != nil && w.End.How != EndDropped && w.End.Say == "":
			return fmt.Errorf("wait %s: end %s wants say", w.ID, w.End.How)
		}
		if p := s.Person(w.Who); p.SilentFrom > 0 && (w.Start >= p.SilentFrom || w.End != nil && w.End.Day >= p.SilentFrom) {
			return fmt.Errorf("wait %s: its author is silent from day %d", w.ID, p.SilentFrom)
		}
		waits[w.ID] = true
	}
	return nil
}

var placeholder = regexp.MustCompile(`\{[a-z]+\}`)

func (p *Phrases) validate() error {
	check := func(list string, phrases []string, allowed ...string) error {
		if len(phrases) == 0 {
			return fmt.Errorf("%s: empty", list)
		}
		for _, ph := range phrases {
			for _, m := range placeholder.FindAllString(ph, -1) {
				if !slices.Contains(allowed, m) {
					return fmt.Errorf("%s: %q: %s is not one of %v", list, ph, m, allowed)
				}
			}
		}
		return nil
	}
	wait := []string{"{who}", "{topic}", "{short}", "{n}"}
	errs := []error{
		check("wait.first", p.Wait.First, wait...),
		check("wait.again", p.Wait.Again, wait...),
		check("wait.again_under_header", p.Wait.AgainUnderHeader, wait...),
		check("wait.again_single", p.Wait.AgainSingle, wait...),
		check("wait.again_single_under_header", p.Wait.AgainSingleUnderHeader, wait...),
		check("yesterday", p.Yesterday, "{work}", "{mate}", "{distractor}"),
		check("today", p.Today, "{work}", "{mate}", "{distractor}"),
		check("work", p.Work),
		check("distractor", p.Distractor),
		check("general", p.General),
	}
	for _, f := range storyFormats {
		errs = append(errs, check("none."+f, p.None[f]))
	}
	for _, ph := range append(p.Wait.AgainUnderHeader, p.Wait.AgainSingle...) {
		if strings.Contains(ph, "{topic}") {
			return fmt.Errorf("wait: %q names the topic: it belongs in wait.again", ph)
		}
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// Person returns the person with the id, or the zero StoryPerson.
func (s *Story) Person(id string) StoryPerson {
	for _, p := range s.People {
		if p.ID == id {
			return p
		}
	}
	return StoryPerson{}
}

// Date returns the calendar date of a story day (1 is Start; weekends are skipped).
func (s *Story) Date(day int) time.Time {
	d := day - 1
	return s.Start.AddDate(0, 0, d/5*7+d%5)
}

// Posts reports whether the person posts a standup on the day.
func (s *Story) Posts(id string, day int) bool {
	p := s.Person(id)
	return day >= 1 && day <= s.Days && (p.SilentFrom == 0 || day < p.SilentFrom)
}

// mentioned reports whether the wait is mentioned in its author's standup of the day.
func (w *Wait) mentioned(day int) bool {
	if day < w.Start {
		return false
	}
	if w.End == nil {
		return true
	}
	return day < w.End.Day
}

// Scenario loads the scenario's story and phrases (testdata/scenario).
func Scenario(tb testing.TB) (*Story, *Phrases) {
	tb.Helper()
	s, err := LoadStory(filepath.Join(ScenarioDir(), "story.yaml"))
	if err != nil {
		tb.Fatal(err)
	}
	ph, err := LoadPhrases(filepath.Join(ScenarioDir(), "phrases.yaml"))
	if err != nil {
		tb.Fatal(err)
	}
	return s, ph
}

// ScenarioZip writes the story as a Slack export zip worded with seed in a
// temporary directory and returns its path.
func ScenarioZip(tb testing.TB, s *Story, ph *Phrases, seed uint64) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), fmt.Sprintf("scenario-%d.zip", seed))
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	if err := WriteScenario(f, s, ph, seed); err != nil {
		f.Close()
		tb.Fatalf("write %s: %v", path, err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return path
}

// WriteScenario writes the story as a Slack export zip to w: users.json with titles,
// a standup channel per team and #general, and per weekday each person's standup in
// their own format, the words drawn from ph by a generator seeded with seed, so
// the same story and seed always give the same export, and another seed the same
// story in other words.
func WriteScenario(w io.Writer, s *Story, ph *Phrases, seed uint64) error {
	g := &scenarioWriter{s: s, ph: ph, rng: rand.New(rand.NewPCG(seed, seed^0x5eed))}
	zw := zip.NewWriter(w)
	if err := g.writeDirectory(zw); err != nil {
		return err
	}
	for day := 1; day <= s.Days; day++ {
		byChannel := map[string][]message{}
		at := s.Date(day).Add(9 * time.Hour)
		for i, p := range s.People {
			if !s.Posts(p.ID, day) {
				continue
			}
			at = at.Add(time.Duration(60+g.rng.IntN(120)) * time.Second)
			ch := s.Channels[p.Role]
			byChannel[ch] = append(byChannel[ch], g.standup(p, day, at, i))
		}
		if day == 1 { // someone joins a channel: not a standup, skipped by the reader
			byChannel["general"] = append(byChannel["general"], message{Type: "message", Subtype: "channel_join",
				User: s.People[0].ID, Text: "<@" + s.People[0].ID + "> has joined the channel", TS: ts(s.Date(day).Add(8*time.Hour), 0)})
		}
		if msg, ok := g.general(day, s.Date(day).Add(12*time.Hour)); ok {
			byChannel["general"] = append(byChannel["general"], msg)
		}
		names := make([]string, 0, len(byChannel))
		for ch := range byChannel {
			names = append(names, ch)
		}
		slices.Sort(names)
		for _, ch := range names {
			if err := writeJSON(zw, fmt.Sprintf("%s/%s.json", ch, s.Date(day).Format(time.DateOnly)), byChannel[ch]); err != nil {
				return err
			}
		}
	}
	return zw.Close()
}

type scenarioWriter struct {
	s   *Story
	ph  *Phrases
	rng *rand.Rand
}

func (g *scenarioWriter) pick(list []string) string { return list[g.rng.IntN(len(list))] }

func ts(at time.Time, seq int) string { return fmt.Sprintf("%d.%06d", at.Unix(), seq) }

// writeDirectory writes users.json (with a Geekbot bot) and channels.json.
func (g *scenarioWriter) writeDirectory(zw *zip.Writer) error {
	var users []user
	members := map[string][]string{}
	var everyone []string
	for _, p := range g.s.People {
		first := p.First()
		users = append(users, user{ID: p.ID, TeamID: "T0STORY", Name: strings.ToLower(strings.ReplaceAll(p.Name, " ", ".")),
			RealName: p.Name, TZ: "UTC", Updated: 1790000000,
			Profile: profile{Title: p.Title, RealName: p.Name, DisplayName: first, Team: "T0STORY"}})
		ch := g.s.Channels[p.Role]
		members[ch] = append(members[ch], p.ID)
		everyone = append(everyone, p.ID)
	}
	users = append(users, user{ID: "U0GEEKBOT", TeamID: "T0STORY", Name: "geekbot", RealName: "Geekbot", IsBot: true,
		Updated: 1790000000, Profile: profile{RealName: "Geekbot", Team: "T0STORY"}})
	if err := writeJSON(zw, "users.json", users); err != nil {
		return err
	}
	names := make([]string, 0, len(members))
	for ch := range members {
		names = append(names, ch)
	}
	slices.Sort(names)
	channels := []channel{{ID: "C00GENERAL", Name: "general", Created: 1700000000, Members: everyone}}
	for i, ch := range names {
		channels = append(channels, channel{ID: fmt.Sprintf("C%02dSTANDUP", i+1), Name: ch, Created: 1700000000,
			Members: members[ch]})
	}
	return writeJSON(zw, "channels.json", channels)
}

// general returns the day's post in #general, by someone with no waits, if any.
func (g *scenarioWriter) general(day int, at time.Time) (message, bool) {
	var quiet []StoryPerson
	for _, p := range g.s.People {
		if !slices.ContainsFunc(g.s.Waits, func(w Wait) bool { return w.Who == p.ID }) && g.s.Posts(p.ID, day) {
			quiet = append(quiet, p)
		}
	}
	if len(quiet) == 0 || day%2 == 0 {
		return message{}, false
	}
	p := quiet[g.rng.IntN(len(quiet))]
	return g.userMessage(p, g.pick(g.ph.General), at, day), true
}

func (g *scenarioWriter) userMessage(p StoryPerson, text string, at time.Time, seq int) message {
	return message{ClientMsgID: fmt.Sprintf("%08x-0000-4000-8000-%012x", g.rng.Uint32(), g.rng.Uint64()&0xffffffffffff),
		Type: "message", Text: text, User: p.ID, TS: ts(at, seq), Team: "T0STORY",
		UserProfile: &userProfile{AvatarHash: "s0c0ffee", FirstName: p.First(), RealName: p.Name,
			DisplayName: p.First(), Team: "T0STORY", Name: strings.ToLower(p.First())},
		Blocks: []block{{Type: "rich_text", BlockID: fmt.Sprintf("s%d", seq),
			Elements: []section{{Type: "rich_text_section", Elements: []element{{Type: "text", Text: text}}}}}}}
}

// standup returns the person's standup of the day in their format.
func (g *scenarioWriter) standup(p StoryPerson, day int, at time.Time, seq int) message {
	yesterday, today := g.workLine(g.ph.Yesterday), g.workLine(g.ph.Today)
	entries, noneSection, quiet := g.blockers(p, day)
	if p.Format == "geekbot" {
		answers := []attachment{
			{Title: "What did you do yesterday?", Text: yesterday},
			{Title: "What will you do today?", Text: today}}
		answer := strings.Join(entries, "\n")
		if len(entries) == 0 {
			answer = g.pick(g.ph.None["geekbot"])
		}
		if !quiet {
			answers = append(answers, attachment{Title: "Anything blocking you?", Text: answer})
		}
		return message{Type: "message", Subtype: "bot_message", BotID: "B0GEEKBOT", Username: p.Name, Text: "",
			TS: ts(at, seq), Attachments: answers}
	}
	if len(entries) == 0 && noneSection == "" && !quiet {
		noneSection = g.pick(g.ph.None[p.Format])
	}
	var b strings.Builder
	switch p.Format {
	case "yt":
		fmt.Fprintf(&b, "Y: %s\nT: %s\n", yesterday, today)
		switch {
		case quiet:
		case noneSection != "":
			b.WriteString(noneSection)
		case len(entries) == 1:
			b.WriteString("B: " + entries[0])
		default:
			b.WriteString("B:\n- " + strings.Join(entries, "\n- "))
		}
	case "bold":
		fmt.Fprintf(&b, "*Yesterday:* %s\n*Today:* %s\n", yesterday, today)
		switch {
		case quiet:
		case noneSection != "":
			b.WriteString(noneSection)
		case len(entries) == 1:
			b.WriteString("*Blockers:* " + entries[0])
		default:
			b.WriteString("*Blockers:*\n• " + strings.Join(entries, "\n• "))
		}
	case "bullets":
		fmt.Fprintf(&b, "Yesterday\n• %s\nToday\n• %s\n", yesterday, today)
		switch {
		case quiet:
		case noneSection != "":
			b.WriteString(noneSection)
		default:
			b.WriteString("Blockers\n• " + strings.Join(entries, "\n• "))
		}
	case "prose":
		fmt.Fprintf(&b, "Yesterday I %s. Today: %s.", yesterday, today)
		if noneSection != "" {
			b.WriteString(" " + noneSection)
		}
		for _, e := range entries {
			b.WriteString(" " + sentence(e))
		}
	}
	m := g.userMessage(p, strings.TrimSpace(b.String()), at, seq)
	if g.rng.IntN(15) == 0 { // edited a minute later: the export holds the final text
		m.Edited = &edited{User: p.ID, TS: ts(at.Add(time.Minute), 0)}
	}
	return m
}

// sentence capitalises e and ends it with a full stop.
func sentence(e string) string {
	if e == "" {
		return e
	}
	e = strings.ToUpper(e[:1]) + e[1:]
	if !strings.HasSuffix(e, ".") {
		e += "."
	}
	return e
}

func (g *scenarioWriter) workLine(list []string) string {
	return strings.NewReplacer(
		"{work}", g.pick(g.ph.Work),
		"{mate}", g.s.People[g.rng.IntN(len(g.s.People))].First(),
		"{distractor}", g.pick(g.ph.Distractor),
	).Replace(g.pick(list))
}

// blockers returns the person's blocker entries of the day: a resolution for each
// wait that ends by one today and a mention of each open wait, or, when a wait ends
// today by an explicit none, that none as the whole blockers section. Quiet is set
// when the person has dropped a wait: from then on, with nothing else to report,
// they write no blockers section at all (an explicit none would resolve the wait
// rather than let it expire).
func (g *scenarioWriter) blockers(p StoryPerson, day int) (entries []string, noneSection string, quiet bool) {
	var open []Wait
	for _, w := range g.s.Waits {
		if w.Who != p.ID {
			continue
		}
		if w.End != nil && w.End.How == EndDropped && day >= w.End.Day {
			quiet = true
		}
		if w.End != nil && w.End.Day == day {
			switch w.End.How {
			case EndResolved:
				entries = append(entries, w.End.Say)
			case EndNone:
				noneSection = w.End.Say
			}
		}
		if w.mentioned(day) {
			open = append(open, w)
		}
	}
	if noneSection != "" {
		return nil, noneSection, false
	}
	header := p.Format != "prose"
	// A phrase without a topic can mean only one wait: the author's one open wait,
	// on a day no other wait of theirs ends by a resolution.
	single := len(open) == 1 && len(entries) == 0
	for _, w := range open {
		pool := g.ph.Wait.First
		if day > w.Start {
			pool = slices.Clone(g.ph.Wait.Again)
			if header {
				pool = append(pool, g.ph.Wait.AgainUnderHeader...)
			}
			if single {
				pool = append(pool, g.ph.Wait.AgainSingle...)
				if header {
					pool = append(pool, g.ph.Wait.AgainSingleUnderHeader...)
				}
			}
		}
		n := 1
		for d := w.Start; d < day; d++ {
			n++
		}
		entries = append(entries, strings.NewReplacer(
			"{who}", g.pick(w.Names),
			"{topic}", w.Topic,
			"{short}", w.Short,
			"{n}", fmt.Sprint(n),
		).Replace(g.pick(pool)))
	}
	return entries, "", quiet && len(entries) == 0
}
