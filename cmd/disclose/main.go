// Command disclose is the subject access request and redaction workbench:
// one binary with a sub-command per job. main only parses the sub-command;
// every command is a function of its arguments and streams so tests can run it.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// command runs one sub-command and returns the process exit status:
// 0 success, 1 failure, 2 bad usage or input.
type command func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int

// commands lists every sub-command with a one-line summary.
var commands = []struct {
	name    string
	summary string
	run     command
}{
	{"ingest", "read a record folder and report what was found", runIngest},
	{"search", "search a record folder", runSearch},
	{"suggest", "list suggested redactions for a record folder", runSuggest},
	{"bundle", "make a redacted, stamped, encrypted disclosure bundle from a record folder", runBundle},
	{"deadline", "compute a statutory due date as JSON", runDeadline},
	{"migrate", "apply database migrations", runMigrate},
	{"user", "add or reset a user", runUser},
	{"serve", "run the web workbench against DATABASE_URL", runServe},
	{"demo", "run the workbench on a private database with the sample record", runDemo},
	{"audit", "verify the audit log's hash chain", runAudit},
	{"bench", "measure ingest, suggest, bundle or serve speed", runBench},
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Run runs the sub-command named by args[0].
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(ctx, args[1:], stdin, stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "disclose: unknown command %q\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: disclose <command> [flags]\n\ncommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'disclose <command> -h' for a command's flags.")
}
