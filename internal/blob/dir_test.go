package blob_test

import (
	"io/fs"
	"path/filepath"
	"testing"

	"github.com/disclose-sar/disclose/internal/blob"
	"github.com/disclose-sar/disclose/internal/blob/blobtest"
)

func TestDir(t *testing.T) { blobtest.Run(t, blob.Dir{Root: t.TempDir()}) }

// TestDirStreams: a file of several MiB is stored and read back byte for
// byte without the store holding it.
func TestDirStreams(t *testing.T) { blobtest.Streams(t, blob.Dir{Root: t.TempDir()}) }

// TestDirFailedPut: a Put that fails midway leaves no file behind, not
// even its temporary one.
func TestDirFailedPut(t *testing.T) {
	d := blob.Dir{Root: t.TempDir()}
	blobtest.FailedPut(t, d, func(t *testing.T) int {
		n := 0
		err := filepath.WalkDir(d.Root, func(_ string, e fs.DirEntry, err error) error {
			if err == nil && !e.IsDir() {
				n++
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return n
	})
}
