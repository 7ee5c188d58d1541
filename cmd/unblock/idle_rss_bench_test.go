package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/unblock-dev/unblock/slackemu"
)

// BenchmarkIdleRSS measures the resident memory of the real binary (`unblock run`,
// built for the benchmark) connected to the emulator with a 10,000-person
// directory, read from /proc/PID/status once the bot logs that its directory is
// synced (all 10,000 people stored, the parser taught their names): VmRSS then,
// and VmHWM, the most it held on the way. A measurement, never an assertion;
// issue 16's target is an idle RSS under 50 MB. It runs once whatever b.N:
//
//	go test -run '^$' -bench IdleRSS -benchtime 1x ./cmd/unblock/
func BenchmarkIdleRSS(b *testing.B) {
	if _, err := os.Stat("/proc/self/status"); err != nil {
		b.Skip("no /proc to read a process's memory from")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	dir := b.TempDir()
	bin := filepath.Join(dir, "unblock")
	if out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	const people = 10000
	emu := slackemu.New(slackemu.Options{RateLimits: map[string]slackemu.RateLimit{}})
	if err := emu.Start(); err != nil {
		b.Fatal(err)
	}
	defer emu.Close()
	titles := []string{"Backend Engineer", "Product Designer", "Product Manager", "QA Engineer", "Data Analyst", "Counsel"}
	zones := []string{"UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo"}
	members := []string{slackemu.BotUserID}
	for i := range people {
		id := fmt.Sprintf("U%08d", i)
		emu.AddUser(slackemu.User{ID: id, Name: fmt.Sprintf("person%d", i), RealName: fmt.Sprintf("Given%d Family%d", i, i%997),
			Title: titles[i%len(titles)], TZ: zones[i%len(zones)]})
		if i < 50 {
			members = append(members, id)
		}
	}
	emu.AddChannel("C0STANDUP", "standup", members...)
	cfg := filepath.Join(dir, "config.yaml")
	conf := "database: unblock.db\ntimezone: UTC\nteams:\n  - name: core\n    channel: C0STANDUP\n    default_role: engineering\n" +
		"    members: [" + strings.Join(members[1:], ", ") + "]\n    schedule: \"0 9 * * 1-5\"\n"
	if err := os.WriteFile(cfg, []byte(conf), 0o644); err != nil {
		b.Fatal(err)
	}
	cmd := exec.CommandContext(ctx, bin, "run", "-config", cfg)
	cmd.Env = append(os.Environ(), "SLACK_APP_TOKEN="+emu.AppToken(), "SLACK_BOT_TOKEN="+emu.BotToken(), "SLACK_API_URL="+emu.APIURL())
	stderr, err := cmd.StderrPipe()
	if err != nil {
		b.Fatal(err)
	}
	cmd.Stdout = cmd.Stderr
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	synced := false
	var tail []string
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		line := sc.Text()
		tail = append(tail, line)
		if strings.Contains(line, "directory synced") {
			if !strings.Contains(line, strconv.Itoa(people+1)) {
				b.Fatalf("synced a directory of another size: %s", line)
			}
			synced = true
			break
		}
	}
	if !synced {
		b.Fatalf("the bot never synced its directory:\n%s", strings.Join(tail, "\n"))
	}
	go func() { // keep the pipe drained while we read
		for sc.Scan() {
		}
	}()
	rss, hwm := procMemory(b, cmd.Process.Pid)
	b.ReportMetric(rss, "rss-MB")
	b.ReportMetric(hwm, "peak-rss-MB")
}

// procMemory returns a process's VmRSS and VmHWM in MB (10^6 bytes).
func procMemory(b *testing.B, pid int) (rss, hwm float64) {
	b.Helper()
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Fatal(err)
	}
	for _, l := range strings.Split(string(data), "\n") {
		f := strings.Fields(l)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.ParseFloat(f[1], 64)
		switch f[0] {
		case "VmRSS:":
			rss = kb * 1024 / 1e6
		case "VmHWM:":
			hwm = kb * 1024 / 1e6
		}
	}
	return rss, hwm
}
