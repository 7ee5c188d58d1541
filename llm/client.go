// Package llm is the optional LLM reader: it asks an OpenAI-compatible chat
// completions endpoint (OpenAI, Azure OpenAI, Ollama, a llama.cpp server, vLLM)
// for a second opinion on a statement the rules read as a candidate, with the
// author's open blockers as context, under a JSON schema; it validates the
// answer itself and merges it with the rules' statement. A wrong-shaped, slow or
// failed answer leaves the rules' statement as it is.
//
// It never logs the text it sends, the answer or the API key.
package llm

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"golang.org/x/time/rate"
)

// Defaults for Client fields left zero.
const (
	DefaultTimeout           = 30 * time.Second // per request
	DefaultRequestsPerMinute = 60
	// MaxAnswer is the largest response body read, in bytes (1 MiB): an answer
	// is a few hundred bytes, so a bigger one is wrong whatever it holds.
	MaxAnswer = 1 << 20
)

// Client sends chat completion requests to one endpoint and model.
type Client struct {
	endpoint string
	shown    string // endpoint without a password, for errors
	model    string
	apiKey   string
	azure    bool // the key goes in an api-key header, as Azure OpenAI wants
	timeout  time.Duration
	http     *http.Client
	limiter  *rate.Limiter
}

// ClientConfig says where and how to ask.
type ClientConfig struct {
	// URL is a base ("https://api.openai.com/v1", "http://localhost:11434/v1"),
	// to which /chat/completions is added, or a full chat completions URL (an
	// Azure deployment's, with its ?api-version=…).
	URL               string
	Model             string
	APIKey            string // sent as a bearer token (Azure: in the api-key header); "" sends none
	Timeout           time.Duration
	RequestsPerMinute int
	HTTPClient        *http.Client // default: http.DefaultClient's transport
}

// NewClient returns a client for cfg.
func NewClient(cfg ClientConfig) (*Client, error) {
	u, err := url.Parse(cfg.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("llm: %q is not an http(s) URL", cfg.URL)
	}
	if !strings.HasSuffix(u.Path, "/chat/completions") {
		u.Path = strings.TrimSuffix(u.Path, "/") + "/chat/completions"
	}
	if cfg.Model == "" {
		return nil, errors.New("llm: no model")
	}
	c := &Client{
		endpoint: u.String(),
		shown:    u.Redacted(),
		model:    cfg.Model,
		apiKey:   cfg.APIKey,
		azure:    strings.HasSuffix(u.Hostname(), ".azure.com"),
		timeout:  cfg.Timeout,
		http:     cfg.HTTPClient,
		limiter:  NewLimiter(cfg.RequestsPerMinute),
	}
	if c.timeout <= 0 {
		c.timeout = DefaultTimeout
	}
	if c.http == nil {
		c.http = &http.Client{}
	}
	return c, nil
}

// NewLimiter allows rpm requests a minute, evenly spaced, one at a time
// (rpm <= 0: DefaultRequestsPerMinute).
func NewLimiter(rpm int) *rate.Limiter {
	if rpm <= 0 {
		rpm = DefaultRequestsPerMinute
	}
	return rate.NewLimiter(rate.Limit(float64(rpm)/60), 1)
}

// Model returns the model the client asks.
func (c *Client) Model() string { return c.model }

// Error is a failed request. It never holds the request or the response body:
// either may carry the text.
type Error struct {
	Status     int           // HTTP status, 0 for a transport error or a timeout
	RetryAfter time.Duration // from a 429's or 503's Retry-After, 0 if none
	Temporary  bool          // worth asking again later: 429, 5xx, a timeout, a dropped connection
	msg        string
}

func (e *Error) Error() string { return "llm: " + e.msg }

// Complete sends one chat completion with a system and a user message and a
// JSON schema for the answer (response_format json_schema, strict), waiting
// for the rate limit first, and returns the answer's content.
func (c *Client) Complete(ctx context.Context, system, user string, schema json.RawMessage) (string, error) {
	if err := c.limiter.Wait(ctx); err != nil {
		return "", &Error{Temporary: true, msg: "rate limit: " + err.Error()}
	}
	body, err := json.Marshal(chatRequest{
		Model: c.model,
		Messages: []chatMessage{
			{Role: "system", Content: system},
			{Role: "user", Content: user},
		},
		Temperature: 0,
		ResponseFormat: responseFormat{Type: "json_schema", JSONSchema: jsonSchema{
			Name: "statement", Strict: true, Schema: schema,
		}},
	})
	if err != nil {
		return "", fmt.Errorf("llm: encode request: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoint, bytes.NewReader(body))
	if err != nil {
		return "", fmt.Errorf("llm: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	if c.apiKey != "" {
		if c.azure {
			req.Header.Set("api-key", c.apiKey)
		} else {
			req.Header.Set("Authorization", "Bearer "+c.apiKey)
		}
	}
	resp, err := c.http.Do(req)
	if err != nil {
		// The *url.Error names the URL, never the body or the headers.
		return "", &Error{Temporary: true, msg: err.Error()}
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, MaxAnswer+1))
	if err != nil {
		return "", &Error{Temporary: true, msg: "read answer: " + err.Error()}
	}
	if resp.StatusCode != http.StatusOK {
		e := &Error{Status: resp.StatusCode, msg: "HTTP " + strconv.Itoa(resp.StatusCode) + " from " + c.shown,
			Temporary: resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500}
		if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s > 0 {
			e.RetryAfter = time.Duration(s) * time.Second
		}
		return "", e
	}
	if len(data) > MaxAnswer {
		return "", &Error{msg: "answer larger than 1 MiB"}
	}
	var out chatResponse
	if err := json.Unmarshal(data, &out); err != nil {
		return "", &Error{msg: "answer is not a chat completion"}
	}
	if len(out.Choices) == 0 {
		return "", &Error{msg: "answer without a choice"}
	}
	ch := out.Choices[0]
	if ch.Message.Refusal != "" || ch.FinishReason == "length" || ch.FinishReason == "content_filter" {
		return "", &Error{msg: "no answer (finish reason " + strconv.Quote(ch.FinishReason) + ")"}
	}
	return ch.Message.Content, nil
}

type chatRequest struct {
	Model          string         `json:"model"`
	Messages       []chatMessage  `json:"messages"`
	Temperature    float64        `json:"temperature"`
	ResponseFormat responseFormat `json:"response_format"`
}

type chatMessage struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

type responseFormat struct {
	Type       string     `json:"type"`
	JSONSchema jsonSchema `json:"json_schema"`
}

type jsonSchema struct {
	Name   string          `json:"name"`
	Strict bool            `json:"strict"`
	Schema json.RawMessage `json:"schema"`
}

type chatResponse struct {
	Choices []struct {
		Message struct {
			Content string `json:"content"`
			Refusal string `json:"refusal"`
		} `json:"message"`
		FinishReason string `json:"finish_reason"`
	} `json:"choices"`
}
