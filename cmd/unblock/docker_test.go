package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The Docker image's own config (written by the Dockerfile) is valid, runs no
// teams and posts no digest, keeps its database on the /data volume and serves the
// health endpoint the HEALTHCHECK asks; the build context leaves out history and
// local databases.
func TestDockerImageConfig(t *testing.T) {
	b, err := os.ReadFile("../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	df := string(b)
	m := regexp.MustCompile(`(?s)RUN printf '%s\\n' \\\n(.*?) > /etc/unblock/config.yaml`).FindStringSubmatch(df)
	if m == nil {
		t.Fatal("the Dockerfile writes no /etc/unblock/config.yaml with printf")
	}
	var lines []string
	for _, l := range regexp.MustCompile(`'([^']*)'`).FindAllStringSubmatch(m[1], -1) {
		lines = append(lines, l[1])
	}
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"SLACK_APP_TOKEN": "xapp-1-A0-1-secret", "SLACK_BOT_TOKEN": "xoxb-1-2-secret", "UNBLOCK_DATA_DIR": "/data"}
	code, stdout, stderr := runCheckConfig(t, env, "-offline", path)
	if code != 0 {
		t.Fatalf("the image's config: exit %d, %s", code, stderr)
	}
	for _, want := range []string{"database: /data/unblock.db", "teams: 0", "digest:"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("check-config of the image's config does not say %q:\n%s", want, stdout)
		}
	}
	if !strings.Contains(df, "ENV UNBLOCK_DATA_DIR=/data") || !strings.Contains(strings.Join(lines, "\n"), "listen: 127.0.0.1:9090") ||
		!strings.Contains(df, `CMD ["unblock", "health", "-config", "/etc/unblock/config.yaml"]`) {
		t.Error("the image does not set UNBLOCK_DATA_DIR, serve ops on loopback or check its health with unblock health")
	}
	for _, from := range regexp.MustCompile(`(?m)^FROM (\S+)`).FindAllStringSubmatch(df, -1) {
		if !strings.Contains(from[1], "@sha256:") {
			t.Errorf("base image %s is not pinned by digest", from[1])
		}
	}
	ignore, err := os.ReadFile("../../.dockerignore")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{".git", "*.db", "*.db-wal"} {
		if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(want) + `$`).Match(ignore) {
			t.Errorf(".dockerignore does not leave out %s", want)
		}
	}
}
