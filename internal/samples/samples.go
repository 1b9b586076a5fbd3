// Package samples finds, for tests, the public sample records kept beside
// the repository in ../shared (sample-record, sample-record-2, their gold
// files and the scorer). Tests that need them — for their gold, or as the
// record a figure is measured on — ask here, so a missing sample is
// handled one way everywhere:
//
//   - DISCLOSE_TESTDB=required (CI): a missing sample fails the test, so a
//     run that silently measured nothing never passes for a good one;
//   - unless DISCLOSE_SAMPLES=optional says the samples are knowingly
//     absent (.ci/run sets it on a clone with no ../shared), when the test
//     is skipped, as it is on any machine without the strict flag.
//
// Tests that only need a realistic record use the project's own generator,
// internal/synth, instead.
package samples

import (
	"os"
	"path/filepath"
	"testing"
)

// Path returns the absolute path of ../shared/elem... (beside the module
// root), or fails or skips t as the package comment says when it is missing.
func Path(t testing.TB, elem ...string) string {
	t.Helper()
	root, err := sharedDir()
	if err == nil {
		p := filepath.Join(append([]string{root}, elem...)...)
		if _, err = os.Stat(p); err == nil {
			return p
		}
	}
	if Required() {
		t.Fatalf("public sample %s missing (%v): DISCLOSE_TESTDB=required needs it; set DISCLOSE_SAMPLES=optional if it is knowingly absent",
			filepath.Join(elem...), err)
	}
	t.Skipf("public sample %s not present: %v", filepath.Join(elem...), err)
	return ""
}

// Record is the first sample's record folder, ../shared/sample-record/record.
func Record(t testing.TB) string {
	t.Helper()
	return Path(t, "sample-record", "record")
}

// Required reports whether a missing sample fails tests.
func Required() bool {
	return os.Getenv("DISCLOSE_TESTDB") == "required" && os.Getenv("DISCLOSE_SAMPLES") != "optional"
}

// sharedDir is ../shared seen from the directory holding go.mod above the
// working directory (a test runs in its package's directory).
func sharedDir() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(filepath.Dir(dir), "shared"), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}
