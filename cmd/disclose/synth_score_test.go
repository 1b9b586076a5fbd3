package main

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/disclose-sar/disclose/internal/samples"
	"github.com/disclose-sar/disclose/internal/synth"
)

// TestBundleSyntheticScore runs the batch path on a synthetic record of
// 200 pages — with the hard kinds the generator plants: partner agencies'
// sections in minutes, partner documents, initials, short forms, the
// family in the plural, relatives' own messages, genogram lines, and the
// requester's story beside them — and scores the bundle with the shared
// scorer: no leaks, and what must be kept is there (a kept sentence a page
// break splits in the reading edition is not found, hence not 1.000).
func TestBundleSyntheticScore(t *testing.T) {
	score := samples.Path(t, "tools", "score.py")
	for _, tool := range []string{"python3", "qpdf", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
	if testing.Short() {
		t.Skip("slow: generate, ingest, bundle and score")
	}
	dir := t.TempDir()
	rec := filepath.Join(dir, "record")
	st, err := synth.Write(rec, 200, 5)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "bundle.pdf")
	var stdout, stderr bytes.Buffer
	code := Run(context.Background(), []string{"bundle", "--record", rec, "--out", out, "--password", "test-pw-51", "--layout", "reading"},
		nil, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("disclose bundle exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout.String(), stderr.String())
	}
	leaks, keep, res := runScore(t, score, out, st.GoldPath, "--password", "test-pw-51", "--no-ocr", "-v")
	if leaks != 0 || keep < 0.98 {
		t.Errorf("score: leaks=%d keep=%.3f, want 0 and ≥ 0.98\n%s", leaks, keep, res)
	}
}
