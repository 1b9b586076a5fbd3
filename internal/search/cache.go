package search

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"

	"github.com/disclose-sar/disclose/internal/record"
)

// Indexes are derived data, cached under DataDir/index in a folder named by
// a hash of the record's absolute path and a fingerprint of its content, so
// a changed record gets a fresh index and the stale one is removed.

// ErrNotCached is returned by OpenCached when no index matches.
var ErrNotCached = errors.New("search: no cached index for this record")

// indexDir is where the index of the record in recordDir with the given
// content fingerprint lives.
func indexDir(opts Options, recordDir string, docs []record.Document) string {
	fp := opts.Fingerprint
	if fp == "" {
		fp = fingerprint(docs, opts.Salt)
	} else {
		h := sha256.Sum256([]byte("schema " + schemaVersion + "\nsalt " + opts.Salt + "\nfp " + fp))
		fp = "f" + hex.EncodeToString(h[:8])
	}
	return filepath.Join(opts.DataDir, "index", recordKey(recordDir)+"-"+fp)
}

// OpenCached opens the cached index of the record in recordDir built with
// opts.Fingerprint, without reading the record; ErrNotCached when none.
func OpenCached(recordDir string, opts Options) (*Index, error) {
	if opts.DataDir == "" || opts.Fingerprint == "" {
		return nil, ErrNotCached
	}
	dir := indexDir(opts, recordDir, nil)
	if _, err := os.Stat(filepath.Join(dir, "index_meta.json")); err != nil {
		return nil, ErrNotCached
	}
	bi, err := bleve.Open(dir)
	if err != nil {
		return nil, ErrNotCached
	}
	return &Index{bi: bi, Path: dir}, nil
}

// Open returns the index of rec under opts.DataDir, building it when there
// is none or the record changed since it was built. built says which.
func Open(ctx context.Context, rec *record.Record, opts Options) (x *Index, built bool, err error) {
	if opts.DataDir == "" {
		return nil, false, fmt.Errorf("search: no data directory")
	}
	base := filepath.Join(opts.DataDir, "index")
	key := recordKey(rec.Dir)
	dir := indexDir(opts, rec.Dir, rec.Documents)
	if _, err := os.Stat(filepath.Join(dir, "index_meta.json")); err == nil {
		bi, err := bleve.Open(dir)
		if err == nil {
			return &Index{bi: bi, Path: dir}, false, nil
		}
		// A damaged cache is rebuilt: the index is derived data.
		os.RemoveAll(dir)
	}
	if err := os.MkdirAll(base, 0o700); err != nil {
		return nil, false, fmt.Errorf("search: %w", err)
	}
	tmp, err := os.MkdirTemp(base, key+".building-")
	if err != nil {
		return nil, false, fmt.Errorf("search: %w", err)
	}
	defer os.RemoveAll(tmp)
	nx, err := Build(ctx, filepath.Join(tmp, "idx"), rec.Documents, opts.People)
	if err != nil {
		return nil, false, err
	}
	if err := nx.Close(); err != nil {
		return nil, false, fmt.Errorf("search: %w", err)
	}
	// Replace any stale index of the same record, then move the new one in.
	if old, _ := filepath.Glob(filepath.Join(base, key+"-*")); len(old) > 0 {
		for _, o := range old {
			os.RemoveAll(o)
		}
	}
	if err := os.Rename(filepath.Join(tmp, "idx"), dir); err != nil {
		return nil, false, fmt.Errorf("search: %w", err)
	}
	bi, err := bleve.Open(dir)
	if err != nil {
		return nil, false, fmt.Errorf("search: open %s: %w", dir, err)
	}
	return &Index{bi: bi, Path: dir}, true, nil
}

func recordKey(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	h := sha256.Sum256([]byte(abs))
	return hex.EncodeToString(h[:8])
}

// fingerprint identifies the indexed content: it changes when any document,
// its text, its duplicate mark, the salt or the schema changes.
func fingerprint(docs []record.Document, salt string) string {
	lines := make([]string, 0, len(docs))
	for i := range docs {
		d := &docs[i]
		lines = append(lines, d.ID+" "+d.Hash+" "+d.TextHash+" "+d.DuplicateOf+" "+d.Location)
	}
	sort.Strings(lines)
	h := sha256.New()
	fmt.Fprintf(h, "schema %s\nsalt %s\n", schemaVersion, salt)
	h.Write([]byte(strings.Join(lines, "\n")))
	return hex.EncodeToString(h.Sum(nil)[:8])
}
