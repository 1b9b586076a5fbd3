package main

// Commands not built yet; each moves to its own file when it lands.

import (
	"context"
	"fmt"
	"io"
)

func notYet(name string) command {
	return func(_ context.Context, _ []string, _ io.Reader, _, stderr io.Writer) int {
		fmt.Fprintf(stderr, "disclose %s: not available in this build\n", name)
		return 1
	}
}
