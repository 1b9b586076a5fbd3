package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path/filepath"
)

// Fingerprint identifies a record folder's state without reading its files:
// every path with its size and modification time. It changes when a file is
// added, removed, renamed or rewritten, so a cached index keyed by it is
// rebuilt; it lets `disclose search` reuse an index without re-extracting
// (and re-OCRing) the record.
func Fingerprint(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	err = filepath.WalkDir(abs, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(abs, p)
		fmt.Fprintf(h, "%s\x00%d\x00%d\x00%o\n", filepath.ToSlash(rel), info.Size(), info.ModTime().UnixNano(), info.Mode())
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("ingest %s: %w", dir, err)
	}
	return hex.EncodeToString(h.Sum(nil)[:12]), nil
}
