package worker_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/disclose-sar/disclose/internal/blob"
	"github.com/disclose-sar/disclose/internal/pgtest"
	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/worker"
)

// bundleSize is the invented bundle's size: several of the PostgreSQL
// store's 1 MiB chunks and a part.
const bundleSize = 6<<20 + 12345

// TestBundleJobStreamsFile: the bundle job gives its step a file in a
// temporary folder of its own under Config.TempDir and streams what the
// step wrote into the PostgreSQL blob store; the bundle row's SHA-256 and
// size are the stored bytes', a download reads them back byte for byte,
// and the folder is gone afterwards. A save that fails after several
// chunks keeps no part of the blob and no file; its retry builds and
// stores the bundle. A step that fails leaves no file either.
func TestBundleJobStreamsFile(t *testing.T) {
	ctx := context.Background()
	db := postgres.New(pgtest.NewPool(t))
	store := &flakyStore{Store: db.Blobs(), db: db, failFirst: 2<<20 + 7}
	db.Files = store
	tmp := t.TempDir()
	data := make([]byte, bundleSize)
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range data {
		data[i] = byte(rng.Uint32())
	}
	sum := sha256.Sum256(data)
	want := hex.EncodeToString(sum[:])

	var mu sync.Mutex
	var outs []string
	deps := worker.Deps{
		Logger: slog.New(slog.DiscardHandler),
		Bundle: func(_ context.Context, requestID int64, _ []string, out string) (worker.BundleOutput, error) {
			mu.Lock()
			outs = append(outs, out)
			mu.Unlock()
			if err := os.WriteFile(out, data, 0o600); err != nil {
				return worker.BundleOutput{}, err
			}
			var failing bool
			if err := db.Pool.QueryRow(ctx, `SELECT reference = 'FAIL' FROM requests WHERE id = $1`, requestID).Scan(&failing); err != nil {
				return worker.BundleOutput{}, err
			}
			if failing {
				// A step that fails after writing its file (as a leak
				// check that finds something never does: bundle.WriteFile
				// creates the file only once the check has passed).
				return worker.BundleOutput{}, errors.New("bundle leak check: 1 string found in document d1")
			}
			return worker.BundleOutput{Schedule: []any{}, Certificate: map[string]any{"Strings": 1}}, nil
		},
	}
	w, err := worker.New(db, deps, worker.Config{Workers: 1, RetryDelay: time.Millisecond, TempDir: tmp})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer w.Stop(context.Background())

	bundleRequest := func(reference string) int64 {
		t.Helper()
		req, err := db.CreateRequest(ctx, 0, record.Request{Requester: record.Requester{Kind: record.RequesterSubject},
			Subject: record.Subject{Name: "Kim Example"}, Received: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Pool.Exec(ctx, `UPDATE requests SET reference = $2 WHERE id = $1`, req.ID, reference); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SaveDocuments(ctx, req.ID, fakeRecord(2).Documents); err != nil {
			t.Fatal(err)
		}
		// The register a suggestion step stores: it has run over the documents.
		if _, err := db.Pool.Exec(ctx, `INSERT INTO register_persons (request_id, key, position, generation, name, role, kind, label, data)
			VALUES ($1, 'subject', 0, 1, 'Kim Example', 'subject', '', '', '{}')`, req.ID); err != nil {
			t.Fatal(err)
		}
		var id int64
		if err := db.Pool.QueryRow(ctx, `INSERT INTO bundles (request_id, release) VALUES ($1, 1) RETURNING id`, req.ID).Scan(&id); err != nil {
			t.Fatal(err)
		}
		if _, err := w.Enqueue(ctx, nil, worker.BundleArgs{BundleID: id}); err != nil {
			t.Fatal(err)
		}
		return id
	}

	id := bundleRequest("SAR-STREAM")
	b := waitBundleState(t, db, id, "ready")
	if b.SHA256 != want || b.Size != bundleSize {
		t.Errorf("bundle row = sha256 %s, size %d; want %s, %d (the bytes the step wrote)", b.SHA256, b.Size, want, bundleSize)
	}
	if got := store.failedThenStored.Load(); got != 0 {
		t.Errorf("after the save that failed, blobs and blob_chunks held %d rows, want 0: a failed put keeps no part", got)
	}
	if store.puts.Load() != 2 {
		t.Errorf("Put called %d times, want 2 (the failed save and its retry)", store.puts.Load())
	}
	f, err := db.DownloadBundle(ctx, 0, id)
	if err != nil {
		t.Fatalf("DownloadBundle: %v", err)
	}
	rc, err := f.Open(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(rc)
	rc.Close()
	if err != nil || !bytes.Equal(got, data) {
		t.Errorf("downloaded %d bytes (%v), want the %d the step wrote, byte for byte", len(got), err, len(data))
	}

	failed := bundleRequest("FAIL")
	if b := waitBundleState(t, db, failed, "failed"); !strings.Contains(b.Error, "leak check") {
		t.Errorf("failed bundle's error = %q, want the step's", b.Error)
	}

	mu.Lock()
	defer mu.Unlock()
	if len(outs) != 3 {
		t.Errorf("the step ran %d times, want 3 (a build whose save failed, its retry, a failing build)", len(outs))
	}
	for _, out := range outs {
		if rel, err := filepath.Rel(tmp, out); err != nil || strings.HasPrefix(rel, "..") {
			t.Errorf("the step was given %s, want a file under Config.TempDir %s", out, tmp)
		}
	}
	waitEmpty(t, tmp)
}

// flakyStore is a blob store whose first Put fails after failFirst bytes,
// as a database connection lost midway would; it counts what the store
// then holds.
type flakyStore struct {
	blob.Store
	db               *postgres.DB
	failFirst        int64
	puts             atomic.Int64
	failedThenStored atomic.Int64
}

func (s *flakyStore) Put(ctx context.Context, r io.Reader) (string, int64, error) {
	if s.puts.Add(1) > 1 {
		return s.Store.Put(ctx, r)
	}
	key, n, err := s.Store.Put(ctx, io.MultiReader(io.LimitReader(r, s.failFirst), &failingReader{}))
	var rows int64
	if qerr := s.db.Pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM blobs) + (SELECT count(*) FROM blob_chunks)`).Scan(&rows); qerr != nil {
		return "", 0, qerr
	}
	s.failedThenStored.Store(rows)
	if err == nil {
		return key, n, errors.New("flakyStore: the failing Put succeeded")
	}
	return "", 0, err
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("connection lost") }

// waitBundleState waits for a bundle to reach a state.
func waitBundleState(t *testing.T, db *postgres.DB, id int64, state string) postgres.Bundle {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		b, err := db.Bundle(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if b.State == state {
			return b
		}
		if time.Now().After(deadline) {
			t.Fatalf("bundle %d is %s (%s) after 60 s, want %s", id, b.State, b.Error, state)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitEmpty waits for a folder to be empty: a job removes its temporary
// folder as it returns, a moment after it set the bundle's state.
func waitEmpty(t *testing.T, dir string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		left, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(left) == 0 {
			return
		}
		if time.Now().After(deadline) {
			var names []string
			for _, e := range left {
				names = append(names, e.Name())
			}
			t.Fatalf("%s still holds %v: a bundle job left its temporary files", dir, names)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
