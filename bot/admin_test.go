package bot

import (
	"strings"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
)

// TestTeamLineCounts: a team of one is "1 person", never "1 people".
func TestTeamLineCounts(t *testing.T) {
	team := func(members []string, group string) unblock.StandupTeam {
		return unblock.StandupTeam{Name: "checkout", Channel: "C1", Members: members, UserGroup: group,
			Time: "09:30", Days: []time.Weekday{time.Monday}, Timezone: "UTC"}
	}
	tests := []struct {
		team unblock.StandupTeam
		want string
	}{
		{team([]string{"U1"}, ""), "· 1 person"},
		{team([]string{"U1", "U2"}, ""), "· 2 people"},
		{team([]string{"U1"}, "S1"), "<!subteam^S1> and 1 person"},
	}
	for _, tt := range tests {
		if got := teamLine(tt.team); !strings.HasSuffix(got, tt.want) {
			t.Errorf("teamLine(%v) = %q; want it to end in %q", tt.team.Members, got, tt.want)
		}
	}
	if got, want := ageText(24*time.Hour), "1 day"; got != want {
		t.Errorf("ageText(24h) = %q; want %q", got, want)
	}
}
