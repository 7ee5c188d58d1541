package slackemu

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"
)

func TestAuthTest(t *testing.T) {
	s := mustStart(t, Options{})
	res, err := newAPI(s).AuthTestContext(testCtx(t))
	if err != nil {
		t.Fatal(err)
	}
	if res.UserID != BotUserID || res.BotID != BotID || res.TeamID != TeamID {
		t.Fatalf("auth.test = %+v", res)
	}
}

func TestTokens(t *testing.T) {
	s := mustStart(t, Options{})
	ctx := testCtx(t)
	t.Run("ErrAppTokenForWebAPI", func(t *testing.T) {
		api := slack.New(s.AppToken(), slack.OptionAPIURL(s.APIURL()))
		if _, err := api.AuthTestContext(ctx); err == nil || err.Error() != "not_allowed_token_type" {
			t.Fatalf("err = %v, want not_allowed_token_type", err)
		}
	})
	t.Run("ErrBotTokenForConnectionsOpen", func(t *testing.T) {
		api := slack.New(s.BotToken(), slack.OptionAPIURL(s.APIURL()), slack.OptionAppLevelToken(s.BotToken()))
		if _, _, err := api.StartSocketModeContext(ctx); err == nil || err.Error() != "not_allowed_token_type" {
			t.Fatalf("err = %v, want not_allowed_token_type", err)
		}
	})
	t.Run("ErrUnknownToken", func(t *testing.T) {
		api := slack.New("xoxb-nope", slack.OptionAPIURL(s.APIURL()))
		if _, err := api.AuthTestContext(ctx); err == nil || err.Error() != "invalid_auth" {
			t.Fatalf("err = %v, want invalid_auth", err)
		}
	})
	t.Run("ErrAppTokenInForm", func(t *testing.T) {
		got := postForm(t, s, "apps.connections.open", url.Values{"token": {s.AppToken()}})
		if got["error"] != "not_authed" {
			t.Fatalf("answer = %v, want not_authed", got)
		}
	})
	t.Run("ErrUnknownMethod", func(t *testing.T) {
		got := postForm(t, s, "chat.teleport", url.Values{"token": {s.BotToken()}})
		if got["error"] != "unknown_method" || got["ok"] != false {
			t.Fatalf("answer = %v, want unknown_method", got)
		}
	})
	t.Run("OKConnectionsOpen", func(t *testing.T) {
		_, u, err := newAPI(s).StartSocketModeContext(ctx)
		if err != nil || !strings.HasPrefix(u, "ws://127.0.0.1:") || !strings.Contains(u, "/link/?ticket=") {
			t.Fatalf("url = %q, err = %v", u, err)
		}
	})
}

// postForm posts a raw form to method and returns the decoded answer.
func postForm(t *testing.T, s *Server, method string, form url.Values) map[string]any {
	t.Helper()
	resp, err := http.PostForm(s.APIURL()+method, form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status = %d", resp.StatusCode)
	}
	var got map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil {
		t.Fatal(err)
	}
	return got
}

func TestPostAndUpdate(t *testing.T) {
	s := mustStart(t, Options{})
	api, ctx := newAPI(s), testCtx(t)
	blocks := slack.MsgOptionBlocks(slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, "*standup*", false, true), nil, nil))
	ch, ts, err := api.PostMessageContext(ctx, general, slack.MsgOptionText("a <b> & c", true), blocks)
	if err != nil {
		t.Fatal(err)
	}
	if ch != general || !strings.Contains(ts, ".") {
		t.Fatalf("PostMessage = %q, %q", ch, ts)
	}
	_, ts2, err := api.PostMessageContext(ctx, general, slack.MsgOptionText("reply", false), slack.MsgOptionTS(ts))
	if err != nil || ts2 == ts {
		t.Fatalf("reply ts = %q, err = %v", ts2, err)
	}
	if _, _, _, err := api.UpdateMessageContext(ctx, general, ts, slack.MsgOptionText("edited", false)); err != nil {
		t.Fatal(err)
	}

	msgs := s.Messages(general)
	if len(msgs) != 2 {
		t.Fatalf("messages = %+v", msgs)
	}
	if m := msgs[0]; m.Text != "edited" || m.EditedTS == "" || m.BotID != BotID || m.Replies != 1 || m.Blocks == nil {
		t.Fatalf("parent = %+v", m)
	}
	if m := msgs[1]; m.ThreadTS != ts || m.User != BotUserID {
		t.Fatalf("reply = %+v", m)
	}
	if got := s.Calls("chat.postMessage")[0].Arg("text"); got != "a &lt;b&gt; &amp; c" {
		t.Fatalf("stored text = %q, want it escaped as sent", got)
	}

	hist, err := api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{ChannelID: general})
	if err != nil || len(hist.Messages) != 1 || hist.Messages[0].Text != "edited" {
		t.Fatalf("history = %+v, err = %v", hist, err)
	}
	replies, _, _, err := api.GetConversationRepliesContext(ctx, &slack.GetConversationRepliesParameters{ChannelID: general, Timestamp: ts})
	if err != nil || len(replies) != 2 || replies[1].Text != "reply" {
		t.Fatalf("replies = %+v, err = %v", replies, err)
	}
}

func TestWebAPIErrors(t *testing.T) {
	s := mustStart(t, Options{RateLimits: map[string]RateLimit{}})
	long := strings.Repeat("x", 3001)
	tests := []struct {
		name   string
		method string
		form   url.Values
		want   string
	}{
		{"BlocksNotJSON", "chat.postMessage", url.Values{"channel": {general}, "blocks": {"[{"}}, "invalid_blocks"},
		{"BlocksNotArray", "chat.postMessage", url.Values{"channel": {general}, "blocks": {`{"type":"section"}`}}, "invalid_blocks"},
		{"SectionTooLong", "chat.postMessage", url.Values{"channel": {general},
			"blocks": {`[{"type":"section","text":{"type":"mrkdwn","text":"` + long + `"}}]`}}, "invalid_blocks"},
		{"TooManyBlocks", "chat.postMessage", url.Values{"channel": {general},
			"blocks": {"[" + strings.Repeat(`{"type":"divider"},`, 50) + `{"type":"divider"}]`}}, "invalid_blocks"},
		{"TextTooLong", "chat.postMessage", url.Values{"channel": {general}, "text": {strings.Repeat("y", 40001)}}, "msg_too_long"},
		{"NoText", "chat.postMessage", url.Values{"channel": {general}}, "no_text"},
		{"UnknownChannel", "chat.postMessage", url.Values{"channel": {"C0NOPE"}, "text": {"hi"}}, "channel_not_found"},
		{"PrivateNotMember", "chat.postMessage", url.Values{"channel": {secret}, "text": {"hi"}}, "channel_not_found"},
		{"UpdateMissing", "chat.update", url.Values{"channel": {general}, "ts": {"1.000001"}, "text": {"x"}}, "message_not_found"},
		{"UnknownUser", "users.info", url.Values{"user": {"U0NOPE"}}, "user_not_found"},
		{"UnknownGroup", "usergroups.users.list", url.Values{"usergroup": {"S0NOPE"}}, "no_such_subteam"},
		{"BadTrigger", "views.open", url.Values{"trigger_id": {"1.2.3"},
			"view": {`{"type":"modal","title":{"type":"plain_text","text":"t"},"blocks":[]}`}}, "invalid_trigger_id"},
		{"BadCursor", "users.list", url.Values{"cursor": {"bogus"}}, "invalid_cursor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.form.Set("token", s.BotToken())
			got := postForm(t, s, tt.method, tt.form)
			if got["ok"] != false || got["error"] != tt.want {
				t.Fatalf("%s(%v) = %v; want error %q", tt.method, tt.form, got, tt.want)
			}
		})
	}
}

func TestPublishView(t *testing.T) {
	s := mustStart(t, Options{})
	api, ctx := newAPI(s), testCtx(t)
	view := slack.HomeTabViewRequest{Type: slack.VTHomeTab, CallbackID: "home",
		Blocks: slack.Blocks{BlockSet: []slack.Block{slack.NewDividerBlock()}}}
	res, err := api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: ana, View: view})
	if err != nil {
		t.Fatal(err)
	}
	got, ok := s.HomeView(ana)
	if !ok || got.ID != res.View.ID || got.CallbackID != "home" || got.Type != "home" {
		t.Fatalf("HomeView = %+v, %v; response view %+v", got, ok, res.View)
	}
	if c := s.Calls("views.publish")[0]; c.Arg("user_id") != ana {
		t.Fatalf("call = %+v", c)
	}
	// A stale hash is refused, as Slack does.
	stale := "1.stale"
	if _, err := api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: ana, View: view, Hash: &stale}); err == nil || err.Error() != "hash_conflict" {
		t.Fatalf("err = %v, want hash_conflict", err)
	}
}

func TestRateLimited(t *testing.T) {
	s := mustStart(t, Options{RateLimits: map[string]RateLimit{
		"chat.postMessage": {Interval: time.Hour, Burst: 1, PerChannel: true, RetryAfter: 7 * time.Second},
	}})
	api, ctx := newAPI(s), testCtx(t)
	if _, _, err := api.PostMessageContext(ctx, general, slack.MsgOptionText("one", false)); err != nil {
		t.Fatal(err)
	}
	_, _, err := api.PostMessageContext(ctx, general, slack.MsgOptionText("two", false))
	var rle *slack.RateLimitedError
	if !errors.As(err, &rle) || rle.RetryAfter != 7*time.Second {
		t.Fatalf("err = %v, want RateLimitedError after 7s", err)
	}
	// The limit is per channel.
	if _, _, err := api.PostMessageContext(ctx, s.IMChannel(ana), slack.MsgOptionText("dm", false)); err != nil {
		t.Fatal(err)
	}
	calls := s.Calls("chat.postMessage")
	if len(calls) != 3 || calls[1].Status != http.StatusTooManyRequests || calls[1].Error != "ratelimited" {
		t.Fatalf("calls = %+v", calls)
	}
	if n := len(s.Messages(general)); n != 1 {
		t.Fatalf("messages in general = %d, want 1", n)
	}
}

func TestRateLimiterRetryAfter(t *testing.T) {
	now := time.Unix(1000, 0)
	l := newRateLimiter(map[string]RateLimit{"m": {Interval: 2500 * time.Millisecond, Burst: 2}})
	l.now = func() time.Time { return now }
	for i, want := range []bool{true, true, false} {
		if ok, _ := l.allow("m", ""); ok != want {
			t.Fatalf("call %d allowed = %v, want %v", i, ok, want)
		}
	}
	if _, wait := l.allow("m", ""); wait != 3 {
		t.Fatalf("Retry-After = %d, want 3 (2.5 s rounded up)", wait)
	}
	now = now.Add(2500 * time.Millisecond)
	if ok, _ := l.allow("m", ""); !ok {
		t.Fatal("not allowed after a refill")
	}
}

func TestDirectory(t *testing.T) {
	s := mustStart(t, Options{})
	api, ctx := newAPI(s), testCtx(t)
	for i := range 5 {
		s.AddUser(User{ID: "U1" + string(rune('A'+i)), Name: "u" + string(rune('a'+i))})
	}
	users, err := api.GetUsersContext(ctx, slack.GetUsersOptionLimit(2))
	if err != nil || len(users) != 8 {
		t.Fatalf("users = %d, err = %v; want 8 over several pages", len(users), err)
	}
	if n := len(s.Calls("users.list")); n != 4 {
		t.Fatalf("users.list calls = %d, want 4 pages", n)
	}
	u, err := api.GetUserInfoContext(ctx, ana)
	if err != nil || u.Profile.Title != "Senior Engineer" || u.TZ != "UTC" || u.RealName != "Ana Ruiz" {
		t.Fatalf("user = %+v, err = %v", u, err)
	}
	groups, err := api.GetUserGroupsContext(ctx, slack.GetUserGroupsOptionIncludeUsers(true))
	if err != nil || len(groups) != 1 || groups[0].Handle != "design" || len(groups[0].Users) != 1 {
		t.Fatalf("groups = %+v, err = %v", groups, err)
	}
	members, err := api.GetUserGroupMembersContext(ctx, "S0DESIGN")
	if err != nil || len(members) != 1 || members[0] != ben {
		t.Fatalf("members = %v, err = %v", members, err)
	}
	ch, _, already, err := api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{ana}})
	if err != nil || ch.ID != s.IMChannel(ana) || !strings.HasPrefix(ch.ID, "D") || already {
		t.Fatalf("conversations.open = %+v, %v, %v", ch, already, err)
	}
	info, err := api.GetConversationInfoContext(ctx, &slack.GetConversationInfoInput{ChannelID: general})
	if err != nil || info.Name != "general" || !info.IsMember {
		t.Fatalf("conversations.info = %+v, err = %v", info, err)
	}
	inChannel, _, err := api.GetUsersInConversationContext(ctx, &slack.GetUsersInConversationParameters{ChannelID: general})
	if err != nil || len(inChannel) != 3 {
		t.Fatalf("conversations.members = %v, err = %v", inChannel, err)
	}
}

func TestUploadFile(t *testing.T) {
	s := mustStart(t, Options{})
	api, ctx := newAPI(s), testCtx(t)
	content := "digraph { a -> b }"
	f, err := api.UploadFileContext(ctx, slack.UploadFileParameters{
		Filename: "loops.dot", FileSize: len(content), Content: content, Channel: general, Title: "Loops",
	})
	if err != nil {
		t.Fatal(err)
	}
	files := s.Files()
	if len(files) != 1 || files[0].ID != f.ID || string(files[0].Data) != content || files[0].Title != "Loops" ||
		!files[0].Complete || len(files[0].Channels) != 1 || files[0].Channels[0] != general {
		t.Fatalf("files = %+v, summary %+v", files, f)
	}
	if msgs := s.Messages(general); len(msgs) != 1 || len(msgs[0].Files) != 1 || msgs[0].Files[0] != f.ID {
		t.Fatalf("messages = %+v", msgs)
	}
}

func TestJSONBody(t *testing.T) {
	s := mustStart(t, Options{})
	body := strings.NewReader(`{"channel":"` + general + `","text":"json","blocks":[{"type":"divider"}]}`)
	req, _ := http.NewRequest(http.MethodPost, s.APIURL()+"chat.postMessage", body)
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set("Authorization", "Bearer "+s.BotToken())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var got map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil || got["ok"] != true {
		t.Fatalf("answer = %v, err = %v", got, err)
	}
	if msgs := s.Messages(general); len(msgs) != 1 || msgs[0].Text != "json" || string(msgs[0].Blocks) != `[{"type":"divider"}]` {
		t.Fatalf("messages = %+v", msgs)
	}
}

// TestFaultAnswers: what injected faults answer, as a proxy or Slack would.
func TestFaultAnswers(t *testing.T) {
	s := mustStart(t, Options{RateLimits: map[string]RateLimit{}})
	tests := []struct {
		name        string
		fault       Fault
		status      int
		ctype       string
		retryAfter  []string
		bodyHas     string
		wantWarning bool
	}{
		{"429", Fault{Status: 429, RetryAfter: 7}, 429, "application/json", []string{"7"}, `"ratelimited"`, false},
		{"429 without Retry-After", Fault{Status: 429, RetryAfter: -1}, 429, "application/json", nil, `"ratelimited"`, false},
		{"HTML page with 200", Fault{HTML: true}, 200, "text/html", nil, "<html>", false},
		{"HTML 502", Fault{HTML: true, Status: 502}, 502, "text/html", nil, "Bad Gateway", false},
		{"warning", Fault{Warning: "missing_charset"}, 200, "application/json", nil, `"warnings":["missing_charset"]`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s.InjectFault("auth.test", tt.fault)
			defer s.ClearFaults()
			resp, err := http.PostForm(s.APIURL()+"auth.test", url.Values{"token": {s.BotToken()}})
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body := new(strings.Builder)
			if _, err := io.Copy(body, resp.Body); err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tt.status || !strings.HasPrefix(resp.Header.Get("Content-Type"), tt.ctype) ||
				!slices.Equal(resp.Header.Values("Retry-After"), tt.retryAfter) || !strings.Contains(body.String(), tt.bodyHas) {
				t.Fatalf("auth.test = %d %q Retry-After %q %s; want %d %q %q with %s", resp.StatusCode, resp.Header.Get("Content-Type"),
					resp.Header.Values("Retry-After"), body, tt.status, tt.ctype, tt.retryAfter, tt.bodyHas)
			}
			if tt.wantWarning && !strings.Contains(body.String(), `"ok":true`) {
				t.Fatalf("a warning fault failed the call: %s", body)
			}
		})
	}
}

// TestEarlyCalls: calls made before a Retry-After the server answered has passed
// are counted, for the method (an injected 429) or the method and channel (a
// per-channel limit); calls after it, or to another channel, are not.
func TestEarlyCalls(t *testing.T) {
	s := mustStart(t, Options{RateLimits: map[string]RateLimit{
		"chat.postMessage": {Interval: time.Hour, Burst: 1, PerChannel: true, RetryAfter: time.Hour},
	}})
	now := time.Unix(1_000_000, 0)
	s.limiter.now = func() time.Time { return now }
	api, ctx := newAPI(s), testCtx(t)
	post := func(channel string) error {
		_, _, err := api.PostMessageContext(ctx, channel, slack.MsgOptionText("hi", false))
		return err
	}
	if err := post(general); err != nil {
		t.Fatal(err)
	}
	if err := post(general); err == nil {
		t.Fatal("the second post within the limit was accepted")
	}
	if n := s.EarlyCalls("chat.postMessage"); n != 0 {
		t.Fatalf("early calls after the first 429 = %d, want 0", n)
	}
	_ = post(general)                              // inside the channel's window
	if err := post(s.IMChannel(ana)); err != nil { // another channel: its own bucket
		t.Fatal(err)
	}
	if n := s.EarlyCalls("chat.postMessage"); n != 1 {
		t.Fatalf("early calls = %d, want 1", n)
	}

	s.InjectFault("users.info", Fault{Status: 429, RetryAfter: 30, Times: 1})
	if _, err := api.GetUserInfoContext(ctx, ana); err == nil {
		t.Fatal("users.info was not refused")
	}
	now = now.Add(29 * time.Second)
	_, _ = api.GetUserInfoContext(ctx, ana)
	now = now.Add(2 * time.Second)
	if _, err := api.GetUserInfoContext(ctx, ana); err != nil {
		t.Fatal(err)
	}
	if n := s.EarlyCalls("users.info"); n != 1 {
		t.Fatalf("early users.info calls = %d, want 1 (at 29 s of 30)", n)
	}
}
