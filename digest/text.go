package digest

import (
	"bufio"
	"fmt"
	"io"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/unblock-dev/unblock"
)

// Text writes d for a terminal: the role loops first, each with its evidence, then
// person loops, chains, bottlenecks, roles, stale blockers and the numbers against the
// previous period. Plain text, aligned with spaces, no colour.
func Text(w io.Writer, d *Digest) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }

	p("%s\n\n", d.title())

	if len(d.RoleLoops) == 0 {
		p("No role loops.\n\n")
	}
	for _, l := range d.RoleLoops {
		p("Loop: %s (%s)\n", clean(d.loopPath(l, true, " -> ")), loopSummary(l))
		lines, more := d.evidenceLines(l)
		for _, line := range lines {
			p("  %s\n", clean(line))
		}
		if more > 0 {
			p("  …and %d more\n", more)
		}
		p("\n")
	}

	p("Person loops\n")
	if len(d.PersonLoops) == 0 {
		p("  none\n")
	}
	for _, l := range d.PersonLoops {
		p("  %s (%s)\n", clean(d.loopPath(l, false, " -> ")), loopSummary(l))
		lines, more := d.evidenceLines(l)
		for _, line := range lines {
			p("    %s\n", clean(line))
		}
		if more > 0 {
			p("    …and %d more\n", more)
		}
	}

	p("\nWait chains\n")
	if len(d.Chains) == 0 {
		p("  none\n")
	}
	for _, c := range d.Chains {
		p("  %s (%s)\n", clean(d.chainPath(c, " -> ")), chainSummary(c))
	}

	p("\nBottlenecks\n")
	if len(d.Bottlenecks) == 0 {
		p("  none\n")
	} else {
		tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
		fmt.Fprintf(tw, "  TARGET\tKIND\tPEOPLE WAITING\tIN ALL\n")
		for _, b := range d.Bottlenecks {
			fmt.Fprintf(tw, "  %s\t%s\t%d\t%d\n", clean(d.bottleneckName(b)), b.Kind, b.Waiting, b.Transitive)
		}
		tw.Flush()
	}

	p("\nRoles\n")
	if len(d.Roles) == 0 {
		p("  none\n")
	} else {
		tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
		fmt.Fprintf(tw, "  ROLE\tITS BLOCKERS\tBLOCKERS ON IT\n")
		for _, r := range d.Roles {
			fmt.Fprintf(tw, "  %s\t%d\t%d\n", r.Role, r.WaitingOn, r.WaitedOnBy)
		}
		tw.Flush()
	}

	p("\nStale: open %s or more\n", unblock.Plural(days(d.StaleAfter), "day"))
	if len(d.Stale) == 0 {
		p("  none\n")
	}
	shown, more := listed(len(d.Stale))
	for _, s := range d.Stale[:shown] {
		p("  %s\n", clean(d.blockerLine(s.Blocker())))
	}
	if more > 0 {
		p("  …and %d more\n", more)
	}

	p("\n")
	if line, ok := d.standupLine(); ok {
		p("%s\n\n", line)
	}
	rows := append([]numberRow{{"Numbers", "this week", "last week", "change"}}, d.numberRows()...)
	var wn, wt, wl int
	for _, r := range rows {
		wn, wt, wl = max(wn, width(r.Name)), max(wt, width(r.This)), max(wl, width(r.Last))
	}
	for _, r := range rows {
		p("%-*s  %*s  %*s  %s\n", wn, r.Name, wt, r.This, wl, r.Last, r.Diff)
	}
	if len(d.Trends) > 0 {
		p("\nPer role, this week (last week)\n")
		trend := d.trendRows()
		widths := make([]int, len(trend[0]))
		for _, row := range trend {
			for i, c := range row {
				widths[i] = max(widths[i], width(c))
			}
		}
		for _, row := range trend {
			p("  %-*s", widths[0], row[0])
			for i := 1; i < len(row); i++ {
				p("  %*s", widths[i], row[i])
			}
			p("\n")
		}
	}
	p("\n%s\n", d.whyLine())
	return bw.Flush()
}

// width is the width of s on a terminal, as fmt pads it: in runes ("–" is one).
func width(s string) int { return utf8.RuneCountInString(s) }
