package blob

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// Dir stores blobs as files under a directory on this node's disk, one
// file per key in a folder named after the key's first two characters.
// It is the single-node store: another node cannot read it.
type Dir struct {
	Root string
}

var (
	_ Store     = Dir{}
	_ Collector = Dir{}
)

func (d Dir) path(key string) string { return filepath.Join(d.Root, key[:2], key) }

// Put writes r to a temporary file while hashing it, then renames it to
// its key (an existing file of that key is the same content and stays).
func (d Dir) Put(ctx context.Context, r io.Reader) (string, int64, error) {
	if err := os.MkdirAll(d.Root, 0o700); err != nil {
		return "", 0, fmt.Errorf("blob put: %w", err)
	}
	tmp, err := os.CreateTemp(d.Root, ".put-*")
	if err != nil {
		return "", 0, fmt.Errorf("blob put: %w", err)
	}
	defer os.Remove(tmp.Name()) // gone already once renamed
	h := NewHasher()
	_, err = io.Copy(io.MultiWriter(tmp, h), &ctxReader{ctx, r})
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", 0, fmt.Errorf("blob put: %w", err)
	}
	key := h.Key()
	p := d.path(key)
	if _, err := os.Stat(p); err == nil {
		now := time.Now()
		os.Chtimes(p, now, now) // stored anew (Collector)
		return key, h.Size(), nil
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return "", 0, fmt.Errorf("blob put: %w", err)
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		return "", 0, fmt.Errorf("blob put: %w", err)
	}
	return key, h.Size(), nil
}

// Open opens the blob's file.
func (d Dir) Open(_ context.Context, key string) (io.ReadCloser, error) {
	if !ValidKey(key) {
		return nil, fmt.Errorf("blob %q: %w", key, ErrNotFound)
	}
	f, err := os.Open(d.path(key))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("blob %s: %w", key, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("blob %s: %w", key, err)
	}
	return f, nil
}

// ctxReader stops a long copy when its context ends.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// Older lists the blobs whose files were written before t.
func (d Dir) Older(_ context.Context, t time.Time) ([]string, error) {
	var keys []string
	err := filepath.WalkDir(d.Root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if e.IsDir() || !ValidKey(e.Name()) {
			return nil
		}
		if info, err := e.Info(); err == nil && info.ModTime().Before(t) {
			keys = append(keys, e.Name())
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("blob list: %w", err)
	}
	return keys, nil
}

// Delete removes the blob's file if it was last written before t.
func (d Dir) Delete(_ context.Context, key string, t time.Time) error {
	if !ValidKey(key) {
		return nil
	}
	if info, err := os.Stat(d.path(key)); err != nil || !info.ModTime().Before(t) {
		return nil
	}
	if err := os.Remove(d.path(key)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("blob %s: %w", key, err)
	}
	return nil
}
