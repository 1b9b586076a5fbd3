// Package pgcluster runs a private PostgreSQL cluster from the local server
// binaries (initdb, pg_ctl): no Docker, no system service. Disclose uses it for
// tests and for `disclose demo` when no DATABASE_URL is given.
//
// The cluster listens only on a Unix socket inside its own directory
// (an empty listen_addresses), so nothing outside the machine can reach it and
// two clusters never fight over a port. initdb refuses to run as root, so when
// the process is root the binaries run as the `postgres` system user through
// runuser, and the directory is handed to that user.
package pgcluster

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// ErrNoServer reports that no PostgreSQL server binaries were found.
var ErrNoServer = errors.New("pgcluster: PostgreSQL server binaries (initdb, pg_ctl) not found; install the Debian package postgresql or set DISCLOSE_PG_BIN")

// Superuser is the name of the superuser role the cluster is created with.
const Superuser = "postgres"

// port names the socket file (.s.PGSQL.<port>); nothing listens on TCP, and
// the socket lives in the cluster's private directory, so a fixed number is safe.
const port = 5432

// Options tune a cluster.
type Options struct {
	// Fast turns off fsync, synchronous commit and full-page writes: a crash
	// can lose data, which is fine for tests and throw-away demos only.
	Fast bool
	// BinDir overrides where initdb and pg_ctl are looked for.
	BinDir string
}

// Cluster is a running private PostgreSQL cluster.
type Cluster struct {
	dir    string // holds data/, the socket and the log
	bin    string
	runAs  string // system user that owns the cluster; "" = this process's user
	opts   Options
	logTxt string
	lock   *os.File // the owner lock (lock.go), held while this process runs the cluster
	// Orphan is the process id of a server of this directory that StartWith
	// found running with no owner — left by a process killed outright — and
	// stopped before starting its own; 0 when there was none.
	Orphan int
}

// Start creates (if dir holds no cluster yet) and starts a durable cluster in dir.
func Start(ctx context.Context, dir string) (*Cluster, error) {
	return StartWith(ctx, dir, Options{})
}

// StartWith is Start with options.
func StartWith(ctx context.Context, dir string, opts Options) (*Cluster, error) {
	bin, err := FindBinDir(opts.BinDir)
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("pgcluster: %w", err)
	}
	// A Unix socket path is limited to about 107 bytes.
	if len(abs)+len("/.s.PGSQL.5432") > 100 {
		return nil, fmt.Errorf("pgcluster: directory path %s is too long for a Unix socket", abs)
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return nil, fmt.Errorf("pgcluster: %w", err)
	}
	c := &Cluster{dir: abs, bin: bin, opts: opts, logTxt: filepath.Join(abs, "postgres.log")}
	if os.Geteuid() == 0 {
		c.runAs = Superuser
		if err := c.handOver(); err != nil {
			return nil, err
		}
	}
	if err := c.takeLock(); err != nil {
		return nil, err
	}
	if err := c.start(ctx); err != nil {
		c.unlock()
		return nil, err
	}
	return c, nil
}

func (c *Cluster) start(ctx context.Context) error {
	if _, err := os.Stat(filepath.Join(c.dataDir(), "PG_VERSION")); errors.Is(err, os.ErrNotExist) {
		if err := c.initdb(ctx); err != nil {
			return err
		}
	} else if err := c.stopOrphan(ctx); err != nil {
		return err
	}
	if err := c.writeConf(); err != nil {
		return err
	}
	if _, err := c.run(ctx, "pg_ctl", "start", "-w", "-t", "60", "-D", c.dataDir(), "-l", c.logTxt); err != nil {
		return fmt.Errorf("pgcluster: start: %w (log: %s)", err, c.logTxt)
	}
	return nil
}

// Dir is the cluster's directory; it is also the Unix socket directory.
func (c *Cluster) Dir() string { return c.dir }

func (c *Cluster) dataDir() string { return filepath.Join(c.dir, "data") }

// ConnString returns a pgx/libpq URL for database db as the superuser over
// the cluster's Unix socket.
func (c *Cluster) ConnString(db string) string {
	q := url.Values{}
	q.Set("host", c.dir)
	q.Set("port", strconv.Itoa(port))
	q.Set("sslmode", "disable")
	return (&url.URL{Scheme: "postgres", User: url.User(Superuser), Path: "/" + db, RawQuery: q.Encode()}).String()
}

// CreateDatabase creates database name (owned by the superuser); it does
// nothing if it already exists.
func (c *Cluster) CreateDatabase(ctx context.Context, name string) error {
	conn, err := pgx.Connect(ctx, c.ConnString("postgres"))
	if err != nil {
		return fmt.Errorf("pgcluster: connect: %w", err)
	}
	defer conn.Close(ctx)
	var exists bool
	if err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil {
		return fmt.Errorf("pgcluster: create database %s: %w", name, err)
	}
	if exists {
		return nil
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		return fmt.Errorf("pgcluster: create database %s: %w", name, err)
	}
	return nil
}

// Stop shuts the cluster down (fast mode: open sessions are ended) and
// gives up the directory. The data stays in Dir; Start on the same
// directory starts it again.
func (c *Cluster) Stop() error {
	defer c.unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if _, err := c.run(ctx, "pg_ctl", "stop", "-w", "-m", "fast", "-D", c.dataDir()); err != nil {
		return fmt.Errorf("pgcluster: stop: %w", err)
	}
	return nil
}

func (c *Cluster) initdb(ctx context.Context) error {
	_, err := c.run(ctx, "initdb", "-D", c.dataDir(), "-U", Superuser, "-A", "trust",
		"-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions")
	if err != nil {
		return fmt.Errorf("pgcluster: initdb: %w", err)
	}
	return nil
}

// writeConf appends our settings to postgresql.auto.conf's neighbour: a file
// of our own included last, rewritten at every start so a changed option
// takes effect.
func (c *Cluster) writeConf() error {
	var b strings.Builder
	b.WriteString("# written by disclose pgcluster at every start\n")
	b.WriteString("listen_addresses = ''\n")
	fmt.Fprintf(&b, "unix_socket_directories = '%s'\n", strings.ReplaceAll(c.dir, "'", "''"))
	fmt.Fprintf(&b, "port = %d\n", port)
	b.WriteString("max_connections = 200\n")
	if c.opts.Fast {
		b.WriteString("fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n")
	}
	conf := filepath.Join(c.dataDir(), "disclose.conf")
	if err := os.WriteFile(conf, []byte(b.String()), 0o644); err != nil {
		return fmt.Errorf("pgcluster: %w", err)
	}
	main := filepath.Join(c.dataDir(), "postgresql.conf")
	body, err := os.ReadFile(main)
	if err != nil {
		return fmt.Errorf("pgcluster: %w", err)
	}
	if !bytes.Contains(body, []byte("include_if_exists = 'disclose.conf'")) {
		body = append(body, "\ninclude_if_exists = 'disclose.conf'\n"...)
		if err := os.WriteFile(main, body, 0o600); err != nil {
			return fmt.Errorf("pgcluster: %w", err)
		}
	}
	return c.handOver()
}

// handOver gives the directory to the user the cluster runs as.
func (c *Cluster) handOver() error {
	if c.runAs == "" {
		return nil
	}
	u, err := user.Lookup(c.runAs)
	if err != nil {
		return fmt.Errorf("pgcluster: running as root needs the %q system user: %w", c.runAs, err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	err = filepath.WalkDir(c.dir, func(p string, _ os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, uid, gid)
	})
	if err != nil {
		return fmt.Errorf("pgcluster: chown %s: %w", c.dir, err)
	}
	// The server must reach the directory through every parent.
	for p := filepath.Dir(c.dir); p != "/"; p = filepath.Dir(p) {
		st, err := os.Stat(p)
		if err == nil && st.Mode().Perm()&0o001 == 0 {
			return fmt.Errorf("pgcluster: %s is not searchable by the %s user (mode %v)", p, c.runAs, st.Mode().Perm())
		}
	}
	return nil
}

// run runs a server binary, as the cluster's user when we are root.
func (c *Cluster) run(ctx context.Context, name string, args ...string) (string, error) {
	path := filepath.Join(c.bin, name)
	var cmd *exec.Cmd
	if c.runAs != "" {
		cmd = exec.CommandContext(ctx, "runuser", append([]string{"-u", c.runAs, "--", path}, args...)...)
	} else {
		cmd = exec.CommandContext(ctx, path, args...)
	}
	cmd.Dir = c.dir
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	if err := cmd.Run(); err != nil {
		return out.String(), fmt.Errorf("%s: %w: %s", name, err, strings.TrimSpace(out.String()))
	}
	return out.String(), nil
}

// ConnStringIn returns the URL of database db in the cluster kept in dir,
// whether or not it runs (Cluster.ConnString once started): other commands
// reach a running demo's cluster with it.
func ConnStringIn(dir, db string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("pgcluster: %w", err)
	}
	return (&Cluster{dir: abs}).ConnString(db), nil
}
