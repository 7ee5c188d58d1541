package graph

import (
	"slices"
	"time"

	unblock "github.com/unblock-dev/unblock"
)

// RoleLoad is how much waiting a role is part of.
type RoleLoad struct {
	Role       unblock.Role
	WaitingOn  int // open blockers held by people of this role
	WaitedOnBy int // open blockers on this role: its people, the role itself, what it owns
}

// RolePair is the waiting from people of one role on another (or the same) role.
type RolePair struct {
	From, To   unblock.Role
	Blockers   int           // open blockers
	People     int           // distinct people of role From waiting
	Oldest     time.Duration // age of the oldest blocker
	MedianWait time.Duration // median age of the blockers
}

// roleLoads counts the open blockers each known role holds and is waited on by, in
// role name order. Blockers whose other side is unknown count too.
func roleLoads(s *snapshot) []RoleLoad {
	if len(s.roles) == 0 {
		return nil
	}
	out := make([]RoleLoad, len(s.roles))
	for i, name := range s.roles {
		out[i].Role = unblock.Role(name)
	}
	for i, u := range s.from {
		if u >= 0 {
			out[u].WaitingOn++
		}
		if v := s.to[i]; v >= 0 {
			out[v].WaitedOnBy++
		}
	}
	return out
}

// rolePairs summarises every pair of known roles with open blockers between them,
// including a role waiting on itself, ordered by From then To. People are counted
// by their node numbers in s, without a map.
//
// The ages and people of each pair's blockers are first copied out in pair order,
// in one pass over the snapshot in its order: a pair's blockers are spread over the
// whole snapshot, and reading them pair by pair missed the cache on most of them in
// a snapshot of millions. They are copied into room when it has room enough (the
// person graph's sort, done with by now), else into an array of their own: each
// byte a blocker that an analysis allocates is a page to fault in at millions.
func rolePairs(pairs *edgeSet, s *snapshot, room []ageEntry) []RolePair {
	n := len(pairs.names)
	edgeOf := make([]int32, n*n) // the edge of each pair of roles, From*n+To
	for u := int32(0); int(u) < n; u++ {
		for e := pairs.g.Offsets[u]; e < pairs.g.Offsets[u+1]; e++ {
			edgeOf[int(u)*n+int(pairs.g.Targets[e])] = e
		}
	}
	next := slices.Clone(pairs.evidence[:len(pairs.evidence)-1])
	// Each blocker's person in the key, its age as an age.
	if cap(room) < len(pairs.blockers) {
		room = make([]ageEntry, len(pairs.blockers))
	}
	room = room[:len(pairs.blockers)]
	for i, u := range s.from {
		if v := s.to[i]; u >= 0 && v >= 0 {
			e := edgeOf[int(u)*n+int(v)]
			room[next[e]] = ageEntry{uint64(uint32(s.person[i])), s.age(i)}
			next[e]++
		}
	}
	var out []RolePair
	stamp := make([]int32, len(s.nodes)) // 1 + the last edge that counted each person
	for u := int32(0); int(u) < pairs.g.Len(); u++ {
		for e := pairs.g.Offsets[u]; e < pairs.g.Offsets[u+1]; e++ {
			lo, hi := pairs.evidence[e], pairs.evidence[e+1]
			rp := RolePair{
				From:     unblock.Role(pairs.names[u]),
				To:       unblock.Role(pairs.names[pairs.g.Targets[e]]),
				Oldest:   pairs.oldest[e],
				Blockers: int(hi - lo),
			}
			for _, en := range room[lo:hi] {
				if p := int32(uint32(en.key)); p >= 0 && stamp[p] != e+1 {
					stamp[p] = e + 1
					rp.People++
				}
			}
			rp.MedianWait = median(room[lo:hi], func(en ageEntry) time.Duration { return en.age })
			out = append(out, rp)
		}
	}
	return out
}

// median returns the median of the durations of xs (the mean of the two middle
// values for an even count), or 0 for none. It reorders xs: a quickselect, linear
// on average.
func median[T any](xs []T, duration func(T) time.Duration) time.Duration {
	n := len(xs)
	if n == 0 {
		return 0
	}
	k := n / 2
	hi := nthBy(xs, k, duration)
	if n%2 == 1 {
		return hi
	}
	lo := duration(xs[0]) // nthBy left every value below k no larger than xs[k]
	for _, x := range xs[1:k] {
		lo = max(lo, duration(x))
	}
	return lo + (hi-lo)/2
}
