// Package slackexport reads a Slack export (the .zip, or the folder it unzips to)
// into domain types: the people of users.json (or org_users.json, in an Enterprise
// Grid organisation's export), the channels of channels.json (and groups.json,
// dms.json, mpims.json when present) and the messages of CHANNEL/YYYY-MM-DD.json
// that a person wrote, as unblock.Reports in time order. Import feeds them to a Sink.
//
// It knows nothing of SQL or of the Slack API.
package slackexport

import (
	"archive/zip"
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/unblock-dev/unblock"
)

// Export is what a Slack export holds that unblock uses.
type Export struct {
	People   []unblock.Person // every user of users.json (or org_users.json), ordered by ID; roles are not resolved
	Channels []Channel        // channels, private channels, DMs and group DMs, ordered by ID
	Messages []unblock.Report // messages people wrote, ordered by At, then Channel, then TS
	// Deleted are the messages the export records as deleted (a message_deleted
	// event, or an edit that left a post no one's report), ordered by At: an
	// import withdraws them, and what they opened, as the live bot does, also when
	// an earlier import brought them in.
	Deleted []Deletion
	// Skipped has one line for each day file or message left out because it
	// could not be read (invalid JSON, a bad ts), naming the file and where in it.
	Skipped []string
	// RepliesToOthers holds the channel and ts of each message that is a reply
	// in the thread of another's post (unblock.Posting.ReplyToOther): a post by
	// someone else than the replier, a standup bot's post that speaks for
	// someone else, or a bot's post that speaks for no one (a build report,
	// unblock's summary or digest). The parent's poster is the export's, else
	// the reply's parent_user_id; a reply under a bot's post the export does not
	// hold is none, as whom that post spoke for is not known. A reply under a
	// call for standups is none (it is an answer), nor is one also sent to the
	// channel (thread_broadcast, reply_broadcast): it is read as a post in the
	// channel (unblock.Posting.Broadcast).
	RepliesToOthers map[[2]string]bool
}

// Deletion is a message the export records as deleted.
type Deletion struct {
	Channel, TS string    // the deleted message's key
	At          time.Time // when it was deleted (the event's ts); the message's own time when the event has none
}

// Channel is a conversation of the export.
type Channel struct {
	ID      string   // "C…", "G…" or "D…"; the folder name when no listing names the folder
	Name    string   // "general"; "" for a DM
	Kind    string   // which listing names it: KindChannel, KindGroup, KindGroupDM or KindDM
	Members []string // user IDs
}

// The kinds of conversation, by the listing that names them, as Slack's
// channel_type names them in live events.
const (
	KindChannel = "channel" // channels.json, or a folder no listing names
	KindGroup   = "group"   // groups.json: a private channel
	KindGroupDM = "mpim"    // mpims.json: a group DM
	KindDM      = "im"      // dms.json: a DM between two users
)

// listings are the conversation listings, in the order they are read, and the
// kind of conversation each names.
var listings = []struct{ file, kind string }{
	{"channels.json", KindChannel}, {"groups.json", KindGroup}, {"mpims.json", KindGroupDM}, {"dms.json", KindDM},
}

// userListings are the files that list the people, in the order they are read:
// users.json of a workspace export, org_users.json of an Enterprise Grid
// organisation's export. Both are read when both are there.
var userListings = []string{"users.json", "org_users.json"}

// Open reads the Slack export at path: the .zip Slack makes, or the folder it
// unzips to. Errors about the content are *unblock.Error with code EINVALID and
// name path and the file inside the export.
func Open(path string) (*Export, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, unblock.Errorf(unblock.EINVALID, "%s: no such file", path)
	} else if err != nil {
		return nil, fmt.Errorf("open export: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("stat export: %w", err)
	}
	if fi.IsDir() {
		return openDir(path)
	}
	return Read(f, fi.Size(), path)
}

// opener opens one file of an export.
type opener func() (io.ReadCloser, error)

// Read reads a Slack export zip of size bytes from r; name names it in errors.
func Read(r io.ReaderAt, size int64, name string) (*Export, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, notZipError(r, size, name, err)
	}
	files := map[string]opener{}
	for _, f := range zr.File {
		if f.FileInfo().IsDir() {
			continue
		}
		// Zips made on Windows may separate folders with backslashes.
		files[strings.ReplaceAll(f.Name, `\`, "/")] = sizedOpener(f)
	}
	return read(name, files)
}

// sizedOpener opens f, saying how long it is (sized) so that it is read into
// a buffer of its size at once.
func sizedOpener(f *zip.File) opener {
	return func() (io.ReadCloser, error) {
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		return sized{rc, int64(f.UncompressedSize64)}, nil
	}
}

// sized is a file of an export that knows its length.
type sized struct {
	io.ReadCloser
	size int64
}

// openDir reads an export unzipped into the folder dir.
func openDir(dir string) (*Export, error) {
	files := map[string]opener{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)] = func() (io.ReadCloser, error) { return os.Open(p) }
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read export folder %s: %w", dir, err)
	}
	return read(dir, files)
}

// read reads the export whose files are all (by slash-separated path); name names
// it in errors.
func read(name string, all map[string]opener) (*Export, error) {
	roots := findRoot(all)
	switch {
	case len(roots) == 0:
		return nil, unblock.Errorf(unblock.EINVALID, "%s: users.json missing (nor org_users.json): is this a Slack export?", name)
	case len(roots) > 1:
		return nil, unblock.Errorf(unblock.EINVALID, "%s: holds %d exports (%s): import each on its own",
			name, len(roots), strings.Join(roots, ", "))
	}
	root := roots[0]
	rd := &reader{name: name, files: map[string]opener{}}
	for p, open := range all {
		if rel, ok := strings.CutPrefix(p, root); ok {
			rd.files[rel] = open
		}
	}
	return rd.read()
}

// notZipError explains why r is not a readable zip: a file that starts like a zip
// but has no central directory was cut short.
func notZipError(r io.ReaderAt, size int64, name string, err error) error {
	head := make([]byte, 4)
	if n, _ := r.ReadAt(head, 0); n == 4 && bytes.Equal(head, []byte("PK\x03\x04")) {
		return unblock.Errorf(unblock.EINVALID, "%s: truncated or damaged zip: cannot read its table of contents (%v)", name, err)
	}
	if size == 0 {
		return unblock.Errorf(unblock.EINVALID, "%s: not a zip file (the file is empty)", name)
	}
	return unblock.Errorf(unblock.EINVALID, "%s: not a zip file (%v)", name, err)
}

// findRoot returns the folder that holds users.json (or org_users.json): "" for an
// export zipped as Slack makes it, "Company X Slack export/" for one re-zipped
// from its folder. When several folders as shallow hold one (a folder of monthly
// exports), it returns them all, in order.
func findRoot(files map[string]opener) []string {
	var roots []string
	for name := range files {
		base := path.Base(name)
		if !slices.Contains(userListings, base) || strings.HasPrefix(name, "__MACOSX/") {
			continue
		}
		dir := strings.TrimSuffix(name, base)
		switch {
		case len(roots) == 0 || strings.Count(dir, "/") < strings.Count(roots[0], "/"):
			roots = []string{dir}
		case strings.Count(dir, "/") == strings.Count(roots[0], "/") && !slices.Contains(roots, dir):
			roots = append(roots, dir)
		}
	}
	slices.Sort(roots)
	return roots
}

// reader reads one export.
type reader struct {
	name    string                  // the export's name, for errors
	files   map[string]opener       // by path relative to the folder of users.json
	bots    map[string]bool         // user IDs of bots
	people  *unblock.Posters        // everyone in users.json, for standup bots' posts
	skipped []string                // what was left out, a line each
	deleted map[[2]string]time.Time // channel and ts of messages a message_deleted event removed -> when
	prompts map[[2]string]bool      // channel and ts of bots' standup prompts: a reply in their thread is a standup answer
	// parents are whom the posts that may open a thread are by, by channel and
	// ts: a person's post is theirs, a standup bot's post the person's it speaks
	// for, another bot's post no one's (""), so that a reply under it is no
	// one's standup but in a call for standups' thread.
	parents     map[[2]string]string
	parentUsers map[[2]string]string      // channel and ts of a reply -> its parent_user_id, where the export gives it
	broadcasts  map[[2]string]bool        // channel and ts of replies also sent to the channel
	known       map[string]bool           // user IDs of the people listed
	unknown     map[string]unblock.Person // authors not listed, as their messages' user_profile names them
}

func (rd *reader) read() (*Export, error) {
	exp := &Export{}
	users, err := rd.users()
	if err != nil {
		return nil, err
	}
	rd.bots = map[string]bool{}
	seen := map[string]bool{}
	for _, u := range users {
		if seen[u.ID] {
			continue // in users.json and org_users.json alike
		}
		seen[u.ID] = true
		p := u.person()
		if p.IsBot {
			rd.bots[p.ID] = true
		}
		exp.People = append(exp.People, p)
	}
	slices.SortFunc(exp.People, func(a, b unblock.Person) int { return cmp.Compare(a.ID, b.ID) })
	rd.people = unblock.NewPosters(exp.People)

	byFolder, err := rd.channels(exp)
	if err != nil {
		return nil, err
	}

	// Day files in a stable order: folder, then day.
	var days, others []string
	for rel := range rd.files {
		if _, _, ok := dayFile(rel); ok {
			days = append(days, rel)
		} else if folder, _, ok := strings.Cut(rel, "/"); ok && strings.Count(rel, "/") == 1 && path.Ext(rel) == ".json" {
			// Messages in another layout in a conversation's folder: say so rather
			// than import nothing silently. Other folders (canvases, files) are not
			// conversations.
			if _, listed := byFolder[folder]; listed {
				others = append(others, rel)
			}
		}
	}
	slices.Sort(days)
	if len(others) > 0 {
		slices.Sort(others)
		rd.skipped = append(rd.skipped, fmt.Sprintf("%s: %d JSON files in conversation folders are not day files (CHANNEL/YYYY-MM-DD.json) and were left out, such as %s",
			rd.name, len(others), others[0]))
	}
	rd.deleted = map[[2]string]time.Time{}
	rd.prompts = map[[2]string]bool{}
	rd.parents, rd.parentUsers, rd.broadcasts = map[[2]string]string{}, map[[2]string]string{}, map[[2]string]bool{}
	rd.known, rd.unknown = seen, map[string]unblock.Person{}
	ahead := rd.decodeAhead(days)
	defer ahead.stop()
	// Each file's reports are kept apart, then joined once: appending them all
	// to one slice as they came grew it, and copied it, again and again.
	perFile := make([][]unblock.Report, len(days))
	unlistedAt := map[string]int{} // folders no listing names, by their place in exp.Channels
	total := 0
	for i, rel := range days {
		folder, _, _ := dayFile(rel)
		ch, ok := byFolder[folder]
		if !ok {
			ch = unlisted(folder)
			byFolder[folder] = ch
			unlistedAt[folder] = len(exp.Channels)
			exp.Channels = append(exp.Channels, ch)
		}
		d := <-ahead.results[i]
		if k, ok := unlistedAt[folder]; ok && ch.Kind == KindDM {
			// A DM's members are who posted in it, its bot user among them.
			for _, m := range d.messages {
				if m.User != "" && !slices.Contains(exp.Channels[k].Members, m.User) {
					exp.Channels[k].Members = append(exp.Channels[k].Members, m.User)
				}
			}
		}
		perFile[i], err = rd.day(rel, ch.ID, d.messages, d.ok)
		ahead.release(d.buf)
		if err != nil {
			return nil, err
		}
		total += len(perFile[i])
	}
	if total > 0 {
		exp.Messages = make([]unblock.Report, 0, total)
	}
	for _, rs := range perFile {
		exp.Messages = append(exp.Messages, rs...)
	}
	slices.SortFunc(exp.Channels, func(a, b Channel) int { return cmp.Compare(a.ID, b.ID) })
	if len(rd.unknown) > 0 {
		for _, p := range rd.unknown {
			exp.People = append(exp.People, p)
		}
		slices.SortFunc(exp.People, func(a, b unblock.Person) int { return cmp.Compare(a.ID, b.ID) })
	}
	sortReports(exp.Messages)
	exp.Messages = dedupe(exp.Messages)
	// A message is gone when its last event is a deletion: an edit after it (a
	// bot's post edited into a report again) brings it back. The export's
	// files need not hold events in time order.
	exp.Messages = slices.DeleteFunc(exp.Messages, func(r unblock.Report) bool {
		key := [2]string{r.Channel, r.TS}
		at, gone := rd.deleted[key]
		if gone && r.Edited && r.EditedAt.After(at) {
			delete(rd.deleted, key)
			return false
		}
		return gone
	})
	for key, at := range rd.deleted {
		exp.Deleted = append(exp.Deleted, Deletion{Channel: key[0], TS: key[1], At: at})
	}
	slices.SortFunc(exp.Deleted, func(a, b Deletion) int {
		return cmp.Or(a.At.Compare(b.At), cmp.Compare(a.Channel, b.Channel), cmp.Compare(a.TS, b.TS))
	})
	exp.RepliesToOthers = map[[2]string]bool{}
	for i, r := range exp.Messages {
		p := unblock.Posting{StandupBot: r.Standup, PromptThread: r.ThreadTS != "" && rd.prompts[[2]string{r.Channel, r.ThreadTS}],
			ReplyToOther: rd.replyToOther(r), Broadcast: rd.broadcasts[[2]string{r.Channel, r.TS}]}
		if p.ReplyToOther && !p.Broadcast && !p.PromptThread {
			exp.RepliesToOthers[[2]string{r.Channel, r.TS}] = true
		}
		exp.Messages[i].Standup = p.Standup()
	}
	exp.Skipped = rd.skipped
	return exp, nil
}

// delete records that the message channel/ts was deleted at `at`, or edited
// into no report then: the latest of its deletions counts.
func (rd *reader) delete(channel, ts string, at time.Time) {
	key := [2]string{channel, ts}
	if prev, ok := rd.deleted[key]; !ok || at.After(prev) {
		rd.deleted[key] = at
	}
}

// replyToOther reports whether r is a reply in the thread of another's post
// (Export.RepliesToOthers).
func (rd *reader) replyToOther(r unblock.Report) bool {
	if r.ThreadTS == "" {
		return false
	}
	if author, known := rd.parents[[2]string{r.Channel, r.ThreadTS}]; known {
		return author != r.PersonID // "": a bot's post that speaks for no one
	}
	// The parent is not in the export (an export of a later period, or a
	// deleted parent's tombstone): the reply says whose it was, but not whom a
	// bot's post spoke for.
	author := rd.parentUsers[[2]string{r.Channel, r.TS}]
	return author != "" && !rd.bots[author] && author != r.PersonID
}

// users decodes users.json and org_users.json, those that are there.
func (rd *reader) users() ([]user, error) {
	var users []user
	for _, listing := range userListings {
		if rd.files[listing] == nil {
			continue
		}
		i := 0
		err := rd.decodeArray(listing, "users", func(dec *json.Decoder) error {
			i++
			var u user
			if err := dec.Decode(&u); err != nil {
				return rd.skipMismatch(err, listing, "user", i)
			}
			if u.ID != "" {
				users = append(users, u)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return users, nil
}

// channels decodes the conversation listings into exp.Channels and returns them by
// the folder name that holds their messages: the name, or the ID for a DM; a
// channel is also found by its ID, as exports made by other tools name folders.
func (rd *reader) channels(exp *Export) (map[string]Channel, error) {
	byFolder := map[string]Channel{}
	found := false
	for _, l := range listings {
		listing := l.file
		if rd.files[listing] == nil {
			continue
		}
		found = true
		i := 0
		err := rd.decodeArray(listing, "channels", func(dec *json.Decoder) error {
			i++
			var c channel
			if err := dec.Decode(&c); err != nil {
				return rd.skipMismatch(err, listing, "conversation", i)
			}
			if c.ID == "" {
				return nil
			}
			ch := Channel{ID: c.ID, Name: c.Name, Kind: l.kind, Members: c.Members}
			if _, dup := byFolder[c.ID]; dup {
				return nil
			}
			if c.Name != "" {
				if _, dup := byFolder[c.Name]; dup {
					return nil
				}
				byFolder[c.Name] = ch
			}
			byFolder[c.ID] = ch
			exp.Channels = append(exp.Channels, ch)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if !found {
		return nil, unblock.Errorf(unblock.EINVALID, "%s: channels.json missing: is this a Slack export?", rd.name)
	}
	return byFolder, nil
}

// skipMismatch returns err from decoding the n-th element (a "message", a "user")
// of file rel, or nil when it is valid JSON of other types than Slack writes: that
// costs the element only (the decoder has read past it), with a line in rd.skipped.
func (rd *reader) skipMismatch(err error, rel, what string, n int) error {
	var typ *json.UnmarshalTypeError
	if !errors.As(err, &typ) {
		return err
	}
	rd.skipped = append(rd.skipped, fmt.Sprintf("%s: %s: %s %d: %s: the %s is skipped", rd.name, rel, what, n, typeMismatch(typ), what))
	return nil
}

// day returns the reports of one CHANNEL/YYYY-MM-DD.json file. A file that
// is not valid JSON, or not an array of messages, is skipped whole with a line in
// rd.skipped, and so is a message whose ts is no time; a file the zip cannot give
// (damaged) fails the import.
//
// ms are the file's messages as fastMessages read it (decodeAhead), when ok; a
// file it cannot read exactly as encoding/json would is decoded again with
// encoding/json, which places what is wrong in it.
func (rd *reader) day(rel, channelID string, ms []message, ok bool) ([]unblock.Report, error) {
	if ok {
		got := make([]unblock.Report, 0, len(ms))
		for i := range ms {
			got = rd.message(&ms[i], rel, channelID, i+1, got)
		}
		return got, nil
	}
	var got []unblock.Report
	i := 0
	err := rd.decodeArray(rel, "messages", func(dec *json.Decoder) error {
		i++
		var m message
		if err := dec.Decode(&m); err != nil {
			return rd.skipMismatch(err, rel, "message", i)
		}
		got = rd.message(&m, rel, channelID, i, got)
		return nil
	})
	if err != nil {
		if unblock.ErrorCode(err) == unblock.EINVALID && !isDamaged(err) {
			rd.skipped = append(rd.skipped, err.Error()+": the file is skipped")
			return nil, nil
		}
		return nil, err
	}
	return got, nil
}

// decoded is a day file as decodeAhead read it.
type decoded struct {
	messages []message
	ok       bool    // fastDay read it
	buf      *dayBuf // the file's bytes and messages, handed back once they are read (release)
}

// ahead decodes day files on goroutines of their own.
type ahead struct {
	results []chan decoded // one a file, in the order given
	bufs    chan *dayBuf
	done    chan struct{}
	wg      sync.WaitGroup
}

// decodeAhead reads and decodes the day files (fastDay) on up to GOMAXPROCS
// goroutines, in order and at most a few files ahead of the caller, who takes
// each file's result from results in turn and hands its buffer back (release)
// once the file's messages are read. The messages are then turned into reports
// by the caller, in order, as before: only the decoding is spread over cores.
func (rd *reader) decodeAhead(days []string) *ahead {
	workers := max(1, min(runtime.GOMAXPROCS(0), len(days)))
	a := &ahead{results: make([]chan decoded, len(days)), bufs: make(chan *dayBuf, 2*workers),
		done: make(chan struct{})}
	for i := range a.results {
		a.results[i] = make(chan decoded, 1)
	}
	for range 2 * workers {
		a.bufs <- new(dayBuf)
	}
	type job struct {
		i   int
		buf *dayBuf
	}
	jobs := make(chan job)
	a.wg.Go(func() {
		defer close(jobs)
		for i := range days {
			select {
			case buf := <-a.bufs: // no more files in hand than buffers
				select {
				case jobs <- job{i, buf}:
				case <-a.done:
					return
				}
			case <-a.done:
				return
			}
		}
	})
	for range workers {
		a.wg.Go(func() {
			for j := range jobs {
				ms, ok := rd.fastDay(days[j.i], j.buf)
				a.results[j.i] <- decoded{messages: ms, ok: ok, buf: j.buf}
			}
		})
	}
	return a
}

// release hands back a file's buffer for the next file.
func (a *ahead) release(buf *dayBuf) { a.bufs <- buf }

// dayBuf is what decoding a day file fills: the file's bytes and its messages,
// both kept from file to file so that neither is allocated again for each.
type dayBuf struct {
	bytes    bytes.Buffer
	messages []message
}

// stop ends decodeAhead's goroutines and returns once they have ended.
func (a *ahead) stop() {
	close(a.done)
	a.wg.Wait()
}

// fastDay reads file rel whole into buf and decodes it with fastMessages into
// buf's messages; false when it cannot (the zip cannot give it, or
// fastMessages does not read it). It reads nothing of rd but its files, so that
// several can run at once.
func (rd *reader) fastDay(rel string, day *dayBuf) ([]message, bool) {
	buf := &day.bytes
	open := rd.files[rel]
	if open == nil {
		return nil, false
	}
	rc, err := open()
	if err != nil {
		return nil, false
	}
	defer rc.Close()
	var size int64
	switch f := rc.(type) {
	case sized:
		size = f.size
	case *os.File:
		if fi, err := f.Stat(); err == nil {
			size = fi.Size()
		}
	}
	buf.Reset()
	buf.Grow(int(min(size, maxReread)) + bytes.MinRead)
	if _, err := buf.ReadFrom(rc); err != nil {
		return nil, false
	}
	ms, ok := fastMessages(buf.Bytes(), day.messages)
	if ok {
		day.messages = ms
	}
	return ms, ok
}

// message appends to got the report message m (the i-th of file rel, in
// channelID) makes, if any, and records what else it says: a deletion, an
// edit, a standup prompt, an author the listings do not name.
func (rd *reader) message(m *message, rel, channelID string, i int, got []unblock.Report) []unblock.Report {
	edited := m.Edited != nil
	eventAt := m.eventTime() // when the message, or the edit or deletion it records, happened
	var editedAt time.Time   // when the text was last edited (zero: an original)
	switch m.Subtype {
	case "message_deleted":
		if m.DeletedTS != "" {
			rd.delete(channelID, m.DeletedTS, eventAt)
		}
		return got
	case "message_changed":
		// An edit as an event: the message as it now reads replaces the one of
		// the same ts; one that no longer says anything withdraws it.
		if m.Message == nil || m.Message.TS == "" {
			return got
		}
		inner := *m.Message
		if inner.Type == "" {
			inner.Type = m.Type
		}
		m, edited = &inner, true
		editedAt = m.editedAt(eventAt) // the event's own time when the message does not say
	}
	if edited && editedAt.IsZero() {
		at, _ := tsTime(m.TS)
		editedAt = m.editedAt(at)
	}
	author := m.User
	text := m.body()
	standup := false
	if !m.isReport(rd.bots) {
		// A standup bot's post (Geekbot and the like) speaks for one person.
		if author = m.standupAuthor(rd.people); author == "" {
			if edited {
				rd.delete(channelID, m.TS, editedAt) // edited into no report: gone from then on
			}
			if m.standupPrompt(rd.bots) {
				rd.prompts[[2]string{channelID, m.TS}] = true
			}
			if m.isMessage() && m.Subtype != "tombstone" && (m.BotID != "" || m.Subtype == "bot_message" || rd.bots[m.User]) && m.top() {
				rd.parents[[2]string{channelID, m.TS}] = "" // another bot's post speaks for no one
			}
			return got
		}
		text, standup = m.standupText(), true
	}
	at, ok := tsTime(m.TS)
	if !ok {
		rd.skipped = append(rd.skipped, fmt.Sprintf("%s: %s: message %d: bad ts %q: the message is skipped", rd.name, rel, i, m.TS))
		return got
	}
	if author == m.User && !rd.known[author] && m.UserProfile != nil {
		if _, ok := rd.unknown[author]; !ok {
			rd.unknown[author] = m.profilePerson()
		}
	}
	r := unblock.Report{
		PersonID: author,
		Channel:  channelID,
		TS:       m.TS,
		At:       at,
		Text:     unblock.UnescapeText(text), // Slack's entities decoded once, as the live bot does
		Source:   unblock.SourceImport,
		Edited:   edited,
		EditedAt: editedAt,
		Standup:  standup,
	}
	if m.top() {
		rd.parents[[2]string{channelID, m.TS}] = author
	} else {
		r.ThreadTS = m.ThreadTS
		if m.ParentUser != "" {
			rd.parentUsers[[2]string{channelID, m.TS}] = m.ParentUser
		}
		if m.Subtype == "thread_broadcast" || m.Subtype == "reply_broadcast" {
			rd.broadcasts[[2]string{channelID, m.TS}] = true
		}
	}
	return append(got, r)
}

// unlisted is the conversation of a folder no listing names, still imported,
// under the folder's name. A folder named like a DM's ID ("D0123ABCD") or a
// group DM's name ("mpdm-ana--ben--cy-1") holds what people said in private: it
// is a DM or a group DM, never a channel, so that KeepDirectWith reads it only
// when it is a DM with the bot (its members: who posted in it).
func unlisted(folder string) Channel {
	switch {
	case dmID.MatchString(folder):
		return Channel{ID: folder, Kind: KindDM}
	case strings.HasPrefix(folder, "mpdm-"):
		return Channel{ID: folder, Name: folder, Kind: KindGroupDM}
	}
	return Channel{ID: folder, Name: folder, Kind: KindChannel}
}

// dmID matches a DM's conversation ID.
var dmID = regexp.MustCompile(`^D[A-Z0-9]{8,}$`)

// dayFile splits "general/2026-11-18.json" into its folder and day.
func dayFile(rel string) (folder, day string, ok bool) {
	folder, file, ok := strings.Cut(rel, "/")
	if !ok || folder == "" || strings.Contains(file, "/") || strings.HasPrefix(folder, "__MACOSX") {
		return "", "", false
	}
	day, ok = strings.CutSuffix(file, ".json")
	if !ok || len(day) != 10 || day[4] != '-' || day[7] != '-' {
		return "", "", false
	}
	for i, c := range []byte(day) {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return "", "", false
		}
	}
	return folder, day, true
}

// sortReports orders reports by At, then Channel, then TS: the order the blocker
// lifecycle must see them in.
func sortReports(rs []unblock.Report) {
	slices.SortStableFunc(rs, func(a, b unblock.Report) int {
		if c := a.At.Compare(b.At); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Channel, b.Channel); c != 0 {
			return c
		}
		return cmp.Compare(a.TS, b.TS)
	})
}

// dedupe keeps one of sorted reports with the same channel and ts: the one
// edited last (EditedAt), of equals the last. An export may hold a message
// with its final text and an event of an earlier edit after it.
func dedupe(rs []unblock.Report) []unblock.Report {
	out := rs[:0]
	for _, r := range rs {
		if n := len(out); n > 0 && out[n-1].Channel == r.Channel && out[n-1].TS == r.TS {
			if !r.EditedAt.Before(out[n-1].EditedAt) {
				out[n-1] = r
			}
			continue
		}
		out = append(out, r)
	}
	return out
}

// Filter keeps only the channels named in channels, by ID or by name ("#" optional),
// and their messages, and the DMs: the live bot reads a DM to it whatever its
// passive channels (KeepDirectWith says which DMs are read). People are kept.
// An empty list keeps everything. It returns the names that matched no channel,
// so a caller can warn about them.
func (e *Export) Filter(channels []string) (unknown []string) {
	if len(channels) == 0 {
		return nil
	}
	keep := map[string]bool{}
	for _, ch := range e.Channels {
		keep[ch.ID] = ch.Kind == KindDM // DMs with the bot are read wherever it reads (KeepDirectWith)
	}
	for _, name := range channels {
		name = strings.TrimPrefix(strings.TrimSpace(name), "#")
		matched := false
		for _, ch := range e.Channels {
			if ch.ID == name || (ch.Name != "" && ch.Name == name) {
				keep[ch.ID], matched = true, true
			}
		}
		if !matched {
			unknown = append(unknown, name)
		}
	}
	e.Channels = slices.DeleteFunc(e.Channels, func(ch Channel) bool { return !keep[ch.ID] })
	e.Messages = slices.DeleteFunc(e.Messages, func(r unblock.Report) bool { return !keep[r.Channel] })
	return unknown
}

// KeepDirectWith leaves out the DMs that are not with one of bots, unblock's
// bot users, and every group DM, with their messages and deletions, and
// returns how many conversations it left out. Live, the bot reads only the DMs
// people send it and no group DM (it subscribes to message.im, not
// message.mpim), so what people said to each other in private is never read,
// from an export either. A DM with the bot is kept: read as a DM to it.
func (e *Export) KeepDirectWith(bots []string) (left int) {
	drop := map[string]bool{}
	for _, ch := range e.Channels {
		switch ch.Kind {
		case KindGroupDM:
			drop[ch.ID] = true
		case KindDM:
			drop[ch.ID] = !slices.ContainsFunc(ch.Members, func(id string) bool { return slices.Contains(bots, id) })
		}
	}
	e.Channels = slices.DeleteFunc(e.Channels, func(ch Channel) bool {
		if drop[ch.ID] {
			left++
		}
		return drop[ch.ID]
	})
	if left == 0 {
		return 0
	}
	e.Messages = slices.DeleteFunc(e.Messages, func(r unblock.Report) bool { return drop[r.Channel] })
	e.Deleted = slices.DeleteFunc(e.Deleted, func(d Deletion) bool { return drop[d.Channel] })
	return left
}

// BotUsers returns the IDs of the export's bot users named name, compared
// case-insensitively with their display and real names (users.json lists an
// app's bot user under its bot's name, "unblock"), deleted ones too: a bot
// removed since was still mentioned while it was there. An app installed more
// than once has several.
func (e *Export) BotUsers(name string) []string {
	var ids []string
	for _, p := range e.People {
		if p.IsBot && (strings.EqualFold(p.Name, name) || strings.EqualFold(p.RealName, name)) {
			ids = append(ids, p.ID)
		}
	}
	return ids
}
