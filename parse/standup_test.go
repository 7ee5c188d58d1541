package parse_test

import (
	"testing"

	"github.com/unblock-dev/unblock/parse"
)

func TestStandup(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Y: fixed the cart badge\nT: payment form", true},
		{"*Yesterday*\nroadmap review\n*Today*\nguest checkout scope", true},
		{"Blockers: none", true},
		{"What did you do yesterday?\ncart API\nAnything blocking you?\nnope", true},
		{"### Done\n- shipped\n### Next\n- more", true},
		{"lunch anyone?", false},
		{"Today: lunch at noon", false},
		{"blocked the spammer in #general", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := parse.Standup(tt.in); got != tt.want {
			t.Errorf("Standup(%q) = %v; want %v", tt.in, got, tt.want)
		}
	}
}
