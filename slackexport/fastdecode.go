package slackexport

import (
	"bytes"
	"encoding/json"
	"strings"
	"sync"

	gojson "github.com/goccy/go-json"
)

// fastMessages decodes a day file, a JSON array of messages, with
// github.com/goccy/go-json, a drop-in for encoding/json that decodes without
// its reflection per value (about four times as fast on export day files, see
// BENCHMARKS.md). ok is false when b is not an array or goccy/go-json reports
// an error: the caller then decodes the file with encoding/json, whose errors
// say what is wrong and where in the words the rest of the reader uses. Tests
// and a fuzz target hold that whatever fastMessages reads, encoding/json reads
// the same, but for the blocks of a message whose text they never give
// (readsBlocks), which fastMessages leaves out.
//
// The blocks are most of a day file, and nearly every message's blocks only
// repeat its text: the file is first decoded with its blocks counted, not
// copied (skimmed), and only when a message's text may come from its blocks is
// the file decoded again for the blocks alone.
//
// The messages are decoded into into's array, emptied first, when it has room
// (the caller's buffer from the file before): a new slice otherwise.
func fastMessages(b []byte, into []message) (ms []message, ok bool) {
	if t := bytes.TrimLeft(b, " \t\r\n"); len(t) == 0 || t[0] != '[' {
		return nil, false // "null", an object, a BOM: encoding/json says what it is
	}
	sp := skims.Get().(*[]skimmed)
	defer skims.Put(sp)
	clear((*sp)[:cap(*sp)]) // a decoder fills what a message has, and keeps the rest
	sk := (*sp)[:0]
	err := gojson.Unmarshal(b, &sk)
	if sk != nil {
		*sp = sk[:0]
	}
	if err != nil {
		return nil, false
	}
	var raw []rawBlocks
	for i := range sk {
		if sk[i].readsBlocks() {
			if err := gojson.Unmarshal(b, &raw); err != nil || len(raw) != len(sk) {
				return nil, false
			}
			break
		}
	}
	clear(into[:cap(into)])
	ms = into[:0]
	if cap(ms) < len(sk) {
		ms = make([]message, 0, len(sk))
	}
	for i := range sk {
		var r *rawBlocks
		if raw != nil {
			r = &raw[i]
		}
		ms = append(ms, sk[i].message(r))
	}
	if ms == nil {
		ms = []message{}
	}
	return ms, true
}

// skims are the buffers fastMessages decodes day files into, one a goroutine
// at a time (decodeAhead decodes on several).
var skims = sync.Pool{New: func() any { return new([]skimmed) }}

// skimmed is a message as fastMessages first decodes it: every field of
// message, the blocks counted but not copied.
type skimmed struct {
	Type        string       `json:"type"`
	Subtype     string       `json:"subtype"`
	User        string       `json:"user"`
	BotID       string       `json:"bot_id"`
	Text        string       `json:"text"`
	TS          string       `json:"ts"`
	ThreadTS    string       `json:"thread_ts"`
	ParentUser  string       `json:"parent_user_id"`
	Edited      *edited      `json:"edited"`
	Blocks      []struct{}   `json:"blocks"` // one a block, holding nothing
	UserProfile *userProfile `json:"user_profile"`
	Message     *skimmed     `json:"message"`
	DeletedTS   string       `json:"deleted_ts"`
	Username    string       `json:"username"`
	Attachments []attachment `json:"attachments"`
	Metadata    *metadata    `json:"metadata"`
}

// rawBlocks is a message's blocks as fastMessages decodes them for a message
// whose text they may give, and those of the message an edit event holds.
type rawBlocks struct {
	Blocks  []json.RawMessage `json:"blocks"`
	Message *rawBlocks        `json:"message"`
}

// readsBlocks reports whether the reader may read the text of s's blocks, or
// of those of the message it holds: its own text is blank (body), or it is a
// bot's post (standupText).
func (s *skimmed) readsBlocks() bool {
	return len(s.Blocks) > 0 && readsBlocks(s.Text, s.BotID, s.Subtype) || s.Message != nil && s.Message.readsBlocks()
}

// readsBlocks reports whether the reader may read the text of the blocks of a
// message with this text, bot_id and subtype: body reads them when the text is
// blank, standupText on a bot's post.
func readsBlocks(text, botID, subtype string) bool {
	return strings.TrimSpace(text) == "" || botID != "" || subtype == "bot_message"
}

// message returns s as a message, with the blocks of r where the reader may
// read them (r is nil when it reads none).
func (s *skimmed) message(r *rawBlocks) message {
	m := message{Type: s.Type, Subtype: s.Subtype, User: s.User, BotID: s.BotID, Text: s.Text, TS: s.TS,
		ThreadTS: s.ThreadTS, ParentUser: s.ParentUser, Edited: s.Edited, UserProfile: s.UserProfile, DeletedTS: s.DeletedTS,
		Username: s.Username, Attachments: s.Attachments, Metadata: s.Metadata}
	if r != nil && len(s.Blocks) > 0 && readsBlocks(s.Text, s.BotID, s.Subtype) {
		m.Blocks = r.Blocks
	}
	if s.Message != nil {
		var inner *rawBlocks
		if r != nil {
			inner = r.Message
		}
		mm := s.Message.message(inner)
		m.Message = &mm
	}
	return m
}
