package digest_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/digest"
)

// With HideTopics no format shows what people wait for.
func TestBuild_HideTopics(t *testing.T) {
	at := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	bl := func(id int64, from, to string, fromRole, toRole unblock.Role, topic string) unblock.Blocker {
		return unblock.Blocker{ID: id, PersonID: from, PersonRole: fromRole, To: to, ToRole: toRole,
			Target: unblock.Target{Kind: unblock.TargetPerson, Name: "<@" + to + ">", Role: toRole},
			Topic:  topic, OpenedAt: at.AddDate(0, 0, -9), LastSeenAt: at}
	}
	src := &fakeSource{blockers: []unblock.Blocker{
		bl(1, "U1", "U2", unblock.RoleEngineering, unblock.RoleDesign, "secret checkout mocks"),
		bl(2, "U2", "U3", unblock.RoleDesign, unblock.RoleProduct, "secret pricing"),
		bl(3, "U3", "U1", unblock.RoleProduct, unblock.RoleEngineering, "secret estimate"),
	}}
	d, err := digest.Build(context.Background(), src, unblock.WeekEnding(at), digest.Options{HideTopics: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.RoleLoops) == 0 || len(d.Stale) == 0 {
		t.Fatalf("the fixture should give a loop and stale blockers: %+v", d)
	}
	var out bytes.Buffer
	for _, render := range []func(*bytes.Buffer) error{
		func(w *bytes.Buffer) error { return digest.JSON(w, d) },
		func(w *bytes.Buffer) error { return digest.Text(w, d) },
		func(w *bytes.Buffer) error { return digest.Markdown(w, d) },
		func(w *bytes.Buffer) error { b, err := digest.Blocks(d); w.Write(b); return err },
		func(w *bytes.Buffer) error { return digest.GraphJSON(w, d.PersonView()) },
		func(w *bytes.Buffer) error { return digest.DOT(w, d.RoleView()) },
	} {
		if err := render(&out); err != nil {
			t.Fatal(err)
		}
	}
	if strings.Contains(out.String(), "secret") {
		t.Fatalf("a topic leaked with HideTopics:\n%s", out.String())
	}
}
