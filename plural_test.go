package unblock_test

import (
	"testing"

	"github.com/unblock-dev/unblock"
)

func TestPlural(t *testing.T) {
	tests := []struct {
		n    int
		noun string
		want string
	}{
		{0, "day", "0 days"},
		{1, "day", "1 day"},
		{2, "day", "2 days"},
		{1, "person", "1 person"},
		{0, "person", "0 people"},
		{5, "person", "5 people"},
		{1, "new blocker", "1 new blocker"},
		{3, "new blocker", "3 new blockers"},
		{2, "standup session", "2 standup sessions"},
		{2, "other person", "2 other people"},
	}
	for _, tt := range tests {
		if got := unblock.Plural(tt.n, tt.noun); got != tt.want {
			t.Errorf("Plural(%d, %q) = %q; want %q", tt.n, tt.noun, got, tt.want)
		}
	}
}
