package bot

import (
	"encoding/json"
	"io"
	"log/slog"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/unblock-dev/unblock/slackemu"
)

// restartSharing replaces the harness's bot with one whose privacy settings let
// topics be shared (privacy.share_topics_in_digest: true).
func (h *harness) restartSharing() {
	h.t.Helper()
	h.restartWith(func(c *Config) { c.ShareTopics = true })
}

// restartWith replaces the harness's bot with one configured by configure.
func (h *harness) restartWith(configure func(*Config)) {
	h.t.Helper()
	h.bot.Close()
	c := Config{
		AppToken: h.emu.AppToken(), BotToken: h.emu.BotToken(), APIURL: h.emu.APIURL(),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	configure(&c)
	b, err := New(c, h.db)
	if err != nil {
		h.t.Fatal(err)
	}
	if err := b.Open(h.ctx); err != nil {
		h.t.Fatal(err)
	}
	h.bot = b
	h.t.Cleanup(func() { b.Close() })
}

// responseBlocks decodes the Block Kit blocks of a response: their types and the
// text of each section.
func responseBlocks(t *testing.T, r slackemu.Response) (types []string, texts []string) {
	t.Helper()
	var body struct {
		Blocks []struct {
			Type string `json:"type"`
			Text *struct {
				Text string `json:"text"`
			} `json:"text"`
		} `json:"blocks"`
	}
	if err := json.Unmarshal(r.Body, &body); err != nil {
		t.Fatalf("response body: %v\n%s", err, r.Body)
	}
	for _, b := range body.Blocks {
		types = append(types, b.Type)
		if b.Text != nil {
			texts = append(texts, b.Text.Text)
		}
	}
	return types, texts
}

func TestWhy(t *testing.T) {
	const (
		first  = "Yesterday: cart API\nToday: checkout\nBlockers: blocked on design for the checkout mocks"
		second = "Yesterday: checkout\nToday: checkout\nBlockers: still blocked on design for the checkout mocks"
	)

	t.Run("OKYourOwn", func(t *testing.T) {
		h := newHarness(t, slackemu.Options{})
		h.deliver(h.emu.PostMessage(ana, stand, first))
		h.deliver(h.emu.PostMessage(ana, stand, second))
		// "/blocked" points to the evidence.
		if r := h.slash(ana, ""); !strings.Contains(string(r.Body), "`/blocked why`") {
			t.Errorf("/blocked does not point to /blocked why:\n%s", r.Body)
		}
		r := h.slash(ana, "why")
		for _, want := range []string{"checkout mocks", "*open* for today", "opened it", "said it again",
			"“Yesterday: cart API Today: checkout Blockers: blocked on design for the checkout mocks”",
			"“Yesterday: checkout Today: checkout Blockers: still blocked on design for the checkout mocks”"} {
			if !strings.Contains(r.Text, want) {
				t.Errorf("/blocked why: answer does not contain %q:\n%s", want, r.Text)
			}
		}
		if r.ResponseType != "ephemeral" {
			t.Errorf("ResponseType = %q; want ephemeral", r.ResponseType)
		}
		types, _ := responseBlocks(t, r)
		if len(types) == 0 || types[0] != "header" {
			t.Errorf("blocks = %v; want a header first", types)
		}
	})

	t.Run("OKClosed", func(t *testing.T) {
		// A blocker cleared by "no blockers" is listed as closed, with the report
		// that cleared it.
		h := newHarness(t, slackemu.Options{})
		h.deliver(h.emu.PostMessage(ana, stand, first))
		h.deliver(h.emu.PostMessage(ana, stand, "Yesterday: checkout\nToday: tests\nBlockers: none"))
		r := h.slash(ana, "why")
		for _, want := range []string{"is not waiting on anyone", "Closed in the last 7 days", "checkout mocks",
			"*resolved*", "a report said no blockers", "cleared it", "Blockers: none”"} {
			if !strings.Contains(string(r.Body), want) {
				t.Errorf("/blocked why: answer does not contain %q:\n%s", want, r.Body)
			}
		}
	})

	t.Run("OKEscaped", func(t *testing.T) {
		// A report's text is quoted escaped: it can mention no one.
		h := newHarness(t, slackemu.Options{})
		h.deliver(h.emu.PostMessage(ana, stand, "Blockers: waiting on design for the spec <!channel> & <!subteam^S0X|@x>"))
		r := h.slash(ana, "why")
		if strings.Contains(string(r.Body), "<!channel>") || strings.Contains(string(r.Body), "<!subteam") {
			t.Fatalf("the quoted report can mention people:\n%s", r.Body)
		}
		if !strings.Contains(r.Text, "&lt;!channel&gt;") {
			t.Fatalf("the quoted report is not escaped:\n%s", r.Text)
		}
	})

	t.Run("OKSomeoneElseWhenTopicsAreShared", func(t *testing.T) {
		// Topics may be shared: Priya sees Ana's blockers, the reports' dates and
		// what each did, but not what Ana wrote.
		h := newHarness(t, slackemu.Options{})
		h.restartSharing()
		h.deliver(h.emu.PostMessage(ana, stand, first))
		h.deliver(h.emu.PostMessage(ana, stand, second))
		r := h.slash(priya, "why <@"+ana+"|ana>")
		for _, want := range []string{"Why unblock counts the blockers of ana", "checkout mocks", "opened it", "said it again"} {
			if !strings.Contains(string(r.Body), want) {
				t.Errorf("answer does not contain %q:\n%s", want, r.Body)
			}
		}
		if strings.Contains(string(r.Body), "cart API") || strings.Contains(string(r.Body), "still blocked") {
			t.Errorf("another person sees the text of Ana's reports:\n%s", r.Body)
		}
	})

	t.Run("ErrSomeoneElsePrivate", func(t *testing.T) {
		// By default topics are not shared: only Ana sees why.
		h := newHarness(t, slackemu.Options{})
		h.deliver(h.emu.PostMessage(ana, stand, first))
		r := h.slash(priya, "why <@"+ana+">")
		if !strings.Contains(r.Text, "Only *ana* can see") || strings.Contains(string(r.Body), "checkout") {
			t.Fatalf("answer = %s; want a refusal that names no topic", r.Body)
		}
	})

	t.Run("ErrUsage", func(t *testing.T) {
		h := newHarness(t, slackemu.Options{})
		for text, want := range map[string]string{
			"why design":           "/blocked why @person",
			"why <@U0NOBODY1>":     "I don't know",
			"why <@" + ana + "> x": "/blocked why @person",
		} {
			if r := h.slash(ana, text); !strings.Contains(r.Text, want) {
				t.Errorf("/blocked %s = %q; want it to say %q", text, r.Text, want)
			}
		}
	})

	t.Run("OKWithinSlackLimits", func(t *testing.T) {
		// Fifteen open blockers, the oldest said eight times with a long text: the
		// answer keeps to Slack's 50 blocks and 3,000 characters a section, shows the
		// oldest and says how many it left out.
		h := newHarness(t, slackemu.Options{})
		h.db.SetExpireAfter(0) // each report here mentions one blocker: none may expire
		pad := strings.Repeat("very long words about the state of things ", 20)
		for range 8 {
			h.deliver(h.emu.PostMessage(ana, stand, "Blockers: still waiting on <@"+dana+"> for the quokka spec. "+pad))
		}
		words := strings.Fields("alpaca bison camel dingo emu ferret gecko heron ibis jackal koala lemur marmot newt")
		for _, w := range words {
			h.slash(ana, "on design "+w)
		}
		if open := h.open(ana); len(open) != 15 {
			t.Fatalf("%d open blockers; want 15", len(open))
		}
		r := h.slash(ana, "why")
		types, texts := responseBlocks(t, r)
		if len(types) > 50 {
			t.Errorf("%d blocks; Slack allows 50", len(types))
		}
		for _, s := range texts {
			if n := utf8.RuneCountInString(s); n > 3000 {
				t.Errorf("a section has %d characters; Slack allows 3000", n)
			}
		}
		for _, want := range []string{"…and 5 more open", "more reports said it again"} {
			if !strings.Contains(string(r.Body), want) {
				t.Errorf("answer does not say %q:\n%s", want, r.Body)
			}
		}
	})
}
