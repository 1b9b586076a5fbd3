package blob_test

import (
	"testing"

	"github.com/disclose-sar/disclose/internal/blob"
	"github.com/disclose-sar/disclose/internal/blob/blobtest"
)

func TestDir(t *testing.T) { blobtest.Run(t, blob.Dir{Root: t.TempDir()}) }
