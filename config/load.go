package config

import (
	"errors"
	"io"
	"io/fs"
	"os"

	"github.com/unblock-dev/unblock"
)

// Load reads and validates the config file at path, with ${VAR} expanded from
// the process environment. A file that cannot be read is an unblock.EINVALID
// error; an invalid one returns Problems (see Parse).
func Load(path string) (*Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, unblock.Errorf(unblock.EINVALID, "config: %v", err)
	}
	defer f.Close()
	return Parse(path, f, os.Getenv)
}

// Parse reads a config from r, names it filename in problems and resolves
// relative paths beside it, and expands ${VAR} in values with getenv, which
// also supplies the defaults SLACK_APP_TOKEN, SLACK_BOT_TOKEN and SLACK_API_URL.
//
// When the config has problems, Parse returns them all as Problems together
// with a Config holding what could be read, defaults standing in for what
// could not, so a caller such as check-config can go on to check the tokens.
// Such a Config is for reporting only; do not run with it.
func Parse(filename string, r io.Reader, getenv func(string) string) (*Config, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) && pe.Path == filename {
			err = pe.Err // "read dir.yaml: is a directory" names the file once
		}
		return nil, unblock.Errorf(unblock.EINVALID, "config: read %s: %v", filename, err)
	}
	c := defaults(getenv)
	c.file = filename
	c.dataDir = getenv(DataDirVar)
	d := &decoder{file: filename, getenv: getenv, lines: c.lines}
	d.decodeYAML(data, c)
	if c.Slack.APIURL == "" {
		c.Slack.APIURL = getenv(DefaultAPIURLVar)
		c.Slack.apiURLVar = DefaultAPIURLVar
	}
	probs := append(d.probs, c.validate()...)
	if c.Slack.APIURL == "" {
		c.Slack.APIURL = DefaultAPIURL
	}
	if len(probs) > 0 {
		probs.sortByLine()
		return c, probs
	}
	return c, nil
}
