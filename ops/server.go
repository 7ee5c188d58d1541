package ops

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Check reports whether one part of the bot can work: nil when it can.
type Check func(ctx context.Context) error

// CheckTimeout bounds each readiness check: a database lock held by another
// process must make /readyz say "not ready", not hang the prober.
const CheckTimeout = 2 * time.Second

// Server serves the operator's endpoints:
//
//	/healthz  200 while the process runs (liveness)
//	/readyz   200 when every check passes, else 503 naming the ones that fail;
//	          503 "not ready: starting" until the checks are set
//	/metrics  the Prometheus text format
type Server struct {
	srv    *http.Server
	ln     net.Listener
	done   chan error
	checks atomic.Pointer[map[string]Check]
}

// NotStarted is what /readyz says before the server has its checks: the process
// runs (so /healthz answers) but is still starting.
const NotStarted = "starting"

// Listen starts serving on addr ("127.0.0.1:9090"; a bare ":9090" means loopback
// too, so nothing is exposed by accident: write "0.0.0.0:9090" for every interface).
// checks may be nil while the process starts: SetChecks gives them once they
// can be run, and /readyz says "not ready: starting" until then.
func Listen(addr string, m *Metrics, checks map[string]Check) (*Server, error) {
	addr = LoopbackDefault(addr)
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("ops.listen %s: %w", addr, err)
	}
	s := &Server{ln: ln, done: make(chan error, 1)}
	s.SetChecks(checks)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		failing := []string{NotStarted}
		if checks := s.checks.Load(); checks != nil {
			failing = runChecks(r.Context(), *checks)
		}
		if len(failing) > 0 {
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprintln(w, "not ready: "+strings.Join(failing, "; "))
			return
		}
		fmt.Fprintln(w, "ok")
	})
	if m != nil {
		mux.Handle("GET /metrics", promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{}))
	}
	s.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() { s.done <- s.srv.Serve(ln) }()
	return s, nil
}

// SetChecks sets the checks /readyz runs from now on; nil means still starting.
func (s *Server) SetChecks(checks map[string]Check) {
	if checks == nil {
		s.checks.Store(nil)
		return
	}
	s.checks.Store(&checks)
}

// LoopbackDefault returns addr with the loopback host when it names only a port.
func LoopbackDefault(addr string) string {
	if strings.HasPrefix(addr, ":") {
		return "127.0.0.1" + addr
	}
	return addr
}

// Addr returns the address the server listens on.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Close stops the server and waits for it.
func (s *Server) Close(ctx context.Context) error {
	err := s.srv.Shutdown(ctx)
	if serr := <-s.done; !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	return err
}

// runChecks runs every check, each within CheckTimeout, and returns "name: error"
// for those that fail, sorted.
func runChecks(ctx context.Context, checks map[string]Check) []string {
	var failing []string
	for name, check := range checks {
		cctx, cancel := context.WithTimeout(ctx, CheckTimeout)
		err := check(cctx)
		cancel()
		if err != nil {
			failing = append(failing, name+": "+err.Error())
		}
	}
	sort.Strings(failing)
	return failing
}
