package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"
)

func TestPostKeys(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		db := MustOpenDB(t)
		ctx := context.Background()
		for _, k := range []string{"ignore:spam", "ignore:by design", "digest:2026-11-20:C1", "ignore%:x", "ignorance"} {
			if err := db.SavePost(ctx, k, "", "", time.Unix(0, 0)); err != nil {
				t.Fatal(err)
			}
		}
		got, err := db.PostKeys(ctx, "ignore:")
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"ignore:by design", "ignore:spam"}; !reflect.DeepEqual(got, want) {
			t.Fatalf("PostKeys(ignore:)=%q, want %q", got, want)
		}
	})
}
