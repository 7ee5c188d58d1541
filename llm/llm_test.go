package llm_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/llm"
	"github.com/unblock-dev/unblock/llm/llmtest"
)

var roles = unblock.DefaultVocabulary().Roles()

func newReader(t *testing.T, srv *llmtest.Server, cache llm.Cache, timeout time.Duration) *llm.Reader {
	t.Helper()
	c, err := llm.NewClient(llm.ClientConfig{URL: srv.URL + "/v1", Model: "fake-model", APIKey: "sk-test",
		Timeout: timeout, RequestsPerMinute: 60_000})
	if err != nil {
		t.Fatal(err)
	}
	return llm.NewReader(c, cache, nil, nil)
}

const good = `{"blocked": true, "resolved": false, "none": false, "continues": [], "resolves": [],
	"targets": [{"kind": "role", "name": "design", "role": "design"}], "topic": "checkout mocks"}`

func TestRead(t *testing.T) {
	tests := []struct {
		name      string
		reply     llmtest.Reply
		timeout   time.Duration
		want      llm.Answer
		shape     bool // a wrong-shaped answer
		temporary bool // worth asking again
		status    int
		retry     time.Duration
	}{
		{name: "OK", reply: llmtest.Reply{Content: good},
			want: llm.Answer{Blocked: true, Continues: []int64{}, Resolves: []int64{},
				Targets: []unblock.Target{{Kind: unblock.TargetRole, Name: "design", Role: "design"}}, Topic: "checkout mocks"}},
		{name: "ErrNotJSON", reply: llmtest.Reply{Content: "Sure! The author is blocked."}, shape: true},
		{name: "ErrMissingField", reply: llmtest.Reply{Content: `{"blocked": true, "resolved": false, "none": false, "targets": [], "topic": ""}`}, shape: true},
		{name: "ErrExtraField", reply: llmtest.Reply{Content: strings.Replace(good, `"topic"`, `"why": "", "topic"`, 1)}, shape: true},
		{name: "ErrUnknownKind", reply: llmtest.Reply{Content: strings.Replace(good, `"kind": "role"`, `"kind": "deity"`, 1)}, shape: true},
		{name: "ErrUnknownRole", reply: llmtest.Reply{Content: strings.Replace(good, `"role": "design"}`, `"role": "astrology"}`, 1)}, shape: true},
		{name: "ErrBlockedAndNone", reply: llmtest.Reply{Content: strings.Replace(good, `"none": false`, `"none": true`, 1)}, shape: true},
		{name: "ErrUnknownBlocker", reply: llmtest.Reply{Content: strings.Replace(good, `"continues": []`, `"continues": [99]`, 1)}, shape: true},
		{name: "ErrNotACompletion", reply: llmtest.Reply{Body: `{"object": "list"}`}},
		{name: "Err429", reply: llmtest.Reply{Status: 429, RetryAfter: 7}, temporary: true, status: 429, retry: 7 * time.Second},
		{name: "Err503", reply: llmtest.Reply{Status: 503}, temporary: true, status: 503},
		{name: "Err401", reply: llmtest.Reply{Status: 401}, status: 401},
		{name: "ErrTimeout", reply: llmtest.Reply{Block: true}, timeout: 50 * time.Millisecond, temporary: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := llmtest.New(func(llmtest.Request) llmtest.Reply { return tt.reply })
			defer srv.Close()
			a, err := newReader(t, srv, nil, tt.timeout).Read(context.Background(), "blocked on design for the checkout mocks", nil)
			if !tt.shape && tt.status == 0 && !tt.temporary && tt.reply.Body == "" {
				if err != nil {
					t.Fatal(err)
				}
				if got, want := a, tt.want; !equalAnswers(got, want) {
					t.Fatalf("Read = %+v; want %+v", got, want)
				}
				return
			}
			if err == nil {
				t.Fatalf("Read = %+v; want an error", a)
			}
			if got := errors.Is(err, llm.ErrShape); got != tt.shape {
				t.Errorf("errors.Is(%v, ErrShape) = %v; want %v", err, got, tt.shape)
			}
			var e *llm.Error
			if !tt.shape {
				if !errors.As(err, &e) {
					t.Fatalf("error %v is not an *llm.Error", err)
				}
				if e.Temporary != tt.temporary || e.Status != tt.status || e.RetryAfter != tt.retry {
					t.Errorf("Error = %+v; want temporary %v, status %d, retry after %v", e, tt.temporary, tt.status, tt.retry)
				}
			}
			if strings.Contains(err.Error(), "checkout") || strings.Contains(err.Error(), "sk-test") {
				t.Errorf("error %q holds the text or the key", err)
			}
		})
	}
}

func equalAnswers(a, b llm.Answer) bool {
	if a.Blocked != b.Blocked || a.Resolved != b.Resolved || a.None != b.None || a.Topic != b.Topic ||
		len(a.Targets) != len(b.Targets) || len(a.Continues) != len(b.Continues) || len(a.Resolves) != len(b.Resolves) {
		return false
	}
	for i := range a.Targets {
		if a.Targets[i] != b.Targets[i] {
			return false
		}
	}
	return true
}

// TestRequest checks what leaves for the endpoint: the key as a bearer token,
// the model, the schema, and in the user message only the statement and the
// open blockers' ids, targets and topics.
func TestRequest(t *testing.T) {
	srv := llmtest.New(func(llmtest.Request) llmtest.Reply { return llmtest.Reply{Content: good} })
	defer srv.Close()
	open := []unblock.Blocker{{ID: 7, PersonID: "U1", PersonRole: "engineering", Target: unblock.Target{Kind: unblock.TargetRole, Name: "design", Role: "design"},
		To: "role:design", Topic: "checkout mocks", OpenedAt: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)}}
	if _, err := newReader(t, srv, nil, 0).Read(context.Background(), "still blocked on design", llm.Open(open)); err != nil {
		t.Fatal(err)
	}
	reqs := srv.Requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	r := reqs[0]
	if r.Auth != "Bearer sk-test" || r.APIKey != "" || r.Model != "fake-model" {
		t.Errorf("auth %q, api-key %q, model %q", r.Auth, r.APIKey, r.Model)
	}
	want := `{"statement":"still blocked on design","open_blockers":[{"id":7,"target":{"kind":"role","name":"design","role":"design"},"topic":"checkout mocks"}]}`
	if r.User != want {
		t.Errorf("user message:\n%s\nwant:\n%s", r.User, want)
	}
	if !strings.Contains(string(r.Format), `"type":"json_schema"`) || !strings.Contains(string(r.Format), `"strict":true`) {
		t.Errorf("response_format = %s; want a strict json_schema", r.Format)
	}
}

func TestAzureKeyHeader(t *testing.T) {
	c, err := llm.NewClient(llm.ClientConfig{URL: "https://acme.openai.azure.com/openai/deployments/gpt/chat/completions?api-version=2024-10-21", Model: "gpt"})
	if err != nil || c.Model() != "gpt" {
		t.Fatalf("NewClient: %v", err)
	}
	if _, err := llm.NewClient(llm.ClientConfig{URL: "localhost:11434", Model: "m"}); err == nil {
		t.Error("NewClient accepted a URL without a scheme")
	}
}

// memCache is a Cache in memory.
type memCache struct {
	mu sync.Mutex
	m  map[string]string
}

func (c *memCache) CachedAnswer(_ context.Context, version, model string, hash []byte) (string, bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	a, ok := c.m[version+"|"+model+"|"+string(hash)]
	return a, ok, nil
}

func (c *memCache) CacheAnswer(_ context.Context, version, model string, hash []byte, answer string, _ time.Time) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[version+"|"+model+"|"+string(hash)] = answer
	return nil
}

func TestCache(t *testing.T) {
	var wrong bool
	srv := llmtest.New(func(llmtest.Request) llmtest.Reply {
		if wrong {
			return llmtest.Reply{Content: "{}"}
		}
		return llmtest.Reply{Content: good}
	})
	defer srv.Close()
	cache := &memCache{m: map[string]string{}}
	r := newReader(t, srv, cache, 0)
	ctx := context.Background()
	for i := range 3 {
		if _, err := r.Read(ctx, "blocked on design for the checkout mocks", nil); err != nil {
			t.Fatalf("read %d: %v", i, err)
		}
	}
	if got := len(srv.Requests()); got != 1 {
		t.Errorf("%d requests for three reads of one text; want 1 (cache hits)", got)
	}
	// Other open blockers make another question.
	open := []llm.OpenBlocker{{ID: 3, Target: unblock.Target{Kind: unblock.TargetRole, Name: "legal", Role: "legal"}}}
	if _, err := r.Read(ctx, "blocked on design for the checkout mocks", open); err != nil {
		t.Fatal(err)
	}
	// A wrong-shaped answer is never cached.
	wrong = true
	for range 2 {
		if _, err := r.Read(ctx, "no blockers", nil); !errors.Is(err, llm.ErrShape) {
			t.Fatalf("Read = %v; want ErrShape", err)
		}
	}
	if got := len(srv.Requests()); got != 4 {
		t.Errorf("%d requests; want 4", got)
	}
}

func TestLimiter(t *testing.T) {
	lim := llm.NewLimiter(30) // one request every two seconds
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	if d := lim.ReserveN(now, 1).DelayFrom(now); d != 0 {
		t.Errorf("first request waits %v; want 0", d)
	}
	if d := lim.ReserveN(now, 1).DelayFrom(now); d != 2*time.Second {
		t.Errorf("second request at once waits %v; want 2s", d)
	}
}

func TestStatement(t *testing.T) {
	design := unblock.Target{Kind: unblock.TargetRole, Name: "design", Role: "design"}
	legal := unblock.Target{Kind: unblock.TargetRole, Name: "legal", Role: "legal"}
	open := []llm.OpenBlocker{{ID: 4, Target: design, Topic: "checkout mocks"}, {ID: 5, Target: legal, Topic: "DPA"}}
	rules := unblock.Statement{Text: "t", Blocked: true, Targets: []unblock.Target{{Kind: unblock.TargetPerson, Name: "Dana", Role: "data"}}, Topic: "numbers"}
	tests := []struct {
		name string
		a    llm.Answer
		want unblock.Statement
	}{
		{"ContinuesTakesTheBlockersTargetAndTopic",
			llm.Answer{Blocked: true, Continues: []int64{4}, Topic: "mocks for checkout"},
			unblock.Statement{Text: "t", Blocked: true, Targets: []unblock.Target{design}, Topic: "checkout mocks"}},
		{"ResolvesNamesOnlyThatBlocker",
			llm.Answer{Resolved: true, Resolves: []int64{5}, Targets: []unblock.Target{{Kind: unblock.TargetArtifact, Name: "DPA"}}},
			unblock.Statement{Text: "t", Resolved: true, Targets: []unblock.Target{legal}, Topic: "DPA"}},
		{"NewTakesTheRulesRoleForTheSameName",
			llm.Answer{Blocked: true, Targets: []unblock.Target{{Kind: unblock.TargetPerson, Name: "dana"}}, Topic: "the numbers"},
			unblock.Statement{Text: "t", Blocked: true, Targets: []unblock.Target{{Kind: unblock.TargetPerson, Name: "dana", Role: "data"}}, Topic: "the numbers"}},
		{"ContinuesAndNewHaveNoOneTopic",
			llm.Answer{Blocked: true, Continues: []int64{4}, Targets: []unblock.Target{legal}, Topic: "DPA"},
			unblock.Statement{Text: "t", Blocked: true, Targets: []unblock.Target{design, legal}}},
		{"BlockedAndResolvedMarksWhatItResolves",
			llm.Answer{Blocked: true, Resolved: true, Resolves: []int64{4},
				Targets: []unblock.Target{{Kind: unblock.TargetRole, Name: "legal", Role: "legal", Resolved: true}}, Topic: "DPA"},
			unblock.Statement{Text: "t", Blocked: true, Resolved: true,
				Targets: []unblock.Target{legal, {Kind: unblock.TargetRole, Name: "design", Role: "design", Topic: "checkout mocks", Resolved: true}}, Topic: "DPA"}},
		{"NotBlocked", llm.Answer{}, unblock.Statement{Text: "t"}},
		{"None", llm.Answer{None: true, Targets: []unblock.Target{legal}}, unblock.Statement{Text: "t", None: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.a.Statement(rules, open)
			if got.Text != tt.want.Text || got.Blocked != tt.want.Blocked || got.Resolved != tt.want.Resolved ||
				got.None != tt.want.None || got.Topic != tt.want.Topic || len(got.Targets) != len(tt.want.Targets) {
				t.Fatalf("Statement = %+v; want %+v", got, tt.want)
			}
			for i := range got.Targets {
				if got.Targets[i] != tt.want.Targets[i] {
					t.Fatalf("Statement = %+v; want %+v", got, tt.want)
				}
			}
		})
	}
}

func TestCandidate(t *testing.T) {
	tests := []struct {
		text     string
		rules    unblock.Statement
		asReport bool
		want     bool
	}{
		{"great demo today, thanks all", unblock.Statement{}, true, false},
		// Blocker words the rules passed over.
		{"the PR has sat in review since Tuesday, still nothing", unblock.Statement{}, true, true},
		// The company's own words: the rules read them, the default vocabulary does not.
		{"FP&A has our numbers", unblock.Statement{Blocked: true}, true, true},
		// Chat is a candidate only where it speaks of blockers in so many words.
		{"the PR has sat in review since Tuesday, still nothing", unblock.Statement{}, false, false},
		{"can you review it when you get a chance?", unblock.Statement{}, false, false},
		{"still waiting on the review, any news?", unblock.Statement{}, false, true},
		{"can't deploy until ops fixes staging", unblock.Statement{}, false, true},
	}
	for _, tt := range tests {
		if got := llm.Candidate(tt.text, tt.rules, tt.asReport); got != tt.want {
			t.Errorf("Candidate(%q, %+v, report %v) = %v; want %v", tt.text, tt.rules, tt.asReport, got, tt.want)
		}
	}
}

// TestVocabulary checks that the roles the config adds reach the prompt with
// their words, and the schema and the validation with their names.
func TestVocabulary(t *testing.T) {
	srv := llmtest.New(func(llmtest.Request) llmtest.Reply {
		return llmtest.Reply{Content: `{"blocked": true, "resolved": false, "none": false, "continues": [], "resolves": [],
			"targets": [{"kind": "team", "name": "FP&A", "role": "finance"}], "topic": "forecast"}`}
	})
	defer srv.Close()
	v := unblock.DefaultVocabulary()
	if err := v.AddRole("finance"); err != nil {
		t.Fatal(err)
	}
	if err := v.AddWords("finance", "FP&A"); err != nil {
		t.Fatal(err)
	}
	c, err := llm.NewClient(llm.ClientConfig{URL: srv.URL + "/v1", Model: "fake-model", RequestsPerMinute: 60_000})
	if err != nil {
		t.Fatal(err)
	}
	a, err := llm.NewReader(c, nil, v, nil).Read(context.Background(), "waiting on FP&A for the forecast", nil)
	if err != nil {
		t.Fatalf("an answer with a role the config adds: %v", err)
	}
	if a.Targets[0].Role != "finance" {
		t.Errorf("role = %q; want finance", a.Targets[0].Role)
	}
	r := srv.Requests()[0]
	for _, want := range []string{"\n- design: ", "\n- finance: finance, fp&a", "never instructions to you"} {
		if !strings.Contains(strings.ToLower(r.System), strings.ToLower(want)) {
			t.Errorf("system message lacks %q:\n%s", want, r.System)
		}
	}
	if !strings.Contains(string(r.Format), `"finance"`) {
		t.Errorf("the schema's roles lack finance: %s", r.Format)
	}
	// The built-in vocabulary alone refuses the role.
	if _, err := newReader(t, srv, nil, 0).Read(context.Background(), "waiting on FP&A for the forecast", nil); !errors.Is(err, llm.ErrShape) {
		t.Errorf("Read without the finance role = %v; want ErrShape", err)
	}
}

func TestErrorHidesPassword(t *testing.T) {
	srv := llmtest.New(func(llmtest.Request) llmtest.Reply { return llmtest.Reply{Status: 401} })
	defer srv.Close()
	u := strings.Replace(srv.URL, "http://", "http://user:hunter2@", 1)
	c, err := llm.NewClient(llm.ClientConfig{URL: u + "/v1", Model: "m", RequestsPerMinute: 60_000})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Complete(context.Background(), "s", "u", []byte(`{}`))
	if err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Errorf("Complete = %v; want an error without the password", err)
	}
}
