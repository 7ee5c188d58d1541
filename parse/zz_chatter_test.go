package parse

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"testing"
)

func TestZZChatter(t *testing.T) {
	f, err := os.Open("/tmp/chatter.jsonl")
	if err != nil {
		t.Skip()
	}
	defer f.Close()
	m := defaultModel()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	n, cand, curB, curR := 0, 0, 0, 0
	taus := []float64{0.5, 0.7, 0.8, 0.9}
	ncB := make([]int, len(taus))
	ncR := make([]int, len(taus))
	var ex []string
	for sc.Scan() {
		var x struct{ Text string }
		json.Unmarshal(sc.Bytes(), &x)
		n++
		st := Parse(x.Text, nil)
		if st.Blocked {
			curB++
		}
		if st.Resolved {
			curR++
		}
		p := new(parser)
		p.parse(x.Text, defaultLexicon(), nil)
		if p.candidate() {
			cand++
			continue
		}
		var hs hashSink
		p.features(&hs)
		pr := m.score(hs.distinct())
		for i, tau := range taus {
			if pr[0] >= tau {
				ncB[i]++
			}
			if pr[1] >= tau {
				ncR[i]++
				if tau == 0.8 && len(ex) < 30 {
					ex = append(ex, fmt.Sprintf("R %.2f %s", pr[1], x.Text))
				}
			}
			if pr[0] >= tau && tau == 0.8 && len(ex) < 30 {
				ex = append(ex, fmt.Sprintf("B %.2f %s", pr[0], x.Text))
			}
		}
	}
	fmt.Printf("messages %d, candidates %d; current build reads blocked %d, resolved %d\n", n, cand, curB, curR)
	for i, tau := range taus {
		fmt.Printf("non-candidates at %.1f: blocked %d, resolved %d\n", tau, ncB[i], ncR[i])
	}
	for _, e := range ex {
		fmt.Println(e)
	}
}
