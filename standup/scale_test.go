package standup_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/standup"
)

var scaleZones = []string{
	"Pacific/Auckland", "Asia/Tokyo", "Asia/Kolkata", "Europe/Berlin", "Europe/London",
	"UTC", "America/Sao_Paulo", "America/New_York", "America/Chicago", "America/Los_Angeles",
}

// thousand returns a team of n members spread over scaleZones.
func thousand(tb testing.TB, n int) ([]standup.Team, []unblock.Person) {
	var members []string
	var people []unblock.Person
	for i := range n {
		id := fmt.Sprintf("U%04d", i)
		members = append(members, id)
		people = append(people, unblock.Person{ID: id, TZ: scaleZones[i%len(scaleZones)]})
	}
	return []standup.Team{team(tb, "company", members...)}, people
}

// A day of 1,000 members in ten zones takes one wake per zone for prompts and
// one per zone for reminders: each member is prompted and reminded once.
func TestThousandMembers(t *testing.T) {
	teams, people := thousand(t, 1000)
	h := newHarness(t, date(2026, 11, 22, 12, 0, time.UTC), teams, people)
	ticks := h.runUntil(date(2026, 11, 23, 20, 0, time.UTC)) // before Auckland's Tuesday
	prompts, reminders := h.msg.byPerson("prompt"), h.msg.byPerson("remind")
	if len(prompts) != 1000 || len(reminders) != 1000 {
		t.Fatalf("%d people prompted, %d reminded; want 1000 each", len(prompts), len(reminders))
	}
	for id, at := range prompts {
		if len(at) != 1 || len(reminders[id]) != 1 {
			t.Fatalf("%s prompted at %v, reminded at %v; want once each", id, at, reminders[id])
		}
	}
	// 10 zones: 10 prompt wakes, 10 reminder wakes, the first tick and the last.
	if max := 2*len(scaleZones) + 2; ticks > max {
		t.Fatalf("%d ticks for the day, want at most %d", ticks, max)
	}
}

// BenchmarkTick1000 measures one tick over 1,000 members with nothing to send:
// planning the next wake (idle) and checking the day's stored sessions (settled).
//
//	go test -run '^$' -bench Tick1000 -benchmem ./standup/
func BenchmarkTick1000(b *testing.B) {
	for _, bb := range []struct {
		name string
		at   time.Time
	}{
		{"idle", date(2026, 11, 22, 12, 0, time.UTC)},   // Sunday: no prompt in the last 8 hours
		{"settled", date(2026, 11, 24, 3, 0, time.UTC)}, // everyone's Monday session is stored
	} {
		b.Run(bb.name, func(b *testing.B) {
			teams, people := thousand(b, 1000)
			h := newHarness(b, date(2026, 11, 22, 12, 0, time.UTC), teams, people)
			h.runUntil(bb.at)
			b.ResetTimer()
			for b.Loop() {
				h.tick()
			}
		})
	}
}
