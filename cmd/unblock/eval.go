package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/config"
	"github.com/unblock-dev/unblock/labelled"
	"github.com/unblock-dev/unblock/llm"
	"github.com/unblock-dev/unblock/parse"
)

// EvalCommand scores a reader on a labelled set.
type EvalCommand struct {
	Set        string
	Reader     string
	ConfigPath string
	Record     string
	Replay     string
	Misses     bool
	Chat       bool
}

func (c *EvalCommand) Name() string { return "eval" }
func (c *EvalCommand) Synopsis() string {
	return "scores the reader on a labelled set (blocked, resolved, none, role, person, topic)"
}

func (c *EvalCommand) Run(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, c, "-set FILE.jsonl [-reader rules|llm] [-config FILE] [-record DIR | -replay DIR] [-misses] [-chat]")
	fs.StringVar(&c.Set, "set", "", "the labelled set, one JSON object a line (required)")
	fs.StringVar(&c.Reader, "reader", "rules", "rules (with the statement model that is part of them), or llm: the rules, then the LLM of the config's reader: section on their candidates")
	fs.StringVar(&c.ConfigPath, "config", "", "YAML config: the company's words, and the reader: section for -reader llm")
	fs.StringVar(&c.Record, "record", "", "with -reader llm: save the LLM's answer to each statement in DIR")
	fs.StringVar(&c.Replay, "replay", "", "with -reader llm: score the answers saved in DIR by -record; no endpoint is asked")
	fs.BoolVar(&c.Misses, "misses", false, "list every statement read otherwise than its label")
	fs.BoolVar(&c.Chat, "chat", false, "read each statement as a chat message posted outside any standup (a set of chat: how much of it is misread)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return usagef("unexpected argument %q (run 'unblock eval -h')", fs.Arg(0))
	case c.Set == "":
		return usagef("-set FILE.jsonl is required")
	case c.Reader != "rules" && c.Reader != "llm":
		return usagef("-reader is rules or llm, not %q", c.Reader)
	case c.Record != "" && c.Replay != "":
		return usagef("-record and -replay exclude each other")
	case (c.Record != "" || c.Replay != "") && c.Reader != "llm":
		return usagef("-record and -replay go with -reader llm")
	}
	cfg := config.Default()
	if c.ConfigPath != "" {
		var err error
		if cfg, err = loadConfig(env, c.ConfigPath); err != nil {
			return err
		}
	}
	set, err := labelled.Read(c.Set)
	if err != nil {
		return unblock.Errorf(unblock.EINVALID, "read the set: %v", err)
	}
	lex := parse.NewLexicon()
	teachLexicon(cfg, lex)
	rules := func(l labelled.Statement) unblock.Statement { return parse.ParseAs(l.Text, lex, !c.Chat) }

	read, name := rules, "rules"
	var ev *llmEval
	if c.Reader == "llm" {
		if ev, err = c.llmEval(env, cfg); err != nil {
			return err
		}
		defer ev.close()
		read = func(l labelled.Statement) unblock.Statement { return ev.read(ctx, l, rules(l)) }
		name = "rules, then " + ev.model + " (prompt " + llm.PromptVersion + ")"
	}
	var m, alone labelled.Metrics // alone: the rules alone, beside the LLM
	for _, l := range set {
		if err := ctx.Err(); err != nil {
			return err
		}
		m.Add(l, read(l))
		if ev != nil {
			alone.Add(l, rules(l))
		}
	}
	if ev != nil {
		ev.close()
		if err := ev.err(); err != nil {
			return err
		}
	}

	w := bufio.NewWriter(env.Stdout)
	fmt.Fprintf(w, "set %s, read by %s\n", c.Set, name)
	if ev != nil {
		fmt.Fprintf(w, "LLM: %s asked, %s used, %d wrong-shaped, %d failed, %d not recorded\n",
			unblock.Plural(ev.asked, "candidate"), unblock.Plural(ev.used, "answer"), ev.wrongShape, ev.failed, ev.missing)
		if ev.firstFailure != nil {
			fmt.Fprintf(w, "the first that failed: %s\n", oneLine(ev.firstFailure.Error()))
		}
		fmt.Fprintf(w, "the rules alone on this set: blocked F1 %.3f, resolved F1 %.3f, none F1 %s, role %.3f, person %.3f\n",
			alone.Blocked.F1(), alone.Resolved.F1(), noneF1(alone), alone.Role.Ratio(), alone.Person.Ratio())
	}
	fmt.Fprintln(w)
	if err := m.WriteTable(w); err != nil {
		return err
	}
	if c.Misses {
		fmt.Fprintf(w, "\n%d misses:\n", len(m.Misses))
		for _, s := range m.Misses {
			fmt.Fprintln(w, "  "+s.String())
		}
		fmt.Fprintf(w, "\n%d topics without the label's head word:\n", len(m.TopicMisses))
		for _, s := range m.TopicMisses {
			fmt.Fprintln(w, "  "+s.String())
		}
	}
	return w.Flush()
}

// recordedAnswer is one line of a -record file: the LLM's answer to one
// statement of the set, or why there is none. It holds no text, only its hash.
type recordedAnswer struct {
	ID            string `json:"id"`
	TextSHA256    string `json:"text_sha256"`
	PromptVersion string `json:"prompt_version"`
	Model         string `json:"model"`
	Answer        string `json:"answer,omitempty"` // the content as the model sent it
	Error         string `json:"error,omitempty"`
}

// llmEval reads the set's candidates with the LLM, live or from a recording.
type llmEval struct {
	reader *llm.Reader // nil when replaying
	chat   bool        // -chat: the statements are chat messages
	model  string
	roles  []unblock.Role
	stderr io.Writer

	recorded map[string]recordedAnswer // -replay: by ID
	out      *os.File                  // -record
	enc      *json.Encoder
	writeErr error

	asked, used, wrongShape, failed, missing int
	warnedVersion                            bool
	firstFailure                             error // why the first ask failed, told once with the counts
}

// recordFile is where the answers to set are recorded in dir.
func recordFile(dir, set string) string {
	return filepath.Join(dir, strings.TrimSuffix(filepath.Base(set), ".jsonl")+".answers.jsonl")
}

func (c *EvalCommand) llmEval(env *Env, cfg *config.Config) (*llmEval, error) {
	ev := &llmEval{chat: c.Chat, roles: cfg.RoleNames(), stderr: env.Stderr}
	if c.Replay != "" {
		path := recordFile(c.Replay, c.Set)
		recs, err := readRecording(path)
		if err != nil {
			return nil, unblock.Errorf(unblock.EINVALID, "replay: %v", err)
		}
		ev.recorded = recs
		for _, r := range recs {
			ev.model = r.Model
			break
		}
		if ev.model == "" {
			ev.model = "the recorded model"
		}
		return ev, nil
	}
	rc := cfg.Reader
	if !rc.Enabled() {
		return nil, unblock.Errorf(unblock.EINVALID, "-reader llm needs a config whose reader: section sets url and model (-config FILE), or -replay DIR")
	}
	client, err := llm.NewClient(llm.ClientConfig{URL: rc.URL, Model: rc.Model, APIKey: rc.APIKey,
		Timeout: rc.Timeout, RequestsPerMinute: rc.RequestsPerMinute})
	if err != nil {
		return nil, unblock.Errorf(unblock.EINVALID, "%v", err)
	}
	ev.reader = llm.NewReader(client, nil, cfg.Vocabulary(), nil)
	ev.model = rc.Model
	if c.Record != "" {
		if err := os.MkdirAll(c.Record, 0o755); err != nil {
			return nil, fmt.Errorf("record: %w", err)
		}
		f, err := os.Create(recordFile(c.Record, c.Set))
		if err != nil {
			return nil, fmt.Errorf("record: %w", err)
		}
		ev.out, ev.enc = f, json.NewEncoder(f)
		ev.enc.SetEscapeHTML(false)
	}
	return ev, nil
}

func readRecording(path string) (map[string]recordedAnswer, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]recordedAnswer{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), llm.MaxAnswer*2)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var r recordedAnswer
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, n, err)
		}
		out[r.ID] = r
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}

func textHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// read returns the statement for l: the rules' own unless they found a
// candidate and the LLM gave a valid answer, which then decides.
func (ev *llmEval) read(ctx context.Context, l labelled.Statement, rules unblock.Statement) unblock.Statement {
	if !llm.Candidate(l.Text, rules, !ev.chat) {
		return rules
	}
	ev.asked++
	var content string
	var askErr error
	if ev.recorded != nil {
		rec, ok := ev.recorded[l.ID]
		if !ok || rec.TextSHA256 != textHash(l.Text) {
			ev.missing++
			return rules
		}
		if rec.PromptVersion != llm.PromptVersion && !ev.warnedVersion {
			ev.warnedVersion = true
			fmt.Fprintf(ev.stderr, "warning: the recording answers prompt version %s; this build's is %s\n", rec.PromptVersion, llm.PromptVersion)
		}
		content = rec.Answer
		if rec.Error != "" {
			askErr = errors.New(rec.Error)
		}
	} else {
		content, askErr = ev.reader.Ask(ctx, l.Text, nil)
		if ev.enc != nil && ev.writeErr == nil {
			rec := recordedAnswer{ID: l.ID, TextSHA256: textHash(l.Text), PromptVersion: llm.PromptVersion, Model: ev.model, Answer: content}
			if askErr != nil {
				rec.Error = askErr.Error()
			}
			ev.writeErr = ev.enc.Encode(rec)
		}
	}
	if askErr != nil {
		ev.failed++
		if ev.firstFailure == nil {
			ev.firstFailure = askErr
		}
		return rules
	}
	a, err := llm.ParseAnswer(content, nil, ev.roles)
	if err != nil {
		ev.wrongShape++
		return rules
	}
	ev.used++
	return a.Statement(rules, nil)
}

func (ev *llmEval) err() error {
	if ev.writeErr != nil {
		return fmt.Errorf("record: %w", ev.writeErr)
	}
	return nil
}

func (ev *llmEval) close() {
	if ev.out != nil {
		if err := ev.out.Close(); err != nil && ev.writeErr == nil {
			ev.writeErr = err
		}
		ev.out = nil
	}
}

// noneF1 is the "none" F1, or "-" when the set has no "none" labels.
func noneF1(m labelled.Metrics) string {
	if m.NoneLabelled == 0 {
		return "-"
	}
	return fmt.Sprintf("%.3f", m.None.F1())
}
