package unblock

import "testing"

func TestToldBot(t *testing.T) {
	const bot = "U0UNBLOCK"
	tests := []struct {
		in       string
		bots     []string
		want     string
		wantTold bool
	}{
		{"<@U0UNBLOCK> blocked on design", []string{bot}, "blocked on design", true},
		{"<@U0UNBLOCK|unblock> blocked on design", []string{bot}, "blocked on design", true},
		{"blocked on design <@U0UNBLOCK|unblock>", []string{bot}, "blocked on design", true},
		{"waiting on <@U0ANA0001|ana>, <@U0UNBLOCK|unblock>", []string{bot}, "waiting on <@U0ANA0001|ana>,", true},
		{"<@U0OLD> and <@U0NEW|unblock> both", []string{"U0OLD", "U0NEW"}, "and  both", true},
		{"waiting on <@U0ANA0001> for the mocks", []string{bot}, "waiting on <@U0ANA0001> for the mocks", false},
		{"waiting on <@U0UNBLOCKER|x>", []string{bot}, "waiting on <@U0UNBLOCKER|x>", false},
		{"a < b <@U0UNBLOCK> c", []string{bot}, "a < b  c", true},
		{"<@ broken <@U0UNBLOCK|unblock> c", []string{bot}, "<@ broken  c", true},
		{"<@U0UNBLOCK> no bot known", nil, "<@U0UNBLOCK> no bot known", false},
		{"<@> empty", []string{""}, "<@> empty", false},
	}
	for _, tt := range tests {
		got, told := ToldBot(tt.in, tt.bots...)
		if got != tt.want || told != tt.wantTold {
			t.Errorf("ToldBot(%q, %q) = %q, %v; want %q, %v", tt.in, tt.bots, got, told, tt.want, tt.wantTold)
		}
	}
}

func TestOwnCall(t *testing.T) {
	tests := []struct {
		eventType string
		payload   map[string]any
		wantCall  bool
		wantOurs  bool
	}{
		{EffectEvent, EffectPayload("prompt:checkout:U1:2026-11-16"), true, true},
		{EffectEvent, EffectPayload("reminder:checkout:U1:2026-11-16"), true, true},
		{EffectEvent, EffectPayload("summary:checkout:2026-11-16"), false, true},
		{EffectEvent, EffectPayload("digest:2026-11-20:C1"), false, true},
		{EffectEvent, EffectPayload("prompter:x"), false, true},
		{EffectEvent, map[string]any{"key": 7}, false, true},
		{EffectEvent, nil, false, true},
		{"standup_opened", EffectPayload("prompt:checkout:U1:2026-11-16"), false, false},
		{"", nil, false, false},
	}
	for _, tt := range tests {
		call, ours := OwnCall(tt.eventType, tt.payload)
		if call != tt.wantCall || ours != tt.wantOurs {
			t.Errorf("OwnCall(%q, %v) = %v, %v; want %v, %v", tt.eventType, tt.payload, call, ours, tt.wantCall, tt.wantOurs)
		}
	}
}
