package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/disclose-sar/disclose/internal/synth"
)

// sofficeConverter makes .doc, .xls and .ppt files with LibreOffice, run
// directly (not through the code under test). Without LibreOffice the
// test is skipped, or fails where CI requires every tool.
func sofficeConverter(t *testing.T) synth.Converter {
	t.Helper()
	bin, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("DISCLOSE_TESTDB") == "required" {
			t.Fatal("LibreOffice (soffice) is not installed; DISCLOSE_TESTDB=required")
		}
		t.Skip("LibreOffice (soffice) not installed")
	}
	work := t.TempDir()
	n := 0
	return func(srcName string, src []byte, ext string) ([]byte, error) {
		n++
		dir := filepath.Join(work, fmt.Sprint(n))
		os.MkdirAll(dir, 0o755)
		in := filepath.Join(dir, srcName)
		if err := os.WriteFile(in, src, 0o600); err != nil {
			return nil, err
		}
		cmd := exec.Command(bin, "--headless", "--norestore", "--nolockcheck", "--nologo",
			"-env:UserInstallation=file://"+filepath.Join(work, "profile"),
			"--convert-to", strings.TrimPrefix(ext, "."), "--outdir", filepath.Join(dir, "out"), in)
		cmd.Env = append(os.Environ(), "HOME="+dir)
		if out, err := cmd.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("soffice %s: %v: %s", ext, err, out)
		}
		return os.ReadFile(filepath.Join(dir, "out", strings.TrimSuffix(srcName, filepath.Ext(srcName))+ext))
	}
}

// TestIngestEveryFormat: a record with one file of every format Disclose
// reads (and words planted inside files: a picture in a Word file, a file
// embedded in a PDF, an Outlook attachment, zip entries) ingests with
// nothing unsupported or failed, and every planted word is found by
// `disclose search`.
func TestIngestEveryFormat(t *testing.T) {
	for _, tool := range []string{"tesseract", "msgconvert", "readpst"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("DISCLOSE_TESTDB") == "required" {
				t.Fatalf("%s is not installed; DISCLOSE_TESTDB=required", tool)
			}
			t.Skipf("%s not installed", tool)
		}
	}
	dir := filepath.Join(t.TempDir(), "record")
	planted, err := synth.WriteEveryFormat(dir, sofficeConverter(t))
	if err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	code, out, errs := ingestCLI(t, "ingest", "--record", dir, "--data", data, "--json")
	if code != 0 {
		t.Fatalf("ingest exit %d: %s", code, errs)
	}
	var rep struct {
		Files []struct {
			Path, Status string
			Documents    int
		}
		Unsupported, Failed []struct{ Path, Problem string }
		ByFormat            []struct{ Name string }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("ingest --json: %v", err)
	}
	if len(rep.Unsupported) != 0 || len(rep.Failed) != 0 {
		t.Errorf("unsupported %+v, failed %+v; want none", rep.Unsupported, rep.Failed)
	}
	exts := map[string]bool{}
	for _, f := range rep.Files {
		exts[strings.ToLower(filepath.Ext(f.Path))] = true
		if f.Status != "subject" && f.Documents == 0 {
			t.Errorf("%s gave no documents (%s)", f.Path, f.Status)
		}
	}
	for _, ext := range strings.Fields(".docx .pdf .png .jpg .tif .eml .mbox .txt .md .csv .doc .rtf .odt .xlsx .xls .ods .msg .pst .ost .zip .ppt .pptx .odp") {
		if !exts[ext] {
			t.Errorf("the record has no %s file", ext)
		}
	}
	for word, file := range planted {
		code, out, errs := ingestCLI(t, "search", "--record", dir, "--data", data, "--size", "5", word)
		if code != 0 {
			t.Fatalf("search %s exit %d: %s", word, code, errs)
		}
		if !strings.Contains(out, "«"+word+"»") || !strings.Contains(out, file) {
			t.Errorf("search %q does not find it in %s:\n%s", word, file, out)
		}
	}
}
