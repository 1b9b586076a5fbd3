package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// writeBombDOCX writes a Word file whose document.xml inflates to about
// xmlBytes: paragraphs of the same sentence, with a random number every
// few dozen so it compresses about 200:1, as a real bomb that slips under
// a ratio guard does. It is written as it is compressed: the test never
// holds the inflated part.
func writeBombDOCX(t testing.TB, path string, xmlBytes int64) (compressed int64) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	add := func(name, body string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, body)
	}
	add("[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`)
	w, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	bw.WriteString(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	const para = `<w:p><w:r><w:t>The visit went ahead as planned and the family talked about the week at school.</w:t></w:r></w:p>`
	r := rand.New(rand.NewPCG(13, 205))
	var n int64
	for i := 0; n < xmlBytes; i++ {
		k, _ := bw.WriteString(para)
		n += int64(k)
		if i%64 == 0 {
			k, _ = fmt.Fprintf(bw, `<w:p><w:r><w:t>Ref %d</w:t></w:r></w:p>`, r.Uint32())
			n += int64(k)
		}
	}
	bw.WriteString(`</w:body></w:document>`)
	bw.Flush()
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	st, _ := f.Stat()
	return st.Size()
}

// TestIngestBombHelper is the child process of TestIngestBomb.
func TestIngestBombHelper(t *testing.T) {
	dir := os.Getenv("DISCLOSE_BOMB_RECORD")
	if dir == "" {
		t.Skip("run by TestIngestBomb")
	}
	os.Exit(Run(context.Background(), []string{"ingest", "--record", dir, "--no-index", "--no-ocr", "--workers", "1"}, strings.NewReader(""), os.Stdout, os.Stderr))
}

// TestIngestBomb: a 2.5 MB Word file inflating ~200:1 to ~480 MB (under
// the inflation and ratio guards) is refused with the file named, and
// `disclose ingest` stays under 1 GiB of memory doing so (it once took
// 22 GB). Memory is the child process's peak RSS, as /usr/bin/time -v
// reports it.
func TestIngestBomb(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 2.5 MB file inflating to 480 MB")
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "subject.json"), []byte(`{"name": "Test Subject"}`), 0o644)
	os.MkdirAll(filepath.Join(dir, "shared-drive"), 0o755)
	bomb := filepath.Join(dir, "shared-drive", "bomb.docx")
	size := writeBombDOCX(t, bomb, 480<<20)
	t.Logf("bomb: %d bytes inflating to ~480 MiB (%d:1)", size, (480<<20)/size)
	if size < 1<<20 || size > 4<<20 || (480<<20)/size < 120 || (480<<20)/size > 400 {
		t.Fatalf("bomb is %d bytes: not the ~2.5 MB, ~200:1 file the test is about", size)
	}

	cmd := exec.Command(os.Args[0], "-test.run=^TestIngestBombHelper$")
	cmd.Env = append(os.Environ(), "DISCLOSE_BOMB_RECORD="+dir)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if err != nil {
		t.Fatalf("disclose ingest: %v\n%s", err, out.String())
	}
	rss := int64(cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss) // KiB on Linux
	if runtime.GOOS == "darwin" {
		rss >>= 10 // bytes there
	}
	t.Logf("peak RSS %d MiB; report:\n%s", rss>>10, out.String())
	if rss > 1<<20 {
		t.Errorf("disclose ingest peaked at %d MiB of RSS, want under 1 GiB", rss>>10)
	}
	report := out.String()
	if !strings.Contains(report, "shared-drive/bomb.docx") || !strings.Contains(report, "refused") {
		t.Errorf("the report does not name the file and refuse it:\n%s", report)
	}
}
