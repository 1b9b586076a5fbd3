package service

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // scanned images in a record
	_ "image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	_ "golang.org/x/image/tiff" // scanned TIFFs

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
			root = filepath.Dir(l.Path) // the request's upload folder, which holds subject.json
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

// pageImager renders a scanned page from its source file, as the batch
// path does (cmd/disclose/bundle.go): a PDF page through the shared PDFium
// engine, an image decoded. The file is looked for under each of the
// request's source folders and must still hash to what was read, or its
// word boxes would be burned onto a different picture. The last file read
// is kept, since a scanned document's pages are asked for in turn.
func pageImager(x *extract.Extractor, roots []string) func(context.Context, *record.Document, int, int) (image.Image, error) {
	var mu sync.Mutex
	var lastKey string
	var lastData []byte
	return func(ctx context.Context, d *record.Document, page, dpi int) (image.Image, error) {
		mu.Lock()
		defer mu.Unlock()
		key := d.ID
		if key != lastKey {
			data, err := readSource(d, roots)
			if err != nil {
				return nil, err
			}
			lastKey, lastData = key, data
		}
		if strings.EqualFold(filepath.Ext(d.Path), ".pdf") {
			return x.RenderPage(ctx, lastData, page, dpi)
		}
		img, _, err := image.Decode(bytes.NewReader(lastData))
		if err != nil {
			return nil, fmt.Errorf("decode %s: %w", d.Path, err)
		}
		return img, nil
	}
}

// readSource finds a document's source file under roots. A part of a file
// (an email's attachment, a case note) has no file of its own to render.
func readSource(d *record.Document, roots []string) ([]byte, error) {
	if d.Part != "" {
		return nil, fmt.Errorf("%s: %w", d.Path, errNoSource)
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
