package main

import (
	"strings"
	"testing"
	"time"

	"github.com/unblock-dev/unblock/config"
)

func TestReaderLine(t *testing.T) {
	tests := []struct {
		rc   config.Reader
		want string
	}{
		{config.Reader{}, "LLM reader: off (the rules read everything; nothing leaves the workspace)"},
		{config.Reader{URL: "http://user:secret@localhost:11434/v1", Model: "llama3.1", Timeout: 30 * time.Second, RequestsPerMinute: 60, Channels: []string{"C1"}},
			"LLM reader: llama3.1 at http://user:xxxxx@localhost:11434/v1 with no API key, timeout 30s, 60 requests a minute; candidates from C1"},
	}
	for _, tt := range tests {
		got := readerLine(tt.rc)
		if got != tt.want {
			t.Errorf("readerLine(%+v) = %q; want %q", tt.rc, got, tt.want)
		}
		if strings.Contains(got, "secret") {
			t.Errorf("readerLine shows a password: %q", got)
		}
	}
}
