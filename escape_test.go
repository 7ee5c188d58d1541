package unblock

import "testing"

func TestEscapeText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"<!channel> ping", "&lt;!channel&gt; ping"},
		{"<@U123> and <!subteam^S1|@design>", "&lt;@U123&gt; and &lt;!subteam^S1|@design&gt;"},
		{"R&D & QA", "R&amp;D &amp; QA"},
		// Slack sends message text escaped: it is shown as sent, not escaped twice.
		{"a &lt; b &amp;&amp; c &gt; d", "a &lt; b &amp;&amp; c &gt; d"},
		{"&lt;!here&gt;", "&lt;!here&gt;"},
		{"&ltx &am; &", "&amp;ltx &amp;am; &amp;"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := EscapeText(tt.in); got != tt.want {
			t.Errorf("EscapeText(%q) = %q; want %q", tt.in, got, tt.want)
		}
		// Escaping is idempotent: escaped text escaped again is unchanged.
		if got := EscapeText(EscapeText(tt.in)); got != EscapeText(tt.in) {
			t.Errorf("EscapeText(EscapeText(%q)) = %q; want %q", tt.in, got, EscapeText(tt.in))
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
				if !slackEntity(out[i:]) {
					t.Fatalf("EscapeText(%q) = %q has a bare &", s, out)
				}
			}
		}
		if again := EscapeText(out); again != out {
			t.Fatalf("EscapeText is not idempotent on %q: %q then %q", s, out, again)
		}
	})
}
