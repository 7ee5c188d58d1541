package slackemu

import (
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
)

// filesGetUploadURLExternal reserves a file ID and an upload URL back at the emulator.
func (s *Server) filesGetUploadURLExternal(r *request) (map[string]any, error) {
	name, length := r.str("filename"), r.integer("length", 0)
	if name == "" || length <= 0 {
		return nil, apiError("invalid_arguments")
	}
	id := s.ws.nextID("F")
	s.rec.files[id] = &File{ID: id, Name: name, Title: name, Length: length}
	s.rec.fileOrder = append(s.rec.fileOrder, id)
	return map[string]any{"upload_url": s.base + "/upload/" + id, "file_id": id}, nil
}

// serveUpload stores the bytes posted to an upload URL, as a multipart "file"
// field (what slack-go sends) or as the raw body.
func (s *Server) serveUpload(w http.ResponseWriter, r *http.Request) {
	id := strings.TrimPrefix(r.URL.Path, "/upload/")
	if r.Method != http.MethodPost {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	data, err := uploadedBytes(r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	f, ok := s.rec.files[id]
	if ok {
		f.Data = data
		s.writeLineLocked(apiLine{At: stamp(s.now()), Dir: "api", Method: "upload_url",
			Args: map[string]any{"file_id": id, "filename": f.Name, "bytes": len(data)}})
		s.notifyLocked()
	}
	s.mu.Unlock()
	if !ok {
		http.Error(w, "file not found", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintf(w, "OK - %d", len(data))
}

func uploadedBytes(r *http.Request) ([]byte, error) {
	body := http.MaxBytesReader(nil, r.Body, 64<<20)
	ctype, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ctype != "multipart/form-data" {
		return io.ReadAll(body)
	}
	r.Body = body
	f, _, err := r.FormFile("file")
	if err != nil {
		return nil, fmt.Errorf("upload: %w", err)
	}
	defer f.Close()
	return io.ReadAll(f)
}

// filesCompleteUploadExternal finishes uploads and shares them to the channels.
func (s *Server) filesCompleteUploadExternal(r *request) (map[string]any, error) {
	raw, ok, err := r.jsonArg("files", "invalid_arguments")
	if err != nil {
		return nil, err
	}
	var summaries []struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	}
	if !ok || json.Unmarshal(raw, &summaries) != nil || len(summaries) == 0 {
		return nil, apiError("invalid_arguments")
	}
	var targets []string
	if ch := r.str("channel_id"); ch != "" {
		targets = append(targets, ch)
	}
	if chs := r.str("channels"); chs != "" {
		targets = append(targets, strings.Split(chs, ",")...)
	}
	var channels []*channel
	for _, id := range targets {
		c, err := s.postTarget(id)
		if err != nil {
			return nil, err
		}
		channels = append(channels, c)
	}
	var ids []string
	out := make([]map[string]any, 0, len(summaries))
	for _, sum := range summaries {
		f, ok := s.rec.files[sum.ID]
		if !ok || f.Data == nil {
			return nil, apiError("file_not_found")
		}
		if sum.Title != "" {
			f.Title = sum.Title
		}
		ids = append(ids, f.ID)
		out = append(out, map[string]any{"id": f.ID, "title": f.Title})
	}
	for _, id := range ids {
		f := s.rec.files[id]
		f.Complete, f.InitialComment, f.ThreadTS = true, r.str("initial_comment"), r.str("thread_ts")
		for _, c := range channels {
			f.Channels = append(f.Channels, c.ID)
		}
	}
	info := make([][2]string, len(ids))
	for i, id := range ids {
		info[i] = [2]string{s.rec.files[id].Name, s.rec.files[id].Title}
	}
	for _, c := range channels {
		s.ws.addMessage(&Message{
			Channel: c.ID, TS: s.ws.nextTS(s.now()), ThreadTS: r.str("thread_ts"),
			User: BotUserID, BotID: BotID, Text: r.str("initial_comment"), Files: ids, fileInfo: info,
		})
	}
	return map[string]any{"files": out}, nil
}
