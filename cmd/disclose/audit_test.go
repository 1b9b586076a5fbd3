package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestServeNeedsAuditKey: serve refuses to start without the audit key,
// before it touches the database, and says how to make one.
func TestServeNeedsAuditKey(t *testing.T) {
	t.Setenv(auditKeyEnv, "")
	t.Setenv(auditKeyFileEnv, "")
	var out, errb bytes.Buffer
	code := runServe(context.Background(), []string{"--database-url", "postgres://nobody@127.0.0.1:1/none"}, nil, &out, &errb)
	if code != 2 || !strings.Contains(errb.String(), "no audit key") || !strings.Contains(errb.String(), "disclose audit keygen") {
		t.Errorf("runServe without a key = %d, %q; want 2 and how to make one", code, errb.String())
	}
	t.Setenv(auditKeyEnv, "abc")
	errb.Reset()
	if code := runServe(context.Background(), []string{"--database-url", "postgres://nobody@127.0.0.1:1/none"}, nil, &out, &errb); code != 2 || !strings.Contains(errb.String(), "hexadecimal") {
		t.Errorf("runServe with a malformed key = %d, %q; want 2 and why", code, errb.String())
	}
}

// TestAuditKeyFiles: keygen and the demo make owner-only key files, never
// overwrite one, and read back what they wrote.
func TestAuditKeyFiles(t *testing.T) {
	t.Setenv(auditKeyEnv, "")
	dir := t.TempDir()
	file := filepath.Join(dir, "k")
	var out, errb bytes.Buffer
	if code := runAudit(context.Background(), []string{"keygen", "--out", file}, nil, &out, &errb); code != 0 {
		t.Fatalf("audit keygen = %d, %s", code, errb.String())
	}
	st, err := os.Stat(file)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode = %v, %v; want 0600", st.Mode(), err)
	}
	first, err := loadAuditKey(file)
	if err != nil || len(first) != 32 {
		t.Fatalf("loadAuditKey(keygen's file) = %d bytes, %v; want 32", len(first), err)
	}
	if code := runAudit(context.Background(), []string{"keygen", "--out", file}, nil, &out, &errb); code == 0 {
		t.Errorf("audit keygen over an existing key succeeded")
	}

	demo := filepath.Join(dir, "demo")
	a, err := demoAuditKey(demo)
	if err != nil {
		t.Fatal(err)
	}
	b, err := demoAuditKey(demo)
	if err != nil || !bytes.Equal(a, b) {
		t.Errorf("demoAuditKey on a second run = %x, %v; want the first run's key", b, err)
	}
	if st, err := os.Stat(filepath.Join(demo, demoAuditKeyName)); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("demo key file mode = %v, %v; want 0600", st.Mode(), err)
	}
	// The environment's key wins over any file.
	t.Setenv(auditKeyEnv, strings.Repeat("ab", 32))
	if k, err := loadAuditKey(file); err != nil || k[0] != 0xab {
		t.Errorf("loadAuditKey with $%s set = %x, %v; want the environment's key", auditKeyEnv, k, err)
	}
}
