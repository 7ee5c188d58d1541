package slackexport_test

import (
	"bytes"
	"sync"
	"testing"

	"github.com/unblock-dev/unblock/slackexport"
	"github.com/unblock-dev/unblock/slackexport/slackexporttest"
)

// benchMessages is the size of the generated export BenchmarkRead reads.
const benchMessages = 50_000

var benchZip = sync.OnceValues(func() ([]byte, error) {
	var buf bytes.Buffer
	_, err := slackexporttest.Generate(&buf, benchMessages, 1)
	return buf.Bytes(), err
})

// BenchmarkRead reads and decodes a generated export of 50k person-written
// messages (plus joins and bot posts) and reports messages per second.
func BenchmarkRead(b *testing.B) {
	zip, err := benchZip()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		exp, err := slackexport.Read(bytes.NewReader(zip), int64(len(zip)), "generated.zip")
		if err != nil {
			b.Fatal(err)
		}
		n += len(exp.Messages)
	}
	if n == 0 {
		b.Fatal("no messages read")
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "msgs/s")
	b.ReportMetric(float64(len(zip))/(1<<20), "zip-MiB")
}

func TestGenerate(t *testing.T) {
	exp, err := slackexport.Open(slackexporttest.GenerateZip(t, 1234))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(exp.Messages), 1234; got < want*95/100 || got > want {
		t.Errorf("messages = %d, want about %d (duplicate ts may merge a few)", got, want)
	}
	if got, want := len(exp.People), 20; got != want {
		t.Errorf("people = %d, want %d", got, want)
	}
	if got, want := len(exp.Channels), 20; got != want {
		t.Errorf("channels = %d, want %d", got, want)
	}
}
