package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/disclose-sar/disclose/internal/postgres"
)

const auditUsage = `usage:
  disclose audit verify [--database-url URL | --data DIR] [--audit-key-file FILE] [--head SEQ:HASH] [--json]
      walk the audit log's sealed chain; print its head (keep it elsewhere)
      and, given the head an earlier verify printed, check no newer row was
      removed since. Exit status 1 when a row was altered or removed.
  disclose audit keygen [--out FILE]
      make a new audit seal key (to FILE, created readable by its owner only)
`

// runAudit is `disclose audit verify|keygen`.
func runAudit(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, auditUsage)
		return 2
	}
	switch args[0] {
	case "verify":
		return auditVerify(ctx, args[1:], stdout, stderr)
	case "keygen":
		fs := flag.NewFlagSet("audit keygen", flag.ContinueOnError)
		fs.SetOutput(stderr)
		out := fs.String("out", "", "file to create (default: print the key)")
		if err := fs.Parse(args[1:]); err != nil {
			return 2
		}
		if *out == "" {
			fmt.Fprintln(stdout, newAuditKey())
			return 0
		}
		if err := writeAuditKey(*out); err != nil {
			fmt.Fprintf(stderr, "disclose audit keygen: %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "wrote a new audit key to %s (mode 0600): set DISCLOSE_AUDIT_KEY_FILE=%s, and keep a copy away from the database\n", *out, *out)
		return 0
	}
	fmt.Fprint(stderr, auditUsage)
	return 2
}

func auditVerify(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("audit verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbURL := fs.String("database-url", "", "PostgreSQL URL (default $DATABASE_URL)")
	dataDir := fs.String("data", "", "the demo's data directory (data/demo): its private cluster and audit key")
	keyFile := fs.String("audit-key-file", os.Getenv(auditKeyFileEnv), "the audit seal key ($DISCLOSE_AUDIT_KEY_FILE, or $DISCLOSE_AUDIT_KEY)")
	headFlag := fs.String("head", "", "the head an earlier verify printed (SEQ:HASH): fail if the chain no longer reaches it")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	var want postgres.AuditHead
	if *headFlag != "" {
		h, err := postgres.ParseAuditHead(*headFlag)
		if err != nil {
			fmt.Fprintf(stderr, "disclose audit: %v\n", err)
			return 2
		}
		want = h
	}
	key, err := loadAuditKey(*keyFile)
	if err == nil && key == nil && *dataDir != "" {
		key, err = existingDemoAuditKey(*dataDir)
	}
	if err == nil && key == nil {
		err = postgres.ErrNoAuditKey
	}
	if err != nil {
		fmt.Fprintf(stderr, "disclose audit: %v\n", err)
		return 2
	}
	db, stop, err := openCLIDB(ctx, *dbURL, *dataDir)
	if err != nil {
		fmt.Fprintf(stderr, "disclose audit: %v\n", err)
		return 2
	}
	defer stop()
	db.AuditKey = key
	v, err := db.VerifyAudit(ctx, want)
	if err != nil {
		fmt.Fprintf(stderr, "disclose audit: %v\n", err)
		return 1
	}
	printAuditVerification(stdout, v, *asJSON)
	if !v.OK {
		return 1
	}
	return 0
}

func printAuditVerification(w io.Writer, v postgres.AuditVerification, asJSON bool) {
	switch {
	case asJSON:
		json.NewEncoder(w).Encode(v)
	case !v.OK && v.BadID != 0:
		fmt.Fprintf(w, "audit log BROKEN at row %d: %s\n", v.BadID, v.Problem)
	case !v.OK:
		fmt.Fprintf(w, "audit log BROKEN: %s\n", v.Problem)
	default:
		fmt.Fprintf(w, "audit log intact: %d rows, every seal and link verified\n", v.Rows)
		if v.Unkeyed > 0 {
			fmt.Fprintf(w, "  rows sealed before keyed seals: %d (seals 1-%d, sha256 links only: someone able to write to the database could recompute them)\n", v.Unkeyed, v.Unkeyed)
		}
		if v.Rows > v.Unkeyed {
			fmt.Fprintf(w, "  keyed (HMAC-SHA256): %d rows\n", v.Rows-v.Unkeyed)
		}
		if v.Head.Seq > 0 {
			fmt.Fprintf(w, "head: %s\n(keep this line elsewhere; `disclose audit verify --head %s` later shows whether any newer row was removed)\n", v.Head, v.Head)
		}
	}
}
