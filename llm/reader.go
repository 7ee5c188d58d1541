package llm

import (
	"context"
	"encoding/json"
	"time"

	"github.com/unblock-dev/unblock"
)

// Completer sends one chat completion; *Client is one.
type Completer interface {
	Complete(ctx context.Context, system, user string, schema json.RawMessage) (string, error)
	Model() string
}

// Cache keeps valid answers by prompt version, model and the hash of the
// request's content (Hash). The store is one.
type Cache interface {
	CachedAnswer(ctx context.Context, version, model string, hash []byte) (answer string, ok bool, err error)
	CacheAnswer(ctx context.Context, version, model string, hash []byte, answer string, at time.Time) error
}

// Reader asks the model about statements. It is safe for concurrent use if
// its Completer and Cache are.
type Reader struct {
	llm    Completer
	cache  Cache // nil: no cache
	roles  []unblock.Role
	system string
	schema json.RawMessage
	now    func() time.Time
}

// NewReader returns a reader that asks c with the role vocabulary v (the
// built-in one and the config's additions; nil: the built-in one) and keeps
// answers in cache (nil for none).
func NewReader(c Completer, cache Cache, v *unblock.Vocabulary, now func() time.Time) *Reader {
	if now == nil {
		now = time.Now
	}
	if v == nil {
		v = unblock.DefaultVocabulary()
	}
	roles := v.Roles()
	return &Reader{llm: c, cache: cache, roles: roles, system: instructions + rolesPrompt(v), schema: Schema(roles), now: now}
}

// Roles returns the roles an answer may name.
func (r *Reader) Roles() []unblock.Role { return r.roles }

// Model returns the model asked.
func (r *Reader) Model() string { return r.llm.Model() }

// Ask sends text and the author's open blockers and returns the raw content
// of the answer, unvalidated and uncached: what "unblock eval -record" keeps.
func (r *Reader) Ask(ctx context.Context, text string, open []OpenBlocker) (string, error) {
	content, err := r.llm.Complete(ctx, r.system, userMessage(text, open), r.schema)
	if err != nil {
		return "", err
	}
	return compactJSON(content), nil
}

// Parse validates a raw answer given for the open blockers.
func (r *Reader) Parse(content string, open []OpenBlocker) (Answer, error) {
	return ParseAnswer(content, open, r.roles)
}

// Read returns the validated answer for text and the author's open blockers,
// from the cache when it holds one (the key covers the statement and the open
// blockers; the instructions and the vocabulary are the prompt version's, so a
// changed vocabulary is a new key too). Only valid answers are cached. A cache
// failure is not an error: the model is asked.
func (r *Reader) Read(ctx context.Context, text string, open []OpenBlocker) (Answer, error) {
	hash := Hash(r.system + "\x00" + userMessage(text, open))
	model := r.llm.Model()
	if r.cache != nil {
		if content, ok, err := r.cache.CachedAnswer(ctx, PromptVersion, model, hash); err == nil && ok {
			if a, err := r.Parse(content, open); err == nil {
				return a, nil
			}
		}
	}
	content, err := r.Ask(ctx, text, open)
	if err != nil {
		return Answer{}, err
	}
	a, err := r.Parse(content, open)
	if err != nil {
		return Answer{}, err
	}
	if r.cache != nil {
		_ = r.cache.CacheAnswer(ctx, PromptVersion, model, hash, content, r.now()) // a lost cache entry costs one request
	}
	return a, nil
}
