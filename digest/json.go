package digest

import (
	"encoding/json"
	"io"
	"time"
)

// The digest JSON contract of docs/DESIGN.md. Field order is the contract's order; every
// list is [] when empty, never null.
type jsonDigest struct {
	From               string           `json:"from"`
	To                 string           `json:"to"`
	Open               int              `json:"open"`
	Opened             int              `json:"opened"`
	Resolved           int              `json:"resolved"`
	MedianResolveHours float64          `json:"median_resolve_hours"`
	RoleLoops          []jsonRoleLoop   `json:"role_loops"`
	PersonLoops        []jsonPersonLoop `json:"person_loops"`
	Chains             []jsonChain      `json:"chains"`
	Bottlenecks        []jsonBottleneck `json:"bottlenecks"`
	Roles              []jsonRole       `json:"roles"`
	Stale              []jsonStale      `json:"stale"`
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
	Path []string `json:"path"`
	Days int      `json:"days"`
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
		From:               d.Period.From.Format(time.DateOnly),
		To:                 d.Period.LastDay().Format(time.DateOnly),
		Open:               d.Stats.Open,
		Opened:             d.Stats.Opened,
		Resolved:           d.Stats.Resolved,
		MedianResolveHours: d.Stats.MedianResolveHours(),
		RoleLoops:          []jsonRoleLoop{},
		PersonLoops:        []jsonPersonLoop{},
		Chains:             []jsonChain{},
		Bottlenecks:        []jsonBottleneck{},
		Roles:              []jsonRole{},
		Stale:              []jsonStale{},
	}
	for _, l := range d.RoleLoops {
		out.RoleLoops = append(out.RoleLoops, jsonRoleLoop{
			Roles: nonNil(l.Members), Blockers: len(l.Evidence), OldestDays: days(l.Oldest),
		})
	}
	for _, l := range d.PersonLoops {
		out.PersonLoops = append(out.PersonLoops, jsonPersonLoop{
			People: nonNil(l.Members), Blockers: len(l.Evidence), OldestDays: days(l.Oldest),
		})
	}
	for _, c := range d.Chains {
		out.Chains = append(out.Chains, jsonChain{Path: nonNil(c.Path), Days: days(c.Age)})
	}
	for _, b := range d.Bottlenecks {
		out.Bottlenecks = append(out.Bottlenecks, jsonBottleneck{
			Target: roleNodeName(b.Target), Kind: string(b.Kind), Waiting: b.Waiting, Transitive: b.Transitive,
		})
	}
	for _, r := range d.Roles {
		out.Roles = append(out.Roles, jsonRole{Role: r.Role.String(), WaitingOn: r.WaitingOn, WaitedOnBy: r.WaitedOnBy})
	}
	for _, s := range d.Stale {
		out.Stale = append(out.Stale, jsonStale{
			Person: s.Blocker.PersonID, Target: targetID(s.Blocker), Days: days(s.Age), Topic: s.Blocker.Topic,
		})
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
