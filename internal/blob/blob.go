// Package blob stores the files a request is made of — uploaded originals
// and built bundles — by their content: a blob's key is the hex SHA-256 of
// its bytes, so the same file stored twice is kept once, a key names
// exactly one content forever, and a document's stored hash (record.Document.Hash)
// finds its source file again. Two stores implement Store: Dir, a directory
// on one node's disk (the single-node default), and the PostgreSQL store
// in internal/postgres (blob.go), shared by every node of a cluster.
//
// Blobs stream in and out: no store holds a whole file in memory.
package blob

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"time"
)

// ErrNotFound: no blob has that key.
var ErrNotFound = errors.New("blob not found")

// ErrTooLarge: a Put's reader gave more than its limit.
var ErrTooLarge = errors.New("blob larger than its limit")

// Store keeps blobs by content.
type Store interface {
	// Put stores what r gives and returns its key and size. Storing a
	// content that is already there is not an error and keeps one copy.
	Put(ctx context.Context, r io.Reader) (key string, size int64, err error)
	// Open reads a blob; ErrNotFound (wrapped) when there is none.
	Open(ctx context.Context, key string) (io.ReadCloser, error)
}

// Collector is a Store whose blobs can be listed and removed: the
// service removes blobs nothing refers to any more (a request deleted
// after its retention period takes its originals with it). A Put of
// content already stored marks it stored anew, so a blob that an upload
// is about to name again is not removed under it.
type Collector interface {
	// Older lists the keys of blobs last stored before t.
	Older(ctx context.Context, t time.Time) ([]string, error)
	// Delete removes a blob if it was last stored before t; a missing
	// one is not an error.
	Delete(ctx context.Context, key string, t time.Time) error
}

// ValidKey reports whether key is a hex SHA-256, as Put makes them.
func ValidKey(key string) bool {
	if len(key) != 2*sha256.Size {
		return false
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// Hasher counts and hashes what passes through it, so a store learns a
// blob's key as it writes it.
type Hasher struct {
	h hash.Hash
	n int64
}

// NewHasher returns an empty Hasher.
func NewHasher() *Hasher { return &Hasher{h: sha256.New()} }

// Write implements io.Writer.
func (h *Hasher) Write(p []byte) (int, error) {
	h.n += int64(len(p))
	return h.h.Write(p)
}

// Key is the hex SHA-256 of what was written.
func (h *Hasher) Key() string { return hex.EncodeToString(h.h.Sum(nil)) }

// Size is how many bytes were written.
func (h *Hasher) Size() int64 { return h.n }

// Limit returns a reader of r that fails with ErrTooLarge once r gives
// more than n bytes, so a Put of an oversized upload fails and keeps
// nothing.
func Limit(r io.Reader, n int64) io.Reader { return &limited{r: r, left: n} }

type limited struct {
	r    io.Reader
	left int64
}

func (l *limited) Read(p []byte) (int, error) {
	if l.left < 0 {
		return 0, ErrTooLarge
	}
	if int64(len(p)) > l.left+1 {
		p = p[:l.left+1]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	if l.left < 0 {
		return n, ErrTooLarge
	}
	return n, err
}

// CopyToFile writes a blob to a new file at path (mode 0600), streaming.
func CopyToFile(ctx context.Context, s Store, key, path string) error {
	rc, err := s.Open(ctx, key)
	if err != nil {
		return err
	}
	defer rc.Close()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("blob %s: %w", key, err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("blob %s: %w", key, err)
	}
	_, err = io.Copy(f, rc)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("blob %s: %w", key, err)
	}
	return nil
}

// ReadAll reads a whole blob, for the few callers that need bytes (a
// source file rendered for a bundle's pages). It refuses more than max bytes.
func ReadAll(ctx context.Context, s Store, key string, max int64) ([]byte, error) {
	rc, err := s.Open(ctx, key)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(Limit(rc, max))
	if err != nil {
		return nil, fmt.Errorf("blob %s: %w", key, err)
	}
	return b, nil
}
