package unblock

import (
	"strconv"
	"strings"
)

// Plural returns n and the noun in the number n asks for: Plural(1, "day") is
// "1 day", Plural(3, "day") "3 days", Plural(1, "person") "1 person" and
// Plural(2, "person") "2 people". The last word of a phrase takes the number
// ("1 new blocker", "2 new blockers"). Every count the bot, the digest and the
// CLI write in words is written so.
func Plural(n int, noun string) string {
	s := strconv.Itoa(n) + " " + noun
	switch {
	case n == 1:
		return s
	case noun == "person" || strings.HasSuffix(noun, " person"):
		return strings.TrimSuffix(s, "person") + "people"
	}
	return s + "s"
}
