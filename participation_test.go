package unblock_test

import (
	"testing"

	"github.com/unblock-dev/unblock"
)

func TestParticipationString(t *testing.T) {
	tests := []struct {
		p    unblock.Participation
		want string
	}{
		{unblock.Participation{Asked: 45, Answered: 38, OnTime: 35, Late: 3, Skipped: 4}, "answered 38 of 45 prompts (35 on time, 3 late), 4 skipped"},
		{unblock.Participation{Asked: 1, Answered: 1, OnTime: 1}, "answered 1 of 1 prompt (1 on time, 0 late)"},
		{unblock.Participation{Asked: 0, Skipped: 1}, "answered 0 of 0 prompts, 1 skipped"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("%+v.String() = %q; want %q", tt.p, got, tt.want)
		}
	}
}
