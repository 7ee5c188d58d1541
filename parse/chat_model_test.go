package parse

import (
	"path/filepath"
	"reflect"
	"testing"
)

// TestParseChatSkipsOnlyIdleModel holds ParseChat, which does not score chat
// without a cue, to the reading it shortcuts: the report's reading with the
// model, then chatReading, over every dev set's text (the test sets are left
// unread).
func TestParseChatSkipsOnlyIdleModel(t *testing.T) {
	files, err := filepath.Glob("testdata/dev_*.jsonl")
	if err != nil || len(files) == 0 {
		t.Fatalf("no labelled sets: %v", err)
	}
	n := 0
	for _, f := range files {
		for _, l := range readLabelled(t, f) {
			p := new(parser)
			want := p.chatReading(p.parse(l.Text, defaultLexicon(), defaultModel()))
			if got := ParseChat(l.Text, nil); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s: ParseChat(%q) = %+v; want the model's reading read as chat, %+v", f, l.Text, got, want)
			}
			n++
		}
	}
	t.Logf("%d texts read alike", n)
}
