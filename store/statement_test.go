package store

import (
	"encoding/json"
	"math/rand"
	"reflect"
	"testing"
	"testing/quick"

	"github.com/unblock-dev/unblock"
)

// TestAppendStatement holds appendStatement to json.Marshal on statements as
// the parser gives them, on strings that need escaping, and on random values
// of every field (testing/quick fills fields added later too).
func TestAppendStatement(t *testing.T) {
	tests := []storedStatement{
		{},
		{None: true},
		{Blocked: true, Targets: []unblock.Target{{Kind: unblock.TargetRole, Name: "design", Role: "design"}}, Topic: "the checkout mocks"},
		{Blocked: true, Resolved: true, Continues: true, Targets: []unblock.Target{
			{Kind: unblock.TargetPerson, Name: "Ana", Topic: "the DPA", Resolved: true},
			{Kind: unblock.TargetArtifact, Name: "api-spec"}}},
		{Targets: []unblock.Target{}, Topic: `quotes " and \ backslashes, <b>tags</b> & "amps"`},
		{Topic: "controls \x00\x01\b\f\n\r\t\x1f\x7f and separators \u2028\u2029"},
		{Topic: "invalid \xff\xfe utf-8, a cut rune \xe2\x82, and é ✓ 😀"},
	}
	for _, s := range tests {
		checkAppendStatement(t, s)
	}
	rng := rand.New(rand.NewSource(1))
	for range 2000 {
		v, ok := quick.Value(reflect.TypeOf(storedStatement{}), rng)
		if !ok {
			t.Fatal("quick cannot make a storedStatement")
		}
		checkAppendStatement(t, v.Interface().(storedStatement))
	}
}

// FuzzAppendStatement holds appendStatement to json.Marshal on arbitrary strings.
func FuzzAppendStatement(f *testing.F) {
	f.Add("design", "the <mocks> & \"spec\"", "\xff\u2028", true)
	f.Fuzz(func(t *testing.T, name, topic, other string, flag bool) {
		checkAppendStatement(t, storedStatement{Blocked: flag, None: !flag, Topic: topic, Targets: []unblock.Target{
			{Kind: unblock.TargetKind(other), Name: name, Role: unblock.Role(topic), Topic: other, Resolved: flag}}})
	})
}

func checkAppendStatement(t *testing.T, s storedStatement) {
	t.Helper()
	want, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if got := appendStatement(nil, s); string(got) != string(want) {
		t.Fatalf("appendStatement(%#v)\n = %s\nwant %s", s, got, want)
	}
}
