package config

import (
	"strings"
	"testing"
	"time"
)

func TestReader(t *testing.T) {
	t.Run("OffByDefault", func(t *testing.T) {
		c := Default()
		if c.Reader.Enabled() || c.Reader.Timeout != DefaultReaderTimeout || c.Reader.RequestsPerMinute != DefaultReaderRequestsPerMinute {
			t.Errorf("Reader = %+v; want off with the default timeout and rate", c.Reader)
		}
	})
	t.Run("OK", func(t *testing.T) {
		in := "reader:\n  url: https://api.openai.com/v1\n  model: gpt-4o-mini\n  api_key: ${OPENAI_API_KEY}\n" +
			"  timeout: 10s\n  requests_per_minute: 30\n  channels: [C0STANDUP]\n"
		c, err := Parse("c.yaml", strings.NewReader(in), getenvFrom(map[string]string{"OPENAI_API_KEY": "sk-test"}))
		if err != nil {
			t.Fatal(err)
		}
		r := c.Reader
		if !r.Enabled() || r.URL != "https://api.openai.com/v1" || r.Model != "gpt-4o-mini" || r.APIKey != "sk-test" ||
			r.Timeout != 10*time.Second || r.RequestsPerMinute != 30 || len(r.Channels) != 1 || r.Channels[0] != "C0STANDUP" {
			t.Errorf("Reader = %+v", r)
		}
	})
	t.Run("LocalWithoutKey", func(t *testing.T) {
		in := "reader:\n  url: http://127.0.0.1:11434/v1\n  model: llama3.1\n"
		if _, err := Parse("c.yaml", strings.NewReader(in), getenvFrom(nil)); err != nil {
			t.Errorf("a local server needs no key: %v", err)
		}
	})
}
