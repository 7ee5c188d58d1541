package unblock

import (
	"reflect"
	"testing"
	"time"
)

// A table of blockers gives each back as it was (but for its ReportID), its topic
// and resolution by index, and a resolution set later as Resolve wrote it.
func TestBlockerTable(t *testing.T) {
	at := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	ana := Target{Kind: TargetPerson, Name: "<@U2>"}
	bs := []Blocker{
		{ID: 1, PersonID: "U1", PersonRole: "design", Target: ana, To: "U2", ToRole: "eng", Topic: "mocks",
			OpenedAt: at, LastSeenAt: at.Add(time.Hour), ReportID: 7},
		{ID: 2, PersonID: "U1", PersonRole: "design", Target: ana, To: "U2", ToRole: "eng",
			OpenedAt: at, LastSeenAt: at, ResolvedAt: at.Add(2 * time.Hour), Resolution: ResolvedByNone},
		{ID: 3, PersonID: "U2", PersonRole: "eng", Target: Target{Kind: TargetTeam, Name: "the data team"}, To: "team:data",
			Topic: "mocks", OpenedAt: at, LastSeenAt: at, ResolvedAt: at.Add(time.Hour), Resolution: ResolvedByNone},
		{ID: 4, PersonID: "U3", Target: ana, To: "U2", Topic: "the API specs", OpenedAt: at, LastSeenAt: at,
			ResolvedAt: at.Add(3 * time.Hour), Resolution: ResolvedByButton},
	}
	table := TableOf(bs)
	if got, want := len(table.Rows), len(bs); got != want {
		t.Fatalf("%d rows, want %d", got, want)
	}
	for i, b := range bs {
		b.ReportID = 0 // a table's rows do not say it
		if got := table.Blocker(i); !reflect.DeepEqual(got, b) {
			t.Errorf("row %d:\n%+v\nwant\n%+v", i, got, b)
		}
		if got, want := table.Topic(i), b.Topic; got != want {
			t.Errorf("Topic(%d) = %q, want %q", i, got, want)
		}
		if got, want := table.Resolution(i), b.Resolution; got != want {
			t.Errorf("Resolution(%d) = %q, want %q", i, got, want)
		}
	}
	if got, want := table.Resolutions, []Resolution{"", ResolvedByNone, ResolvedByButton}; !reflect.DeepEqual(got, want) {
		t.Errorf("Resolutions = %q, want %q: each once, \"\" first", got, want)
	}
	if table.Rows[1].Topic != 0 {
		t.Errorf("a row without a topic has topic %d, want 0", table.Rows[1].Topic)
	}

	for _, tc := range []struct {
		how  Resolution
		want int32
	}{{ResolvedByExpiry, 3}, {ResolvedByNone, 1}, {ResolvedByExpiry, 3}} {
		table.Resolve(0, at.Add(4*time.Hour).UnixNano(), tc.how)
		if got := table.Rows[0].Resolution; got != tc.want {
			t.Errorf("Resolve(0, %q): index %d, want %d", tc.how, got, tc.want)
		}
		if b := table.Blocker(0); b.Resolution != tc.how || !b.ResolvedAt.Equal(at.Add(4*time.Hour)) {
			t.Errorf("Resolve(0, %q): row 0 resolved %q at %v", tc.how, b.Resolution, b.ResolvedAt)
		}
	}

	var empty BlockerTable
	if got := empty.AddTopic(""); got != 0 || len(empty.Topics) != 0 {
		t.Errorf("AddTopic(\"\") = %d with %q, want 0 and no list", got, empty.Topics)
	}
	if got := empty.ResolutionIndex(""); got != 0 || len(empty.Resolutions) != 0 {
		t.Errorf("ResolutionIndex(\"\") = %d with %q, want 0 and no list", got, empty.Resolutions)
	}
	if got := empty.AddTopic("mocks"); got != 1 || !reflect.DeepEqual(empty.Topics, []string{"", "mocks"}) {
		t.Errorf("AddTopic(\"mocks\") = %d with %q, want 1 after \"\"", got, empty.Topics)
	}
}
