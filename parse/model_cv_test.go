package parse

import (
	"flag"
	"fmt"
	"math"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/labelled"
)

var (
	modelCV    = flag.Bool("model-cv", false, "cross-validate the statement model, leaving one labelled set out at a time")
	modelApart = flag.String("model-cv-apart", "dev_ruleblind", "sets whose names start so are summed apart (the rule-blind dev sets: no rule was written from them, so the rules' figure on them is honest)")
)

// TestModelCrossValidation trains the model on every labelled set but one and
// scores the rules alone and the rules with that model on the one left out,
// for every set in turn, and counts the readings the model changed, right and
// wrong. It only reports (BENCHMARKS.md, "The statement model"):
//
//	go test ./parse -run ModelCrossValidation -model-cv -v
func TestModelCrossValidation(t *testing.T) {
	if !*modelCV {
		t.Skip("run with -model-cv")
	}
	files, err := DevSetFiles("testdata") // never a test set
	if err != nil {
		t.Fatal(err)
	}
	sets := map[string][]labelled.Statement{}
	var names []string
	for _, f := range files {
		s, err := labelled.Read(f)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(f), ".jsonl")
		sets[name] = s
		names = append(names, name)
	}
	sort.Strings(names)
	var rulesAll, modelAll [2]labelled.Metrics
	var alone [2]labelled.Score
	var ll [2]float64
	nll := 0.0
	defer func() {
		for o, n := range []string{"blocked", "resolved"} {
			fmt.Printf("ALONE %s F1 %.3f (P%.3f R%.3f) logloss %.4f\n", n, alone[o].F1(), alone[o].Precision(), alone[o].Recall(), ll[o]/nll)
		}
	}()
	changes := map[string]int{}
	defer func() {
		var ks []string
		for k := range changes {
			ks = append(ks, k)
		}
		sort.Strings(ks)
		for _, k := range ks {
			fmt.Printf("CHANGE %-32s %d\n", k, changes[k])
		}
	}()
	for _, held := range names {
		var train []Example
		for _, n := range names {
			if n == held {
				continue
			}
			for _, l := range sets[n] {
				train = append(train, Example{Text: l.Text, Blocked: l.Blocked, Resolved: l.Resolved})
			}
		}
		m, err := loadModel(TrainModel(train))
		if err != nil {
			t.Fatal(err)
		}
		read := func(mdl *model) func(labelled.Statement) unblock.Statement {
			return func(l labelled.Statement) unblock.Statement {
				return new(parser).parse(l.Text, defaultLexicon(), mdl)
			}
		}
		for _, l := range sets[held] {
			a, b := read(nil)(l), read(m)(l)
			a.Blocked = a.Blocked || a.Continues
			b.Blocked = b.Blocked || b.Continues
			kind := map[bool]string{true: "right", false: "wrong"}
			if a.Blocked != b.Blocked {
				changes[fmt.Sprintf("blocked %v->%v %s", a.Blocked, b.Blocked, kind[b.Blocked == l.Blocked])]++
			}
			if a.Resolved != b.Resolved {
				changes[fmt.Sprintf("resolved %v->%v %s", a.Resolved, b.Resolved, kind[b.Resolved == l.Resolved])]++
			}
		}
		for _, l := range sets[held] {
			p := new(parser)
			p.parse(l.Text, defaultLexicon(), nil)
			var hs hashSink
			p.features(&hs)
			prob := m.score(hs.distinct())
			for o, y := range []bool{l.Blocked, l.Resolved} {
				alone[o].Add(prob[o] >= 0.5, y)
				ll[o] -= math.Log(max(1e-9, map[bool]float64{true: prob[o], false: 1 - prob[o]}[y]))
			}
			nll++
		}
		r := labelled.Measure(sets[held], read(nil))
		md := labelled.Measure(sets[held], read(m))
		k := 0
		if strings.HasPrefix(held, *modelApart) {
			k = 1
		}
		for _, pair := range [][2]*labelled.Metrics{{&rulesAll[k], &r}, {&modelAll[k], &md}} {
			add(pair[0], pair[1])
		}
		fmt.Printf("%-28s rules %s\n%-28s model %s\n", held, line(r), "", line(md))
	}
	for k, kind := range []string{"other", *modelApart + "*"} {
		fmt.Printf("ALL %-4s rules %s\nALL %-4s model %s\n", kind, line(rulesAll[k]), kind, line(modelAll[k]))
	}
}

func add(to, m *labelled.Metrics) {
	for _, s := range [][2]*labelled.Score{{&to.Blocked, &m.Blocked}, {&to.Resolved, &m.Resolved}, {&to.None, &m.None}} {
		s[0].TP += s[1].TP
		s[0].FP += s[1].FP
		s[0].FN += s[1].FN
	}
	to.Role.Right += m.Role.Right
	to.Role.Of += m.Role.Of
	to.Statements += m.Statements
}

func line(m labelled.Metrics) string {
	return fmt.Sprintf("blocked %.3f (P%.2f R%.2f) resolved %.3f (P%.2f R%.2f) none %.3f role %.3f",
		m.Blocked.F1(), m.Blocked.Precision(), m.Blocked.Recall(),
		m.Resolved.F1(), m.Resolved.Precision(), m.Resolved.Recall(), m.None.F1(), m.Role.Ratio())
}
