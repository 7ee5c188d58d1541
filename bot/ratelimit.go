package bot

import (
	"bytes"
	"io"
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// DefaultRetryAfter is how long a Web API method is left alone after a 429 that
// names no usable Retry-After (none, or one that is not a number of seconds nor
// an HTTP date): what a proxy in front of Slack may send.
const DefaultRetryAfter = 5 * time.Second

// heldHeader marks an answer the bot made up itself because the method's
// Retry-After has not passed yet: no call was made, so slack-go's in-place retry
// must not wait it out either (the caller reschedules).
const heldHeader = "X-Unblock-Held"

// rateWindows is the one home of Slack's Retry-After on the Web API side: after
// a 429 for a method, or any other answer carrying a valid Retry-After (a 503),
// no call of that method leaves the process until its
// Retry-After has passed, whichever part of the bot makes it (the sender, a
// handler's look-up, the directory sync, apps.connections.open). Slack's limits
// are per method, so one 429 answers for every call of the method, not only the
// one that met it.
//
// A window ends when its Retry-After has passed on the wall clock or on the
// bot's clock (Config.Clock), whichever comes first. In production they are the
// same clock. A test or the demo may run the bot's clock ahead: the sender then
// waits on it, while slack-go's in-place retry of a short Retry-After waits on
// the wall clock, and each must find the window over when its wait is.
type rateWindows struct {
	now func() time.Time // the bot's clock
	mu  sync.Mutex
	end map[string]window // by method
}

type window struct{ wall, clock time.Time }

// wait returns how long method must still be left alone.
func (r *rateWindows) wait(method string) time.Duration {
	r.mu.Lock()
	w, ok := r.end[method]
	r.mu.Unlock()
	if !ok {
		return 0
	}
	return min(time.Until(w.wall), w.clock.Sub(r.now()))
}

// limited records a 429 for method and returns its Retry-After, read from the
// header in seconds or as an HTTP date, DefaultRetryAfter when it says neither.
func (r *rateWindows) limited(method string, h http.Header) time.Duration {
	d := retryAfter(h.Get("Retry-After"), time.Now())
	r.hold(method, d)
	return d
}

// answered records the Retry-After of an answer that is not a 429 (a 503 saying
// how long the service is unavailable, a proxy's 5xx): when it carries a valid
// one, method is left alone for that long, as after a 429; when it carries none
// or one that cannot be read, nothing is held (the caller's backoff applies).
func (r *rateWindows) answered(method string, h http.Header) {
	if d, ok := parseRetryAfter(h.Get("Retry-After"), time.Now()); ok && d > 0 {
		r.hold(method, d)
	}
}

// hold leaves method alone for d from now, as if Slack had said so.
func (r *rateWindows) hold(method string, d time.Duration) {
	wall, now := time.Now(), r.now()
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.end == nil {
		r.end = map[string]window{}
	}
	if w := r.end[method]; wall.Add(d).After(w.wall) {
		r.end[method] = window{wall: wall.Add(d), clock: now.Add(d)}
	}
}

// retryAfter reads a Retry-After value: whole or fractional seconds, or an HTTP
// date; DefaultRetryAfter for anything else.
func retryAfter(v string, now time.Time) time.Duration {
	if d, ok := parseRetryAfter(v, now); ok {
		return d
	}
	return DefaultRetryAfter
}

// parseRetryAfter reads a Retry-After value, whole or fractional seconds or an
// HTTP date; ok is false when it is neither.
func parseRetryAfter(v string, now time.Time) (d time.Duration, ok bool) {
	v = strings.TrimSpace(v)
	if secs, err := strconv.ParseFloat(v, 64); err == nil && secs >= 0 && !math.IsInf(secs, 0) {
		return time.Duration(secs * float64(time.Second)), true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// seconds spells d as Retry-After seconds for slack-go, which reads only whole
// seconds (and turns a 429 without them into a plain status error).
func seconds(d time.Duration) string {
	return strconv.FormatInt(int64(math.Ceil(d.Seconds())), 10)
}

// held is the answer to a call of a method whose Retry-After has not passed:
// Slack's own 429 with the time left, made without calling Slack.
func held(req *http.Request, left time.Duration) *http.Response {
	if req.Body != nil {
		req.Body.Close()
	}
	body := `{"ok":false,"error":"ratelimited"}`
	return &http.Response{
		Status:     "429 Too Many Requests",
		StatusCode: http.StatusTooManyRequests,
		Proto:      "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{
			"Content-Type": {"application/json; charset=utf-8"},
			"Retry-After":  {seconds(left)},
			heldHeader:     {"1"},
		},
		Body:          io.NopCloser(bytes.NewReader([]byte(body))),
		ContentLength: int64(len(body)),
		Request:       req,
	}
}
