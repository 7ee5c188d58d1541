package ops

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestServer_ReadyzNamesFailingChecks(t *testing.T) {
	db := errors.New("database is locked")
	srv, err := Listen(":0", New(), map[string]Check{
		"slack":    func(context.Context) error { return nil },
		"database": func(ctx context.Context) error { return db },
	})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close(context.Background())
	if !strings.HasPrefix(srv.Addr(), "127.0.0.1:") {
		t.Fatalf("a bare port listens on %s; want loopback", srv.Addr())
	}
	get := func(path string) (int, string) {
		resp, err := http.Get("http://" + srv.Addr() + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := get("/healthz"); code != 200 || body != "ok\n" {
		t.Errorf("/healthz = %d %q", code, body)
	}
	if code, body := get("/readyz"); code != 503 || body != "not ready: database: database is locked\n" {
		t.Errorf("/readyz = %d %q; want 503 naming the database", code, body)
	}
	if code, body := get("/metrics"); code != 200 || !strings.Contains(body, "unblock_envelopes_acked_total 0") {
		t.Errorf("/metrics = %d, no unblock_envelopes_acked_total", code)
	}
}

func TestLoopbackDefault(t *testing.T) {
	for in, want := range map[string]string{":9090": "127.0.0.1:9090", "0.0.0.0:9090": "0.0.0.0:9090", "10.0.0.5:80": "10.0.0.5:80"} {
		if got := LoopbackDefault(in); got != want {
			t.Errorf("LoopbackDefault(%q) = %q; want %q", in, got, want)
		}
	}
}

// TestServer_StartingIsAliveNotReady: while the process starts (no checks yet),
// /healthz answers 200 and /readyz 503 "not ready: starting"; the checks set
// later decide.
func TestServer_StartingIsAliveNotReady(t *testing.T) {
	srv, err := Listen("127.0.0.1:0", New(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close(context.Background())
	get := func(path string) (int, string) {
		resp, err := http.Get("http://" + srv.Addr() + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := get("/healthz"); code != 200 || body != "ok\n" {
		t.Errorf("/healthz while starting = %d %q; want 200", code, body)
	}
	if code, body := get("/readyz"); code != 503 || body != "not ready: starting\n" {
		t.Errorf("/readyz while starting = %d %q; want 503 not ready: starting", code, body)
	}
	srv.SetChecks(map[string]Check{"slack": func(context.Context) error { return nil }})
	if code, body := get("/readyz"); code != 200 || body != "ok\n" {
		t.Errorf("/readyz once its checks pass = %d %q; want 200", code, body)
	}
}
