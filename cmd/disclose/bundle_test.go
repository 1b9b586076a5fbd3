package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/disclose-sar/disclose/internal/extract"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/release"
	"github.com/disclose-sar/disclose/internal/samples"
)

// TestBundleSampleScore runs the batch path on the sample record and scores
// the bundle with the shared scorer: no leaks, and ≥ 97% of what must be
// kept is there.
func TestBundleSampleScore(t *testing.T) {
	sample := filepath.Dir(samples.Record(t))
	for _, tool := range []string{"python3", "qpdf", "pdftotext", "tesseract"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
	if testing.Short() {
		t.Skip("slow: ingest, OCR and scoring")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "bundle.pdf")
	var stdout, stderr bytes.Buffer
	code := Run(context.Background(), []string{"bundle", "--record", filepath.Join(sample, "record"), "--out", out,
		"--password", "test-pw-77", "--schedule", filepath.Join(dir, "schedule.csv"), "--schedule-pdf", filepath.Join(dir, "annex.pdf")},
		nil, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("disclose bundle exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout.String(), stderr.String())
	}
	if !strings.Contains(stdout.String(), ", 0 found") {
		t.Errorf("no leak-check certificate in output:\n%s", stdout.String())
	}
	if strings.Contains(stderr.String(), "password (shown once") {
		t.Errorf("a given password was echoed:\n%s", stderr.String())
	}
	score := filepath.Join(sample, "..", "tools", "score.py")
	gold := filepath.Join(sample, "..", "sample-record.gold.json")
	leaks, keep, res := runScore(t, score, out, gold, "--password", "test-pw-77")
	if leaks != 0 || keep < 0.97 {
		t.Errorf("score: leaks=%d keep=%.3f, want 0 and ≥ 0.97\n%s", leaks, keep, res)
	}
	csv, err := os.ReadFile(filepath.Join(dir, "schedule.csv"))
	if err != nil || !strings.Contains(string(csv), "certificate,leak check passed") {
		t.Errorf("schedule CSV: %v\n%.300s", err, csv)
	}
}

// TestBundleUsage checks bad flags exit 2.
func TestBundleUsage(t *testing.T) {
	for _, args := range [][]string{{"bundle"}, {"bundle", "--record", "x"}, {"bundle", "--record", "x", "--out", "y", "--order", "random"},
		{"bundle", "--record", "x", "--out", "y", "--layout", "random"}} {
		var so, se bytes.Buffer
		if code := Run(context.Background(), args, nil, &so, &se); code != 2 {
			t.Errorf("Run(%q) = %d, want 2", args, code)
		}
	}
}

// TestPageImagerImages: an image file renders as its one page; other page
// numbers and images whose header claims too many pixels are errors (the
// bundle then sets the page as text) rather than a wrong page or an
// allocation of gigabytes.
func TestPageImagerImages(t *testing.T) {
	dir := t.TempDir()
	var small bytes.Buffer
	if err := png.Encode(&small, image.NewGray(image.Rect(0, 0, 40, 20))); err != nil {
		t.Fatal(err)
	}
	// The same PNG with its IHDR claiming 60000×60000 pixels.
	huge := bytes.Clone(small.Bytes())
	binary.BigEndian.PutUint32(huge[16:], 60000)
	binary.BigEndian.PutUint32(huge[20:], 60000)
	binary.BigEndian.PutUint32(huge[29:], crc32.ChecksumIEEE(huge[12:29]))
	for name, b := range map[string][]byte{"scan.png": small.Bytes(), "bomb.png": huge} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	render := (&extract.Extractor{}).PageImager(release.FolderSource(dir))
	ctx := context.Background()
	img, err := render(ctx, &record.Document{ID: "a", Path: "scan.png"}, 1, 150)
	if err != nil || img.Bounds().Dx() != 40 {
		t.Errorf("page 1 of scan.png = %v, %v; want the 40-pixel-wide image", img, err)
	}
	if _, err := render(ctx, &record.Document{ID: "a", Path: "scan.png"}, 2, 150); err == nil {
		t.Errorf("page 2 of a one-page image: no error")
	}
	if _, err := render(ctx, &record.Document{ID: "b", Path: "bomb.png"}, 1, 150); err == nil || !strings.Contains(err.Error(), "too large") {
		t.Errorf("image claiming 60000x60000 pixels: error %v, want too large", err)
	}
}

// runScore runs score.py with args and returns its leaks, its keep and its
// whole output.
func runScore(t *testing.T, score string, args ...string) (int, float64, []byte) {
	t.Helper()
	res, err := exec.Command("python3", append([]string{score}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("score.py: %v\n%s", err, res)
	}
	m := regexp.MustCompile(`score: leaks=(\d+) redact_recall=([\d.]+) keep=([\d.]+)`).FindStringSubmatch(string(res))
	if m == nil {
		t.Fatalf("score.py output without a score line:\n%s", res)
	}
	leaks, _ := strconv.Atoi(m[1])
	keep, _ := strconv.ParseFloat(m[3], 64)
	return leaks, keep, res
}
