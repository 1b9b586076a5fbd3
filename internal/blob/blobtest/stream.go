package blobtest

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"

	"github.com/disclose-sar/disclose/internal/blob"
)

// StreamSize is the file Streams stores: several of the PostgreSQL
// store's 1 MiB chunks and a part, and large enough that a store holding
// it whole shows in the heap.
const StreamSize = 24<<20 + 4321

// Streams stores a file of StreamSize bytes from disk and reads it back
// byte for byte, and reports how far the heap grew while the store read
// it: it fails when the growth reaches half the file (a store holding
// the whole file, or a copy of it, in memory). Run it in a test that is
// not parallel, so the heap is the store's.
func Streams(t *testing.T, s blob.Store) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "large.bin")
	want := writeRandom(t, path, StreamSize, 7)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// The collector runs often meanwhile, so what the heap holds is what
	// the store keeps, not garbage waiting for the next cycle.
	defer debug.SetGCPercent(debug.SetGCPercent(10))
	heap := newHeapWatch()
	key, n, err := s.Put(ctx, &watchedReader{r: f, w: heap})
	if err != nil {
		t.Fatalf("Put(%d-byte file): %v", StreamSize, err)
	}
	if key != want || n != StreamSize {
		t.Fatalf("Put(%d-byte file) = %s, %d; want %s, %d", StreamSize, key, n, want, StreamSize)
	}
	grew := heap.peak - heap.base
	t.Logf("Put of a %.1f MiB file: heap grew by at most %.1f MiB while it was read", mib(StreamSize), mib(grew))
	if grew >= StreamSize/2 {
		t.Errorf("Put of a %.1f MiB file: the heap grew by %.1f MiB; want a store that streams, holding far less than the file",
			mib(StreamSize), mib(grew))
	}
	rc, err := s.Open(ctx, key)
	if err != nil {
		t.Fatalf("Open(%s): %v", key, err)
	}
	defer rc.Close()
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	if at, err := sameStream(bufio.NewReader(f), rc); err != nil {
		t.Fatalf("Open(%s) reads back differently from byte %d: %v", key, at, err)
	}
}

// FailedPut gives Put a reader that fails after several chunks and checks
// that the store keeps nothing of it: stored counts what the store holds
// (files under its directory, rows of its tables), which must be the same
// after the failed Put as before it.
func FailedPut(t *testing.T, s blob.Store, stored func(t *testing.T) int) {
	ctx := context.Background()
	const good = 3<<20 + 99
	data := randomBytes(good, 11)
	boom := errors.New("the disk went away")
	before := stored(t)
	_, _, err := s.Put(ctx, io.MultiReader(bytes.NewReader(data), &failing{err: boom}))
	if !errors.Is(err, boom) {
		t.Errorf("Put(a reader failing after %d bytes) = %v, want its error", good, err)
	}
	if after := stored(t); after != before {
		t.Errorf("after a failed Put the store holds %d things, before it %d: want nothing kept of it", after, before)
	}
	sum := sha256.Sum256(data)
	if _, err := s.Open(ctx, hex.EncodeToString(sum[:])); !errors.Is(err, blob.ErrNotFound) {
		t.Errorf("Open(what the failed Put read) = %v, want ErrNotFound", err)
	}
	// The context ending midway fails the Put the same way.
	cctx, cancel := context.WithCancel(ctx)
	r := &cancelling{r: bytes.NewReader(data), after: 2 << 20, cancel: cancel}
	if _, _, err := s.Put(cctx, r); err == nil {
		t.Errorf("Put with its context ended midway = nil error, want one")
	}
	cancel()
	if after := stored(t); after != before {
		t.Errorf("after a Put whose context ended the store holds %d things, before it %d: want nothing kept of it", after, before)
	}
}

type failing struct{ err error }

func (f *failing) Read([]byte) (int, error) { return 0, f.err }

// cancelling ends its context once it has given after bytes.
type cancelling struct {
	r      io.Reader
	after  int
	cancel func()
}

func (c *cancelling) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if c.after -= n; c.after <= 0 {
		c.cancel()
	}
	return n, err
}

func randomBytes(n int, seed uint64) []byte {
	rng := rand.New(rand.NewPCG(seed, seed))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	return b
}

// writeRandom writes n pseudo-random bytes to path a block at a time and
// returns their hex SHA-256.
func writeRandom(t *testing.T, path string, n int, seed uint64) string {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	w := io.MultiWriter(f, h)
	for i, left := uint64(0), n; left > 0; i++ {
		b := randomBytes(min(left, 1<<20), seed+i)
		if _, err := w.Write(b); err != nil {
			t.Fatal(err)
		}
		left -= len(b)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// sameStream compares two readers block by block; it returns the offset
// of the first difference.
func sameStream(a, b io.Reader) (int64, error) {
	ba, bb := make([]byte, 64<<10), make([]byte, 64<<10)
	var off int64
	for {
		na, ea := io.ReadFull(a, ba)
		nb, eb := io.ReadFull(b, bb)
		if !bytes.Equal(ba[:na], bb[:nb]) {
			for i := 0; i < min(na, nb); i++ {
				if ba[i] != bb[i] {
					return off + int64(i), errors.New("bytes differ")
				}
			}
			return off + int64(min(na, nb)), errors.New("lengths differ")
		}
		off += int64(na)
		if ea == io.EOF || ea == io.ErrUnexpectedEOF {
			if eb != io.EOF && eb != io.ErrUnexpectedEOF {
				return off, errors.New("the stored blob is longer")
			}
			return off, nil
		}
		if ea != nil {
			return off, ea
		}
		if eb != nil {
			return off, eb
		}
	}
}

// heapWatch samples the heap's objects (live and not yet swept) as a
// reader is read.
type heapWatch struct {
	s          []metrics.Sample
	base, peak int
}

func newHeapWatch() *heapWatch {
	runtime.GC()
	w := &heapWatch{s: []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}}
	w.base = w.read()
	w.peak = w.base
	return w
}

func (w *heapWatch) read() int {
	metrics.Read(w.s)
	return int(w.s[0].Value.Uint64())
}

func (w *heapWatch) sample() { w.peak = max(w.peak, w.read()) }

// watchedReader samples the heap before each read: by the time the store
// asks for more, it holds what it kept of the bytes before.
type watchedReader struct {
	r io.Reader
	w *heapWatch
}

func (r *watchedReader) Read(p []byte) (int, error) {
	r.w.sample()
	return r.r.Read(p)
}

func mib(n int) float64 { return float64(n) / (1 << 20) }
