package bot

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/slack-go/slack"
)

// A conversations.open reply that is ok but names no channel fails that DM
// with an error; it does not crash the bot.
func TestDMChannel_ReplyWithoutChannel(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"ok":true}`))
	}))
	defer srv.Close()
	b := &Bot{api: slack.New("xoxb-test", slack.OptionAPIURL(srv.URL+"/"))}
	id, err := b.dmChannel(context.Background(), "U1")
	if err == nil || !strings.Contains(err.Error(), "names no channel") || id != "" {
		t.Fatalf("dmChannel = %q, %v; want an error saying the reply names no channel", id, err)
	}
	if _, ok := b.dms.Load("U1"); ok {
		t.Fatal("an empty channel was remembered for U1")
	}
}
