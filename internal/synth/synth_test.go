package synth

import (
	"crypto/sha256"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// treeHash hashes every file's path and bytes under dir.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, p)
		h.Write([]byte(rel + "\x00"))
		h.Write(b)
		return nil
	})
	return string(h.Sum(nil))
}

func TestWriteDeterministic(t *testing.T) {
	a, b := filepath.Join(t.TempDir(), "rec"), filepath.Join(t.TempDir(), "rec")
	sa, err := Write(a, 60, 7)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Write(b, 60, 7); err != nil {
		t.Fatal(err)
	}
	if treeHash(t, a) != treeHash(t, b) {
		t.Error("Write with the same seed wrote different bytes")
	}
	if sa.Pages < 55 || sa.Pages > 70 {
		t.Errorf("Write(60 pages) Stats.Pages = %d, want about 60", sa.Pages)
	}
	for _, f := range []string{"docx", "pdf", "eml", "csv"} {
		if sa.ByFormat[f] == 0 {
			t.Errorf("no %s files written: %v", f, sa.ByFormat)
		}
	}
}

func TestGoldMatchesFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "rec")
	st, err := Write(dir, 40, 3)
	if err != nil {
		t.Fatal(err)
	}
	var g Gold
	b, err := os.ReadFile(st.GoldPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	if len(g.MustRedact) == 0 || len(g.MustKeep) == 0 || len(g.Duplicates) != 2 {
		t.Fatalf("gold has %d redact, %d keep, %d duplicates", len(g.MustRedact), len(g.MustKeep), len(g.Duplicates))
	}
	pdftotext, _ := exec.LookPath("pdftotext")
	texts := map[string]string{}
	text := func(doc string) string {
		if s, ok := texts[doc]; ok {
			return s
		}
		p := filepath.Join(dir, filepath.FromSlash(doc))
		var s string
		switch filepath.Ext(doc) {
		case ".pdf":
			if pdftotext == "" {
				t.Skip("pdftotext not installed")
			}
			out, err := exec.Command(pdftotext, "-raw", p, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext %s: %v", doc, err)
			}
			s = string(out)
		case ".docx":
			out, err := exec.Command("unzip", "-p", p, "word/document.xml").Output()
			if err != nil {
				t.Skipf("unzip: %v", err)
			}
			s = strings.NewReplacer("&#39;", "'", "&#34;", "\"", "&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(string(out))
		default:
			raw, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			s = string(raw)
		}
		s = strings.Join(strings.Fields(s), " ")
		texts[doc] = s
		return s
	}
	for _, it := range append(g.MustRedact, g.MustKeep...) {
		if !strings.Contains(text(it.Doc), it.Text) {
			t.Errorf("gold string %q (%s) not found in %s", it.Text, it.Category, it.Doc)
		}
	}
	for _, it := range g.MustRedact {
		if it.Category == catIdentifier && len(it.Text) == 12 && it.Text[3] == ' ' && !ValidNHS(it.Text) {
			t.Errorf("planted NHS number %q has a bad check digit", it.Text)
		}
	}
}

func TestValidNHS(t *testing.T) {
	for in, want := range map[string]bool{
		"943 476 5919": true, // NHS Digital's published example
		"943 476 5918": false,
		"999":          false,
	} {
		if got := ValidNHS(in); got != want {
			t.Errorf("ValidNHS(%q) = %v, want %v", in, got, want)
		}
	}
}
