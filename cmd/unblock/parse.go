package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/parse"
)

// MaxParseLine is the longest input line -jsonl accepts, in bytes (4 MiB). A
// longer line gets an error result and the run goes on.
const MaxParseLine = 4 << 20

// ParseCommand parses standup text from standard input into blocker statements.
type ParseCommand struct {
	JSON       bool
	JSONL      bool
	Explain    bool
	ConfigPath string
	Lexicon    string
	Chat       bool
}

func (c *ParseCommand) Name() string { return "parse" }
func (c *ParseCommand) Synopsis() string {
	return "parses standup text from standard input into blocker statements"
}

func (c *ParseCommand) Run(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, c, "[-json] [-jsonl] [-explain] [-chat] [-config FILE] [-lexicon FILE] < TEXT")
	fs.BoolVar(&c.JSON, "json", false, "print the statement as JSON (the parse JSON contract)")
	fs.BoolVar(&c.JSONL, "jsonl", false, "read one JSON object with a \"text\" field per line; print one result per line")
	fs.BoolVar(&c.Explain, "explain", false, "also print which rule fired on which words")
	fs.StringVar(&c.ConfigPath, "config", "", "read with the config's words: roles and keywords, people, teams, its lexicon file")
	fs.StringVar(&c.Lexicon, "lexicon", "", "read with the entries of a lexicon FILE (parse/lexicon.txt's format)")
	fs.BoolVar(&c.Chat, "chat", false, "read the text as a chat message posted outside any standup, as the bot and the import do (only what it says in so many words)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q: the text is read from standard input", fs.Arg(0))
	}
	if c.Explain && c.JSONL {
		return usagef("-explain reads one report: it goes without -jsonl")
	}
	lex := parse.NewLexicon()
	if c.ConfigPath != "" {
		cfg, err := loadConfig(env, c.ConfigPath)
		if err != nil {
			return err
		}
		cfg.TeachParser(lex)
	}
	if c.Lexicon != "" {
		data, err := os.ReadFile(c.Lexicon)
		if err != nil {
			return unblock.Errorf(unblock.EINVALID, "lexicon: %v", err)
		}
		if err := lex.Load(c.Lexicon, string(data)); err != nil {
			return unblock.Errorf(unblock.EINVALID, "%v", err)
		}
	}
	// Standard input may be a terminal or a pipe nobody writes to: Ctrl-C and
	// SIGTERM stop the read as they stop every other command.
	stdin := &contextReader{ctx: ctx, r: env.Stdin}
	if c.JSONL {
		return parseLines(ctx, stdin, env.Stdout, func(text string) unblock.Statement { return parse.ParseAs(text, lex, !c.Chat) })
	}
	text, err := io.ReadAll(stdin)
	if err != nil {
		return fmt.Errorf("read stdin: %w", err)
	}
	// The report is the input without the end of line a shell or editor adds.
	st, steps := parse.ExplainAs(string(trimEOL(text)), lex, !c.Chat)
	if c.JSON && c.Explain {
		return writeJSONLine(env.Stdout, struct {
			unblock.Statement
			Trace []parse.Step `json:"trace"`
		}{st, steps})
	}
	if c.JSON {
		return writeJSONLine(env.Stdout, st)
	}
	if c.Explain {
		for _, s := range steps {
			if s.Words != "" {
				fmt.Fprintf(env.Stdout, "%-28s %q\n", s.Rule, s.Words)
			} else {
				fmt.Fprintf(env.Stdout, "%s\n", s.Rule)
			}
		}
	}
	_, err = fmt.Fprintln(env.Stdout, describe(st))
	return err
}

// contextReader reads r until ctx is done: a Read that blocks on r returns ctx's
// error once ctx is done. Each read goes into a buffer of its own, so the one
// left blocked (it ends when r does, or with the process) writes into nothing
// the caller holds.
type contextReader struct {
	ctx context.Context
	r   io.Reader
	buf []byte
}

type readResult struct {
	n   int
	err error
}

func (c *contextReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	if len(c.buf) < len(p) {
		c.buf = make([]byte, len(p))
	}
	buf := c.buf[:len(p)]
	done := make(chan readResult, 1)
	go func() {
		n, err := c.r.Read(buf)
		done <- readResult{n, err}
	}()
	select {
	case <-c.ctx.Done():
		c.buf = nil // the read goes on with it
		return 0, c.ctx.Err()
	case res := <-done:
		return copy(p, buf[:res.n]), res.err
	}
}

// writeJSONLine writes v as one line of JSON with <, > and & as written ("<@U1>"),
// as the contract's examples and every other JSON output of the CLI have them.
func writeJSONLine(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}

// parseLines answers each JSON line of r with one JSON line on w, in order. A
// line that is empty, not a JSON object, without "text" or too long gets
// {"error": "line N: …"}, so output line N always answers input line N. When
// there were lines and not one could be read, it returns an error after the
// answers: the input is most likely not what -jsonl reads.
func parseLines(ctx context.Context, r io.Reader, w io.Writer, read func(string) unblock.Statement) error {
	br := bufio.NewReaderSize(r, 64<<10)
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	var line []byte
	lines, valid := 0, 0
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			bw.Flush()
			return err
		}
		var tooLong bool
		var err error
		line, tooLong, err = readLine(br, line[:0])
		if err == io.EOF && len(line) == 0 && !tooLong {
			break
		}
		if err != nil && err != io.EOF {
			bw.Flush()
			return fmt.Errorf("read stdin: line %d: %w", n, err)
		}
		ok, e := parseLine(enc, n, line, tooLong, read)
		if e != nil {
			bw.Flush()
			return e
		}
		lines++
		if ok {
			valid++
		}
		if br.Buffered() == 0 {
			// Flush when the input pauses, so a pipe sees answers promptly.
			if err := bw.Flush(); err != nil {
				return fmt.Errorf("write: %w", err)
			}
		}
		if err == io.EOF {
			break
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	if lines > 0 && valid == 0 {
		return fmt.Errorf("no valid line in standard input: %s, none a JSON object with a \"text\" field (each line's error is on standard output)", unblock.Plural(lines, "line"))
	}
	return nil
}

// readLine reads one line into buf without its end of line. Past MaxParseLine
// it discards the rest of the line and reports tooLong.
func readLine(br *bufio.Reader, buf []byte) ([]byte, bool, error) {
	tooLong := false
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if len(buf)+len(chunk) > MaxParseLine+2 {
				tooLong, buf = true, buf[:0]
			} else {
				buf = append(buf, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		buf = trimEOL(buf)
		return buf, tooLong, err
	}
}

func trimEOL(b []byte) []byte {
	if n := len(b); n > 0 && b[n-1] == '\n' {
		b = b[:n-1]
	}
	if n := len(b); n > 0 && b[n-1] == '\r' {
		b = b[:n-1]
	}
	return b
}

// parseLine writes the answer to input line n and reports whether the line
// could be read (a statement rather than an error).
func parseLine(enc *json.Encoder, n int, line []byte, tooLong bool, read func(string) unblock.Statement) (bool, error) {
	var in struct {
		Text *string `json:"text"`
	}
	var msg string
	switch {
	case tooLong:
		msg = fmt.Sprintf("line %d: longer than %d bytes", n, MaxParseLine)
	case len(strings.TrimSpace(string(line))) == 0:
		msg = fmt.Sprintf("line %d: empty line; want a JSON object with a \"text\" field", n)
	default:
		if err := json.Unmarshal(line, &in); err != nil {
			msg = fmt.Sprintf("line %d: %s", n, jsonProblem(err))
		} else if in.Text == nil {
			msg = fmt.Sprintf("line %d: no \"text\" field", n)
		}
	}
	var err error
	if msg != "" {
		err = enc.Encode(struct {
			Error string `json:"error"`
		}{msg})
	} else {
		err = enc.Encode(read(*in.Text))
	}
	if err != nil {
		return false, fmt.Errorf("write: %w", err)
	}
	return msg == "", nil
}

// jsonProblem turns a decoding error into a short phrase for the error line.
func jsonProblem(err error) string {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		if typeErr.Field == "" {
			return "want a JSON object with a \"text\" field, got " + typeErr.Value
		}
		return fmt.Sprintf("field %q is %s, want a string", typeErr.Field, typeErr.Value)
	}
	return "invalid JSON: " + strings.TrimPrefix(err.Error(), "json: ")
}

// describe renders a statement for a terminal:
//
//	blocked: yes  on: design (role), <@U1> (person)  topic: checkout mocks
//	blocked: yes (an earlier blocker cleared)  on: legal (role)  cleared: design (role)  topic: DPA
func describe(st unblock.Statement) string {
	var b strings.Builder
	switch {
	case st.Blocked && st.Resolved:
		b.WriteString("blocked: yes (an earlier blocker cleared)")
	case st.Blocked:
		b.WriteString("blocked: yes")
	case st.Resolved:
		b.WriteString("blocked: no  resolved: yes")
	case st.None:
		b.WriteString("blocked: no  (says no blockers)")
	case st.Continues:
		b.WriteString("blocked: as before  (the blockers go on unchanged)")
	default:
		b.WriteString("blocked: no")
	}
	var on, cleared []unblock.Target
	for _, t := range st.Targets {
		if st.Blocked && !t.Resolved {
			on = append(on, t)
		} else {
			cleared = append(cleared, t)
		}
	}
	writeTargets(&b, "  on: ", on)
	writeTargets(&b, "  cleared: ", cleared) // what cleared, beside what is still awaited when both
	if st.Topic != "" {
		b.WriteString("  topic: ")
		b.WriteString(st.Topic)
	}
	return b.String()
}

// writeTargets writes label and the targets ts, "name (kind, role)" each, or
// nothing when there are none.
func writeTargets(b *strings.Builder, label string, ts []unblock.Target) {
	if len(ts) == 0 {
		return
	}
	b.WriteString(label)
	for i, t := range ts {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(t.Name)
		b.WriteString(" (")
		b.WriteString(string(t.Kind))
		if t.Role != "" && !strings.EqualFold(t.Name, string(t.Role)) {
			b.WriteString(", ")
			b.WriteString(string(t.Role))
		}
		b.WriteString(")")
	}
}
