package store

import (
	"context"
	"fmt"
	"time"

	"github.com/unblock-dev/unblock"
)

// skipDays returns the days (YYYY-MM-DD, ascending, each once) on which person
// skipped a standup at their own request ("Skip today", unblock.SkipAsked) after
// the UTC day of since (Unix nanoseconds).
func (tx *Tx) skipDays(ctx context.Context, person string, since int64) ([]string, error) {
	rows, err := tx.q.QueryContext(ctx, `SELECT DISTINCT day FROM sessions
		WHERE person_id = ? AND skipped = ? AND day > ? ORDER BY day`,
		person, unblock.SkipAsked, time.Unix(0, since).UTC().Format(time.DateOnly))
	if err != nil {
		return nil, fmt.Errorf("skipped days of %s: %w", person, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			return nil, fmt.Errorf("skipped days of %s: %w", person, err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// silenceEnd returns when the silence that began with a person's report at last
// (Unix nanoseconds) ends: last plus period, and one day later for each day they
// skipped (days, ascending; those up to last's day are passed over) that
// begins before that end. A person who pressed "Skip today" did not fall
// silent that day.
func silenceEnd(last int64, period time.Duration, days []string) int64 {
	end := last + period.Nanoseconds()
	lastDay := time.Unix(0, last).UTC().Format(time.DateOnly)
	for _, d := range days {
		if d <= lastDay {
			continue // days may start earlier: the skips of several silences at once
		}
		t, err := time.Parse(time.DateOnly, d)
		if err != nil || t.UnixNano() >= end {
			break
		}
		end += int64(24 * time.Hour)
	}
	return end
}

// silenceEndOf is silenceEnd with person's skipped days read from the store.
func (tx *Tx) silenceEndOf(ctx context.Context, person string, last int64, period time.Duration) (int64, error) {
	days, err := tx.skipDays(ctx, person, last)
	if err != nil {
		return 0, err
	}
	return silenceEnd(last, period, days), nil
}
