package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/disclose-sar/disclose/internal/pgcluster"
	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// runUser adds or resets a user, printing a one-time password once:
//
//	disclose user add --email E --name N --role R[,R] [--team T] [--also-serves T[,T]] [--database-url URL | --data DIR]
//	disclose user reset --email E [--database-url URL | --data DIR]
//
// A reset also ends every session of the user. --data reaches the private
// cluster `disclose demo` keeps in DIR/postgres (running or not).
func runUser(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || (args[0] != "add" && args[0] != "reset") {
		fmt.Fprintln(stderr, "usage: disclose user add|reset --email E [--name N --role R --team T] [--database-url URL | --data DIR]")
		return 2
	}
	fs := flag.NewFlagSet("user "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbURL := fs.String("database-url", "", "PostgreSQL URL (default $DATABASE_URL)")
	email := fs.String("email", "", "the user's email, their login")
	name := fs.String("name", "", "full name (add)")
	roles := fs.String("role", "", "roles, comma-separated: "+joinRoles()+" (add)")
	team := fs.String("team", "", "team name, created if new, matched whatever its case (add)")
	also := fs.String("also-serves", "", "other teams whose requests the user works, comma-separated (add): legal and support serve the teams that send them work")
	dataDir := fs.String("data", "", "the demo's data directory (data/demo): use its private PostgreSQL cluster")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	if *email == "" {
		fmt.Fprintln(stderr, "disclose user: --email is required")
		return 2
	}
	db, stop, err := userDB(ctx, *dbURL, *dataDir)
	if err != nil {
		fmt.Fprintf(stderr, "disclose user: %v\n", err)
		return 2
	}
	defer stop()
	if err := postgres.CheckSchema(ctx, db.Pool); err != nil {
		fmt.Fprintf(stderr, "disclose user: %v\n", err)
		return 1
	}
	var pw string
	if args[0] == "add" {
		var rs []workflow.Role
		for _, r := range strings.Split(*roles, ",") {
			if r = strings.TrimSpace(r); r != "" {
				rs = append(rs, workflow.Role(r))
			}
		}
		var u workflow.User
		u, pw, err = db.CreateUser(ctx, 0, postgres.NewUser{Email: *email, Name: *name, Roles: rs, Team: *team,
			AlsoServes: strings.Split(*also, ",")})
		if err == nil {
			fmt.Fprintf(stdout, "added user %d %s\n", u.ID, u.Email)
		}
	} else {
		pw, err = db.ResetPassword(ctx, 0, *email)
		if err == nil {
			fmt.Fprintln(stdout, "password reset; every session of the user has ended")
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "disclose user %s: %s\n", args[0], workflow.Message(err))
		return 1
	}
	fmt.Fprintf(stdout, "one-time password (shown once; it must be changed at first login): %s\n", pw)
	return 0
}

// userDB opens the database named by url ($DATABASE_URL), or with dataDir
// the demo's private cluster in dataDir/postgres: the running demo's if it
// runs, else started for this command and stopped after it.
func userDB(ctx context.Context, url, dataDir string) (*postgres.DB, func(), error) {
	db, stop, err := openCLIDB(ctx, url, dataDir)
	if err != nil {
		return nil, nil, err
	}
	// With the key, the audit rows this command appends are sealed now;
	// without it, by the next process that has it.
	key, err := loadAuditKey(os.Getenv(auditKeyFileEnv))
	if err == nil && key == nil && dataDir != "" {
		key, err = existingDemoAuditKey(dataDir)
	}
	if err != nil {
		stop()
		return nil, nil, err
	}
	db.AuditKey = key
	return db, stop, nil
}

func openCLIDB(ctx context.Context, url, dataDir string) (*postgres.DB, func(), error) {
	if dataDir == "" || url != "" {
		db, err := openDB(ctx, url)
		if err != nil {
			return nil, nil, err
		}
		return db, db.Close, nil
	}
	dir := filepath.Join(dataDir, "postgres")
	if _, err := os.Stat(filepath.Join(dir, "data", "PG_VERSION")); err != nil {
		return nil, nil, fmt.Errorf("no demo database in %s: run `disclose demo --data %s` first", dir, dataDir)
	}
	conn, err := pgcluster.ConnStringIn(dir, "disclose")
	if err != nil {
		return nil, nil, err
	}
	if db, err := postgres.Open(ctx, conn); err == nil {
		return db, db.Close, nil
	}
	c, err := pgcluster.StartWith(ctx, dir, pgcluster.Options{Fast: true})
	if err != nil {
		return nil, nil, err
	}
	db, err := postgres.Open(ctx, c.ConnString("disclose"))
	if err != nil {
		c.Stop()
		return nil, nil, err
	}
	return db, func() { db.Close(); c.Stop() }, nil
}

func joinRoles() string {
	var s []string
	for _, r := range workflow.Roles {
		s = append(s, string(r))
	}
	return strings.Join(s, ", ")
}
