package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// serveConfig is the web server's configuration: DISCLOSE_* environment
// variables give the defaults, flags override them; parsed once,
// validated, passed down.
type serveConfig struct {
	DatabaseURL    string
	Addr           string
	DataDir        string
	RecordRoots    []string // server-side folders a record may be attached from
	SecureCookies  bool
	TrustedProxies []string
	Workers        int    // jobs run at once on this node; 0 = web only
	RulesDir       string // redaction rule packs; "" = the built-in ones
	// MaxUploadMB bounds one upload of files through the workbench; each
	// file is bounded by the same or by the extractors' 256 MB, if less.
	MaxUploadMB int
	// HSTS tells browsers to use HTTPS only: `serve` (production, behind
	// TLS) sets it, never the plain-http demo.
	HSTS bool
	// AuditKeyFile holds the audit seal key (audit_key.go); $DISCLOSE_AUDIT_KEY
	// may give the key itself instead.
	AuditKeyFile string
	// Blobs says where uploaded files and built bundles are kept: "local"
	// (the data directory, one node) or "postgres" (the database, shared
	// by every node of a cluster).
	Blobs string
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func envBool(key string, def bool) bool {
	if v, err := strconv.ParseBool(os.Getenv(key)); err == nil {
		return v
	}
	return def
}

func splitEnv(v, sep string) []string {
	var out []string
	for _, p := range strings.Split(v, sep) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// listFlag is a repeatable or separator-joined flag.
type listFlag struct {
	vals *[]string
	sep  string
}

func (l listFlag) String() string {
	if l.vals == nil {
		return ""
	}
	return strings.Join(*l.vals, l.sep)
}

func (l listFlag) Set(v string) error {
	*l.vals = append(*l.vals, splitEnv(v, l.sep)...)
	return nil
}

// register adds the flags, defaulting from the environment.
func (c *serveConfig) register(fs *flag.FlagSet, secureDefault bool) {
	fs.StringVar(&c.DatabaseURL, "database-url", os.Getenv("DATABASE_URL"), "PostgreSQL URL ($DATABASE_URL)")
	fs.StringVar(&c.Addr, "addr", envOr("DISCLOSE_ADDR", ":8080"), "listen address ($DISCLOSE_ADDR)")
	fs.StringVar(&c.DataDir, "data", defaultDataDir(), "data directory for search indexes ($DISCLOSE_DATA)")
	c.RecordRoots = splitEnv(os.Getenv("DISCLOSE_RECORD_ROOTS"), string(os.PathListSeparator))
	fs.Var(listFlag{&c.RecordRoots, string(os.PathListSeparator)}, "record-root", "folder records may be attached from; repeatable ($DISCLOSE_RECORD_ROOTS, colon-separated)")
	fs.BoolVar(&c.SecureCookies, "secure-cookies", envBool("DISCLOSE_SECURE_COOKIES", secureDefault), "mark cookies Secure (HTTPS only) ($DISCLOSE_SECURE_COOKIES)")
	c.TrustedProxies = splitEnv(os.Getenv("DISCLOSE_TRUSTED_PROXIES"), ",")
	fs.Var(listFlag{&c.TrustedProxies, ","}, "trusted-proxy", "proxy address or CIDR whose X-Forwarded-For is trusted ($DISCLOSE_TRUSTED_PROXIES)")
	workers, _ := strconv.Atoi(envOr("DISCLOSE_WORKERS", "2"))
	fs.IntVar(&c.Workers, "workers", workers, "background jobs run at once on this node; 0 = web only ($DISCLOSE_WORKERS)")
	fs.StringVar(&c.RulesDir, "rules", os.Getenv("DISCLOSE_RULES"), "redaction rule pack directory (default: built in) ($DISCLOSE_RULES)")
	fs.StringVar(&c.AuditKeyFile, "audit-key-file", os.Getenv(auditKeyFileEnv), "file holding the audit seal key, made by `disclose audit keygen` ($DISCLOSE_AUDIT_KEY_FILE; or $DISCLOSE_AUDIT_KEY, the key itself)")
	fs.StringVar(&c.Blobs, "blobs", envOr("DISCLOSE_BLOBS", "local"), "where uploads and bundles are kept: local (the data directory, one node) or postgres (shared by every node) ($DISCLOSE_BLOBS)")
	upload, _ := strconv.Atoi(envOr("DISCLOSE_MAX_UPLOAD_MB", "1024"))
	fs.IntVar(&c.MaxUploadMB, "max-upload-mb", upload, "largest upload of files at once, in MB; a file may have at most this or 256 MB ($DISCLOSE_MAX_UPLOAD_MB)")
}

// validate checks the configuration and makes paths absolute.
func (c *serveConfig) validate(needDB bool) error {
	if needDB && c.DatabaseURL == "" {
		return errors.New("no database: set DATABASE_URL or pass --database-url")
	}
	if c.Addr == "" {
		return errors.New("--addr is empty")
	}
	if c.Workers < 0 {
		return fmt.Errorf("--workers %d: must be 0 or more", c.Workers)
	}
	if c.Blobs != "local" && c.Blobs != "postgres" {
		return fmt.Errorf("--blobs %q: must be local or postgres", c.Blobs)
	}
	if c.MaxUploadMB < 1 || c.MaxUploadMB > 1<<20 {
		return fmt.Errorf("--max-upload-mb %d: must be between 1 and 1048576", c.MaxUploadMB)
	}
	for i, r := range c.RecordRoots {
		abs, err := filepath.Abs(r)
		if err != nil {
			return fmt.Errorf("record root %s: %w", r, err)
		}
		c.RecordRoots[i] = abs
	}
	abs, err := filepath.Abs(c.DataDir)
	if err != nil {
		return fmt.Errorf("data directory %s: %w", c.DataDir, err)
	}
	c.DataDir = abs
	return nil
}
