package main

import (
	"strings"

	"github.com/unblock-dev/unblock/store"
)

// hint returns the command line "unblock ARGS" as a person can paste it into a
// shell: an argument with a character the shell reads (a space, a quote, a
// dollar) is in double quotes. Every command line the CLI prints as a hint is
// made here, so it runs as printed.
func hint(args ...string) string {
	var b strings.Builder
	b.WriteString("unblock")
	for _, a := range args {
		b.WriteByte(' ')
		b.WriteString(shellWord(a))
	}
	return b.String()
}

// shellWord quotes s for a POSIX shell when it needs quoting.
func shellWord(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./:@%+=,") == "" {
		return s
	}
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "$", `\$`, "`", "\\`")
	return `"` + r.Replace(s) + `"`
}

// offlineArgs returns the arguments of an offline command run on the config and
// database another was run with: "COMMAND -config FILE", then "-db PATH" when
// one was given (a URL's password stays masked), for a hint to go on.
func offlineArgs(command, configPath, dbPath string) []string {
	args := []string{command, "-config", configPath}
	if dbPath != "" {
		args = append(args, "-db", store.Redacted(dbPath))
	}
	return args
}
