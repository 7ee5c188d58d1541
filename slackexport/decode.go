package slackexport

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/unblock-dev/unblock"
)

// user is an entry of users.json; only the fields unblock uses.
type user struct {
	ID       string `json:"id"`
	Name     string `json:"name"` // the handle
	RealName string `json:"real_name"`
	Deleted  bool   `json:"deleted"`
	IsBot    bool   `json:"is_bot"`
	TZ       string `json:"tz"`
	Profile  struct {
		Title       string `json:"title"`
		DisplayName string `json:"display_name"`
		RealName    string `json:"real_name"`
		StatusText  string `json:"status_text"`
		StatusEmoji string `json:"status_emoji"`
	} `json:"profile"`
}

// slackbotID is Slackbot's user ID; users.json does not mark it a bot.
const slackbotID = "USLACKBOT"

func (u user) person() unblock.Person {
	p := unblock.Person{
		ID:          u.ID,
		Name:        strings.TrimSpace(u.Profile.DisplayName),
		RealName:    strings.TrimSpace(u.RealName),
		Title:       strings.TrimSpace(u.Profile.Title),
		TZ:          u.TZ,
		IsBot:       u.IsBot || u.ID == slackbotID,
		Deleted:     u.Deleted,
		StatusText:  u.Profile.StatusText,
		StatusEmoji: u.Profile.StatusEmoji,
	}
	if p.RealName == "" {
		p.RealName = strings.TrimSpace(u.Profile.RealName)
	}
	// Slack shows the real name when there is no display name; the handle last.
	if p.Name == "" {
		p.Name = p.RealName
	}
	if p.Name == "" {
		p.Name = u.Name
	}
	return p
}

// channel is an entry of channels.json, groups.json, mpims.json or dms.json.
type channel struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"` // absent in dms.json, whose folders are named by ID
	Members []string `json:"members"`
}

// message is one element of a CHANNEL/YYYY-MM-DD.json file; only the fields
// unblock uses, so blocks, files and reactions are skipped while decoding.
type message struct {
	Type     string    `json:"type"`
	Subtype  string    `json:"subtype"`
	User     string    `json:"user"`
	BotID    string    `json:"bot_id"`
	Text     string    `json:"text"`
	TS       string    `json:"ts"`
	ThreadTS string    `json:"thread_ts"`
	Edited   *struct{} `json:"edited"` // present on a message edited after posting; Text is the final text

	// A standup bot's post: the name it posts under and its attachments.
	Username    string `json:"username"`
	Attachments []struct {
		Pretext string `json:"pretext"`
		Title   string `json:"title"`
		Text    string `json:"text"`
		Fields  []struct {
			Title string `json:"title"`
			Value string `json:"value"`
		} `json:"fields"`
	} `json:"attachments"`
}

// standupAuthor returns the person a bot's post speaks for (unblock.PostedFor), or
// "" for anything else: only bot posts and bot_message subtypes qualify.
func (m *message) standupAuthor(people []unblock.Person) string {
	if m.Type != "message" || (m.BotID == "" && m.Subtype != "bot_message") {
		return ""
	}
	return unblock.PostedFor(m.Username, m.Text, people)
}

// standupText is the post's text with its attachments, a line each.
func (m *message) standupText() string {
	atts := make([]unblock.AttachmentText, 0, len(m.Attachments))
	for _, a := range m.Attachments {
		at := unblock.AttachmentText{Pretext: a.Pretext, Title: a.Title, Text: a.Text}
		for _, f := range a.Fields {
			at.Fields = append(at.Fields, [2]string{f.Title, f.Value})
		}
		atts = append(atts, at)
	}
	return unblock.StandupPostText(m.Text, atts)
}

// deletedText is the text Slack leaves in place of a deleted thread parent.
const deletedText = "This message was deleted."

// isReport reports whether m is something a person wrote that can state a blocker:
// a plain message, a thread reply (also sent to the channel or not), a file shared
// with a comment, or a /me message. Joins, leaves, topic changes, bot posts and
// deleted-message tombstones are not.
func (m *message) isReport(bots map[string]bool) bool {
	if m.Type != "message" || m.BotID != "" || m.User == "" || bots[m.User] {
		return false
	}
	switch m.Subtype {
	case "", "thread_broadcast", "reply_broadcast", "file_share", "me_message":
	default:
		return false
	}
	text := strings.TrimSpace(m.Text)
	return text != "" && text != deletedText
}

// tsTime turns a Slack ts ("1763470800.000100", seconds and microseconds) into a time.
func tsTime(ts string) (time.Time, bool) {
	secs, frac, _ := strings.Cut(ts, ".")
	sec, err := strconv.ParseInt(secs, 10, 64)
	if err != nil || sec < 0 || len(frac) > 9 {
		return time.Time{}, false
	}
	var nsec int64
	if frac != "" {
		n, err := strconv.ParseInt(frac, 10, 64)
		if err != nil || n < 0 {
			return time.Time{}, false
		}
		for i := len(frac); i < 9; i++ {
			n *= 10
		}
		nsec = n
	}
	return time.Unix(sec, nsec).UTC(), true
}

// decodeArray decodes the JSON array in file rel of the export one element at a
// time, calling elem for each with the decoder positioned before the element. what
// names the elements in errors ("messages").
func (rd *reader) decodeArray(rel, what string, elem func(dec *json.Decoder) error) error {
	f := rd.files[rel]
	if f == nil {
		return unblock.Errorf(unblock.EINVALID, "%s: %s missing: is this a Slack export?", rd.name, rel)
	}
	rc, err := f.Open()
	if err != nil {
		return unblock.Errorf(unblock.EINVALID, "%s: %s: cannot read it from the zip (%v)", rd.name, rel, err)
	}
	defer rc.Close()
	zr := &zipFileReader{r: rc}
	dec := json.NewDecoder(zr)
	if err := decodeArray(dec, what, elem); err != nil {
		return rd.fileError(rel, zr, err)
	}
	return nil
}

func decodeArray(dec *json.Decoder, what string, elem func(dec *json.Decoder) error) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return &shapeError{offset: dec.InputOffset(), msg: "want an array of " + what}
	}
	for dec.More() {
		if err := elem(dec); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil { // the closing ']'
		return err
	}
	// Read to the end: nothing may follow the array, and the zip checks the file's
	// checksum only at its end.
	if _, err := dec.Token(); err != io.EOF {
		if err == nil {
			err = &shapeError{offset: dec.InputOffset(), msg: "unexpected data after the array"}
		}
		return err
	}
	return nil
}

// fileError turns an error decoding file rel into a one-line EINVALID error that
// names the export and the file.
func (rd *reader) fileError(rel string, zr *zipFileReader, err error) error {
	prefix := rd.name + ": " + rel + ": "
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var shape *shapeError
	switch {
	case zr.err != nil:
		// The zip could not give the file's bytes: cut short or corrupted.
		return unblock.Errorf(unblock.EINVALID, "%sdamaged in the zip (%v)", prefix, zr.err)
	case errors.As(err, &syntax):
		return unblock.Errorf(unblock.EINVALID, "%sinvalid JSON at offset %d: %v", prefix, syntax.Offset, syntax)
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "value"
		} else {
			field = strconv.Quote(field)
		}
		return unblock.Errorf(unblock.EINVALID, "%sinvalid JSON at offset %d: %s is a JSON %s, want %s",
			prefix, typ.Offset, field, typ.Value, jsonKind(typ.Type))
	case errors.As(err, &shape):
		return unblock.Errorf(unblock.EINVALID, "%sinvalid JSON at offset %d: %s", prefix, shape.offset, shape.msg)
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return unblock.Errorf(unblock.EINVALID, "%sinvalid JSON at offset %d: unexpected end of file", prefix, zr.n)
	}
	return unblock.Errorf(unblock.EINVALID, "%s%v", prefix, err)
}

// shapeError is valid JSON of the wrong shape, such as an object where an array belongs.
type shapeError struct {
	offset int64
	msg    string
}

func (e *shapeError) Error() string { return fmt.Sprintf("offset %d: %s", e.offset, e.msg) }

// jsonKind names the JSON type that decodes into t.
func jsonKind(t reflect.Type) string {
	if t == nil {
		return "another type"
	}
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Slice, reflect.Array:
		return "array"
	case reflect.Struct, reflect.Map, reflect.Pointer:
		return "object"
	case reflect.Int, reflect.Int64, reflect.Float64, reflect.Int32, reflect.Uint, reflect.Uint64:
		return "number"
	}
	return t.String()
}

// zipFileReader remembers the first error reading a file out of the zip (a cut or
// corrupted deflate stream, a checksum mismatch), so it is not blamed on the JSON.
type zipFileReader struct {
	r   io.Reader
	n   int64 // bytes read
	err error
}

func (z *zipFileReader) Read(p []byte) (int, error) {
	n, err := z.r.Read(p)
	z.n += int64(n)
	if err != nil && err != io.EOF && z.err == nil {
		z.err = err
	}
	return n, err
}
