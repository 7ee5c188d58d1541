package unblock

import "strings"

// PostedFor returns the user ID of the person a standup bot's post speaks for, or
// "" when it speaks for no one person. Standup bots (Geekbot, Standuply and the
// like) post each answer as a bot message: either under the person's name (the
// post's username is their real or display name) or with a first line such as
// "<@U123> posted an update for Daily Standup" or "*Ana Ruiz* posted an update".
// Only an exact, unique name or that leading mention or name counts, so other
// bots' posts are never read as someone's standup.
func PostedFor(username, text string, people []Person) string {
	return NewPosters(people).PostedFor(username, text)
}

// Posters is whom a standup bot's post may speak for: the people of a
// directory who are not bots, their names lowercased once, so that reading many
// posts (an export's) does not lowercase every name again for each. A departed
// person (deleted in Slack) is among them, as an export taken after someone
// left holds the standups a bot posted for them while they were here; but a
// name a current person has is theirs: a departed person is named only by a
// name no current person has.
type Posters struct {
	people []poster
}

// poster is one person a post may speak for.
type poster struct {
	id string
	// departed is a person deleted in Slack, named only where no current
	// person is.
	departed bool
	// The real and display names lowercased, as a post's username is compared
	// with them, and also trimmed, as the first line of a post is.
	real, name         string
	realLine, nameLine string
}

// NewPosters returns the people a post may speak for, for PostedFor.
func NewPosters(people []Person) *Posters {
	ps := &Posters{}
	for _, p := range people {
		if p.IsBot {
			continue
		}
		ps.people = append(ps.people, poster{id: p.ID, departed: p.Deleted,
			real: strings.ToLower(p.RealName), name: strings.ToLower(p.Name),
			realLine: strings.ToLower(strings.TrimSpace(p.RealName)), nameLine: strings.ToLower(strings.TrimSpace(p.Name))})
	}
	return ps
}

// PostedFor is the package's PostedFor over ps's people.
func (ps *Posters) PostedFor(username, text string) string {
	if id := leadingMention(text); id != "" {
		return id
	}
	if id := ps.leadingName(text); id != "" {
		return id
	}
	if id := trailingMention(text); id != "" {
		return id
	}
	if id := ps.trailingName(text); id != "" {
		return id
	}
	name := strings.ToLower(strings.TrimSpace(username))
	if name == "" {
		return ""
	}
	return ps.named(usernames, func(n string) bool { return n == name })
}

// leadingMention returns the user mentioned at the start of a "<@U…> posted an
// update" line, or "".
func leadingMention(text string) string {
	line := firstLine(text)
	if !strings.HasPrefix(line, "<@") {
		return ""
	}
	end := strings.IndexByte(line, '>')
	if end < 0 {
		return ""
	}
	if postedWords(line[end+1:]) {
		return MentionID(line[:end+1])
	}
	return ""
}

// trailingMention returns the user mentioned at the end of a "Daily standup from
// <@U…>" or "Check-in submitted by <@U…>" line (a workflow's form posted to a
// channel), or "".
func trailingMention(text string) string {
	line := strings.TrimRight(firstLine(text), "*_ .!:")
	i := strings.LastIndex(line, "<@")
	if i < 0 || !strings.HasSuffix(line, ">") || strings.Count(line, "<@") != 1 {
		return ""
	}
	if before, ok := fromBy(line[:i]); ok && namesStandup(before) {
		return MentionID(line[i:])
	}
	return ""
}

// namesStandup reports whether the head of a "… from <person>" line names a
// standup (waitwords.txt's prompt: words: "Daily standup", "Check-in submitted",
// "Scrum update"), which "New bug report" or "Incident reported" do not: a
// bot's post that only ends with whom it is from is someone's standup only then.
func namesStandup(head string) bool {
	return hasWord(waitVocabulary().prompt, head)
}

// fromBy returns what comes before a closing "from" or "by" of head ("Daily
// standup from "), and whether there is one.
func fromBy(head string) (string, bool) {
	low := strings.ToLower(strings.TrimRight(head, "*_ :"))
	for _, w := range []string{" from", " by"} {
		if strings.HasSuffix(low, w) {
			return head[:len(low)-len(w)], true
		}
	}
	return "", false
}

// firstLine is text's first line, trimmed, without leading emphasis marks.
func firstLine(text string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(text), "\n")
	return strings.TrimLeft(line, "*_ ")
}

// postedWords reports whether the rest of a standup bot's first line, beside whom
// it names, says that person posted their standup (waitwords.txt's posted: words).
func postedWords(rest string) bool {
	return hasWord(waitVocabulary().posted, rest)
}

// leadingName returns the person whose real or display name opens a "*Ana Ruiz*
// posted an update" line, or "" when no one person's name does.
func (ps *Posters) leadingName(text string) string {
	line := strings.ToLower(firstLine(text))
	return ps.named(lineNames, func(name string) bool {
		rest, ok := strings.CutPrefix(line, name)
		return ok && (rest == "" || strings.ContainsRune(" *_:,'’", []rune(rest)[0])) && postedWords(rest)
	})
}

// trailingName returns the person whose real or display name ends a "Daily
// standup from *Ana Ruiz*" line, or "" when no one person's name does.
func (ps *Posters) trailingName(text string) string {
	line := strings.ToLower(strings.TrimRight(firstLine(text), "*_ .!:"))
	return ps.named(lineNames, func(name string) bool {
		head, ok := strings.CutSuffix(line, name)
		before, by := fromBy(head)
		return ok && by && namesStandup(before)
	})
}

// usernames are p's real and display names as lowercased for a post's username.
func usernames(p poster) [2]string { return [2]string{p.real, p.name} }

// lineNames are p's real and display names as lowercased for lines.
func lineNames(p poster) [2]string { return [2]string{p.realLine, p.nameLine} }

// named returns the one person with the longest of their names (as names
// gives them) that fits, "Sam Berg" over "Sam", a current person over a
// departed one of a name as long, or "" when none fits or two people of the
// same standing share it: say nothing rather than guess.
func (ps *Posters) named(names func(poster) [2]string, fits func(name string) bool) string {
	found, foundLen, foundDeparted := "", 0, false
	for _, p := range ps.people {
		for _, name := range names(p) {
			if name == "" || !fits(name) {
				continue
			}
			switch {
			case len(name) > foundLen || len(name) == foundLen && foundDeparted && !p.departed:
				found, foundLen, foundDeparted = p.id, len(name), p.departed
			case len(name) == foundLen && foundDeparted == p.departed && found != p.id:
				found = ""
			}
		}
	}
	return found
}

// AttachmentText is the text of one legacy attachment as standup bots fill it:
// each question in Title (or Pretext) and its answer in Text, or as Fields.
type AttachmentText struct {
	Pretext, Title, Text string
	Fields               [][2]string // title, value
}

// StandupPostText joins a bot post's text and its attachments into one report
// text, a question and its answer a line each, as the parser reads standups.
func StandupPostText(text string, atts []AttachmentText) string {
	var b strings.Builder
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			b.WriteString(s)
			b.WriteByte('\n')
		}
	}
	add(text)
	for _, a := range atts {
		add(a.Pretext)
		add(a.Title)
		add(a.Text)
		for _, f := range a.Fields {
			add(f[0])
			add(f[1])
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}
