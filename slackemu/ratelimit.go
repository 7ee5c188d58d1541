package slackemu

import (
	"math"
	"sync"
	"time"
)

// RateLimit is a token bucket for one Web API method: Burst calls at once, then
// one more every Interval. Over the limit the call gets HTTP 429 with a
// Retry-After header in whole seconds.
type RateLimit struct {
	Interval   time.Duration // one call is refilled per Interval
	Burst      int           // bucket size; at least 1
	PerChannel bool          // one bucket per "channel" argument (chat.postMessage)
	RetryAfter time.Duration // the Retry-After to send; 0 means until the next token, at least 1 s
}

// DefaultRateLimits are Slack's published limits: chat.postMessage about one
// message per second per channel with short bursts, and the tiers of the other
// methods (Tier 1 1+/min, Tier 2 20+/min, Tier 3 50+/min, Tier 4 100+/min) with
// a minute's worth of burst.
func DefaultRateLimits() map[string]RateLimit {
	tier := func(perMinute int) RateLimit {
		return RateLimit{Interval: time.Minute / time.Duration(perMinute), Burst: perMinute}
	}
	return map[string]RateLimit{
		"chat.postMessage":             {Interval: time.Second, Burst: 5, PerChannel: true},
		"apps.connections.open":        {Interval: time.Minute, Burst: 20},
		"users.list":                   tier(20),
		"usergroups.list":              tier(20),
		"usergroups.users.list":        tier(20),
		"conversations.history":        tier(50),
		"conversations.replies":        tier(50),
		"conversations.members":        tier(100),
		"conversations.info":           tier(100),
		"conversations.open":           tier(50),
		"chat.update":                  tier(50),
		"chat.delete":                  tier(50),
		"chat.postEphemeral":           tier(100),
		"users.info":                   tier(100),
		"views.open":                   tier(100),
		"views.update":                 tier(100),
		"views.push":                   tier(100),
		"views.publish":                tier(100),
		"files.getUploadURLExternal":   tier(100),
		"files.completeUploadExternal": tier(100),
	}
}

type bucket struct {
	tokens float64
	last   time.Time
}

// rateLimiter keeps one bucket per method (and channel). It uses real time so a
// bot backing off for Retry-After seconds gets through whatever the demo's clock.
//
// It also remembers every Retry-After it answered (its window) and counts the
// calls that came inside one: Slack asks a client to wait that long, and a test
// can check that the client did (EarlyCalls).
type rateLimiter struct {
	mu      sync.Mutex
	limits  map[string]RateLimit
	buckets map[string]*bucket
	windows map[string]time.Time // method or method/channel -> end of its Retry-After
	early   map[string]int       // by method: calls made inside a window
	now     func() time.Time
}

func newRateLimiter(limits map[string]RateLimit) *rateLimiter {
	return &rateLimiter{limits: limits, buckets: map[string]*bucket{}, windows: map[string]time.Time{},
		early: map[string]int{}, now: time.Now}
}

// arrive counts a call of method (to channel) made before the end of a
// Retry-After answered for the method, or for the method and that channel.
func (l *rateLimiter) arrive(method, channel string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if now.Before(l.windows[method]) || channel != "" && now.Before(l.windows[method+"/"+channel]) {
		l.early[method]++
	}
}

// refused records that a call of method was answered 429 with Retry-After secs;
// key is the method, or method/channel for a per-channel limit.
func (l *rateLimiter) refused(key string, secs int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if end := l.now().Add(time.Duration(secs) * time.Second); end.After(l.windows[key]) {
		l.windows[key] = end
	}
}

// earlyCalls returns how many calls of method came inside a Retry-After window.
func (l *rateLimiter) earlyCalls(method string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.early[method]
}

// allow takes a token for method (and channel) and reports whether the call may
// proceed; if not, it returns the Retry-After in whole seconds.
func (l *rateLimiter) allow(method, channel string) (bool, int) {
	lim, ok := l.limits[method]
	if !ok || lim.Interval <= 0 {
		return true, 0
	}
	burst := float64(max(lim.Burst, 1))
	key := method
	if lim.PerChannel {
		key += "/" + channel
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{tokens: burst, last: now}
		l.buckets[key] = b
	}
	b.tokens = math.Min(burst, b.tokens+float64(now.Sub(b.last))/float64(lim.Interval))
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	wait := lim.RetryAfter
	if wait <= 0 {
		wait = time.Duration((1 - b.tokens) * float64(lim.Interval))
	}
	secs := max(1, int(math.Ceil(wait.Seconds())))
	if end := now.Add(time.Duration(secs) * time.Second); end.After(l.windows[key]) {
		l.windows[key] = end
	}
	return false, secs
}
