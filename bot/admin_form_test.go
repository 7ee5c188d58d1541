package bot

import (
	"slices"
	"testing"
)

func TestQuestionLines(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"What did you do?\nWhat next?\n", []string{"What did you do?", "What next?"}},
		{"1. Done?\n2) Next?\n\n- Blocked?\n• Mood?", []string{"Done?", "Next?", "Blocked?", "Mood?"}},
		{"1:1 notes?\n3 things you learned?", []string{"1:1 notes?", "3 things you learned?"}},
		{"  \n\n", nil},
	}
	for _, tt := range tests {
		if got := questionLines(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("questionLines(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}
