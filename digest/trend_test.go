package digest_test

import "testing"

// The per-role numbers add up to the totals, in both periods.
func TestBuildTrends(t *testing.T) {
	d := build(t, companyX())
	if len(d.Trends) == 0 {
		t.Fatal("no trends")
	}
	var open, opened, resolved, expired, prevOpened, prevResolved int
	for i, tr := range d.Trends {
		if i > 0 && d.Trends[i-1].Role.String() >= tr.Role.String() {
			t.Fatalf("trends not ordered by role: %v before %v", d.Trends[i-1].Role, tr.Role)
		}
		open += tr.This.Open
		opened += tr.This.Opened
		resolved += tr.This.Resolved
		expired += tr.This.Expired
		prevOpened += tr.Previous.Opened
		prevResolved += tr.Previous.Resolved
	}
	if open != d.Stats.Open || opened != d.Stats.Opened || resolved != d.Stats.Resolved || expired != d.Stats.Expired {
		t.Errorf("per role: open %d opened %d resolved %d expired %d; totals %+v", open, opened, resolved, expired, d.Stats)
	}
	if prevOpened != d.Previous.Opened || prevResolved != d.Previous.Resolved {
		t.Errorf("per role last week: opened %d resolved %d; totals %+v", prevOpened, prevResolved, d.Previous)
	}
}
