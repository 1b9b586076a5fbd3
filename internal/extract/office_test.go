package extract

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/disclose-sar/disclose/internal/record"
)

// needSoffice returns the LibreOffice binary. Without it the test is
// skipped, or fails where CI requires every tool (DISCLOSE_TESTDB=required).
func needSoffice(t testing.TB) string {
	t.Helper()
	bin, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("DISCLOSE_TESTDB") == "required" {
			t.Fatal("LibreOffice (soffice) is not installed; DISCLOSE_TESTDB=required (Debian: libreoffice-writer-nogui, libreoffice-calc-nogui)")
		}
		t.Skip("LibreOffice (soffice) not installed")
	}
	return bin
}

// sofficeWrite makes a test file: LibreOffice converts src (a file name and
// its bytes) with filter ("doc:MS Word 97"), optionally reading it with
// infilter, and returns the result. It runs LibreOffice directly, not
// through the code under test.
func sofficeWrite(t testing.TB, name string, src []byte, filter, infilter string) []byte {
	t.Helper()
	bin := needSoffice(t)
	dir := t.TempDir()
	in := filepath.Join(dir, name)
	if err := os.WriteFile(in, src, 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"--headless", "--norestore", "--nolockcheck", "--nologo",
		"-env:UserInstallation=file://" + filepath.Join(dir, "profile")}
	if infilter != "" {
		args = append(args, "--infilter="+infilter)
	}
	args = append(args, "--convert-to", filter, "--outdir", filepath.Join(dir, "out"), in)
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice %s: %v\n%s", filter, err, out)
	}
	ext, _, _ := strings.Cut(filter, ":")
	out, err := os.ReadFile(filepath.Join(dir, "out", strings.TrimSuffix(name, filepath.Ext(name))+"."+ext))
	if err != nil {
		t.Fatalf("soffice %s wrote nothing: %v", filter, err)
	}
	return out
}

// mustReadOne puts data in a record at rel and reads it: it must give one
// document and no error.
func mustReadOne(t *testing.T, x *Extractor, rel string, data []byte) record.Document {
	t.Helper()
	root := t.TempDir()
	writeFile(t, root, rel, data)
	docs, errs := x.File(context.Background(), root, rel)
	if len(errs) > 0 || len(docs) != 1 {
		t.Fatalf("File(%s) = %d docs, errors %v; want 1 doc", rel, len(docs), errs)
	}
	return docs[0]
}

// visitHTML is an invented note with a heading, a paragraph and a table.
const visitHTML = `<html><head><meta charset="utf-8"><title>Visit</title></head><body>
<h1>Home visit record</h1><p>Visited Jordan Testperson at home; café closed.</p>
<table border="1"><tr><td>Present</td><td>Alex Example</td></tr></table>
<p>Next visit in March.</p></body></html>`

func TestLegacyOffice(t *testing.T) {
	needSoffice(t)
	x := New(Options{NoOCR: true})
	defer x.Close()
	for _, tt := range []struct{ ext, filter string }{
		{".doc", "doc:MS Word 97"},
		{".rtf", "rtf:Rich Text Format"},
		{".odt", "odt:writer8"},
	} {
		t.Run(tt.ext, func(t *testing.T) {
			data := sofficeWrite(t, "visit.html", []byte(visitHTML), tt.filter, "HTML (StarWriter)")
			d := mustReadOne(t, x, "drive/visit"+tt.ext, data)
			for _, want := range []string{"Home visit record", "Visited Jordan Testperson at home; café closed.", "Alex Example", "Next visit in March."} {
				if !strings.Contains(d.Text, want) {
					t.Errorf("text %q lacks %q", d.Text, want)
				}
			}
			if d.Meta["converted_from"] != strings.TrimPrefix(tt.ext, ".") {
				t.Errorf("Meta[converted_from] = %q, want %q", d.Meta["converted_from"], tt.ext)
			}
			if d.Hash != HashBytes(data) {
				t.Errorf("Hash is not the original file's")
			}
			cells := 0
			for _, b := range d.Blocks {
				if b.Kind == "table-cell" {
					cells++
				}
			}
			if cells != 2 {
				t.Errorf("%d table cells, want 2", cells)
			}
		})
	}
}

// fakeSoffice writes a stand-in for LibreOffice: a shell script that
// records which profile each run used and how many ran at once, sleeps
// (in a child process, as LibreOffice's launcher does) and writes out.
func fakeSoffice(t *testing.T, sleep string, out []byte) (bin, state string) {
	t.Helper()
	dir := t.TempDir()
	state = filepath.Join(dir, "state")
	if err := os.Mkdir(state, 0o755); err != nil {
		t.Fatal(err)
	}
	outFile := filepath.Join(dir, "out.docx")
	if err := os.WriteFile(outFile, out, 0o644); err != nil {
		t.Fatal(err)
	}
	script := `#!/bin/sh
S=` + state + `
for a in "$@"; do
  case "$a" in -env:UserInstallation=*) profile=$(basename "${a#*=}");; esac
  [ "$prev" = --outdir ] && outdir="$a"
  prev="$a"; in="$a"
done
mkdir "$S/busy-$profile" 2>/dev/null || echo "profile $profile shared" >> "$S/problems"
mkdir "$S/run-$$" && echo "$(ls -d "$S"/run-* | wc -l)" >> "$S/concurrency"
sleep ` + sleep + ` &
echo $! > "$S/child-$$"
wait
rmdir "$S/run-$$" "$S/busy-$profile"
mkdir -p "$outdir" && cp ` + outFile + ` "$outdir/$(basename "${in%.*}").docx"
`
	bin = filepath.Join(dir, "soffice")
	if err := os.WriteFile(bin, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return bin, state
}

// The pool runs at most Converters conversions at once, never two in one
// profile, and cleans up after each.
func TestConverterPool(t *testing.T) {
	bin, state := fakeSoffice(t, "0.3", simpleDOCX(t, "Converted text."))
	x := New(Options{Soffice: bin, Converters: 2})
	defer x.Close()
	root := t.TempDir()
	doc := append(append([]byte{}, oleMagic...), make([]byte, 600)...)
	var wg sync.WaitGroup
	errc := make(chan string, 6)
	for i := range 6 {
		rel := fmt.Sprintf("d/f%d.doc", i)
		writeFile(t, root, rel, doc)
		wg.Go(func() {
			docs, errs := x.File(context.Background(), root, rel)
			if len(errs) > 0 || len(docs) != 1 || !strings.Contains(docs[0].Text, "Converted text.") {
				errc <- fmt.Sprintf("File(%s) = %d docs, errors %v", rel, len(docs), errs)
			}
		})
	}
	wg.Wait()
	close(errc)
	for e := range errc {
		t.Error(e)
	}
	if b, err := os.ReadFile(filepath.Join(state, "problems")); err == nil {
		t.Errorf("converters: %s", b)
	}
	conc, err := os.ReadFile(filepath.Join(state, "concurrency"))
	if err != nil {
		t.Fatal(err)
	}
	most := 0
	for f := range strings.FieldsSeq(string(conc)) {
		var n int
		fmt.Sscan(f, &n)
		most = max(most, n)
	}
	if most > 2 || len(strings.Fields(string(conc))) != 6 {
		t.Errorf("runs at once: %q; want 6 runs, at most 2 at a time", conc)
	}
	jobs, _ := filepath.Glob(filepath.Join(x.conv.root, "job-*"))
	if len(jobs) > 0 {
		t.Errorf("job directories left behind: %v", jobs)
	}
	profiles := x.conv.root
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(profiles); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Close left the profiles at %s (%v)", profiles, err)
	}
}

// A converter that overruns its time is killed with its children, and the
// file is reported.
func TestConverterTimeout(t *testing.T) {
	bin, state := fakeSoffice(t, "30", simpleDOCX(t, "never"))
	// The limit leaves the fake converter time to start its child on a
	// loaded machine (at 500ms it sometimes had not yet written its pid).
	x := New(Options{Soffice: bin, ConvertTimeout: 3 * time.Second})
	defer x.Close()
	root := t.TempDir()
	writeFile(t, root, "d/slow.rtf", []byte(`{\rtf1 slow}`))
	start := time.Now()
	docs, errs := x.File(context.Background(), root, "d/slow.rtf")
	if len(docs) != 0 || len(errs) != 1 || !errors.Is(errs[0], ErrTooLarge) || !strings.Contains(errs[0].Error(), "took longer than 3s") {
		t.Fatalf("File = %d docs, errors %v; want one 'took longer' error", len(docs), errs)
	}
	if d := time.Since(start); d > 15*time.Second {
		t.Errorf("File took %v after a 3s limit", d)
	}
	pids, _ := filepath.Glob(filepath.Join(state, "child-*"))
	if len(pids) != 1 {
		t.Fatalf("child pid files %v, want 1", pids)
	}
	b, _ := os.ReadFile(pids[0])
	pid := strings.TrimSpace(string(b))
	deadline := time.Now().Add(5 * time.Second)
	for {
		st, err := os.ReadFile("/proc/" + pid + "/stat")
		// Gone, or a zombie waiting for init to reap it: killed either way.
		if err != nil || strings.Contains(string(st), ") Z ") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the converter's child %s is still running after the timeout", pid)
		}
		time.Sleep(50 * time.Millisecond)
	}
	jobs, _ := filepath.Glob(filepath.Join(x.conv.root, "job-*"))
	if len(jobs) > 0 {
		t.Errorf("job directories left behind: %v", jobs)
	}
}
