package bundle

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// plainPDF is a one-page PDF made in memory with a core font (no files).
func plainPDF(t testing.TB) []byte {
	t.Helper()
	p := fpdf.New("P", "mm", "A4", "")
	p.AddPage()
	p.SetFont("Helvetica", "", 11)
	p.Cell(40, 10, "Encryption test page")
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		t.Fatalf("fpdf: %v", err)
	}
	return buf.Bytes()
}

func mustEncrypt(t testing.TB, user string) string {
	t.Helper()
	enc, err := Encrypt(plainPDF(t), user)
	if err != nil {
		t.Fatalf("Encrypt: %v", err)
	}
	path := filepath.Join(t.TempDir(), "enc.pdf")
	if err := os.WriteFile(path, enc, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestEncryptAES256OwnerDiffers(t *testing.T) {
	need(t, "qpdf")
	const user = "fern-kettle-4417"
	path := mustEncrypt(t, user)
	out := run(t, "qpdf", "--show-encryption", "--password="+user, path)
	for _, want := range []string{"R = 6", "Supplied password is user password", "stream encryption method: AESv3",
		"string encryption method: AESv3", "modify other: not allowed", "modify document assembly: not allowed",
		"print high resolution: allowed", "extract for accessibility: allowed"} {
		if !strings.Contains(out, want) {
			t.Errorf("qpdf --show-encryption lacks %q:\n%s", want, out)
		}
	}
	// qpdf says "owner password" when the supplied one opens the file as
	// its owner: the user password must not.
	if strings.Contains(out, "Supplied password is owner password") {
		t.Errorf("the user password is also the owner password:\n%s", out)
	}
	if o, err := exec.Command("qpdf", "--check", "--password=not-"+user, path).CombinedOutput(); err == nil {
		t.Errorf("qpdf opened the file with a wrong password:\n%s", o)
	}
	if _, err := Encrypt(plainPDF(t), ""); err == nil {
		t.Errorf("Encrypt with no password succeeded")
	}
}

func TestEncryptFreshOwnerPassword(t *testing.T) {
	need(t, "qpdf")
	// Two encryptions under one user password differ in their owner
	// entries: the owner password is made afresh each time.
	a := run(t, "qpdf", "--password=same-pw-1", "--show-encryption-key", "--show-encryption", mustEncrypt(t, "same-pw-1"))
	b := run(t, "qpdf", "--password=same-pw-1", "--show-encryption-key", "--show-encryption", mustEncrypt(t, "same-pw-1"))
	if a == b {
		t.Errorf("two encryptions have the same key:\n%s", a)
	}
}

// TestEncryptWritesNothingInHome runs Encrypt in a fresh process (pdfcpu
// keeps its configuration state per process) with HOME, XDG_CONFIG_HOME
// and TMPDIR pointing at empty directories, and checks they stay empty.
func TestEncryptWritesNothingInHome(t *testing.T) {
	if os.Getenv("DISCLOSE_ENCRYPT_CHILD") == "1" {
		if _, err := Encrypt(plainPDF(t), "child-pw-99"); err != nil {
			t.Fatalf("Encrypt: %v", err)
		}
		return
	}
	home, tmp := t.TempDir(), t.TempDir()
	if err := os.Chmod(home, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(home, 0o700) })
	cmd := exec.Command(os.Args[0], "-test.run=^TestEncryptWritesNothingInHome$", "-test.count=1")
	cmd.Env = append(os.Environ(), "DISCLOSE_ENCRYPT_CHILD=1", "HOME="+home, "XDG_CONFIG_HOME=", "TMPDIR="+tmp)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	for _, dir := range []string{home, tmp} {
		var found []string
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if p != dir {
				found = append(found, p)
			}
			return nil
		})
		if len(found) > 0 {
			t.Errorf("Encrypt wrote %v", found)
		}
	}
}
