// Package blobtest checks that a blob.Store keeps its contract; each
// store's tests run it against a real instance.
package blobtest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/disclose-sar/disclose/internal/blob"
)

// Run stores, reads back and de-duplicates blobs of several sizes, and
// checks a missing key and an oversized Put.
func Run(t *testing.T, s blob.Store) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(1, 2))
	for _, size := range []int{0, 1, 1<<20 - 1, 1 << 20, 3<<20 + 17} {
		data := make([]byte, size)
		for i := range data {
			data[i] = byte(rng.Uint32())
		}
		sum := sha256.Sum256(data)
		want := hex.EncodeToString(sum[:])
		for range 2 { // the second Put finds the first
			key, n, err := s.Put(ctx, bytes.NewReader(data))
			if err != nil {
				t.Fatalf("Put(%d bytes): %v", size, err)
			}
			if key != want || n != int64(size) {
				t.Fatalf("Put(%d bytes) = %s, %d; want %s, %d", size, key, n, want, size)
			}
		}
		rc, err := s.Open(ctx, want)
		if err != nil {
			t.Fatalf("Open(%d bytes): %v", size, err)
		}
		got, err := io.ReadAll(rc)
		rc.Close()
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("Open(%d bytes) read %d bytes, %v; want the %d stored", size, len(got), err, size)
		}
	}
	missing := hex.EncodeToString(make([]byte, 32))
	if _, err := s.Open(ctx, missing); !errors.Is(err, blob.ErrNotFound) {
		t.Errorf("Open(missing) = %v, want ErrNotFound", err)
	}
	if _, err := s.Open(ctx, "../etc/passwd"); !errors.Is(err, blob.ErrNotFound) {
		t.Errorf("Open(bad key) = %v, want ErrNotFound", err)
	}
	big := bytes.Repeat([]byte("x"), 2<<20)
	if _, _, err := s.Put(ctx, blob.Limit(bytes.NewReader(big), 1<<20)); !errors.Is(err, blob.ErrTooLarge) {
		t.Errorf("Put(over the limit) = %v, want ErrTooLarge", err)
	}
	sum := sha256.Sum256(big)
	if _, err := s.Open(ctx, hex.EncodeToString(sum[:])); !errors.Is(err, blob.ErrNotFound) {
		t.Errorf("Open(the refused blob) = %v, want ErrNotFound: a refused Put keeps nothing", err)
	}
}
