// Package slackexport reads a standard Slack workspace export (.zip) into domain
// types: the people of users.json, the channels of channels.json (and groups.json,
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
	"slices"
	"strings"

	"github.com/unblock-dev/unblock"
)

// Export is what a Slack export holds that unblock uses.
type Export struct {
	People   []unblock.Person // every user of users.json, ordered by ID; roles are not resolved
	Channels []Channel        // channels, private channels, DMs and group DMs, ordered by ID
	Messages []unblock.Report // messages people wrote, ordered by At, then Channel, then TS
}

// Channel is a conversation of the export.
type Channel struct {
	ID      string   // "C…", "G…" or "D…"; the folder name when no listing names the folder
	Name    string   // "general"; "" for a DM
	Members []string // user IDs
}

// Open reads the Slack export at path. Errors about the file's content are
// *unblock.Error with code EINVALID and name path and the file inside the zip.
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
		return nil, unblock.Errorf(unblock.EINVALID, "%s: is a directory, want the export's .zip file", path)
	}
	return Read(f, fi.Size(), path)
}

// Read reads a Slack export zip of size bytes from r; name names it in errors.
func Read(r io.ReaderAt, size int64, name string) (*Export, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, notZipError(r, size, name, err)
	}
	root, ok := findRoot(zr.File)
	if !ok {
		return nil, unblock.Errorf(unblock.EINVALID, "%s: users.json missing: is this a Slack export?", name)
	}
	rd := &reader{name: name, root: root, files: map[string]*zip.File{}}
	for _, f := range zr.File {
		if rel, ok := strings.CutPrefix(f.Name, root); ok && !f.FileInfo().IsDir() {
			rd.files[rel] = f
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

// findRoot returns the folder that holds users.json: "" for an export zipped as
// Slack makes it, "Company X Slack export/" for one re-zipped from its folder.
func findRoot(files []*zip.File) (string, bool) {
	root, found := "", false
	for _, f := range files {
		if path.Base(f.Name) != "users.json" || strings.HasPrefix(f.Name, "__MACOSX/") {
			continue
		}
		dir := strings.TrimSuffix(f.Name, "users.json")
		if !found || strings.Count(dir, "/") < strings.Count(root, "/") {
			root, found = dir, true
		}
	}
	return root, found
}

// reader reads one export.
type reader struct {
	name   string               // the zip's name, for errors
	root   string               // folder of users.json inside the zip
	files  map[string]*zip.File // by path relative to root
	bots   map[string]bool      // user IDs of bots
	people []unblock.Person     // everyone in users.json, for standup bots' posts
}

func (rd *reader) read() (*Export, error) {
	exp := &Export{}
	users, err := rd.users()
	if err != nil {
		return nil, err
	}
	rd.bots = map[string]bool{}
	for _, u := range users {
		p := u.person()
		if p.IsBot {
			rd.bots[p.ID] = true
		}
		exp.People = append(exp.People, p)
	}
	slices.SortFunc(exp.People, func(a, b unblock.Person) int { return cmp.Compare(a.ID, b.ID) })
	rd.people = exp.People

	byFolder, err := rd.channels(exp)
	if err != nil {
		return nil, err
	}

	// Day files in a stable order: folder, then day.
	var days []string
	for rel := range rd.files {
		if _, _, ok := dayFile(rel); ok {
			days = append(days, rel)
		}
	}
	slices.Sort(days)
	for _, rel := range days {
		folder, _, _ := dayFile(rel)
		ch, ok := byFolder[folder]
		if !ok {
			// A folder no listing names: still import it, under the folder's name.
			ch = Channel{ID: folder, Name: folder}
			byFolder[folder] = ch
			exp.Channels = append(exp.Channels, ch)
		}
		if exp.Messages, err = rd.day(rel, ch.ID, exp.Messages); err != nil {
			return nil, err
		}
	}
	slices.SortFunc(exp.Channels, func(a, b Channel) int { return cmp.Compare(a.ID, b.ID) })
	sortReports(exp.Messages)
	exp.Messages = dedupe(exp.Messages)
	return exp, nil
}

// users decodes users.json.
func (rd *reader) users() ([]user, error) {
	var users []user
	err := rd.decodeArray("users.json", "users", func(dec *json.Decoder) error {
		var u user
		if err := dec.Decode(&u); err != nil {
			return err
		}
		if u.ID != "" {
			users = append(users, u)
		}
		return nil
	})
	return users, err
}

// channels decodes the conversation listings into exp.Channels and returns them by
// the folder name that holds their messages: the name, or the ID for a DM.
func (rd *reader) channels(exp *Export) (map[string]Channel, error) {
	byFolder := map[string]Channel{}
	found := false
	for _, listing := range []string{"channels.json", "groups.json", "mpims.json", "dms.json"} {
		if rd.files[listing] == nil {
			continue
		}
		found = true
		err := rd.decodeArray(listing, "channels", func(dec *json.Decoder) error {
			var c channel
			if err := dec.Decode(&c); err != nil {
				return err
			}
			if c.ID == "" {
				return nil
			}
			ch := Channel{ID: c.ID, Name: c.Name, Members: c.Members}
			folder := c.Name
			if folder == "" {
				folder = c.ID
			}
			if _, dup := byFolder[folder]; dup {
				return nil
			}
			byFolder[folder] = ch
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

// day appends the reports of one CHANNEL/YYYY-MM-DD.json file to out.
func (rd *reader) day(rel, channelID string, out []unblock.Report) ([]unblock.Report, error) {
	i := 0
	err := rd.decodeArray(rel, "messages", func(dec *json.Decoder) error {
		i++
		var m message
		if err := dec.Decode(&m); err != nil {
			return err
		}
		author := m.User
		text := m.Text
		standup := false
		if !m.isReport(rd.bots) {
			// A standup bot's post (Geekbot and the like) speaks for one person.
			if author = m.standupAuthor(rd.people); author == "" {
				return nil
			}
			text, standup = m.standupText(), true
		}
		at, ok := tsTime(m.TS)
		if !ok {
			return fmt.Errorf("message %d: bad ts %q", i, m.TS)
		}
		r := unblock.Report{
			PersonID: author,
			Channel:  channelID,
			TS:       m.TS,
			At:       at,
			Text:     text,
			Source:   unblock.SourceImport,
			Edited:   m.Edited != nil,
			Standup:  standup,
		}
		if m.ThreadTS != "" && m.ThreadTS != m.TS {
			r.ThreadTS = m.ThreadTS
		}
		out = append(out, r)
		return nil
	})
	return out, err
}

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

// dedupe drops all but the last of sorted reports with the same channel and ts.
func dedupe(rs []unblock.Report) []unblock.Report {
	out := rs[:0]
	for i, r := range rs {
		if i+1 < len(rs) && rs[i+1].Channel == r.Channel && rs[i+1].TS == r.TS {
			continue
		}
		out = append(out, r)
	}
	return out
}

// Filter keeps only the channels named in channels, by ID or by name ("#" optional),
// and their messages; people are kept. An empty list keeps everything. It returns the
// names that matched no channel, so a caller can warn about them.
func (e *Export) Filter(channels []string) (unknown []string) {
	if len(channels) == 0 {
		return nil
	}
	keep := map[string]bool{}
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
