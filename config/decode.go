package config

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/unblock-dev/unblock"
	"go.yaml.in/yaml/v3"
)

// decoder walks a YAML node tree into a Config by hand, rather than through
// yaml's reflection, so it can record the line of every key and report every
// problem instead of the first.
type decoder struct {
	file   string
	getenv func(string) string
	lines  map[string]int // key path -> line
	probs  Problems
	merged map[*yaml.Node][]pair // pairs of mappings already expanded for a merge key
}

func (d *decoder) addf(line int, key, format string, args ...any) {
	d.probs = append(d.probs, Problem{File: d.file, Line: line, Key: key, Msg: redact(fmt.Sprintf(format, args...))})
}

// field is one key of a mapping and how to decode its value.
type field struct {
	name   string
	decode func(key string, n *yaml.Node)
}

// pair is a key and its value in a mapping.
type pair struct{ key, value *yaml.Node }

// yamlLineError matches the errors yaml gives for syntax problems.
var yamlLineError = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// decodeYAML reads the one YAML document in data into c.
func (d *decoder) decodeYAML(data []byte, c *Config) {
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	var doc yaml.Node
	if err := dec.Decode(&doc); errors.Is(err, io.EOF) {
		return // an empty file: defaults for everything
	} else if err != nil {
		d.syntaxError(err)
		return
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		d.addf(extra.Line, "", "a config file holds one YAML document; remove the second one (after ---)")
	} else if !errors.Is(err, io.EOF) {
		d.syntaxError(err)
	}
	root := &doc
	if root.Kind == yaml.DocumentNode {
		if len(root.Content) == 0 {
			return
		}
		root = root.Content[0]
	}
	if isNull(root) {
		return
	}
	d.config("", root, c)
}

// syntaxError reports a YAML syntax error. yaml numbers the lines of its parser
// errors (as opposed to its scanner errors) from 0 and leaves out line 0, so
// those are moved one line down here.
func (d *decoder) syntaxError(err error) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if m := yamlLineError.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	if isParserError(msg) {
		line++
	}
	d.addf(line, "", "YAML syntax: %s", msg)
}

// isParserError reports whether msg is one of the errors of yaml's parser.
func isParserError(msg string) bool {
	for _, p := range []string{"did not find expected", "found duplicate %", "found incompatible YAML document", "found undefined tag handle"} {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

// config decodes the top-level mapping.
func (d *decoder) config(key string, n *yaml.Node, c *Config) {
	d.mapping(key, n, []field{
		{"slack", func(key string, n *yaml.Node) { d.slack(key, n, &c.Slack) }},
		{"database", d.str(&c.Database)},
		{"timezone", d.str(&c.Timezone)},
		{"roles", func(key string, n *yaml.Node) {
			d.list(key, n, func(key string, n *yaml.Node) {
				r := Role{key: key}
				if d.role(key, n, &r) {
					c.Roles = append(c.Roles, r)
				}
			})
		}},
		{"people", func(key string, n *yaml.Node) {
			d.list(key, n, func(key string, n *yaml.Node) {
				p := Person{key: key}
				if d.person(key, n, &p) {
					c.People = append(c.People, p)
				}
			})
		}},
		{"teams", func(key string, n *yaml.Node) {
			d.list(key, n, func(key string, n *yaml.Node) {
				t := defaultTeam()
				t.key = key
				if d.team(key, n, &t) {
					c.TeamConfigs = append(c.TeamConfigs, t)
				}
			})
		}},
		{"lexicon", d.str(&c.Lexicon)},
		{"passive_channels", d.strs(&c.PassiveChannels)},
		{"admins", d.strs(&c.Admins)},
		{"blockers", func(key string, n *yaml.Node) {
			d.mapping(key, n, []field{
				{"expire_after", d.integer(&c.Blockers.ExpireAfter)},
				{"expire_after_days", d.integer(&c.Blockers.ExpireAfterDays)},
				{"stale_after", d.duration(&c.Blockers.StaleAfter)},
			})
		}},
		{"digest", func(key string, n *yaml.Node) {
			d.mapping(key, n, []field{
				{"schedule", d.str(&c.Digest.Schedule)},
				{"timezone", d.str(&c.Digest.Timezone)},
				{"channel", d.str(&c.Digest.Channel)},
				{"leads", d.strs(&c.Digest.Leads)},
			})
		}},
		{"holidays", d.strs(&c.Holidays)},
		{"privacy", func(key string, n *yaml.Node) {
			d.mapping(key, n, []field{
				{"store_text", d.boolean(&c.Privacy.StoreText)},
				{"share_topics_in_digest", d.boolean(&c.Privacy.ShareTopicsInDigest)},
				{"text_days", d.integer(&c.Privacy.TextDays)},
			})
		}},
		{"reader", func(key string, n *yaml.Node) { d.reader(key, n, &c.Reader) }},
		{"ops", func(key string, n *yaml.Node) {
			d.mapping(key, n, []field{{"listen", d.str(&c.Ops.Listen)}})
		}},
		{"log", func(key string, n *yaml.Node) {
			d.mapping(key, n, []field{
				{"format", d.str(&c.Log.Format)},
				{"level", d.str(&c.Log.Level)},
			})
		}},
	})
}

func (d *decoder) slack(key string, n *yaml.Node, s *Slack) {
	d.mapping(key, n, []field{
		{"app_token", func(key string, n *yaml.Node) {
			s.appTokenVar = envVarOnly(n)
			d.strUnset(&s.AppToken)(key, n) // validate says "missing: set SLACK_APP_TOKEN …"
		}},
		{"bot_token", func(key string, n *yaml.Node) {
			s.botTokenVar = envVarOnly(n)
			d.strUnset(&s.BotToken)(key, n)
		}},
		{"api_url", d.str(&s.APIURL)},
	})
}

func (d *decoder) role(key string, n *yaml.Node, r *Role) bool {
	return d.mapping(key, n, []field{
		{"name", d.roleName(&r.Name)},
		{"keywords", d.strs(&r.Keywords)},
		{"title_keywords", d.strs(&r.TitleKeywords)},
		{"user_groups", d.strs(&r.UserGroups)},
		{"owner", d.str(&r.Owner)},
	})
}

func (d *decoder) person(key string, n *yaml.Node, p *Person) bool {
	return d.mapping(key, n, []field{
		{"id", d.str(&p.ID)},
		{"name", d.str(&p.Name)},
		{"role", d.roleName(&p.Role)},
		{"team", d.str(&p.Team)},
	})
}

func (d *decoder) team(key string, n *yaml.Node, t *Team) bool {
	return d.mapping(key, n, []field{
		{"name", d.str(&t.Name)},
		{"channel", d.str(&t.Channel)},
		{"default_role", d.roleName(&t.DefaultRole)},
		{"members", d.strs(&t.Members)},
		{"user_group", d.str(&t.UserGroup)},
		{"schedule", d.str(&t.Schedule)},
		{"timezone", d.str(&t.Timezone)},
		{"questions", d.strs(&t.Questions)},
		{"reminder_after", d.duration(&t.ReminderAfter)},
		{"answer_window", d.duration(&t.AnswerWindow)},
		{"open_evening_before", d.boolean(&t.OpenEveningBefore)},
		{"summary", d.boolean(&t.Summary)},
		{"public_reminders", d.boolean(&t.PublicReminders)},
	})
}

// mapping decodes the mapping n key by key. Unknown and repeated keys are
// problems; a key whose value is null keeps its default. It reports whether n
// was a mapping at all.
func (d *decoder) mapping(path string, n *yaml.Node, fields []field) bool {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		names := make([]string, len(fields))
		for i, f := range fields {
			names[i] = f.name
		}
		d.addf(n.Line, path, "expected a mapping with keys %s, got %s", strings.Join(names, ", "), describe(n))
		return false
	}
	seen := map[string]int{}
	for _, p := range d.pairs(path, n, 0) {
		k := resolve(p.key)
		if k.Kind != yaml.ScalarNode {
			d.addf(k.Line, path, "expected a key name, got %s", describe(k))
			continue
		}
		key := joinKey(path, k.Value)
		if first, ok := seen[k.Value]; ok {
			d.addf(k.Line, key, "repeated key (first at line %d)", first)
			continue
		}
		seen[k.Value] = k.Line
		f, ok := findField(fields, k.Value)
		if !ok {
			d.addf(k.Line, key, "%s", unknownKey(k.Value, fields))
			continue
		}
		d.lines[key] = k.Line
		if isNull(p.value) {
			continue
		}
		f.decode(key, p.value)
	}
	return true
}

// pairs returns the key/value pairs of the mapping n, with YAML merge keys
// ("<<: *defaults") expanded: keys written in n win over merged ones.
func (d *decoder) pairs(path string, n *yaml.Node, depth int) []pair {
	var own, merged []pair
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge" {
			if depth > 8 {
				d.addf(k.Line, path, "merge keys (<<) nest too deep")
				continue
			}
			v = resolve(v)
			var maps []*yaml.Node
			switch v.Kind {
			case yaml.MappingNode:
				maps = []*yaml.Node{v}
			case yaml.SequenceNode:
				for _, m := range v.Content {
					maps = append(maps, resolve(m))
				}
			}
			for _, m := range maps {
				if m.Kind != yaml.MappingNode {
					d.addf(m.Line, path, "a merge key (<<) takes a mapping or a list of mappings, got %s", describe(m))
					continue
				}
				merged = append(merged, d.mergedPairs(path, m, depth+1)...)
			}
			continue
		}
		own = append(own, pair{k, v})
	}
	if len(merged) == 0 {
		return own
	}
	have := map[string]bool{}
	for _, p := range own {
		have[resolve(p.key).Value] = true
	}
	out := own
	for _, p := range merged {
		name := resolve(p.key).Value
		if !have[name] {
			have[name] = true
			out = append(out, p)
		}
	}
	return out
}

// mergedPairs returns the pairs of m, a mapping merged into another, expanding
// each mapping once however often it is merged, so nested merges of aliases
// cannot blow up.
func (d *decoder) mergedPairs(path string, m *yaml.Node, depth int) []pair {
	if ps, ok := d.merged[m]; ok {
		return ps
	}
	if d.merged == nil {
		d.merged = map[*yaml.Node][]pair{}
	}
	d.merged[m] = nil // a mapping that merges itself merges nothing more
	ps := d.pairs(path, m, depth)
	d.merged[m] = ps
	return ps
}

// list decodes each item of the sequence n.
func (d *decoder) list(path string, n *yaml.Node, each func(key string, n *yaml.Node)) {
	n = resolve(n)
	if n.Kind != yaml.SequenceNode {
		d.addf(n.Line, path, "expected a list, got %s", describe(n))
		return
	}
	for i, item := range n.Content {
		key := fmt.Sprintf("%s[%d]", path, i)
		d.lines[key] = item.Line
		each(key, item)
	}
}

// scalar returns the text of the scalar n with ${VAR} expanded. A variable
// that is not set (or set empty) is an error: "database: ${DATABASE_URL}"
// with none set would otherwise quietly be the default SQLite file.
func (d *decoder) scalar(key string, n *yaml.Node) (string, bool) {
	return d.scalarUnset(key, n, false)
}

// scalarUnset is scalar, where allowUnset lets an unset variable read as
// empty: for the values whose emptiness is checked with a message of their
// own (the Slack tokens: "missing: set SLACK_BOT_TOKEN to …").
func (d *decoder) scalarUnset(key string, n *yaml.Node, allowUnset bool) (string, bool) {
	n = resolve(n)
	if n.Kind != yaml.ScalarNode {
		d.addf(n.Line, key, "expected a single value, got %s", describe(n))
		return "", false
	}
	s, err := expand(n.Value, d.getenv)
	if err != nil {
		d.addf(n.Line, key, "%v", err)
		return "", false
	}
	if unset := unsetVars(n.Value, d.getenv); len(unset) > 0 && !allowUnset {
		d.addf(n.Line, key, "%s not set in the environment", strings.Join(unset, ", "))
		return "", false
	}
	return s, true
}

func (d *decoder) str(p *string) func(string, *yaml.Node) {
	return func(key string, n *yaml.Node) {
		if s, ok := d.scalar(key, n); ok {
			*p = strings.TrimSpace(s)
		}
	}
}

// strUnset is str for a value an unset variable may leave empty (scalarUnset).
func (d *decoder) strUnset(p *string) func(string, *yaml.Node) {
	return func(key string, n *yaml.Node) {
		if s, ok := d.scalarUnset(key, n, true); ok {
			*p = strings.TrimSpace(s)
		}
	}
}

// unsetVars lists the ${VAR} references in s whose variable getenv finds
// empty, as written: "${DATABASE_URL}".
func unsetVars(s string, getenv func(string) string) []string {
	var unset []string
	for _, m := range envRef.FindAllStringSubmatch(s, -1) {
		if getenv(m[1]) == "" && !slices.Contains(unset, m[0]) {
			unset = append(unset, m[0])
		}
	}
	return unset
}

func (d *decoder) roleName(p *unblock.Role) func(string, *yaml.Node) {
	return func(key string, n *yaml.Node) {
		if s, ok := d.scalar(key, n); ok {
			*p = unblock.Role(strings.TrimSpace(s))
		}
	}
}

// strs decodes a list of single values; null items are skipped.
func (d *decoder) strs(p *[]string) func(string, *yaml.Node) {
	return func(key string, n *yaml.Node) {
		var out []string
		d.list(key, n, func(key string, n *yaml.Node) {
			if isNull(n) {
				d.addf(resolve(n).Line, key, "empty list item")
				return
			}
			if s, ok := d.scalar(key, n); ok {
				out = append(out, strings.TrimSpace(s))
			}
		})
		*p = out
	}
}

func (d *decoder) boolean(p *bool) func(string, *yaml.Node) {
	return func(key string, n *yaml.Node) {
		s, ok := d.scalar(key, n)
		if !ok {
			return
		}
		switch strings.ToLower(strings.TrimSpace(s)) {
		case "true":
			*p = true
		case "false":
			*p = false
		default:
			d.addf(resolve(n).Line, key, "%q is not true or false", s)
		}
	}
}

func (d *decoder) integer(p *int) func(string, *yaml.Node) {
	return func(key string, n *yaml.Node) {
		s, ok := d.scalar(key, n)
		if !ok {
			return
		}
		i, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			d.addf(resolve(n).Line, key, "%q is not a whole number", s)
			return
		}
		*p = i
	}
}

func (d *decoder) duration(p *time.Duration) func(string, *yaml.Node) {
	return func(key string, n *yaml.Node) {
		s, ok := d.scalar(key, n)
		if !ok {
			return
		}
		v, err := parseDuration(strings.TrimSpace(s))
		if err != nil {
			d.addf(resolve(n).Line, key, "%v", err)
			return
		}
		*p = v
	}
}

// maxDays bounds "Nd" durations well inside time.Duration's range.
const maxDays = 3650

var daysPrefix = regexp.MustCompile(`^([0-9]+)d(.*)$`)

// parseDuration parses a Go duration ("90m", "2h30m") with an optional leading
// number of days ("7d", "1d12h").
func parseDuration(s string) (time.Duration, error) {
	bad := fmt.Errorf("%q is not a duration (like 90m, 2h or 7d)", s)
	var total time.Duration
	rest := s
	if m := daysPrefix.FindStringSubmatch(s); m != nil {
		days, err := strconv.Atoi(m[1])
		if err != nil || days > maxDays {
			return 0, fmt.Errorf("%q is too long (at most %dd)", s, maxDays)
		}
		total = time.Duration(days) * 24 * time.Hour
		rest = m[2]
		if rest == "" {
			return total, nil
		}
	}
	v, err := time.ParseDuration(rest)
	if err != nil || (total > 0 && v < 0) {
		return 0, bad
	}
	return total + v, nil
}

var envRef = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// expand replaces each ${VAR} in s with getenv("VAR"). A "${" that does not
// start a well-formed reference is an error, so a typo is not kept as text.
func expand(s string, getenv func(string) string) (string, error) {
	if !strings.Contains(s, "${") {
		return s, nil
	}
	out := envRef.ReplaceAllStringFunc(s, func(ref string) string {
		return getenv(ref[2 : len(ref)-1])
	})
	if rest := envRef.ReplaceAllString(s, ""); strings.Contains(rest, "${") {
		return "", fmt.Errorf("%q has a ${ that is not a variable reference like ${SLACK_BOT_TOKEN}", s)
	}
	return out, nil
}

// envVarOnly returns VAR when the scalar n is exactly "${VAR}", else "".
func envVarOnly(n *yaml.Node) string {
	n = resolve(n)
	if n.Kind != yaml.ScalarNode {
		return ""
	}
	v := strings.TrimSpace(n.Value)
	if m := envRef.FindStringSubmatch(v); m != nil && m[0] == v {
		return m[1]
	}
	return ""
}

var tokenLike = regexp.MustCompile(`\b(xox[a-z]|xapp)-[A-Za-z0-9-]+`)

// redact hides anything that looks like a Slack token in msg, keeping its
// prefix: a config problem must never print a token.
func redact(msg string) string {
	return tokenLike.ReplaceAllStringFunc(msg, func(t string) string {
		return t[:strings.IndexByte(t, '-')+1] + "…"
	})
}

// resolve follows aliases to the node they name.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n.Kind == yaml.AliasNode && n.Alias != nil && i < 100; i++ {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	n = resolve(n)
	return n.Kind == 0 || n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// describe names the kind of n for messages: "a list", "a mapping", "a value".
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.ShortTag() == "!!null" {
			return "nothing"
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "nothing"
}

func joinKey(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

func findField(fields []field, name string) (field, bool) {
	for _, f := range fields {
		if f.name == name {
			return f, true
		}
	}
	return field{}, false
}

// unknownKey says a key is unknown and suggests the closest known one.
func unknownKey(name string, fields []field) string {
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.name
	}
	if s := closest(name, names); s != "" {
		return fmt.Sprintf("unknown key (did you mean %q?)", s)
	}
	return "unknown key (known keys: " + strings.Join(names, ", ") + ")"
}

// closest returns the candidate within a small edit distance of s, or "".
func closest(s string, candidates []string) string {
	best, bestDist := "", 3
	if len(s) <= 4 {
		bestDist = 2
	}
	for _, c := range candidates {
		if d := editDistance(strings.ToLower(s), c); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 64
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
