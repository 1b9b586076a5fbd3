package postgres_test

import (
	"testing"

	"github.com/disclose-sar/disclose/internal/blob/blobtest"
	"github.com/disclose-sar/disclose/internal/pgtest"
	"github.com/disclose-sar/disclose/internal/postgres"
)

func TestBlobs(t *testing.T) { blobtest.Run(t, postgres.New(pgtest.NewPool(t)).Blobs()) }
