package ingest

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestFingerprint(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.txt", "one")
	fp := func() string {
		s, err := Fingerprint(dir)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	first := fp()
	if again := fp(); again != first {
		t.Errorf("Fingerprint changed with no change: %s, %s", first, again)
	}
	write("b.txt", "two")
	second := fp()
	if second == first {
		t.Error("Fingerprint unchanged after adding a file")
	}
	os.Chtimes(filepath.Join(dir, "a.txt"), time.Now(), time.Now().Add(time.Hour))
	if fp() == second {
		t.Error("Fingerprint unchanged after a file was rewritten")
	}
}
