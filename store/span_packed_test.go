package store

import (
	"context"
	"database/sql/driver"
	"flag"
	"math"
	"slices"
	"strconv"
	"syscall"
	"testing"
	"time"
)

var spanPackedStore = flag.String("span-packed-store", "", "BenchmarkSpanReadPacked's store: a file BenchmarkDigestVsAnalyze kept (its -digest-bench-store)")

// The digest reads its span's rows one at a time through go-sqlite3, which makes a
// driver.Value of every column of every row (an allocation of each integer). Issue
// 16 asked whether one value a chunk of rows, the integer columns packed as text
// by SQLite's group_concat and parsed in Go, reads them for less. It does not (see
// BENCHMARKS.md, session 13): BenchmarkSpanReadPacked keeps the measurement.

// packedInts is the span's integer columns as the packed reads give them: the
// ID, the person and target numbers as one (as numColumns gives them), and the
// times, a NULL resolved_at as 0.
const packedInts = `id, target_num * 4294967296 + person_num AS nums, opened_at, last_seen_at, ifnull(resolved_at, 0) AS resolved`

// appendInts appends the comma-separated decimal integers of s to out: digits
// with an optional leading '-', "" giving none. It reports false when s is not
// such a list or a number overflows int64.
func appendInts(out []int64, s string) ([]int64, bool) {
	if s == "" {
		return out, true
	}
	for i := 0; ; {
		neg := i < len(s) && s[i] == '-'
		if neg {
			i++
		}
		start := i
		var n uint64
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			d := uint64(s[i] - '0')
			if n > (math.MaxUint64-d)/10 {
				return out, false
			}
			n = n*10 + d
		}
		if i == start || !neg && n > math.MaxInt64 || neg && n > math.MaxInt64+1 {
			return out, false
		}
		if neg {
			out = append(out, -int64(n-1)-1)
		} else {
			out = append(out, int64(n))
		}
		if i == len(s) {
			return out, true
		}
		if s[i] != ',' {
			return out, false
		}
		i++
	}
}

func TestAppendInts(t *testing.T) {
	tests := []struct {
		in   string
		want []int64
		ok   bool
	}{
		{"", nil, true},
		{"0", []int64{0}, true},
		{"1,-2,30", []int64{1, -2, 30}, true},
		{"9223372036854775807,-9223372036854775808", []int64{math.MaxInt64, math.MinInt64}, true},
		{"9223372036854775808", nil, false},
		{"-9223372036854775809", nil, false},
		{"99999999999999999999", nil, false},
		{"1,", nil, false},
		{",1", nil, false},
		{"1,,2", nil, false},
		{"-", nil, false},
		{"1 ", nil, false},
		{"+1", nil, false},
	}
	for _, tt := range tests {
		got, ok := appendInts(nil, tt.in)
		if ok != tt.ok || ok && !slices.Equal(got, tt.want) {
			t.Errorf("appendInts(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// FuzzAppendInts holds appendInts to strconv.ParseInt of each field.
func FuzzAppendInts(f *testing.F) {
	for _, s := range []string{"", "0", "1,-2,30", "9223372036854775807,-9223372036854775808", "9223372036854775808", "1,,2", "-", "-0", "007"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := appendInts(nil, s)
		var want []int64
		wantOK := true
		if s != "" {
			for field := range splitComma(s) {
				n, err := strconv.ParseInt(field, 10, 64)
				if err != nil || field[0] == '+' {
					wantOK = false
					break
				}
				want = append(want, n)
			}
		}
		if ok != wantOK || ok && !slices.Equal(got, want) {
			t.Fatalf("appendInts(%q) = %v, %v; want %v, %v", s, got, ok, want, wantOK)
		}
	})
}

// splitComma yields the comma-separated fields of s.
func splitComma(s string) func(func(string) bool) {
	return func(yield func(string) bool) {
		start := 0
		for i := 0; i <= len(s); i++ {
			if i == len(s) || s[i] == ',' {
				if !yield(s[start:i]) {
					return
				}
				start = i + 1
			}
		}
	}
}

// BenchmarkSpanReadPacked measures, interleaved in each iteration, reads of the
// rows of a store BenchmarkDigestVsAnalyze kept (its 125,000 blockers, every one
// in the span), in the process's CPU time a read:
//
//   - rows7: the columns the digest reads (numColumns), row by row on the driver's
//     rows, as sqliteNumRows steps them;
//   - rows5: the five integer columns of packedInts, row by row;
//   - packedN: the same five, each column a group_concat over keyset chunks of N
//     rows, parsed by appendInts;
//   - joined20k: one group_concat of each row's five joined by ',', chunks of 20,000;
//   - scan: SQLite's own scan of them (a total of each column), no row to Go.
//
// Each read's rows are checked against rows5's (their count and the sum of every
// column).
//
//	go test -run '^$' -bench SpanReadPacked -benchtime 10x ./store/ -args -span-packed-store /tmp/dstore/digest.db
func BenchmarkSpanReadPacked(b *testing.B) {
	if *spanPackedStore == "" {
		b.Skip("needs -span-packed-store FILE: a store BenchmarkDigestVsAnalyze kept with -digest-bench-store")
	}
	ctx := context.Background()
	db, err := Open(ctx, *spanPackedStore)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	tx := db.reader(ctx)
	where, args := spanWhere(time.Unix(0, 0), time.Unix(0, math.MaxInt64))

	type sums struct{ n, cols [5]int64 }
	rows := func(query string, columns int) func() (sums, error) {
		return func() (sums, error) {
			var s sums
			err := tx.rawRows(ctx, query, args, columns, func(v []driver.Value) {
				for i := 0; i < 5 && i < columns; i++ {
					s.n[i]++
					s.cols[i] += asInt(v[i])
				}
			})
			return s, err
		}
	}
	// packed reads chunks of n rows in ID order, sel giving each chunk's values
	// (one TEXT a column, or one for all), then its row count and last ID.
	packed := func(sel string, n int, joined bool) func() (sums, error) {
		query := `SELECT ` + sel + `, count(*), max(id) FROM (SELECT ` + packedInts + ` FROM blockers ` + where +
			` AND id > ? ORDER BY id LIMIT ` + strconv.Itoa(n) + `)`
		columns := 7
		if joined {
			columns = 3
		}
		return func() (sums, error) {
			var s sums
			var ints []int64
			var bad bool
			last := int64(math.MinInt64)
			for {
				var got int64
				err := tx.rawRows(ctx, query, append(args[:len(args):len(args)], last), columns, func(v []driver.Value) {
					k := len(v) - 2
					got, last = asInt(v[k]), asInt(v[k+1])
					for i := 0; i < k; i++ {
						var ok bool
						if ints, ok = appendInts(ints[:0], text(v[i])); !ok {
							bad = true
						}
						for j, x := range ints {
							c := i
							if joined {
								c = j % 5 // the row's five in turn
							}
							s.n[c]++
							s.cols[c] += x
						}
					}
				})
				if err != nil {
					return s, err
				}
				if bad {
					b.Fatal("a packed chunk is not a list of integers")
				}
				if got < int64(n) {
					return s, nil
				}
			}
		}
	}
	nums := `CASE WHEN person_num BETWEEN 1 AND 2147483647 AND target_num BETWEEN 1 AND 2147483647
		THEN target_num * 4294967296 + person_num ELSE 0 END`
	columnsOf := `group_concat(id), group_concat(nums), group_concat(opened_at), group_concat(last_seen_at), group_concat(resolved)`
	reads := []struct {
		name  string
		read  func() (sums, error)
		check bool
	}{
		{"rows7", rows(`SELECT `+numColumns+` FROM blockers `+where+` ORDER BY id`, 7), false},
		{"rows5", rows(`SELECT id, `+nums+`, opened_at, last_seen_at, ifnull(resolved_at, 0) FROM blockers `+where+` ORDER BY id`, 5), true},
		{"packed5k", packed(columnsOf, 5_000, false), true},
		{"packed20k", packed(columnsOf, 20_000, false), true},
		{"packed50k", packed(columnsOf, 50_000, false), true},
		{"joined20k", packed(`group_concat(id || ',' || nums || ',' || opened_at || ',' || last_seen_at || ',' || resolved)`, 20_000, true), true},
		{"scan", rows(`SELECT total(id) + total(person_num) + total(target_num) + total(opened_at) + total(last_seen_at) + total(resolved_at)
			FROM blockers `+where, 1), false},
	}
	cpu := make([]time.Duration, len(reads))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var want sums
		for k, r := range reads {
			start := processCPU()
			got, err := r.read()
			cpu[k] += processCPU() - start
			if err != nil {
				b.Fatalf("%s: %v", r.name, err)
			}
			if r.name == "rows5" {
				want = got
			}
			if r.check && got != want {
				b.Fatalf("%s read %v, want %v (rows5's)", r.name, got, want)
			}
		}
	}
	b.StopTimer()
	for k, r := range reads {
		b.ReportMetric(float64(cpu[k].Microseconds())/1000/float64(b.N), r.name+"-cpu-ms")
	}
}

// processCPU returns the CPU time the process has used, all threads.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
