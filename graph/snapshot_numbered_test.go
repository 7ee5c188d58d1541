package graph

import (
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	unblock "github.com/unblock-dev/unblock"
)

// TestSnapshotNumberedByFields checks that SnapshotNumbered, which compares an
// entry found by a user's number without its ID, gives the snapshot that comparing
// every field gives (snapshotNumberedByFields): the same people, targets and
// numbers, entry for entry, on the test files, on old rows, and on a generated
// company whose people and targets are named several ways under one ID (roles,
// mentions, names, raw words), with nobody, nothing and IDs that are no user IDs.
func TestSnapshotNumberedByFields(t *testing.T) {
	generated := snapshotOf(300, 3000)
	rng := rand.New(rand.NewPCG(5, 5))
	for i := range generated {
		b := &generated[i]
		switch rng.IntN(20) {
		case 0:
			b.PersonID = ""
		case 1:
			b.To, b.Target = "", unblock.Target{}
		case 2:
			b.To = b.PersonID
		case 3:
			b.PersonRole = "eng" // the same person in another role
		case 4:
			b.ToRole = unblock.RoleDesign // the same target in another role
		case 5:
			b.Target.Name = "someone" // the same To named another way
		case 6:
			b.Target.Role = unblock.RoleLegal
		case 7:
			b.Target.Kind = unblock.TargetExternal
		case 8:
			b.PersonID = "person:" + b.PersonID
		case 9:
			if b.ToPerson() {
				b.To = "" // named only by the mention
			}
		}
	}
	tests := []struct {
		name string
		bs   []unblock.Blocker
	}{
		{"companyx", readBlockers(t, "companyx.txt")},
		{"chains", readBlockers(t, "chains.txt")},
		{"old rows", oldRows()},
		{"generated", generated},
		{"none", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nums := storeNumbers(tt.bs)
			got, want := SnapshotNumbered(testAt, tt.bs, nums), snapshotNumberedByFields(testAt, tt.bs, nums)
			for _, f := range []struct {
				name      string
				got, want any
			}{
				{"Person", got.Person, want.Person},
				{"Target", got.Target, want.Target},
				{"Opened", got.Opened, want.Opened},
				{"People", got.People, want.People},
				{"Targets", got.Targets, want.Targets},
				{"Users", got.Users, want.Users},
			} {
				if !reflect.DeepEqual(f.got, f.want) {
					t.Errorf("SnapshotNumbered(%d blockers).%s = %v; want %v", len(tt.bs), f.name, f.got, f.want)
				}
			}
			if len(tt.bs) > 100 && len(want.Targets) == len(tt.bs) {
				t.Errorf("every blocker has a target of its own: the test shares none")
			}
		})
	}
}

// snapshotNumberedByFields is SnapshotNumbered comparing every field of an entry
// found by number, IDs included (as it did before it relied on one number an ID).
func snapshotNumberedByFields(at time.Time, open []unblock.Blocker, nums unblock.UserNumbers) *Snapshot {
	s := &Snapshot{At: at, Person: make([]int32, len(open)), Target: make([]int32, len(open)), Opened: make([]int64, len(open)),
		Blocker: func(i int) unblock.Blocker { return open[i] },
		// Mostly an entry a person, and a target a person or a few thousand others.
		People: make([]SnapshotPerson, 0, min(nums.Users, len(open))), Targets: make([]SnapshotTarget, 0, min(nums.Users, len(open))+64)}
	users := nums.Users
	var extra map[string]int32 // numbers by ID, made when an ID without one is met
	user := func(id string, u int32) int32 {
		if id == "" || !isUserID(id) {
			return -1
		}
		if u >= 0 {
			return u
		}
		if extra == nil {
			// Rare (a mention read as To): the numbers nums gives, by ID, so
			// that an ID keeps one number.
			extra = map[string]int32{}
			for j := range open {
				if u := nums.Person[j]; u >= 0 {
					extra[open[j].PersonID] = u
				}
				if u := nums.To[j]; u >= 0 {
					extra[open[j].To] = u
				}
			}
		}
		v, ok := extra[id]
		if !ok {
			v = int32(users)
			users++
			extra[id] = v
		}
		return v
	}
	// The entry last made for each number, in People and in Targets, and for each
	// To that is no user ID: a blocker of the same person (or on the same target)
	// with the same fields shares it.
	person := make([]int32, nums.Users)
	target := make([]int32, nums.Users)
	for i := range person {
		person[i], target[i] = -1, -1
	}
	entry := func(slots *[]int32, u int32) *int32 {
		for int(u) >= len(*slots) {
			*slots = append(*slots, -1)
		}
		return &(*slots)[u]
	}
	others := map[string]int32{}
	for i := range open {
		b := &open[i]
		s.Opened[i] = b.OpenedAt.UnixNano()
		p := SnapshotPerson{ID: b.PersonID, Role: b.PersonRole, User: user(b.PersonID, nums.Person[i])}
		if p.User < 0 {
			s.Person[i] = int32(len(s.People))
			s.People = append(s.People, p)
		} else {
			e := entry(&person, p.User)
			if *e < 0 || s.People[*e] != p {
				*e = int32(len(s.People))
				s.People = append(s.People, p)
			}
			s.Person[i] = *e
		}
		t := SnapshotTarget{To: b.To, Target: b.Target, ToRole: b.ToRole, User: user(b.To, nums.To[i])}
		switch {
		case t.User >= 0:
			e := entry(&target, t.User)
			if *e < 0 || s.Targets[*e] != t {
				*e = int32(len(s.Targets))
				s.Targets = append(s.Targets, t)
			}
			s.Target[i] = *e
		case t.To != "":
			e, ok := others[t.To]
			if !ok || s.Targets[e] != t {
				e = int32(len(s.Targets))
				others[t.To] = e
				s.Targets = append(s.Targets, t)
			}
			s.Target[i] = e
		default:
			s.Target[i] = int32(len(s.Targets))
			s.Targets = append(s.Targets, t)
		}
	}
	s.Users = users
	return s
}
