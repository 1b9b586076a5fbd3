package service

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/disclose-sar/disclose/internal/blob"
	"github.com/disclose-sar/disclose/internal/extract"
	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/record"
)

// errNoSource: a scanned document's source file is not where it was read
// from (an upload cleared away, a folder moved) or is no longer the same
// file. The bundle then sets the page as text from its OCR words and says
// so in its warnings.
var errNoSource = errors.New("source file not found (moved, removed or changed since it was read)")

// sourceRoots lists the folders a request's documents were read from, each
// checked again against today's configuration: record folders must still
// lie under a record root, uploads under the data directory.
func (s *Service) sourceRoots(ctx context.Context, requestID int64) ([]string, error) {
	locs, err := s.DB.RequestLocations(ctx, requestID)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, l := range locs {
		var root string
		switch l.Source {
		case postgres.LocationFolder:
			if root, err = AllowedRecord(l.Path, s.cfg.RecordRoots); err != nil {
				continue
			}
		case postgres.LocationUpload:
			if strings.HasPrefix(l.Path, "blobs:") {
				continue // in the blob store: readSource finds its files by hash
			}
			root = filepath.Dir(l.Path) // an upload folder of before the blob store, which holds subject.json
			if _, err := AllowedRecord(root, []string{s.uploadsDir()}); err != nil {
				continue
			}
		}
		if root != "" && !slices.Contains(out, root) {
			out = append(out, root)
		}
	}
	return out, nil
}

// maxSourceBytes bounds a source file read back to render its pages.
const maxSourceBytes = 1 << 30

// readSource finds a document's source file: an uploaded one in the blob
// store by its hash (on any node), else under roots. A part of a file (an
// email's attachment, a case note) has no file of its own to render.
func (s *Service) readSource(ctx context.Context, d *record.Document, roots []string) ([]byte, error) {
	if d.Part != "" {
		return nil, fmt.Errorf("%s: %w", d.Path, errNoSource)
	}
	if s.cfg.Blobs != nil && blob.ValidKey(d.Hash) {
		data, err := blob.ReadAll(ctx, s.cfg.Blobs, d.Hash, maxSourceBytes)
		if err == nil {
			return data, nil
		}
		if !errors.Is(err, blob.ErrNotFound) {
			return nil, fmt.Errorf("%s: %w", d.Path, err)
		}
	}
	rel := filepath.FromSlash(d.Path)
	if !filepath.IsLocal(rel) {
		return nil, fmt.Errorf("%s: %w", d.Path, errNoSource)
	}
	for _, root := range roots {
		data, err := os.ReadFile(filepath.Join(root, rel))
		if err != nil {
			continue
		}
		if d.Hash != "" && extract.HashBytes(data) != d.Hash {
			continue
		}
		return data, nil
	}
	return nil, fmt.Errorf("%s: %w", d.Path, errNoSource)
}
