package slackexport

import (
	"bytes"

	gojson "github.com/goccy/go-json"
)

// fastMessages decodes a day file, a JSON array of messages, with
// github.com/goccy/go-json, a drop-in for encoding/json that decodes without
// its reflection per value (about four times as fast on export day files, see
// BENCHMARKS.md). ok is false when b is not an array or goccy/go-json reports
// an error: the caller then decodes the file with encoding/json, whose errors
// say what is wrong and where in the words the rest of the reader uses. Tests
// and a fuzz target hold that whatever fastMessages reads, encoding/json reads
// the same.
//
// The messages are decoded into into's array, emptied first, when it has room
// (the caller's buffer from the file before): a new slice otherwise.
func fastMessages(b []byte, into []message) (ms []message, ok bool) {
	if t := bytes.TrimLeft(b, " \t\r\n"); len(t) == 0 || t[0] != '[' {
		return nil, false // "null", an object, a BOM: encoding/json says what it is
	}
	clear(into[:cap(into)]) // a decoder fills what a message has, and keeps the rest
	ms = into[:0]
	if err := gojson.Unmarshal(b, &ms); err != nil {
		return nil, false
	}
	if ms == nil {
		ms = []message{}
	}
	return ms, true
}
