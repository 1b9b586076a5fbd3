package service_test

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/disclose-sar/disclose/internal/pgtest"
	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/web"
	"github.com/disclose-sar/disclose/internal/web/service"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// thirdParty is an invented neighbour; the subject is invented too.
const thirdParty = "Ottoline Brackenbury"

// TestServerBundleBurnsScans: a bundle the server makes of a record with a
// scanned letter (an image-only PDF, read by OCR) shows the page as its
// image with the third party's name burned out of the pixels, and the
// leak check reads the text; once the source file is gone, the next
// bundle sets the page as text and says so in the bundle's warnings.
func TestServerBundleBurnsScans(t *testing.T) {
	for _, tool := range []string{"pdftoppm", "pdfimages", "pdftotext", "tesseract"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s not installed: %v", tool, err)
		}
	}
	ctx := context.Background()
	roots := t.TempDir()
	dir := filepath.Join(roots, "kim")
	writeScanRecord(t, dir)
	scan := filepath.Join(dir, "archive-scans", "letter.pdf")

	svc, db := startService(t, roots)
	officer, _, err := db.CreateUser(ctx, 0, postgres.NewUser{Email: "o@example.test", Name: "Officer", Roles: []workflow.Role{workflow.RoleIGOfficer}, Team: "IG"})
	if err != nil {
		t.Fatal(err)
	}
	r, err := db.CreateRequest(ctx, officer.ID, record.Request{Subject: record.Subject{Name: "Kim Example"},
		Requester: record.Requester{Kind: record.RequesterSubject}, Received: time.Now(), Team: officer.TeamID})
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.Jobs.Ingest(ctx, officer, r.ID, "", dir); err != nil {
		t.Fatalf("Ingest: %v", err)
	}
	waitJobs(t, db, r.ID, 3*time.Minute)
	sugs, err := db.Suggestions(ctx, r.ID, postgres.SuggestionFilter{})
	if err != nil || !hasText(sugs, "Brackenbury") {
		t.Fatalf("suggestions = %d (%v); want the neighbour's name read by OCR and suggested", len(sugs), err)
	}
	for _, s := range sugs {
		if _, err := db.Decide(ctx, officer.ID, s.DBID, s.Version, workflow.DecisionInput{Kind: workflow.DecisionAccept}); err != nil {
			t.Fatalf("Decide: %v", err)
		}
	}

	// With the source: the scan is an image, the name burned out of it.
	b := buildBundle(t, svc, db, officer, r.ID)
	if len(b.warnings) > 0 {
		t.Errorf("bundle warnings = %q, want none", b.warnings)
	}
	imgs := pdfImages(t, b.file)
	if len(imgs) == 0 {
		t.Fatalf("pdfimages lists no image: the scanned page was set as text")
	}
	if !hasBurnedBox(imgs[0]) {
		t.Errorf("the scanned page image has no burned box")
	}
	if text := ocr(t, imgs[0]); strings.Contains(text, "Brackenbury") || !strings.Contains(text, "school") {
		t.Errorf("OCR of the bundle's scan = %q: want the name gone and the rest kept", text)
	}
	if text := run(t, "pdftotext", b.file, "-"); strings.Contains(text, "Brackenbury") {
		t.Errorf("the bundle's text layer holds the redacted name")
	}

	// Without it: set as text, with a warning on the bundle row.
	if err := os.Remove(scan); err != nil {
		t.Fatal(err)
	}
	b = buildBundle(t, svc, db, officer, r.ID)
	if len(b.warnings) == 0 || !strings.Contains(strings.Join(b.warnings, "\n"), "source file not found") {
		t.Errorf("bundle warnings without the source = %q, want one saying the source file was not found", b.warnings)
	}
	if n := len(pdfImages(t, b.file)); n != 0 {
		t.Errorf("pdfimages lists %d images without the source, want 0", n)
	}
	if text := run(t, "pdftotext", b.file, "-"); strings.Contains(text, "Brackenbury") || !strings.Contains(text, "school") {
		t.Errorf("the text-set scan = %q: want the name gone and the rest kept", text)
	}
}

// writeScanRecord writes a record folder: subject.json, a persons list
// naming the neighbour, and a letter scanned to an image-only PDF.
func writeScanRecord(t *testing.T, dir string) {
	t.Helper()
	for _, d := range []string{"case", "archive-scans"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	writeJSON(t, filepath.Join(dir, "subject.json"), record.Subject{Name: "Kim Example"})
	writeJSON(t, filepath.Join(dir, "case", "persons.json"), []record.Person{{Name: thirdParty, Role: record.RoleOther, Relationship: "neighbour"}})
	// The letter as text, printed, then "scanned": its page image alone.
	tmp := t.TempDir()
	p := fpdf.New("P", "pt", "A4", "")
	p.AddPage()
	p.SetFont("Helvetica", "", 18)
	for i, line := range []string{"Home visit letter", thirdParty + " telephoned the office", "about Kim and the school report."} {
		p.Text(72, 120+float64(i)*40, line)
	}
	if err := p.OutputFileAndClose(filepath.Join(tmp, "typed.pdf")); err != nil {
		t.Fatal(err)
	}
	run(t, "pdftoppm", "-r", "200", "-gray", "-png", "-singlefile", filepath.Join(tmp, "typed.pdf"), filepath.Join(tmp, "page"))
	s := fpdf.New("P", "pt", "A4", "")
	s.AddPage()
	s.ImageOptions(filepath.Join(tmp, "page.png"), 0, 0, 595.28, 841.89, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	if err := s.OutputFileAndClose(filepath.Join(dir, "archive-scans", "letter.pdf")); err != nil {
		t.Fatal(err)
	}
}

func writeJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, _ := json.Marshal(v)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// startService runs the service with one worker on a fresh database.
func startService(t *testing.T, recordRoot string) (*service.Service, *postgres.DB) {
	t.Helper()
	svc, db, _ := runService(t, service.Config{Web: web.Config{Addr: "127.0.0.1:0"}, DataDir: t.TempDir(),
		RecordRoots: []string{recordRoot}, Workers: 1})
	return svc, db
}

// runService runs the service as configured on a fresh database and
// returns its base URL.
func runService(t *testing.T, cfg service.Config) (*service.Service, *postgres.DB, string) {
	t.Helper()
	return runServiceOn(t, cfg, postgres.New(pgtest.NewPool(t)))
}

// runServiceOn is runService on a database of the caller's (whose blob
// store the configuration may name).
func runServiceOn(t testing.TB, cfg service.Config, db *postgres.DB) (*service.Service, *postgres.DB, string) {
	t.Helper()
	svc, err := service.New(cfg, db)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready, done := make(chan string, 1), make(chan error, 1)
	go func() { done <- svc.Run(ctx, func(addr string) { ready <- addr }) }()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatalf("service: %v", err)
	}
	t.Cleanup(func() { cancel(); <-done })
	return svc, db, "http://" + addr
}

// waitJobs waits until every background job of the request has finished.
func waitJobs(t *testing.T, db *postgres.DB, reqID int64, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		ps, err := db.JobsProgress(context.Background(), reqID)
		if err != nil {
			t.Fatal(err)
		}
		busy := len(ps) == 0
		for _, p := range ps {
			busy = busy || p.Message != "done"
		}
		if !busy {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("jobs still running after %s: %+v", limit, ps)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

type builtBundle struct {
	file     string
	warnings []string
}

// buildBundle queues a bundle through the service's jobs, waits for it and
// saves its file.
func buildBundle(t *testing.T, svc *service.Service, db *postgres.DB, u workflow.User, reqID int64) builtBundle {
	t.Helper()
	ctx := context.Background()
	id, err := svc.Jobs.Bundle(ctx, u, reqID)
	if err != nil {
		t.Fatalf("Bundle: %v", err)
	}
	deadline := time.Now().Add(3 * time.Minute)
	var b postgres.Bundle
	for {
		if b, err = db.Bundle(ctx, id); err != nil {
			t.Fatal(err)
		}
		if b.State == "ready" || b.State == "failed" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("bundle %d still %s", id, b.State)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if b.State != "ready" {
		t.Fatalf("bundle %d failed: %s", id, b.Error)
	}
	data := storedBundleFile(t, db, u.ID, id)
	out := builtBundle{file: filepath.Join(t.TempDir(), "bundle.pdf")}
	if err := os.WriteFile(out.file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	cert, _ := json.Marshal(b.Certificate)
	var c service.Certificate
	if err := json.Unmarshal(cert, &c); err != nil {
		t.Fatalf("certificate: %v", err)
	}
	out.warnings = c.Warnings
	return out
}

func hasText(sugs []postgres.Suggestion, s string) bool {
	for _, sg := range sugs {
		if strings.Contains(sg.Text, s) {
			return true
		}
	}
	return false
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return string(out)
}

// pdfImages extracts a PDF's images (pdfimages -png), opened with the
// user password if given.
func pdfImages(t *testing.T, file string, password ...string) []image.Image {
	t.Helper()
	dir := t.TempDir()
	args := []string{"-png"}
	if len(password) > 0 {
		args = append(args, "-upw", password[0])
	}
	run(t, "pdfimages", append(args, file, filepath.Join(dir, "img"))...)
	names, _ := filepath.Glob(filepath.Join(dir, "img-*.png"))
	var out []image.Image
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		out = append(out, img)
	}
	return out
}

// hasBurnedBox reports whether img holds a solid black rectangle at least
// 40 pixels wide and 12 high: a word burned out, not a letter's stroke.
func hasBurnedBox(img image.Image) bool {
	bd := img.Bounds()
	dark := func(x, y int) bool {
		r, g, b, _ := img.At(x, y).RGBA()
		return r < 0x2000 && g < 0x2000 && b < 0x2000
	}
	const minW, minH = 40, 12
	rows := 0
	for y := bd.Min.Y; y < bd.Max.Y; y++ {
		run, longest := 0, 0
		for x := bd.Min.X; x < bd.Max.X; x++ {
			if dark(x, y) {
				run++
				longest = max(longest, run)
			} else {
				run = 0
			}
		}
		if longest >= minW {
			rows++
			if rows >= minH {
				return true
			}
		} else {
			rows = 0
		}
	}
	return false
}

// ocr reads an image with tesseract.
func ocr(t *testing.T, img image.Image) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "page.png")
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return run(t, "tesseract", p, "-", "--psm", "4")
}
