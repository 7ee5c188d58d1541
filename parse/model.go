package parse

import (
	_ "embed"
	"fmt"
	"math"
	"math/bits"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// The statement model weighs the whole report where the rules look for cues:
// a logistic regression over its words, word pairs, word classes and cue
// families (lexicon.txt) and the rules' own answer, trained on the labelled
// dev sets (testdata/*.jsonl but test_*) by `go generate ./parse`. It
// weighs in where the rules' reading names nothing (see adjudicate): it may
// drop a wait the rules read with no target and no topic, or add a wait or an
// arrival the rules have no cue for.
// The weights are data (model.txt), one line a feature, readable by anyone
// who wants to know why a report was read the way it was (parse -explain).
//
//go:generate go run ./internal/modelgen
//go:embed model.txt
var modelFile string

// modelBits sizes the hash space: features are hashed into 1<<modelBits
// slots; the slots model.txt gives a weight are kept in a table sized to them
// (weights), each with the blocked and the resolved weight side by side.
const modelBits = 18

// Model outputs, in the order a slot holds their weights.
const (
	outBlocked = iota
	outResolved
	numOutputs
)

var outputNames = [numOutputs]string{"blocked", "resolved"}

// model is a loaded model.txt.
type model struct {
	w weights
	// keep is the least probability at which a reading the rules made
	// without naming a target stands; add the least at which the model adds
	// a reading the rules did not make (1: never), and cued the least at
	// which it adds one to a cued report, one that says blocker in so many
	// words (a chat cue: "blocked", "waiting", "pending", "stuck", or a gate,
	// "so I can") or has a Blockers section; drop the probability below which
	// a reading the rules named a target or a topic for is dropped (0: never).
	keep, add, cued, drop [numOutputs]float64
}

// adds reports whether the model adds output o at probabilities prob to a
// report, cued or not.
func (m *model) adds(o int, prob [numOutputs]float64, cued bool) bool {
	least := m.add[o]
	if cued {
		least = min(least, m.cued[o])
	}
	return least < 1 && prob[o] >= least
}

var (
	builtinModel     *model
	builtinModelOnce sync.Once
)

// defaultModel is the built-in model, loaded once.
func defaultModel() *model {
	builtinModelOnce.Do(func() {
		m, err := loadModel(modelFile)
		if err != nil {
			panic("parse: built-in model.txt: " + err.Error())
		}
		builtinModel = m
	})
	return builtinModel
}

// loadModel reads a model file: "keep OUTPUT P", "add OUTPUT P", "cued OUTPUT
// P" and "drop OUTPUT P" lines (see model) and "w OUTPUT WEIGHT FEATURE" lines
// (a feature's name may hold a space); # starts a comment.
func loadModel(text string) (*model, error) {
	m := &model{}
	learned := map[uint32][numOutputs]float32{}
	seen := map[string]bool{}
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Fields(line)
		out := -1
		if len(f) >= 2 {
			for i, name := range outputNames {
				if f[1] == name {
					out = i
				}
			}
		}
		switch {
		case (f[0] == "keep" || f[0] == "add" || f[0] == "cued" || f[0] == "drop") && len(f) == 3 && out >= 0:
			p, err := strconv.ParseFloat(f[2], 64)
			if err != nil || p < 0 || p > 1 {
				return nil, fmt.Errorf("line %d: %s %q is not a probability from 0 to 1", n+1, f[0], f[2])
			}
			switch f[0] {
			case "keep":
				m.keep[out] = p
			case "add":
				m.add[out] = p
			case "cued":
				m.cued[out] = p
			default:
				m.drop[out] = p
			}
			seen[f[0]+" "+f[1]] = true
		case f[0] == "w" && len(f) >= 4 && out >= 0:
			w, err := strconv.ParseFloat(f[2], 32)
			if err != nil || math.IsNaN(w) || math.IsInf(w, 0) {
				return nil, fmt.Errorf("line %d: weight %q is not a number", n+1, f[2])
			}
			name := strings.Join(f[3:], " ")
			sl, ok := featureSlot(name)
			if !ok {
				return nil, fmt.Errorf("line %d: feature %q has no known prefix (bias, u:, b:, q:, c:, r:, r:kind:, f:) or more than two parts", n+1, name)
			}
			ws := learned[sl]
			ws[out] = float32(w)
			learned[sl] = ws
		default:
			return nil, fmt.Errorf("line %d: %q is none of \"keep OUTPUT P\", \"add OUTPUT P\", \"cued OUTPUT P\", \"drop OUTPUT P\", \"w OUTPUT WEIGHT FEATURE\" (outputs: blocked, resolved)", n+1, line)
		}
	}
	m.w = newWeights(learned)
	for _, k := range []string{"keep", "add", "cued", "drop"} {
		for _, o := range outputNames {
			if !seen[k+" "+o] {
				return nil, fmt.Errorf("no %q line for %s", k, o)
			}
		}
	}
	return m, nil
}

// A feature's slot is a hash of its name's parts: its prefix ("b:") and one
// or two parts ("still", "waiting"), each hashed once (FNV-1a, 32 bits) and
// mixed, so reading a report hashes each word once and builds no strings.
const (
	fnvOffset uint32 = 2166136261
	fnvPrime  uint32 = 16777619
)

func fnvAdd(h uint32, s string) uint32 {
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= fnvPrime
	}
	return h
}

// part is one piece of a feature's name and its hash.
type part struct {
	s string
	h uint32
}

func partOf(s string) part { return part{s, fnvAdd(fnvOffset, s)} }

func mix(h, x uint32) uint32 {
	h ^= x
	h *= 0x9e3779b1
	return h ^ h>>16
}

// The prefixes of features: the bias, a word (unit), a pair of neighbouring
// words, a cue family, a word class, the rules' answer, a kind of target.
var (
	preBias  = partOf("bias")
	preWord  = partOf("u:")
	prePair  = partOf("b:")
	preCue   = partOf("q:")
	preClass = partOf("c:")
	preRules = partOf("r:")
	preKind  = partOf("r:kind:")
	preFired = partOf("f:")
	prefixes = []part{preBias, preWord, prePair, preCue, preClass, preKind, preRules, preFired} // longest first where one starts another
	noPart   = partOf("")
)

func slot(pre, a, b part) uint32 {
	h := mix(pre.h, a.h)
	if b.s != "" {
		h = mix(h, b.h)
	}
	return h & (1<<modelBits - 1)
}

// featureSlot is the slot of a feature named in full ("b:still waiting"),
// or false when the name has no known prefix or more than two parts.
func featureSlot(name string) (uint32, bool) {
	for _, pre := range prefixes {
		rest, ok := strings.CutPrefix(name, pre.s)
		if !ok {
			continue
		}
		a, b, two := strings.Cut(rest, " ")
		if two && (b == "" || strings.Contains(b, " ")) {
			return 0, false
		}
		bp := part{}
		if two {
			bp = partOf(b)
		}
		return slot(pre, partOf(a), bp), true
	}
	return 0, false
}

// featureSink receives the features of a report.
type featureSink interface {
	feature(pre, a, b part)
}

// hashSink keeps the slots of the features, for scoring.
type hashSink struct {
	slots, uniq []uint32
	set         []uint32 // an open-addressing set of slot+1, for distinct
}

// distinct returns the distinct slots sent, in the order first sent: a
// feature weighs once however often a report repeats it, so a long text that
// says one word twenty times reads as a text that says it, not as twenty
// votes. It costs a pass over the slots, with a set twice their number.
func (s *hashSink) distinct() []uint32 {
	size := 16
	for size < 2*len(s.slots) {
		size <<= 1
	}
	if cap(s.set) < size {
		s.set = make([]uint32, size)
	} else {
		s.set = s.set[:size]
		clear(s.set)
	}
	mask := uint32(size - 1)
	s.uniq = s.uniq[:0]
	for _, x := range s.slots {
		h := (x * 0x9e3779b1) & mask
		for s.set[h] != 0 && s.set[h] != x+1 {
			h = (h + 1) & mask
		}
		if s.set[h] == 0 {
			s.set[h] = x + 1
			s.uniq = append(s.uniq, x)
		}
	}
	return s.uniq
}

func (s *hashSink) feature(pre, a, b part) { s.slots = append(s.slots, slot(pre, a, b)) }

// nameSink keeps the names of the features, for training and -explain.
type nameSink struct{ names []string }

func (s *nameSink) feature(pre, a, b part) {
	if b.s != "" {
		s.names = append(s.names, pre.s+a.s+" "+b.s)
		return
	}
	s.names = append(s.names, pre.s+a.s)
}

// unit is what a token contributes to the word features: its lower-cased
// word, a number as "0", a mention, a user group, a link, the punctuation
// that shapes a report (":", "?", "!") or a line break; "" for the rest.
func unit(t *token) string {
	switch t.kind {
	case tWord:
		if t.low != "" && t.low[0] >= '0' && t.low[0] <= '9' {
			return "0"
		}
		return t.low
	case tMention:
		return "<@>"
	case tGroup:
		return "<group>"
	case tLink:
		return "<link>"
	case tBreak:
		return "<br>"
	case tPunct:
		switch t.punct {
		case ':':
			return ":"
		case '?':
			return "?"
		case '!':
			return "!"
		}
	}
	return ""
}

// features sends the report's features to sink: each word and each pair of
// neighbouring words, each word's classes and cue family, and what the rules
// read (blocked, resolved, none, how many targets, of which kinds). The
// rules' answer is p's state after parse.
func (p *parser) features(sink featureSink) {
	sink.feature(preBias, noPart, noPart)
	prev := partStart
	for k := range p.toks {
		t := &p.toks[k]
		u := unit(t)
		if u == "" {
			continue
		}
		cur := partOf(u)
		sink.feature(preWord, cur, noPart)
		sink.feature(prePair, prev, cur)
		prev = cur
		if t.kind != tWord {
			continue
		}
		if t.cue != 0 {
			sink.feature(preCue, cueParts[t.cue], noPart)
		}
		for i, word := range t.cls {
			word &^= notFeatures[i]
			for word != 0 {
				c := i*64 + bits.TrailingZeros64(word)
				word &= word - 1
				sink.feature(preClass, classParts[c], noPart)
			}
		}
	}
	sink.feature(prePair, prev, partEnd)
	sink.feature(preRules, partOf("blocked"), partOf(strconv.FormatBool(p.blocked)))
	sink.feature(preRules, partOf("resolved"), partOf(strconv.FormatBool(p.resolved)))
	sink.feature(preRules, partOf("none"), partOf(strconv.FormatBool(p.none)))
	sink.feature(preRules, partOf("targets"), partOf(targetCount[min(len(p.targets), len(targetCount)-1)]))
	for i := range p.targets {
		sink.feature(preKind, partOf(string(p.targets[i].Kind)), noPart)
	}
	for _, r := range p.fired {
		sink.feature(preFired, partOf(r), noPart)
	}
}

var (
	partStart, partEnd = partOf("<s>"), partOf("<e>")
	// cueParts and classParts are the parts naming each cue family and
	// each word class, hashed once.
	cueParts = func() (ps [len(cueFamilies)]part) {
		for i, f := range cueFamilies {
			ps[i] = partOf(f)
		}
		return ps
	}()
	classParts = func() (ps [numClasses]part) {
		for name, c := range classNames {
			ps[c] = partOf(name)
		}
		return ps
	}()
)

// notFeatures are the classes that say where a text may be read, not what it
// says: the model does not weigh them.
var notFeatures = setOf(cChatCue)

var targetCount = [...]string{"0", "1", "2+"}

// score is the model's probability for each output over the given slots.
func (m *model) score(slots []uint32) [numOutputs]float64 {
	var sum [numOutputs]float64
	for _, s := range slots {
		w := m.w.get(s)
		sum[outBlocked] += float64(w[outBlocked])
		sum[outResolved] += float64(w[outResolved])
	}
	var p [numOutputs]float64
	for o := range sum {
		p[o] = 1 / (1 + math.Exp(-sum[o]))
	}
	return p
}

// adjudicate lets the model weigh in on the rules' reading. An explicit none,
// "same as yesterday" and a report a rule dismissed in part (a distractor, the
// author's own step) stand: the rules read those from their own words, and so
// does a report read as both a wait and an arrival (a bag of words cannot tell
// which words go with which). A wait or an arrival the rules named a target or
// a topic for stands unless the model gives it less than its drop probability
// (the rules' cue was there, the report as a whole says otherwise); then what
// it named goes with it. A reading that names
// nothing stands when the model gives it at least its keep probability; a wait
// or an arrival the rules did not read is added when the model gives it at
// least its add probability, or its cued probability in a report that says
// blocker in so many words or has a Blockers section: a wait added names the
// parties the report names, if any (the ledger's unspecified wait otherwise);
// an arrival added clears what the report does not mention again. A rule that
// dismissed what it read (a distractor, the author's own step) keeps the
// model out. It reads
// every report, not only candidates (Candidate): chat, where most text with no
// word of blockers is, is read as chat (ParseChat), which keeps none of what it
// adds, and in reports reading them all read 0.008 / 0.010 more blocked /
// resolved F1 on the rule-blind sets and no more false readings on either
// chatter set read as reports. The probabilities were chosen by
// cross-validation on the dev sets no rule was written from (dev_ruleblind_*,
// BENCHMARKS.md).
func (p *parser) adjudicate() {
	if p.mdl == nil || p.none || p.continues || p.dismissed {
		return
	}
	if p.reading != readReport && p.mdl.drop[outResolved] == 0 && !p.chatCue() && p.readAsChat() {
		// Chat without a cue keeps only an arrival that names what arrived,
		// which the model (dropping nothing named) leaves as it is: scoring
		// it would change nothing and cost a third of reading chat.
		return
	}
	named := len(p.targets) > 0 || p.topic != "" || p.resolvedTopic != ""
	if named && (p.blocked && p.resolved || // mixed: the words of both readings weigh on each
		!(p.blocked && p.mdl.drop[outBlocked] > 0 || p.resolved && p.mdl.drop[outResolved] > 0)) {
		return
	}
	p.hashes.slots = p.hashes.slots[:0]
	p.features(&p.hashes)
	prob := p.mdl.score(p.hashes.distinct())
	var blocked, resolved bool
	if named {
		blocked = p.blocked && prob[outBlocked] >= p.mdl.drop[outBlocked]
		resolved = p.resolved && prob[outResolved] >= p.mdl.drop[outResolved]
	} else {
		cued := p.sawBlockSec || p.chatCue()
		blocked = p.blocked && prob[outBlocked] >= p.mdl.keep[outBlocked] ||
			!p.blocked && !p.resolved && p.mdl.adds(outBlocked, prob, cued)
		resolved = p.resolved && prob[outResolved] >= p.mdl.keep[outResolved] ||
			!p.resolved && p.mdl.adds(outResolved, prob, cued)
	}
	if blocked == p.blocked && resolved == p.resolved {
		return
	}
	if p.tracing {
		p.trace = append(p.trace, Step{Rule: "model", Words: p.why(prob)})
	}
	if named { // a wait or an arrival dropped takes what it named along
		clear(p.targets)
		p.targets = p.targets[:0]
		p.topic, p.resolvedTopic = "", ""
	}
	added := blocked && !p.blocked && !named
	p.blocked, p.resolved = blocked, resolved
	if added {
		// A wait the model added names the roles, teams and outside bodies
		// the report names ("I've contacted the IT person in the lab, see if
		// he knows"): whom else would it wait on? People stay unnamed.
		p.addParties(0, len(p.toks))
	}
}

// why tells, for -explain, the model's probabilities and, for each, the
// features that weighed most toward its side of one half ("blocked 0.93
// (+1.20 u:waiting, +0.81 b:still waiting, …)").
func (p *parser) why(prob [numOutputs]float64) string {
	var names nameSink
	p.features(&names)
	var b strings.Builder
	for o, out := range outputNames {
		if o > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s %.2f", out, prob[o])
		toward := float32(1) // the side the probability is on
		if prob[o] < 0.5 {
			toward = -1
		}
		type weighed struct {
			name string
			w    float32
		}
		var ws []weighed
		seen := map[string]bool{}
		for i, n := range names.names {
			if seen[n] {
				continue // a feature weighs once (hashSink.distinct)
			}
			seen[n] = true
			if w := p.mdl.w.get(p.hashes.slots[i])[o]; w*toward > 0 {
				ws = append(ws, weighed{n, w})
			}
		}
		sort.SliceStable(ws, func(i, j int) bool { return ws[i].w*toward > ws[j].w*toward })
		for i, w := range ws[:min(len(ws), 4)] {
			sep := ", "
			if i == 0 {
				sep = " ("
			}
			fmt.Fprintf(&b, "%s%+.2f %s", sep, w.w, w.name)
		}
		if len(ws) > 0 {
			b.WriteString(")")
		}
	}
	return b.String()
}

// weights maps a slot to its weight for each output. It is an open-addressing
// table sized to the slots model.txt gives weights (about 20,000), so the
// model costs memory for what it learned, not for every slot of the hash
// space; a slot it does not hold weighs nothing. A slot and its weights sit
// side by side, so a look-up touches one cache line.
type weights struct {
	entries []weightEntry
	mask    uint32
}

type weightEntry struct {
	key uint32 // slot+1; 0 marks an empty entry
	w   [numOutputs]float32
}

func newWeights(learned map[uint32][numOutputs]float32) weights {
	n := 16
	for n < 2*len(learned) {
		n *= 2
	}
	t := weights{entries: make([]weightEntry, n), mask: uint32(n - 1)}
	for slot, w := range learned {
		i := t.home(slot)
		for t.entries[i].key != 0 {
			i = (i + 1) & t.mask
		}
		t.entries[i] = weightEntry{slot + 1, w}
	}
	return t
}

func (t weights) home(slot uint32) uint32 { return (slot * 0x9e3779b1) & t.mask }

// get returns the weights of slot, zero when it has none.
func (t weights) get(slot uint32) [numOutputs]float32 {
	if t.mask == 0 {
		return [numOutputs]float32{}
	}
	for i := t.home(slot); ; i = (i + 1) & t.mask {
		switch e := &t.entries[i]; e.key {
		case slot + 1:
			return e.w
		case 0:
			return [numOutputs]float32{}
		}
	}
}
