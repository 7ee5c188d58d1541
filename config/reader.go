package config

import (
	"fmt"
	"net/url"
	"time"

	"go.yaml.in/yaml/v3"
)

// Defaults of the reader: section.
const (
	DefaultReaderTimeout           = 30 * time.Second // how long one LLM answer may take before the rules' answer stands
	DefaultReaderRequestsPerMinute = 60               // requests per minute to the LLM endpoint, at most
)

// Reader configures the optional LLM reader, which gives a second opinion on
// the statements the rules read as candidates. It is off unless url is set.
type Reader struct {
	// URL is an OpenAI-compatible API: a base ("https://api.openai.com/v1",
	// "http://localhost:11434/v1") or a full chat completions URL (Azure's, with
	// its api-version). "" leaves the LLM reader off.
	URL               string
	Model             string        // the model (or Azure deployment) name
	APIKey            string        // from the environment, written as ${VAR}; "" for a local server without keys
	Timeout           time.Duration // per request; default 30s
	RequestsPerMinute int           // at most this many requests a minute; default 60
	Channels          []string      // channel IDs whose messages the LLM may read; empty means all the bot reads

	apiKeyLiteral bool // api_key was written as a value rather than as ${VAR}
}

// Enabled reports whether the LLM reader is configured.
func (r Reader) Enabled() bool { return r.URL != "" }

func defaultReader() Reader {
	return Reader{Timeout: DefaultReaderTimeout, RequestsPerMinute: DefaultReaderRequestsPerMinute}
}

func (d *decoder) reader(key string, n *yaml.Node, r *Reader) {
	d.mapping(key, n, []field{
		{"url", d.str(&r.URL)},
		{"model", d.str(&r.Model)},
		{"api_key", func(key string, n *yaml.Node) {
			r.apiKeyLiteral = envVarOnly(n) == "" && !isNull(n)
			d.str(&r.APIKey)(key, n)
		}},
		{"timeout", d.duration(&r.Timeout)},
		{"requests_per_minute", d.integer(&r.RequestsPerMinute)},
		{"channels", d.strs(&r.Channels)},
	})
}

// reader checks the reader: section. Nothing is checked while it is off but
// its channels, so a half-written section says what it lacks once url is set.
func (v *validator) reader() {
	r := &v.c.Reader
	for i, ch := range r.Channels {
		v.channel(fmt.Sprintf("reader.channels[%d]", i), ch)
	}
	if r.apiKeyLiteral {
		// The message never repeats the value: it is a secret.
		v.addf("reader.api_key", "write the key as ${VAR} (like ${OPENAI_API_KEY}) so it stays in the environment, not in the file")
	}
	if !r.Enabled() {
		return
	}
	if u, err := url.Parse(r.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		v.addf("reader.url", "%q is not an http(s) URL (like https://api.openai.com/v1 or http://localhost:11434/v1)", r.URL)
	}
	if r.Model == "" {
		v.addf("reader.model", "needs the model to ask (like gpt-4o-mini, or llama3.1 on Ollama)")
	}
	v.positive("reader.timeout", r.Timeout)
	if r.RequestsPerMinute < 1 {
		v.addf("reader.requests_per_minute", "must be 1 or more, got %d", r.RequestsPerMinute)
	}
}
