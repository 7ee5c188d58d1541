package digest

import (
	"encoding/json"
	"io"
	"time"

	"github.com/unblock-dev/unblock"
)

// The digest JSON contract of docs/DESIGN.md. Field order is the contract's order; every
// list is [] when empty, never null. The one null is a median with nothing to measure.
type jsonDigest struct {
	From string `json:"from"`
	To   string `json:"to"`
	jsonStats
	Previous    jsonStats        `json:"previous"`
	RoleLoops   []jsonRoleLoop   `json:"role_loops"`
	PersonLoops []jsonPersonLoop `json:"person_loops"`
	Chains      []jsonChain      `json:"chains"`
	Bottlenecks []jsonBottleneck `json:"bottlenecks"`
	Roles       []jsonRole       `json:"roles"`
	Stale       []jsonStale      `json:"stale"`
	Trends      []jsonTrend      `json:"trends"`
	// Participation: added in issue 12.
	Participation jsonParticipation `json:"participation"`
}

// jsonParticipation is how the teams answered their standups in the period, in
// all and per team: counts only, never names.
type jsonParticipation struct {
	jsonCounts
	Teams []jsonTeamParticipation `json:"teams"`
}

type jsonCounts struct {
	Asked    int `json:"asked"`
	Answered int `json:"answered"`
	OnTime   int `json:"on_time"`
	Late     int `json:"late"`
	Skipped  int `json:"skipped"`
}

type jsonTeamParticipation struct {
	Team string `json:"team"`
	jsonCounts
}

func countsJSON(p unblock.Participation) jsonCounts {
	return jsonCounts{Asked: p.Asked, Answered: p.Answered, OnTime: p.OnTime, Late: p.Late, Skipped: p.Skipped}
}

// jsonStats are the numbers of one period (see Stats). MedianResolveHours is null
// when nothing was resolved: no median, rather than an "instant" zero.
type jsonStats struct {
	Open               int      `json:"open"`
	Opened             int      `json:"opened"`
	Resolved           int      `json:"resolved"`
	Expired            int      `json:"expired"`
	MedianResolveHours *float64 `json:"median_resolve_hours"`
}

func statsJSON(s Stats) jsonStats {
	out := jsonStats{Open: s.Open, Opened: s.Opened, Resolved: s.Resolved, Expired: s.Expired}
	if s.HasMedian() {
		h := s.MedianResolveHours()
		out.MedianResolveHours = &h
	}
	return out
}

// jsonTrend is one role's numbers (of the blocked people) this period and the last.
type jsonTrend struct {
	Role string `json:"role"`
	jsonStats
	Previous jsonStats `json:"previous"`
}

type jsonRoleLoop struct {
	Roles      []string `json:"roles"`
	Blockers   int      `json:"blockers"`
	OldestDays int      `json:"oldest_days"`
}

type jsonPersonLoop struct {
	People     []string `json:"people"`
	Blockers   int      `json:"blockers"`
	OldestDays int      `json:"oldest_days"`
}

type jsonChain struct {
	Path  []string `json:"path"`
	Days  int      `json:"days"`  // the age of the oldest link, in whole days
	Links int      `json:"links"` // waits in the chain: len(path) - 1
}

type jsonBottleneck struct {
	Target     string `json:"target"`
	Kind       string `json:"kind"`
	Waiting    int    `json:"waiting"`
	Transitive int    `json:"transitive"`
}

type jsonRole struct {
	Role       string `json:"role"`
	WaitingOn  int    `json:"waiting_on"`
	WaitedOnBy int    `json:"waited_on_by"`
}

type jsonStale struct {
	Person string `json:"person"`
	Target string `json:"target"`
	Days   int    `json:"days"`
	Topic  string `json:"topic"`
}

// JSON writes d as the digest JSON of docs/DESIGN.md, indented, with a final newline.
// "from" and "to" are the first and last (as-of) days of the period, inclusive; people
// are named by Slack user ID.
func JSON(w io.Writer, d *Digest) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(toJSON(d))
}

func toJSON(d *Digest) jsonDigest {
	out := jsonDigest{
		From:        d.Period.From.Format(time.DateOnly),
		To:          d.Period.LastDay().Format(time.DateOnly),
		jsonStats:   statsJSON(d.Stats),
		Previous:    statsJSON(d.Previous),
		RoleLoops:   []jsonRoleLoop{},
		PersonLoops: []jsonPersonLoop{},
		Chains:      []jsonChain{},
		Bottlenecks: []jsonBottleneck{},
		Roles:       []jsonRole{},
		Stale:       []jsonStale{},
		Trends:      []jsonTrend{},
		Participation: jsonParticipation{jsonCounts: countsJSON(d.Answered()),
			Teams: make([]jsonTeamParticipation, 0, len(d.Participation))},
	}
	for _, t := range d.Participation {
		out.Participation.Teams = append(out.Participation.Teams, jsonTeamParticipation{Team: t.Team, jsonCounts: countsJSON(t.Participation)})
	}
	for _, l := range d.RoleLoops {
		out.RoleLoops = append(out.RoleLoops, jsonRoleLoop{
			Roles: nonNil(l.Members), Blockers: l.Blockers, OldestDays: days(l.Oldest),
		})
	}
	for _, l := range d.PersonLoops {
		out.PersonLoops = append(out.PersonLoops, jsonPersonLoop{
			People: nonNil(l.Members), Blockers: l.Blockers, OldestDays: days(l.Oldest),
		})
	}
	for _, c := range d.Chains {
		out.Chains = append(out.Chains, jsonChain{Path: nonNil(c.Path), Days: days(c.Oldest), Links: c.Links()})
	}
	for _, b := range d.Bottlenecks {
		out.Bottlenecks = append(out.Bottlenecks, jsonBottleneck{
			Target: bottleneckID(b), Kind: string(b.Kind), Waiting: b.Waiting, Transitive: b.Transitive,
		})
	}
	for _, r := range d.Roles {
		out.Roles = append(out.Roles, jsonRole{Role: r.Role.String(), WaitingOn: r.WaitingOn, WaitedOnBy: r.WaitedOnBy})
	}
	for _, s := range d.Stale {
		b := s.Blocker()
		out.Stale = append(out.Stale, jsonStale{Person: b.PersonID, Target: targetID(b), Days: days(s.Age), Topic: b.Topic})
	}
	for _, t := range d.Trends {
		out.Trends = append(out.Trends, jsonTrend{Role: t.Role.String(), jsonStats: statsJSON(t.This), Previous: statsJSON(t.Previous)})
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
