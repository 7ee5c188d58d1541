package unblock

import (
	"strings"
	"testing"
)

func TestEscapeText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"<!channel> ping", "&lt;!channel&gt; ping"},
		{"<@U123> and <!subteam^S1|@design>", "&lt;@U123&gt; and &lt;!subteam^S1|@design&gt;"},
		{"R&D & QA", "R&amp;D &amp; QA"},
		// Text is plain by the time it goes out: what looks like an entity is what
		// someone typed, and is shown as typed.
		{"a &lt; b", "a &amp;lt; b"},
		{"a < b && c > d", "a &lt; b &amp;&amp; c &gt; d"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := EscapeText(tt.in); got != tt.want {
			t.Errorf("EscapeText(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestUnescapeText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"R&amp;D", "R&D"},
		{"a &lt; b &amp;&amp; c &gt; d", "a < b && c > d"},
		// Decoded once: an entity someone typed arrives escaped and stays one.
		{"&amp;lt; is how you write &lt;", "&lt; is how you write <"},
		// Markup stays as Slack wrote it, entities in labels included.
		{"ask <@U123> and <!subteam^S1|@design> in <#C1|r-and-d>", "ask <@U123> and <!subteam^S1|@design> in <#C1|r-and-d>"},
		{"see <https://x.example/?a=1&amp;b=2|R&amp;D doc> &amp; more", "see <https://x.example/?a=1&amp;b=2|R&amp;D doc> & more"},
		{"&gt; quoted &amp; more", "> quoted & more"},
		{"a & b &ampx", "a & b &ampx"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := UnescapeText(tt.in); got != tt.want {
			t.Errorf("UnescapeText(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzEscapeText(f *testing.F) {
	for _, s := range []string{"<!channel>", "a &lt; b", "&amp;lt;", "R&D <@U1>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := EscapeText(s)
		for i := 0; i < len(out); i++ {
			switch out[i] {
			case '<', '>':
				t.Fatalf("EscapeText(%q) = %q keeps a raw %q", s, out, out[i])
			case '&':
				if !strings.HasPrefix(out[i:], "&amp;") && !strings.HasPrefix(out[i:], "&lt;") && !strings.HasPrefix(out[i:], "&gt;") {
					t.Fatalf("EscapeText(%q) = %q has a bare &", s, out)
				}
			}
		}
		// Exactly once: what goes out comes back in as it was.
		if back := UnescapeText(out); back != s {
			t.Fatalf("UnescapeText(EscapeText(%q)) = %q", s, back)
		}
	})
}
