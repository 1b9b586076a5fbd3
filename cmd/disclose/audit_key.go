package main

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/disclose-sar/disclose/internal/postgres"
)

// The audit key seals the audit chain (HMAC-SHA256). It is never stored in
// the database: someone able to rewrite the database must not be able to
// reseal what they rewrote. `serve` refuses to start without one; the demo
// keeps its own beside its private cluster.

// demoAuditKeyName is the demo's key file in its data directory.
const demoAuditKeyName = "audit.key"

// auditKeyEnv holds the key itself (hex), for secret stores that give
// environment variables; auditKeyFileEnv names a file holding it.
const (
	auditKeyEnv     = "DISCLOSE_AUDIT_KEY"
	auditKeyFileEnv = "DISCLOSE_AUDIT_KEY_FILE"
)

// loadAuditKey returns the key in $DISCLOSE_AUDIT_KEY, else in file; nil
// and no error when neither is given.
func loadAuditKey(file string) ([]byte, error) {
	if v := os.Getenv(auditKeyEnv); v != "" {
		key, err := postgres.ParseAuditKey(v)
		if err != nil {
			return nil, fmt.Errorf("$%s: %w", auditKeyEnv, err)
		}
		return key, nil
	}
	if file == "" {
		return nil, nil
	}
	return readAuditKey(file)
}

func readAuditKey(file string) ([]byte, error) {
	st, err := os.Stat(file)
	if err != nil {
		return nil, fmt.Errorf("audit key file: %w", err)
	}
	if st.Mode().Perm()&0o077 != 0 {
		slog.Warn("the audit key file can be read by other users; make it readable by this service only (chmod 600)", "file", file)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("audit key file: %w", err)
	}
	key, err := postgres.ParseAuditKey(string(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return key, nil
}

// newAuditKey is a fresh random key in the form ParseAuditKey reads.
func newAuditKey() string {
	key := make([]byte, postgres.AuditKeySize)
	rand.Read(key) // never fails (crypto/rand, Go 1.24+)
	return hex.EncodeToString(key)
}

// writeAuditKey creates file with a new key, readable by its owner only;
// it never overwrites a key (the log it sealed could no longer be verified).
func writeAuditKey(file string) error {
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("audit key file: %w", err)
	}
	if _, err := f.WriteString(newAuditKey() + "\n"); err != nil {
		f.Close()
		return fmt.Errorf("audit key file: %w", err)
	}
	return f.Close()
}

// demoAuditKey reads the demo's key from dataDir, making it on first run.
func demoAuditKey(dataDir string) ([]byte, error) {
	file := filepath.Join(dataDir, demoAuditKeyName)
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return nil, err
	}
	if err := writeAuditKey(file); err != nil && !errors.Is(err, fs.ErrExist) {
		return nil, err
	}
	return readAuditKey(file)
}

// existingDemoAuditKey is the demo's key when dataDir has one.
func existingDemoAuditKey(dataDir string) ([]byte, error) {
	file := filepath.Join(dataDir, demoAuditKeyName)
	if _, err := os.Stat(file); err != nil {
		return nil, nil
	}
	return readAuditKey(file)
}

// noAuditKeyHelp says what to do when serve has no key.
var noAuditKeyHelp = strings.Join([]string{
	"no audit key: the audit log is sealed with a key kept outside the database.",
	"Make one with `disclose audit keygen --out /etc/disclose/audit.key`, keep a copy where the database's administrators cannot reach it,",
	"and set DISCLOSE_AUDIT_KEY_FILE (or --audit-key-file) on every node; without it the log cannot be verified.",
}, "\n")
