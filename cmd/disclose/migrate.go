package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/disclose-sar/disclose/internal/postgres"
)

// runMigrate applies the database migrations: disclose migrate [--database-url URL].
func runMigrate(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbURL := fs.String("database-url", "", "PostgreSQL URL (default $DATABASE_URL)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	db, err := openDB(ctx, *dbURL)
	if err != nil {
		fmt.Fprintf(stderr, "disclose migrate: %v\n", err)
		return 2
	}
	defer db.Close()
	applied, err := postgres.Migrate(ctx, db.Pool)
	if err != nil {
		fmt.Fprintf(stderr, "disclose migrate: %v\n", err)
		return 1
	}
	if len(applied) == 0 {
		fmt.Fprintln(stdout, "schema is up to date")
	}
	for _, v := range applied {
		fmt.Fprintf(stdout, "applied migration %04d\n", v)
	}
	return 0
}

// openDB connects to url, or $DATABASE_URL when url is empty.
func openDB(ctx context.Context, url string) (*postgres.DB, error) {
	if url == "" {
		url = os.Getenv("DATABASE_URL")
	}
	if url == "" {
		return nil, errors.New("no database: pass --database-url or set DATABASE_URL")
	}
	return postgres.Open(ctx, url)
}
