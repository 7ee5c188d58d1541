package parse

import "testing"

func TestCandidate(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"blocked on design for the checkout mocks", true},
		{"the PR has sat in review since Tuesday, still nothing", true},
		{"can you send the numbers so I can finish the forecast? still waiting", true},
		{"budget approved", true},
		{"Blockers:\n- the offsite eats Thursday", true},
		{"Anything blocking your progress?\nmeh", true},
		{"No blockers today", true},
		{"nope", true},
		{"Y: shipped the importer\nT: tests for the exporter", false},
		{"great demo today, thanks all", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := Candidate(tt.in); got != tt.want {
			t.Errorf("Candidate(%q) = %v; want %v", tt.in, got, tt.want)
		}
	}
}
