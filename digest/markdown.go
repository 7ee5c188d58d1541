package digest

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/unblock-dev/unblock"
)

// Markdown writes d as a Markdown document with the same content as Text: a heading
// per role loop with its evidence as a list, then sections with lists and tables.
// User text is escaped so it cannot add markup, links or HTML.
func Markdown(w io.Writer, d *Digest) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }

	p("# %s\n\n", d.title())

	if len(d.RoleLoops) == 0 {
		p("No role loops.\n\n")
	}
	for _, l := range d.RoleLoops {
		p("## Loop: %s\n\n%s.\n\n", mdEscape(d.loopPath(l, true, " → ")), loopSummary(l))
		lines, more := d.evidenceLines(l)
		for _, line := range lines {
			p("- %s\n", mdEscape(line))
		}
		if more > 0 {
			p("- …and %d more\n", more)
		}
		p("\n")
	}

	p("## Person loops\n\n")
	if len(d.PersonLoops) == 0 {
		p("None.\n")
	}
	for _, l := range d.PersonLoops {
		p("- **%s** (%s)\n", mdEscape(d.loopPath(l, false, " → ")), loopSummary(l))
		lines, more := d.evidenceLines(l)
		for _, line := range lines {
			p("  - %s\n", mdEscape(line))
		}
		if more > 0 {
			p("  - …and %d more\n", more)
		}
	}

	p("\n## Wait chains\n\n")
	if len(d.Chains) == 0 {
		p("None.\n")
	}
	for _, c := range d.Chains {
		p("- %s (%s)\n", mdEscape(d.chainPath(c, " → ")), chainSummary(c))
	}

	p("\n## Bottlenecks\n\n")
	if len(d.Bottlenecks) == 0 {
		p("None.\n")
	} else {
		p("| Target | Kind | People waiting | In all |\n| --- | --- | ---: | ---: |\n")
		for _, b := range d.Bottlenecks {
			p("| %s | %s | %d | %d |\n", mdEscape(d.bottleneckName(b)), b.Kind, b.Waiting, b.Transitive)
		}
	}

	p("\n## Roles\n\n")
	if len(d.Roles) == 0 {
		p("None.\n")
	} else {
		p("| Role | Its blockers | Blockers on it |\n| --- | ---: | ---: |\n")
		for _, r := range d.Roles {
			p("| %s | %d | %d |\n", mdEscape(r.Role.String()), r.WaitingOn, r.WaitedOnBy)
		}
	}

	p("\n## Stale: open %s or more\n\n", unblock.Plural(days(d.StaleAfter), "day"))
	if len(d.Stale) == 0 {
		p("None.\n")
	}
	shown, more := listed(len(d.Stale))
	for _, s := range d.Stale[:shown] {
		p("- %s\n", mdEscape(d.blockerLine(s.Blocker())))
	}
	if more > 0 {
		p("- …and %d more\n", more)
	}

	p("\n## Numbers\n\n")
	if line, ok := d.standupLine(); ok {
		p("%s\n\n", line)
	}
	p("|  | This week | Last week | Change |\n| --- | ---: | ---: | ---: |\n")
	for _, r := range d.numberRows() {
		p("| %s | %s | %s | %s |\n", r.Name, r.This, r.Last, r.Diff)
	}
	if len(d.Trends) > 0 {
		p("\n### Per role, this week (last week)\n\n| Role | Open | Opened | Resolved | Expired | Median hours to resolve |\n| --- | ---: | ---: | ---: | ---: | ---: |\n")
		for _, row := range d.trendRows()[1:] {
			p("| %s |\n", strings.Join(row, " | "))
		}
	}
	p("\n%s\n", d.whyLine())
	return bw.Flush()
}

var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`,
	`<`, `\<`, `>`, `\>`, `|`, `\|`, `#`, `\#`, `~`, `\~`, `&`, `&amp;`,
)

// mdEscape makes user text one line of literal Markdown.
func mdEscape(s string) string { return mdEscaper.Replace(clean(s)) }
