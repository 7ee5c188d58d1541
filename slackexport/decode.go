package slackexport

import (
	"bufio"
	"bytes"
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

// profilePerson returns the author of m as its user_profile names them, for an
// author users.json does not list.
func (m *message) profilePerson() unblock.Person {
	var u user
	u.ID, u.Name, u.RealName = m.User, m.UserProfile.Name, m.UserProfile.RealName
	u.Profile.DisplayName, u.Profile.RealName = m.UserProfile.DisplayName, m.UserProfile.RealName
	return u.person()
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
	Type     string `json:"type"`
	Subtype  string `json:"subtype"`
	User     string `json:"user"`
	BotID    string `json:"bot_id"`
	Text     string `json:"text"`
	TS       string `json:"ts"`
	ThreadTS string `json:"thread_ts"`
	// ParentUser is, on a thread reply, the poster of the thread's parent: a
	// person, or the bot user of a bot's post.
	ParentUser string            `json:"parent_user_id"`
	Edited     *edited           `json:"edited"` // present on a message edited after posting; Text is the final text
	Blocks     []json.RawMessage `json:"blocks"` // the message in Block Kit; Text is its plain rendering, or a bot's fallback

	// The author's names as the message shows them: for people users.json does
	// not list (from another organisation, in a channel shared through Slack Connect).
	UserProfile *userProfile `json:"user_profile"`

	// An edit or a deletion recorded as an event of its own (subtypes
	// message_changed and message_deleted): the message as it now reads, or the ts
	// of the one deleted.
	Message   *message `json:"message"`
	DeletedTS string   `json:"deleted_ts"`

	// A standup bot's post: the name it posts under and its attachments.
	Username    string       `json:"username"`
	Attachments []attachment `json:"attachments"`

	// Metadata is an app's event attached to the post: unblock's posts carry
	// their effect's key (unblock.OwnCall).
	Metadata *metadata `json:"metadata"`
}

// metadata is a message's metadata, an app's event: its type and payload.
type metadata struct {
	EventType    string         `json:"event_type"`
	EventPayload map[string]any `json:"event_payload"`
}

// attachment is one of a bot post's attachments.
type attachment struct {
	Pretext string            `json:"pretext"`
	Title   string            `json:"title"`
	Text    string            `json:"text"`
	Fields  []attachmentField `json:"fields"`
}

// attachmentField is one of an attachment's fields.
type attachmentField struct {
	Title string `json:"title"`
	Value string `json:"value"`
}

// userProfile is the names of a message's author as the message shows them.
type userProfile struct {
	RealName    string `json:"real_name"`
	DisplayName string `json:"display_name"`
	Name        string `json:"name"`
}

// edited is a message's "edited" field: who edited it and when.
type edited struct {
	TS string `json:"ts"`
}

// editedAt returns when m's text was last edited: its "edited" ts, else
// (an edit event's message, or an edited message whose ts is unreadable)
// fallback.
func (m *message) editedAt(fallback time.Time) time.Time {
	if m.Edited != nil {
		if at, ok := tsTime(m.Edited.TS); ok {
			return at
		}
	}
	return fallback
}

// eventTime returns when m happened: its ts, for an edit or a deletion recorded
// as an event the event's own; the deleted or edited message's ts when that one
// is unreadable, and the zero time when neither is readable.
func (m *message) eventTime() time.Time {
	for _, ts := range []string{m.TS, m.DeletedTS} {
		if at, ok := tsTime(ts); ok {
			return at
		}
	}
	if m.Message != nil {
		if at, ok := tsTime(m.Message.TS); ok {
			return at
		}
	}
	return time.Time{}
}

// isMessage reports whether m is a message: its type says so, or, as in exports
// written by some other tools, it has no type at all.
func (m *message) isMessage() bool { return m.Type == "message" || m.Type == "" }

// top reports whether m is no reply: a post in the channel, which may open a thread.
func (m *message) top() bool { return m.ThreadTS == "" || m.ThreadTS == m.TS }

// standupAuthor returns the person a bot's post speaks for (unblock.PostedFor), or
// "" for anything else: only bot posts and bot_message subtypes qualify.
func (m *message) standupAuthor(people *unblock.Posters) string {
	if !m.isMessage() || (m.BotID == "" && m.Subtype != "bot_message") {
		return ""
	}
	return people.PostedFor(m.Username, m.Text)
}

// body is what a person wrote: the text, or, when a message has no text but
// blocks (posted through the API with blocks alone), the blocks' text.
func (m *message) body() string {
	if strings.TrimSpace(m.Text) == "" {
		return unblock.BlocksText(m.Blocks)
	}
	return m.Text
}

// standupPrompt reports whether m is a bot's call for standups ("Daily standup:
// reply in this thread", a workflow's or Slackbot's reminder), whose thread's
// replies are the team's standup answers. A post that speaks for one person
// (standupAuthor) is that person's standup, not a prompt: replies to it are
// comments on it. One of unblock's posts that carries its metadata is a call
// when the effect that made it is a prompt or a reminder, as the live bot
// knows its posts, whatever its words; without it, the first line tells, as
// for any bot.
func (m *message) standupPrompt(bots map[string]bool) bool {
	if !m.isMessage() || (m.BotID == "" && m.Subtype != "bot_message" && !bots[m.User]) {
		return false
	}
	if m.ThreadTS != "" && m.ThreadTS != m.TS {
		return false // itself a reply
	}
	if m.Metadata != nil {
		if call, ours := unblock.OwnCall(m.Metadata.EventType, m.Metadata.EventPayload); ours {
			return call
		}
	}
	return unblock.StandupPrompt(m.body())
}

// standupText is the post's text with its attachments, a line each. A post in
// Block Kit is read from its blocks: its text is then only the notification's
// fallback ("<@U1> posted an update").
func (m *message) standupText() string {
	text := m.Text
	if bt := unblock.BlocksText(m.Blocks); bt != "" {
		text = bt
	}
	atts := make([]unblock.AttachmentText, 0, len(m.Attachments))
	for _, a := range m.Attachments {
		at := unblock.AttachmentText{Pretext: a.Pretext, Title: a.Title, Text: a.Text}
		for _, f := range a.Fields {
			at.Fields = append(at.Fields, [2]string{f.Title, f.Value})
		}
		atts = append(atts, at)
	}
	return unblock.StandupPostText(text, atts)
}

// deletedText is the text Slack leaves in place of a deleted thread parent.
const deletedText = "This message was deleted."

// isReport reports whether m is something a person wrote that can state a blocker:
// a plain message, a thread reply (also sent to the channel or not), a file shared
// with a comment, or a /me message. Joins, leaves, topic changes, bot posts and
// deleted-message tombstones are not.
func (m *message) isReport(bots map[string]bool) bool {
	if !m.isMessage() || m.BotID != "" || m.User == "" || bots[m.User] {
		return false
	}
	switch m.Subtype {
	case "", "thread_broadcast", "reply_broadcast", "file_share", "me_message":
	default:
		return false
	}
	text := strings.TrimSpace(m.body())
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
	open := rd.files[rel]
	if open == nil {
		return unblock.Errorf(unblock.EINVALID, "%s: %s missing: is this a Slack export?", rd.name, rel)
	}
	rc, err := open()
	if err != nil {
		return damaged{unblock.Errorf(unblock.EINVALID, "%s: %s: cannot read it (%v)", rd.name, rel, err)}
	}
	defer rc.Close()
	zr := &zipFileReader{r: rc}
	dec := json.NewDecoder(zr)
	if err := decodeArray(dec, what, elem); err != nil {
		return rd.fileError(rel, zr, err)
	}
	return nil
}

// damaged is an error reading a file's bytes out of the export (a cut or corrupted
// zip entry), as opposed to bytes that are not the JSON they should be.
type damaged struct{ error }

func (d damaged) Unwrap() error { return d.error }

// isDamaged reports whether err is about a file the export could not give whole.
func isDamaged(err error) bool {
	var d damaged
	return errors.As(err, &d)
}

func decodeArray(dec *json.Decoder, what string, elem func(dec *json.Decoder) error) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return &shapeError{offset: dec.InputOffset(), msg: "want an array of " + what}
	}
	for i := 0; dec.More(); i++ {
		if err := elem(dec); err != nil {
			return &elementError{index: i, err: err}
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
// names the export, the file and the line and column where its JSON went wrong.
func (rd *reader) fileError(rel string, zr *zipFileReader, err error) error {
	prefix := rd.name + ": " + rel + ": "
	at := func(offset int64) string {
		line, col := rd.position(rel, offset)
		return fmt.Sprintf("line %d, column %d", line, col)
	}
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var shape *shapeError
	var elem *elementError
	errors.As(err, &elem)
	switch {
	case zr.err != nil:
		// The zip could not give the file's bytes: cut short or corrupted.
		return damaged{unblock.Errorf(unblock.EINVALID, "%sdamaged in the zip (%v)", prefix, zr.err)}
	case errors.As(err, &syntax):
		// A json.Decoder's offsets count from where its buffer happened to start:
		// the file's own syntax check gives the offset in the file.
		offset := syntax.Offset
		if b, rerr := rd.readAll(rel); rerr == nil {
			if serr := (*json.SyntaxError)(nil); errors.As(json.Unmarshal(b, new(json.RawMessage)), &serr) {
				offset, syntax = serr.Offset, serr
			}
		}
		// Offset counts the offending byte: point at it.
		return unblock.Errorf(unblock.EINVALID, "%sinvalid JSON at %s: %v", prefix, at(max(0, offset-1)), syntax)
	case errors.As(err, &typ):
		// The offset counts from about the start of the element, wherever it is,
		// and falls at the value's end or just inside it: right for the line, not
		// for the column.
		offset := typ.Offset
		if elem != nil {
			if b, rerr := rd.readAll(rel); rerr == nil {
				offset += elementStart(b, elem.index)
			}
		}
		line, _ := rd.position(rel, offset)
		return unblock.Errorf(unblock.EINVALID, "%sinvalid JSON at line %d: %s", prefix, line, typeMismatch(typ))
	case errors.As(err, &shape):
		return unblock.Errorf(unblock.EINVALID, "%sinvalid JSON at %s: %s", prefix, at(shape.offset), shape.msg)
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return unblock.Errorf(unblock.EINVALID, "%sinvalid JSON at %s: unexpected end of file", prefix, at(zr.n))
	}
	return unblock.Errorf(unblock.EINVALID, "%s%v", prefix, err)
}

// position turns a byte offset in file rel into a line and column (1-based,
// columns in bytes), reading the file again up to it: only an error pays for it.
func (rd *reader) position(rel string, offset int64) (line, col int) {
	line, col = 1, 1
	if rc, err := rd.files[rel](); err == nil {
		defer rc.Close()
		br := bufio.NewReader(io.LimitReader(rc, offset))
		for {
			b, err := br.ReadByte()
			if err != nil {
				break
			}
			if b == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
		}
	}
	return line, col
}

// elementError is an error decoding the element at index (0-based) of a file's array.
type elementError struct {
	index int
	err   error
}

func (e *elementError) Error() string { return e.err.Error() }
func (e *elementError) Unwrap() error { return e.err }

// maxReread bounds how much of a file is read again to place an error in it.
const maxReread = 64 << 20

// readAll reads file rel again, whole: for an error's position only. A file of
// more than maxReread bytes is not read (the error then keeps the decoder's offset).
func (rd *reader) readAll(rel string) ([]byte, error) {
	rc, err := rd.files[rel]()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, maxReread+1))
	if err == nil && len(b) > maxReread {
		err = errors.New("too large to read again")
	}
	return b, err
}

// elementStart returns the offset in b, a JSON array, of the element at index, or
// 0 when b is not such an array.
func elementStart(b []byte, index int) int64 {
	var elems []json.RawMessage
	if json.Unmarshal(b, &elems) != nil || index >= len(elems) {
		return 0
	}
	// Each element is a verbatim slice of b, in order: find them one after another.
	at := 0
	for i := 0; i <= index; i++ {
		j := bytes.Index(b[at:], elems[i])
		if j < 0 {
			return 0
		}
		if i == index {
			return int64(at + j)
		}
		at += j + len(elems[i])
	}
	return 0
}

// typeMismatch says which field held which JSON type where another belongs.
func typeMismatch(typ *json.UnmarshalTypeError) string {
	field := typ.Field
	if field == "" {
		field = "value"
	} else {
		field = strconv.Quote(field)
	}
	return fmt.Sprintf("%s is a JSON %s, want %s", field, typ.Value, jsonKind(typ.Type))
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
