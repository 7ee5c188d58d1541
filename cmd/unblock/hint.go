package main

import "strings"

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
