package parse

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/unblock-dev/unblock"
)

// want is what a test expects of a Statement: flags, and roles, kinds and a
// topic that the targets must include.
type want struct {
	blocked, resolved, none bool
	roles                   []unblock.Role
	kinds                   []unblock.TargetKind
	topic                   string
}

func check(t *testing.T, in string, st unblock.Statement, w want) {
	t.Helper()
	if st.Blocked != w.blocked || st.Resolved != w.resolved || st.None != w.none {
		t.Errorf("Parse(%q) = blocked %v resolved %v none %v; want %v %v %v (targets %v)",
			in, st.Blocked, st.Resolved, st.None, w.blocked, w.resolved, w.none, st.Targets)
	}
	for _, r := range w.roles {
		if !hasRole(st.Targets, r) {
			t.Errorf("Parse(%q) targets %v; want one with role %s", in, st.Targets, r)
		}
	}
	for _, k := range w.kinds {
		found := false
		for _, tg := range st.Targets {
			found = found || tg.Kind == k
		}
		if !found {
			t.Errorf("Parse(%q) targets %v; want one of kind %s", in, st.Targets, k)
		}
	}
	if w.topic != "" && st.Topic != w.topic {
		t.Errorf("Parse(%q) topic = %q; want %q", in, st.Topic, w.topic)
	}
	checkInvariants(t, in, st)
}

// checkInvariants asserts what holds for every statement.
func checkInvariants(t *testing.T, in string, st unblock.Statement) {
	t.Helper()
	if st.None && st.Blocked {
		t.Errorf("Parse(%q): none and blocked together", in)
	}
	if st.Targets == nil {
		t.Errorf("Parse(%q): Targets is nil; want [] so JSON says []", in)
	}
	if len(st.Targets) > 0 && !st.Blocked && !st.Resolved {
		t.Errorf("Parse(%q): targets %v without blocked or resolved", in, st.Targets)
	}
	if st.Topic != "" && !st.Blocked && !st.Resolved {
		t.Errorf("Parse(%q): topic %q without blocked or resolved", in, st.Topic)
	}
	if st.Text != in {
		t.Errorf("Parse(%q): Text = %q", in, st.Text)
	}
	for _, tg := range st.Targets {
		if !tg.Kind.Valid() || tg.Name == "" {
			t.Errorf("Parse(%q): bad target %+v", in, tg)
		}
	}
}

func TestParse(t *testing.T) {
	B, R, N := true, true, true
	tests := []struct {
		in string
		want
	}{
		// Blockers as people write them.
		{"Blockers: mocks from Dana", want{blocked: B, kinds: []unblock.TargetKind{unblock.TargetPerson}, topic: "mocks"}},
		{"still no decision on guest checkout from product", want{blocked: B, roles: []unblock.Role{"product"}}},
		{"need an estimate from <@U024BE7LH> before I can commit scope", want{blocked: B, roles: []unblock.Role{"engineering"}, kinds: []unblock.TargetKind{unblock.TargetPerson}}},
		{"waiting on legal to approve the retention copy", want{blocked: B, roles: []unblock.Role{"legal"}, topic: "retention copy"}},
		{"can't start until the API spec lands", want{blocked: B, roles: []unblock.Role{"product"}, kinds: []unblock.TargetKind{unblock.TargetArtifact}}},
		{"blocked on Tomas", want{blocked: B, kinds: []unblock.TargetKind{unblock.TargetPerson}}},
		{"waiting on the platform team", want{blocked: B, kinds: []unblock.TargetKind{unblock.TargetTeam}}},
		{"mock up theme page- dependent on content team work", want{blocked: B, kinds: []unblock.TargetKind{unblock.TargetTeam}}},
		{"PR 123 is waiting for review", want{blocked: B, roles: []unblock.Role{"engineering"}}},
		// The answer to the blockers question wins over a blocker told in another section.
		{"*What did you do yesterday?*\nBilling page, was blocked on design for a bit\n*Anything blocking your progress?*\nNo", want{none: true}},
		{"Y: waiting on QA for sign-off\nT: shipping today\nB: none", want{none: true}},
		{"T: pairing with design\nB: waiting on design for the mocks", want{blocked: B, roles: []unblock.Role{"design"}}},
		// "no <thing> blocking me" says nothing blocks.
		{"solved it since, with seemingly no issues blocking me for today", want{none: true}},
		{"no real problems blocking us", want{none: true}},
		// Someone else unblocked is not the author's resolution.
		{"reviewed Dana's PR, she's unblocked now", want{}},
		{"Dana is unblocked now", want{}},
		{"<@U0DANA01> is unblocked", want{}},
		{"we are unblocked now", want{resolved: true}},
		{"Sam sent the keys so I'm unblocked", want{resolved: true}},
		// A relative clause describes what was blocking; it is not a report.
		{"Fixed the bug that was blocking checkout", want{}},
		// "Blocked out/off" time is the calendar sense, not a blocker.
		{"I blocked out time for reviews", want{}},
		{"blocked off Friday afternoon for the offsite", want{}},
		// Environments and build tools belong to ops; leaks and flaky tests to engineering.
		{"waiting on the staging env to come back", want{blocked: B, roles: []unblock.Role{"ops"}}},
		{"stuck on Jenkins again", want{blocked: B, roles: []unblock.Role{"ops"}}},
		{"blocked until the new testnet is up", want{blocked: B, roles: []unblock.Role{"ops"}}},
		{"blocked by a memory leak in the importer", want{blocked: B, roles: []unblock.Role{"engineering"}}},
		{"need UX to confirm the layout", want{blocked: B, roles: []unblock.Role{"design"}}},
		{"waiting on sec for the pen test", want{blocked: B, roles: []unblock.Role{"security"}}},
		{"need DevOps to open the port", want{blocked: B, roles: []unblock.Role{"ops"}}},
		{"Need final copy from Legal", want{blocked: B, roles: []unblock.Role{"legal"}}},
		{"awaiting exec approval on pricing", want{blocked: B, roles: []unblock.Role{"leadership"}}},
		{"Waiting on confirmation from Broadcom", want{blocked: B, roles: []unblock.Role{"vendor"}, kinds: []unblock.TargetKind{unblock.TargetExternal}}},
		{"need sign-off from the customer", want{blocked: B, roles: []unblock.Role{"customer"}}},
		{"waiting on the data team for the churn numbers", want{blocked: B, roles: []unblock.Role{"data"}}},
		{"blocked by the backend team", want{blocked: B, roles: []unblock.Role{"engineering"}}},
		{"need the mocks", want{blocked: B, roles: []unblock.Role{"design"}}},
		{"Hold off on merge until Staging has been QAed.", want{blocked: B, roles: []unblock.Role{"qa"}}},
		{"Need Wren's approval on wireframes by 3pm", want{blocked: B, roles: []unblock.Role{"design"}}},
		{"1. still blocked on the DPA", want{blocked: B, roles: []unblock.Role{"legal"}}},
		// Resolutions.
		{"unblocked", want{resolved: R}},
		{"no longer blocked on legal", want{resolved: R}},
		{"the API spec landed so I can proceed", want{resolved: R}},
		{"got the mocks", want{resolved: R, roles: []unblock.Role{"design"}}},
		{"unblocked now that the designs arrived", want{resolved: R}},
		{"was blocked but not anymore", want{resolved: R}},
		{"unblocked now, next I'm waiting on QA", want{blocked: B, resolved: R, roles: []unblock.Role{"qa"}}},
		// Explicit none.
		{"no blockers", want{none: N}},
		{"none", want{none: N}},
		{"nothing", want{none: N}},
		{"n/a", want{none: N}},
		{"nope", want{none: N}},
		{"all good", want{none: N}},
		{"nothing blocking me", want{none: N}},
		{"none :tada:", want{none: N}},
		{"Blockers: -", want{none: N}},
		{"B: none", want{none: N}},
		{"not blocked", want{none: N}},
		// Distractors and negation.
		{"blocked the spammer", want{}},
		{"designed the flow", want{}},
		{"product demo went well", want{}},
		{"a blocking call in the handler", want{}},
		{"by design", want{}},
		{"This ad is blocked by the ad blocker", want{}},
		{"diagnosing a perf problem which could have blocked the release", want{}},
		{"Kubelet e2e is now a merge blocker", want{}},
		{"I unblocked <@U0MIKA> on the deploy script", want{}},
		{"Can't wait for the offsite", want{}},
		{"Users confirmed blocked from Grafana access", want{}},
		{"Is the interop issue an alpha-blocker?", want{}},
		{"", want{}},
	}
	for _, tt := range tests {
		check(t, tt.in, Parse(tt.in, nil), tt.want)
	}
}

// TestParseStandups reads realistic multi-line replies from testdata/standups.txt.
func TestParseStandups(t *testing.T) {
	data, err := os.ReadFile("testdata/standups.txt")
	if err != nil {
		t.Fatal(err)
	}
	cases := strings.Split("\n"+string(data), "\n=== ")[1:]
	if len(cases) < 10 {
		t.Fatalf("found %d cases in testdata/standups.txt", len(cases))
	}
	for _, c := range cases {
		name, rest, _ := strings.Cut(c, "\n")
		spec, text, _ := strings.Cut(rest, "\n")
		text = strings.TrimRight(text, "\n")
		t.Run(name, func(t *testing.T) {
			check(t, text, Parse(text, nil), parseWant(t, spec))
		})
	}
}

// parseWant reads "want: blocked resolved none roles=a,b kinds=c topic=words …".
func parseWant(t *testing.T, spec string) want {
	t.Helper()
	spec, ok := strings.CutPrefix(spec, "want:")
	if !ok {
		t.Fatalf("case lacks a want: line: %q", spec)
	}
	var w want
	if topic, found := strings.CutPrefix(spec[strings.Index(spec, "topic=")+1:], "opic="); found && strings.Contains(spec, "topic=") {
		w.topic = strings.TrimSpace(topic)
		spec = spec[:strings.Index(spec, "topic=")]
	}
	for _, f := range strings.Fields(spec) {
		k, v, _ := strings.Cut(f, "=")
		switch k {
		case "blocked":
			w.blocked = true
		case "resolved":
			w.resolved = true
		case "none":
			w.none = true
		case "-":
		case "roles":
			for _, r := range strings.Split(v, ",") {
				w.roles = append(w.roles, unblock.Role(r))
			}
		case "kinds":
			for _, r := range strings.Split(v, ",") {
				w.kinds = append(w.kinds, unblock.TargetKind(r))
			}
		default:
			t.Fatalf("unknown want field %q", f)
		}
	}
	return w
}

func TestParseJSON(t *testing.T) {
	out, err := json.Marshal(Parse("nope", nil))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(out), `{"text":"nope","blocked":false,"resolved":false,"none":true,"targets":[],"topic":""}`; got != want {
		t.Errorf("JSON = %s; want %s", got, want)
	}
}

func TestLexicon(t *testing.T) {
	lex := NewLexicon()
	lex.AddPerson("Ana Ruiz", "U024BE7LH")
	lex.AddPerson("Zorblat", "")
	lex.AddTeam("growth pod", unblock.RoleProduct)
	lex.AddUserGroup("S0DESIGN", "@designers", unblock.RoleDesign)
	lex.AddTeamChannel("C0GROWTH", "growth team", unblock.RoleProduct)
	lex.AddArtifact("runbook", unblock.RoleOps)
	lex.AddExternal("Initech", unblock.RoleCustomer)
	lex.AddRoleWords("finance", "finance", "FP&A")
	lex.AddIgnore("design review")

	tests := []struct {
		in   string
		want unblock.Target
	}{
		{"waiting on Ana Ruiz for the numbers", unblock.Target{Kind: unblock.TargetPerson, Name: "<@U024BE7LH>"}},
		{"waiting on Ana Ruiz for the numbers", unblock.Target{Kind: unblock.TargetArtifact, Name: "numbers", Role: "data"}},
		{"blocked on zorblat", unblock.Target{Kind: unblock.TargetPerson, Name: "zorblat"}},
		{"waiting for the growth pod to decide", unblock.Target{Kind: unblock.TargetTeam, Name: "growth pod", Role: "product"}},
		{"need <!subteam^S0DESIGN> to look at it", unblock.Target{Kind: unblock.TargetTeam, Name: "designers", Role: "design"}},
		{"blocked on <#C0GROWTH> for the pricing call", unblock.Target{Kind: unblock.TargetTeam, Name: "growth team", Role: "product"}},
		{"blocked on <#c0growth|growth-chat> for the pricing call", unblock.Target{Kind: unblock.TargetTeam, Name: "growth team", Role: "product"}},
		{"blocked until the runbook exists", unblock.Target{Kind: unblock.TargetArtifact, Name: "runbook", Role: "ops"}},
		{"waiting on Initech to send the data", unblock.Target{Kind: unblock.TargetExternal, Name: "Initech", Role: "customer"}},
		{"need finance to approve the spend", unblock.Target{Kind: unblock.TargetRole, Name: "finance", Role: "finance"}},
	}
	for _, tt := range tests {
		st := Parse(tt.in, lex)
		found := false
		for _, tg := range st.Targets {
			found = found || tg == tt.want
		}
		if !st.Blocked || !found {
			t.Errorf("Parse(%q) = blocked %v targets %+v; want blocked with %+v", tt.in, st.Blocked, st.Targets, tt.want)
		}
	}
	lex.AddPerson("Will", "U0WILL")
	if st := Parse("waiting on design, will ping them again", lex); hasKind(st.Targets, unblock.TargetPerson) {
		t.Errorf("lower-case 'will' is a person: %v", st.Targets)
	}
	if st := Parse("waiting on Will for the review", lex); !hasKind(st.Targets, unblock.TargetPerson) {
		t.Errorf("'Will' is not a person: %v", st.Targets)
	}
	if st := Parse("blocked on design review for the modal", lex); st.Blocked {
		t.Errorf("ignored phrase: Parse = blocked with %v; want not blocked", st.Targets)
	}
	if st := Parse("blocked on design review for the modal", nil); !st.Blocked {
		t.Errorf("default lexicon: Parse = not blocked; want blocked")
	}
}

func hasKind(ts []unblock.Target, k unblock.TargetKind) bool {
	for _, t := range ts {
		if t.Kind == k {
			return true
		}
	}
	return false
}
