package extract

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
)

func TestZipArchive(t *testing.T) {
	inner := mustZip(t, zipEntry{"deep/note.txt", []byte("The inner archive speaks of the copper kettle.")})
	data := mustZip(t,
		zipEntry{"letters/visit.docx", simpleDOCX(t, "The visit was to the lighthouse.")},
		zipEntry{"readme.txt", []byte("Plain words about the orchard gate.")},
		zipEntry{"more/inner.zip", inner},
		zipEntry{"../../etc/passwd.txt", []byte("climbing out")},
		zipEntry{"/abs/root.txt", []byte("absolute")},
		zipEntry{"tools/run.exe", []byte("MZ")},
		zipEntry{"__MACOSX/._readme.txt", []byte("fork")},
		zipEntry{"empty/", nil},
	)
	x := New(Options{NoOCR: true})
	defer x.Close()
	docs, errs := x.fromBytes(context.Background(), "partners/bundle.zip", "", "bundle.zip", data)
	got := map[string]string{}
	for _, d := range docs {
		checkBlocks(t, d)
		got[d.Part] = d.Text
	}
	for part, want := range map[string]string{
		"letters/visit.docx":           "lighthouse",
		"readme.txt":                   "orchard gate",
		"more/inner.zip/deep/note.txt": "copper kettle",
	} {
		if !strings.Contains(got[part], want) {
			t.Errorf("part %q text %q, want it to hold %q (parts %v)", part, got[part], want, keys(got))
		}
	}
	if len(docs) != 3 {
		t.Errorf("%d documents, want 3: %v", len(docs), keys(got))
	}
	var msgs []string
	for _, e := range errs {
		msgs = append(msgs, e.Error())
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{"partners/bundle.zip", "points outside the archive", "tools/run.exe", `".exe" files are not read`} {
		if !strings.Contains(all, want) {
			t.Errorf("errors lack %q:\n%s", want, all)
		}
	}
	if len(errs) != 3 {
		t.Errorf("%d errors, want 3 (two climbing out, one unsupported):\n%s", len(errs), all)
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestZipArchiveBombs(t *testing.T) {
	zeros := make([]byte, 8<<20)
	var many []zipEntry
	for i := range maxZipEntries + 1 {
		many = append(many, zipEntry{name: "f" + strings.Repeat("x", i%7) + ".txt", body: []byte("x")})
	}
	nest := mustZip(t, zipEntry{"a.txt", []byte("bottom")})
	for range maxNesting + 1 {
		nest = mustZip(t, zipEntry{"n.zip", nest})
	}
	for _, tt := range []struct {
		name string
		data []byte
		opts Options
		kind error
		msg  string
	}{
		{"ratio", mustZip(t, zipEntry{"zeros.txt", zeros}), Options{}, ErrTooLarge, "zip bomb"},
		{"total", mustZip(t, zipEntry{"a.txt", bytes.Repeat([]byte("abcdefghij"), 200000)}), Options{MaxDecompressed: 1 << 20}, ErrTooLarge, "limit"},
		{"entries", mustZip(t, many...), Options{}, ErrTooLarge, "zip entries"},
		{"nesting", nest, Options{}, ErrUnsupported, "nested more than"},
		{"not a zip", []byte("PK\x03\x04 broken"), Options{}, ErrCorrupt, "zip"},
		{"encrypted", encryptedZip(t), Options{}, ErrEncrypted, "secret.txt"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.NoOCR = true
			x := New(tt.opts)
			defer x.Close()
			_, errs := x.fromBytes(context.Background(), "in/a.zip", "", "a.zip", tt.data)
			if len(errs) == 0 {
				t.Fatal("no error")
			}
			e := errs[len(errs)-1]
			if !errors.Is(e, tt.kind) || !strings.Contains(e.Error(), tt.msg) || !strings.Contains(e.Error(), "in/a.zip") {
				t.Errorf("error %v, want %v holding %q and the file's name", e, tt.kind, tt.msg)
			}
		})
	}
}

// encryptedZip is a zip whose one entry has the "encrypted" flag set.
func encryptedZip(t *testing.T) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "secret.txt", Method: zip.Store, Flags: 1})
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("xxxxxxxxxxxx"))
	zw.Close()
	return buf.Bytes()
}
