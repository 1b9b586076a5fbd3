package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
)

// runAudit verifies the audit log's hash chain: disclose audit verify
// [--database-url URL] [--json]. Exit status 1 when a row was altered or removed.
func runAudit(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "verify" {
		fmt.Fprintln(stderr, "usage: disclose audit verify [--database-url URL] [--json]")
		return 2
	}
	fs := flag.NewFlagSet("audit verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbURL := fs.String("database-url", "", "PostgreSQL URL (default $DATABASE_URL)")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	db, err := openDB(ctx, *dbURL)
	if err != nil {
		fmt.Fprintf(stderr, "disclose audit: %v\n", err)
		return 2
	}
	defer db.Close()
	v, err := db.VerifyAudit(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "disclose audit: %v\n", err)
		return 1
	}
	switch {
	case *asJSON:
		json.NewEncoder(stdout).Encode(v)
	case v.OK:
		fmt.Fprintf(stdout, "audit log intact: %d rows, every hash and link verified\n", v.Rows)
	default:
		fmt.Fprintf(stdout, "audit log BROKEN at row %d: %s\n", v.BadID, v.Problem)
	}
	if !v.OK {
		return 1
	}
	return 0
}
