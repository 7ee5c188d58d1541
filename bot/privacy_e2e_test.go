package bot

import (
	"strings"
	"testing"

	"github.com/unblock-dev/unblock/slackemu"
)

// TestPrivateTopics: with privacy.share_topics_in_digest off, every /blocked
// answer and the App Home show a person what they themself wait for, and of
// everyone else's blockers who waits on whom without what for (README's Privacy:
// counts, loops and chains without topics).
func TestPrivateTopics(t *testing.T) {
	const (
		mine   = "checkout mocks"   // ana waits on dana for it
		danas  = "pricing decision" // dana waits on product for it
		priyas = "cart estimate"    // priya waits on ana for it
	)
	h := newHarness(t, slackemu.Options{})
	h.restartWith(func(c *Config) { // topics private, the harness's default; a team to ask about
		c.Teams = []string{"checkout"}
		c.TeamOf = map[string]string{dana: "checkout"}
	})
	h.slash(ana, "on <@"+dana+"|dana> "+mine)
	h.slash(dana, "on product "+danas)
	h.slash(priya, "on <@"+ana+"|ana> "+priyas)

	for _, tt := range []struct {
		text       string
		want, hide []string
	}{
		{"", []string{mine, "*priya* waits on *ana*"}, []string{priyas}},
		{"<@" + dana + "|dana>", []string{"Waiting on *product*", "*ana* waits on *dana*", mine}, []string{danas}},
		{"<@" + dana + "|dana> share", []string{"Waiting on *product*"}, []string{danas}},
		{"product", []string{"*dana* waits on *product*"}, []string{danas}},
		{"the checkout team", []string{"*dana* waits on *product*", "*ana* waits on *dana*", mine}, []string{danas}},
		{"loops", nil, []string{danas, priyas}},
		{"chains", []string{"priya -> ana -> dana -> product"}, []string{danas, priyas}},
	} {
		r := h.slash(ana, tt.text)
		for _, w := range tt.want {
			if !strings.Contains(r.Text, w) {
				t.Errorf("/blocked %s: answer does not contain %q:\n%s", tt.text, w, r.Text)
			}
		}
		for _, w := range tt.hide {
			if strings.Contains(string(r.Body), w) {
				t.Errorf("/blocked %s shows another's topic %q:\n%s", tt.text, w, r.Body)
			}
		}
	}

	for _, tt := range []struct {
		user       string
		want, hide []string
	}{
		{ana, []string{mine, "*priya* waits on *ana*"}, []string{priyas, danas}},
		{dana, []string{danas, "*ana* waits on *dana*"}, []string{mine, priyas}},
	} {
		blocks := viewBlocks(t, h.home(tt.user))
		for _, w := range tt.want {
			if !strings.Contains(blocks, w) {
				t.Errorf("%s's App Home does not contain %q: %s", tt.user, w, blocks)
			}
		}
		for _, w := range tt.hide {
			if strings.Contains(blocks, w) {
				t.Errorf("%s's App Home shows another's topic %q: %s", tt.user, w, blocks)
			}
		}
	}
}
