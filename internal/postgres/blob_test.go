package postgres_test

import (
	"context"
	"testing"

	"github.com/disclose-sar/disclose/internal/blob/blobtest"
	"github.com/disclose-sar/disclose/internal/pgtest"
	"github.com/disclose-sar/disclose/internal/postgres"
)

func TestBlobs(t *testing.T) { blobtest.Run(t, postgres.New(pgtest.NewPool(t)).Blobs()) }

// TestBlobsStream: a file of many 1 MiB chunks is written chunk by chunk
// (the heap never holds it) and reads back byte for byte.
func TestBlobsStream(t *testing.T) { blobtest.Streams(t, postgres.New(pgtest.NewPool(t)).Blobs()) }

// TestBlobsFailedPut: a Put whose reader fails, or whose context ends,
// after several chunks leaves no row in blobs or blob_chunks.
func TestBlobsFailedPut(t *testing.T) {
	db := postgres.New(pgtest.NewPool(t))
	blobtest.FailedPut(t, db.Blobs(), func(t *testing.T) int {
		var n int
		if err := db.Pool.QueryRow(context.Background(),
			`SELECT (SELECT count(*) FROM blobs) + (SELECT count(*) FROM blob_chunks)`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	})
}
