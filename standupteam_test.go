package unblock_test

import (
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
)

func validTeam() unblock.StandupTeam {
	return unblock.StandupTeam{
		Name: "checkout", Channel: "C01", Members: []string{"U01"}, Time: "09:30",
		Days: []time.Weekday{time.Monday}, Timezone: "Europe/Berlin", Questions: []string{"Blocked?"},
		ReminderAfter: time.Hour, AnswerWindow: 4 * time.Hour,
	}
}

func TestStandupTeam_Problems(t *testing.T) {
	tests := []struct {
		name   string
		change func(*unblock.StandupTeam)
		want   []string // the fields with a problem
	}{
		{"valid", func(*unblock.StandupTeam) {}, nil},
		{"each member's zone", func(t *unblock.StandupTeam) { t.Timezone = unblock.StandupMemberZone }, nil},
		{"user group only", func(t *unblock.StandupTeam) { t.Members, t.UserGroup = nil, "S01" }, nil},
		{"no reminder", func(t *unblock.StandupTeam) { t.ReminderAfter = 0 }, nil},
		{"empty", func(t *unblock.StandupTeam) { *t = unblock.StandupTeam{} },
			[]string{"channel", "days", "members", "name", "questions", "time", "timezone", "window"}},
		{"capitals", func(t *unblock.StandupTeam) { t.Name = "Checkout" }, []string{"name"}},
		{"long name", func(t *unblock.StandupTeam) { t.Name = strings.Repeat("a", 41) }, []string{"name"}},
		{"forged IDs", func(t *unblock.StandupTeam) {
			t.Channel, t.Members, t.DigestTo = "<!channel>", []string{"<!here>"}, []string{"x"}
		}, []string{"channel", "digest", "members"}},
		{"forged group", func(t *unblock.StandupTeam) { t.UserGroup = "<!subteam^S01>" }, []string{"usergroup"}},
		{"bad time", func(t *unblock.StandupTeam) { t.Time = "25:00" }, []string{"time"}},
		{"bad zone", func(t *unblock.StandupTeam) { t.Timezone = "Mars/Olympus" }, []string{"timezone"}},
		{"local zone", func(t *unblock.StandupTeam) { t.Timezone = "Local" }, []string{"timezone"}},
		{"too many questions", func(t *unblock.StandupTeam) { t.Questions = make([]string, 11) }, []string{"questions"}},
		{"long question", func(t *unblock.StandupTeam) { t.Questions = []string{strings.Repeat("é", 301)} }, []string{"questions"}},
		{"reminder after window", func(t *unblock.StandupTeam) { t.ReminderAfter = 4 * time.Hour }, []string{"reminder"}},
	}
	for _, tt := range tests {
		team := validTeam()
		tt.change(&team)
		got := slices.Sorted(maps.Keys(team.Problems(time.LoadLocation)))
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: Problems fields = %v; want %v (%v)", tt.name, got, tt.want, team.Problems(time.LoadLocation))
		}
	}
}

func TestStandupTeam_Cron(t *testing.T) {
	tests := []struct {
		time     string
		days     []time.Weekday
		cron     string
		daysText string
	}{
		{"09:30", []time.Weekday{time.Friday, time.Monday, time.Monday}, "30 9 * * MON,FRI", "Mon, Fri"},
		{"07:05", []time.Weekday{1, 2, 3, 4, 5}, "5 7 * * MON,TUE,WED,THU,FRI", "weekdays"},
		{"23:59", []time.Weekday{0, 1, 2, 3, 4, 5, 6}, "59 23 * * SUN,MON,TUE,WED,THU,FRI,SAT", "every day"},
		{"9:30pm", []time.Weekday{1}, "", "Mon"},
	}
	for _, tt := range tests {
		team := unblock.StandupTeam{Time: tt.time, Days: tt.days}
		if got := team.Cron(); got != tt.cron {
			t.Errorf("Cron(%q, %v) = %q; want %q", tt.time, tt.days, got, tt.cron)
		}
		if got := team.DaysText(); got != tt.daysText {
			t.Errorf("DaysText(%v) = %q; want %q", tt.days, got, tt.daysText)
		}
	}
}

func TestStandupTeamName(t *testing.T) {
	for in, want := range map[string]string{"Checkout": "checkout", "  Checkout   Web ": "checkout-web", "": ""} {
		if got := unblock.StandupTeamName(in); got != want {
			t.Errorf("StandupTeamName(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestSetupTeamOf(t *testing.T) {
	setups := []unblock.StandupTeam{
		{Name: "mobile", UserGroup: "S0MOB0001"},
		{Name: "web", Members: []string{"U0ANA0001"}, UserGroup: "S0WEB0001", DefaultRole: unblock.RoleDesign},
	}
	tests := []struct {
		user   string
		groups []string
		want   string
	}{
		{"U0ANA0001", []string{"S0MOB0001"}, "web"}, // picked by name before any group
		{"U0BEN0001", []string{"S0WEB0001"}, "web"},
		{"U0BEN0001", []string{"S0XXX0001", "S0MOB0001"}, "mobile"},
		{"U0BEN0001", nil, ""},
	}
	for _, tt := range tests {
		if got := unblock.SetupTeamOf(setups, tt.user, tt.groups); got != tt.want {
			t.Errorf("SetupTeamOf(%s, %v) = %q; want %q", tt.user, tt.groups, got, tt.want)
		}
	}
	rules := unblock.RoleRules{TeamDefaults: map[string]unblock.Role{"web": unblock.RoleQA}}
	got := rules.WithSetupTeams(append(setups, unblock.StandupTeam{Name: "data", DefaultRole: unblock.RoleData}))
	if got.TeamDefaults["web"] != unblock.RoleQA || got.TeamDefaults["data"] != unblock.RoleData || len(got.TeamDefaults) != 2 {
		t.Errorf("WithSetupTeams = %v; want web qa (the config's) and data", got.TeamDefaults)
	}
	if len(rules.TeamDefaults) != 1 {
		t.Errorf("WithSetupTeams changed its receiver's map: %v", rules.TeamDefaults)
	}
}
