package digest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/digest"
	"github.com/unblock-dev/unblock/graph"
)

// decodeBlocks parses Blocks' output with slack-go and checks every limit of Block Kit
// a digest could break; it returns the blocks and all their text.
func decodeBlocks(t *testing.T, d *digest.Digest) (slack.Blocks, []string) {
	t.Helper()
	raw, err := digest.Blocks(d)
	if err != nil {
		t.Fatal(err)
	}
	var blocks slack.Blocks
	if err := json.Unmarshal(raw, &blocks); err != nil {
		t.Fatalf("slack-go cannot read the blocks: %v\n%s", err, raw)
	}
	if n := len(blocks.BlockSet); n == 0 || n > digest.MaxBlocks {
		t.Fatalf("%d blocks; want 1 to %d", n, digest.MaxBlocks)
	}
	var texts []string
	check := func(kind string, o *slack.TextBlockObject, max int) {
		t.Helper()
		if o == nil {
			t.Fatalf("%s block without text", kind)
		}
		if err := o.Validate(); err != nil {
			t.Errorf("%s text invalid: %v", kind, err)
		}
		if n := utf8.RuneCountInString(o.Text); n > max {
			t.Errorf("%s text has %d characters; want at most %d", kind, n, max)
		}
		if o.Type == slack.MarkdownType && !o.Verbatim {
			t.Errorf("%s mrkdwn text is not verbatim: %q", kind, o.Text)
		}
		texts = append(texts, o.Text)
	}
	for i, b := range blocks.BlockSet {
		switch b := b.(type) {
		case *slack.HeaderBlock:
			if b.Text == nil || b.Text.Type != slack.PlainTextType {
				t.Errorf("header %d is not plain_text", i)
			}
			check("header", b.Text, digest.MaxHeaderText)
		case *slack.SectionBlock:
			check("section", b.Text, digest.MaxSectionText)
		case *slack.ContextBlock:
			for _, e := range b.ContextElements.Elements {
				o, ok := e.(*slack.TextBlockObject)
				if !ok {
					t.Fatalf("context %d has a %T", i, e)
				}
				check("context", o, digest.MaxSectionText)
			}
		case *slack.DividerBlock:
		default:
			t.Errorf("block %d is a %T; want header, section, context or divider", i, b)
		}
	}
	return blocks, texts
}

func TestBlocksCompanyX(t *testing.T) {
	blocks, texts := decodeBlocks(t, build(t, companyX()))
	if h, ok := blocks.BlockSet[0].(*slack.HeaderBlock); !ok || h.Text.Text != "Blockers, 2026-11-14 to 2026-11-20" {
		t.Errorf("first block = %#v; want the header", blocks.BlockSet[0])
	}
	// The Company X loop is the first section, with its evidence, after the
	// numbers and the standups' line.
	if !strings.Contains(texts[2], "Standups: answered 5 of 6 prompts") {
		t.Errorf("third block %q; want the standups' line", texts[2])
	}
	first := texts[3]
	for _, want := range []string{"*Loop: Design → Product → Engineering → Design* (4 blockers, oldest 6 days)",
		"• Ana (engineering) waits on design: checkout mocks, 6 days"} {
		if !strings.Contains(first, want) {
			t.Errorf("first section %q lacks %q", first, want)
		}
	}
	// One person waiting is one person, not "1 people".
	all := strings.Join(texts, "\n")
	if want := "• Ben (person): 1 person waiting, 2 in all"; !strings.Contains(all, want) {
		t.Errorf("the bottlenecks lack %q:\n%s", want, all)
	}
	if strings.Contains(all, "1 people") {
		t.Errorf("the digest says \"1 people\":\n%s", all)
	}
}

// bigRoles is the vocabulary of bigCompany: the built-in roles and role0…role9, as a
// config would add them.
func bigRoles(t *testing.T) *unblock.Vocabulary {
	t.Helper()
	v := unblock.DefaultVocabulary()
	for i := range 10 {
		if err := v.AddRole(unblock.Role(fmt.Sprintf("role%d", i))); err != nil {
			t.Fatal(err)
		}
	}
	return v
}

// buildBig builds the digest of bigCompany with its roles.
func buildBig(t *testing.T) *digest.Digest {
	t.Helper()
	d, err := digest.Build(context.Background(), bigCompany(), unblock.WeekEnding(asOf), digest.Options{Graph: graph.Options{Roles: bigRoles(t)}})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// bigCompany has 500 open blockers with long, hostile topics, between people of ten
// roles (bigRoles): dozens of role and person loops, hundreds of stale blockers.
func bigCompany() *fakeSource {
	const people, roles = 60, 10
	src := &fakeSource{}
	for i := range people {
		src.people = append(src.people, unblock.Person{
			ID: fmt.Sprintf("U%03d", i), Name: fmt.Sprintf("<!here> person %d", i), Role: unblock.Role(fmt.Sprintf("role%d", i%roles)),
		})
	}
	role := func(id string) unblock.Role {
		for _, p := range src.people {
			if p.ID == id {
				return p.Role
			}
		}
		return ""
	}
	for i := range 500 {
		from := fmt.Sprintf("U%03d", i%people)
		to := fmt.Sprintf("U%03d", (i*7+i/people+1)%people)
		if from == to {
			to = fmt.Sprintf("U%03d", (i+1)%people)
		}
		src.blockers = append(src.blockers, unblock.Blocker{
			ID: int64(i + 1), PersonID: from, PersonRole: role(from), To: to, ToRole: role(to),
			Target:   unblock.Target{Kind: unblock.TargetPerson, Name: "<@" + to + ">"},
			Topic:    fmt.Sprintf("<!channel> & <@U999> item %d %s", i, strings.Repeat("x", 300)),
			OpenedAt: asOf.Add(-time.Duration(8*24+i) * time.Hour),
		})
	}
	return src
}

func TestBlocksLimits(t *testing.T) {
	d := buildBig(t)
	if len(d.RoleLoops) <= 10 || len(d.Stale) != 500 {
		t.Fatalf("fixture too small: %d role loops, %d stale", len(d.RoleLoops), len(d.Stale))
	}
	blocks, texts := decodeBlocks(t, d)
	t.Logf("%d role loops, %d person loops -> %d blocks", len(d.RoleLoops), len(d.PersonLoops), len(blocks.BlockSet))
	for _, s := range texts {
		t.Logf("%5d chars: %.60q", utf8.RuneCountInString(s), s)
	}
	all := strings.Join(texts, "\n")
	for _, want := range []string{"…and 10 more role loops", "*Person loops*"} {
		if !strings.Contains(all, want) {
			t.Errorf("blocks never say %q: long lists were not cut", want)
		}
	}
	// The stale list (500 lines) must be cut with a count of what was left out.
	var stale string
	for _, s := range texts {
		if strings.HasPrefix(s, "*Stale") {
			stale = s
		}
	}
	if !strings.Contains(stale, "…and ") || !strings.HasSuffix(stale, " more") {
		t.Errorf("stale section does not end with …and N more: %q", stale[max(0, len(stale)-200):])
	}
}

func TestBlocksEscape(t *testing.T) {
	src := &fakeSource{
		people: []unblock.Person{
			{ID: "U1", Name: "Ana <!here>", Role: unblock.RoleEngineering},
			{ID: "U2", Name: "Dana & <@U777>", Role: unblock.RoleDesign},
		},
		blockers: []unblock.Blocker{
			{ID: 1, PersonID: "U1", PersonRole: unblock.RoleEngineering, To: "U2", ToRole: unblock.RoleDesign,
				Target: unblock.Target{Kind: unblock.TargetPerson, Name: "<@U2>"}, Topic: "<!channel> & <@U999>",
				OpenedAt: asOf.Add(-10 * 24 * time.Hour)},
			{ID: 2, PersonID: "U2", PersonRole: unblock.RoleDesign, To: "role:engineering", ToRole: unblock.RoleEngineering,
				Target: unblock.Target{Kind: unblock.TargetRole, Name: "engineering", Role: unblock.RoleEngineering},
				Topic:  "<!subteam^S1> review", OpenedAt: asOf.Add(-2 * 24 * time.Hour)},
		},
	}
	d := build(t, src)
	_, texts := decodeBlocks(t, d)
	all := strings.Join(texts, "\n")
	for _, want := range []string{"&lt;!channel&gt; &amp; &lt;@U999&gt;", "Ana &lt;!here&gt;", "Dana &amp; &lt;@U777&gt;",
		"&lt;!subteam^S1&gt; review"} {
		if !strings.Contains(all, want) {
			t.Errorf("blocks lack the escaped %q:\n%s", want, all)
		}
	}
	if strings.ContainsAny(all, "<>") {
		t.Errorf("blocks contain a raw < or >, which could mention someone:\n%s", all)
	}

	var md bytes.Buffer
	if err := digest.Markdown(&md, d); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), `\<!channel\> &amp; \<@U999\>`) {
		t.Errorf("markdown does not escape the topic:\n%s", md.String())
	}
}

func TestBlocksEmpty(t *testing.T) {
	_, texts := decodeBlocks(t, build(t, &fakeSource{}))
	if !strings.Contains(strings.Join(texts, "\n"), "No role loops.") {
		t.Errorf("empty digest blocks do not say there are no loops: %q", texts)
	}
}

func TestTextCleansControlCharacters(t *testing.T) {
	src := companyX()
	src.blockers[0].Topic = "mocks\x1b[31m red\nnext line"
	var text bytes.Buffer
	if err := digest.Text(&text, build(t, src)); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(text.String(), "\x1b") || strings.Contains(text.String(), "red\nnext") {
		t.Errorf("text output carries control characters from a topic:\n%q", text.String())
	}
	if !strings.Contains(text.String(), "waits on design: mocks [31m red next line, 6 days") {
		t.Errorf("topic missing after cleaning:\n%s", text.String())
	}
}

func TestTextListsAtMost50Stale(t *testing.T) {
	d := buildBig(t)
	for name, render := range map[string]func(*bytes.Buffer, *digest.Digest) error{
		"text":     func(w *bytes.Buffer, d *digest.Digest) error { return digest.Text(w, d) },
		"markdown": func(w *bytes.Buffer, d *digest.Digest) error { return digest.Markdown(w, d) },
	} {
		var buf bytes.Buffer
		if err := render(&buf, d); err != nil {
			t.Fatal(err)
		}
		_, stale, _ := strings.Cut(buf.String(), "Stale: open 7 days or more")
		stale, _, _ = strings.Cut(stale, "Numbers")
		if got := strings.Count(stale, "waits on"); got != 50 {
			t.Errorf("%s lists %d stale blockers; want 50", name, got)
		}
		if !strings.Contains(stale, "…and 450 more") {
			t.Errorf("%s does not count the 450 stale blockers left out:\n%s", name, stale[len(stale)-300:])
		}
	}
}
