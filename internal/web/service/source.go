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

// sources is where a request's documents were read from: record folders
// and upload folders of before the blob store, and the files uploaded to
// the blob store by path.
type sources struct {
	roots   []string
	uploads map[string]string // location/name → blob key
}

// sourceRoots finds where a request's documents were read from, each
// folder checked again against today's configuration: record folders must
// still lie under a record root, old uploads under the data directory.
func (s *Service) sourceRoots(ctx context.Context, requestID int64) (sources, error) {
	locs, err := s.DB.RequestLocations(ctx, requestID)
	if err != nil {
		return sources{}, err
	}
	files, err := s.DB.UploadFiles(ctx, requestID)
	if err != nil {
		return sources{}, err
	}
	out := sources{uploads: map[string]string{}}
	for _, f := range files {
		out.uploads[f.Location+"/"+f.Name] = f.SHA256
	}
	for _, l := range locs {
		var root string
		switch l.Source {
		case postgres.LocationFolder:
			if root, err = AllowedRecord(l.Path, s.cfg.RecordRoots); err != nil {
				continue
			}
		case postgres.LocationUpload:
			if strings.HasPrefix(l.Path, "blobs:") {
				continue // in the blob store: out.uploads
			}
			root = filepath.Dir(l.Path) // an upload folder of before the blob store, which holds subject.json
			if _, err := AllowedRecord(root, []string{s.uploadsDir()}); err != nil {
				continue
			}
		}
		if root != "" && !slices.Contains(out.roots, root) {
			out.roots = append(out.roots, root)
		}
	}
	return out, nil
}

// maxSourceBytes bounds a source file read back to render its pages.
const maxSourceBytes = 1 << 30

// readSource finds a document's source file: in the blob store (on any
// node) by its hash, or as the file uploaded at its path (a converted
// document keeps no hash), else under the folders. A part of a file (an
// email's attachment, a case note) has no file of its own to render.
func (s *Service) readSource(ctx context.Context, d *record.Document, src sources) ([]byte, error) {
	if d.Part != "" {
		return nil, fmt.Errorf("%s: %w", d.Path, errNoSource)
	}
	key := d.Hash
	if up, ok := src.uploads[d.Path]; ok && key == "" {
		key = up
	}
	if s.cfg.Blobs != nil && blob.ValidKey(key) {
		data, err := blob.ReadAll(ctx, s.cfg.Blobs, key, maxSourceBytes)
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
	for _, root := range src.roots {
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
