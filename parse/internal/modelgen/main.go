// Command modelgen trains the statement model on the labelled dev sets and
// writes it to model.txt: `go generate ./parse` runs it from parse/.
package main

import (
	"fmt"
	"os"

	"github.com/unblock-dev/unblock/parse"
)

func main() {
	text, err := parse.TrainFromDir("testdata")
	if err != nil {
		fmt.Fprintln(os.Stderr, "modelgen:", err)
		os.Exit(1)
	}
	if err := os.WriteFile("model.txt", []byte(text), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "modelgen:", err)
		os.Exit(1)
	}
}
