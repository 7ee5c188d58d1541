package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
)

// An artifact named beside whom it comes from is the topic, not a second blocker.
func TestApplyReport_ArtifactWithWhomIsOneBlocker(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		db := MustOpenDB(t)
		ctx := context.Background()
		at := time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC)
		st := unblock.Statement{Blocked: true, Topic: "guest checkout decision", Targets: []unblock.Target{
			{Kind: unblock.TargetRole, Name: "product", Role: unblock.RoleProduct},
			{Kind: unblock.TargetArtifact, Name: "decision", Role: unblock.RoleProduct},
		}}
		ch, err := db.ApplyReport(ctx, unblock.Report{PersonID: "U1", Channel: "C1", TS: "1.000001", At: at, Text: "x"}, st)
		if err != nil {
			t.Fatal(err)
		}
		if len(ch.Opened) != 1 || ch.Opened[0].To != "role:product" {
			t.Fatalf("Opened = %+v, want one blocker on role:product", ch.Opened)
		}
		// An artifact alone is still a blocker of its own.
		st = unblock.Statement{Blocked: true, Topic: "api spec", Targets: []unblock.Target{{Kind: unblock.TargetArtifact, Name: "API spec", Role: unblock.RoleProduct}}}
		if ch, err = db.ApplyReport(ctx, unblock.Report{PersonID: "U2", Channel: "C1", TS: "2.000001", At: at, Text: "y"}, st); err != nil {
			t.Fatal(err)
		}
		if len(ch.Opened) != 1 || ch.Opened[0].To != "artifact:api-spec" {
			t.Fatalf("Opened = %+v, want one blocker on artifact:api-spec", ch.Opened)
		}
	})
}

// Things named beside two parties are the topics the parser gave each: two
// waits, not a third on the first party for the second's thing.
func TestApplyReport_ThingOfAnotherParty(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		db := MustOpenDB(t)
		ctx := context.Background()
		at := time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC)
		// "Blockers • waiting on Jonas for the staging env • need the pen test results from Felix"
		st := unblock.Statement{Blocked: true, Topic: "staging env", Targets: []unblock.Target{
			{Kind: unblock.TargetPerson, Name: "<@U0JONAS>", Topic: "staging env"},
			{Kind: unblock.TargetArtifact, Name: "staging env", Role: unblock.RoleOps},
			{Kind: unblock.TargetPerson, Name: "<@U0FELIX>", Topic: "pen test results"},
			{Kind: unblock.TargetArtifact, Name: "pen test results", Role: unblock.RoleSecurity},
		}}
		ch, err := db.ApplyReport(ctx, unblock.Report{PersonID: "U1", Channel: "C1", TS: "1.000001", At: at, Text: "x"}, st)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, b := range ch.Opened {
			got = append(got, b.To+" | "+b.Topic)
		}
		if want := []string{"U0JONAS | staging env", "U0FELIX | pen test results"}; fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("opened %q, want %q", got, want)
		}
	})
}

// Repeating a blocker in other words keeps the same one; another topic on the same
// target is another blocker.
func TestApplyReport_TopicWording(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		db := MustOpenDB(t)
		ctx := context.Background()
		at := time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC)
		eve := []unblock.Target{{Kind: unblock.TargetPerson, Name: "<@U0EVE>", Role: unblock.RoleDesign}}
		tests := []struct {
			topic  string
			opened int
		}{
			{"onboarding flow mocks", 1},
			{"onboarding mocks", 0},
			{"the mocks for onboarding", 0},
			{"Onboarding mock", 0},
			{"pricing copy", 1},
		}
		for i, tt := range tests {
			at = at.Add(24 * time.Hour)
			st := unblock.Statement{Blocked: true, Topic: tt.topic, Targets: eve}
			ch, err := db.ApplyReport(ctx, unblock.Report{PersonID: "U0OMAR", Channel: "C1", TS: fmt.Sprintf("%d.000001", 1700000000+i), At: at, Text: tt.topic}, st)
			if err != nil {
				t.Fatal(err)
			}
			if len(ch.Opened) != tt.opened {
				t.Fatalf("%q: opened %d blockers, want %d (seen %d)", tt.topic, len(ch.Opened), tt.opened, len(ch.Seen))
			}
		}
	})
}
