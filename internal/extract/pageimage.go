package extract

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"image"
	_ "image/jpeg" // scanned images in a record
	_ "image/png"
	"path/filepath"
	"strings"
	"sync"

	_ "golang.org/x/image/tiff" // scanned TIFFs

	"github.com/disclose-sar/disclose/internal/record"
)

// MaxScanPixels bounds a scanned image decoded for burning: an A3 page at
// 600 dpi is ~70 M pixels; a header claiming more is a decompression bomb.
const MaxScanPixels = 100 << 20

// PageImager returns the one renderer of scanned pages both bundle drivers
// use: page (1-based) of a document's source file at dpi — a PDF page
// through PDFium, an image decoded, frame N of a multi-page TIFF for page
// N. open reads the document's source bytes (and checks they are still
// what was read). The last file read is kept, since a scanned document's
// pages are asked for in turn. Every guard is here: a page an image file
// does not have is an error (page N's word boxes must never be burned into
// page 1's pixels), and so is an image too large to decode.
func (x *Extractor) PageImager(open func(*record.Document) ([]byte, error)) func(context.Context, *record.Document, int, int) (image.Image, error) {
	var mu sync.Mutex
	var lastKey string
	var lastData []byte
	return func(ctx context.Context, d *record.Document, page, dpi int) (image.Image, error) {
		mu.Lock()
		defer mu.Unlock()
		if key := d.ID + "\x00" + d.Hash; key != lastKey {
			data, err := open(d)
			if err != nil {
				return nil, err
			}
			lastKey, lastData = key, data
		}
		if strings.EqualFold(filepath.Ext(d.Path), ".pdf") {
			return x.RenderPage(ctx, lastData, page, dpi)
		}
		return decodeFrame(lastData, page, d.ID)
	}
}

// decodeFrame decodes page (1-based) of an image file: any page of a TIFF,
// only page 1 of a single-image format.
func decodeFrame(data []byte, page int, docID string) (image.Image, error) {
	if page < 1 {
		return nil, fmt.Errorf("document %s: no page %d", docID, page)
	}
	if isTIFF(data) {
		f, err := tiffFrame(data, page)
		if err != nil {
			return nil, fmt.Errorf("document %s: %w", docID, err)
		}
		data = f
	} else if page != 1 {
		return nil, fmt.Errorf("document %s: page %d of a single-image file cannot be rendered", docID, page)
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("document %s: decode image: %w", docID, err)
	}
	if int64(cfg.Width)*int64(cfg.Height) > MaxScanPixels {
		return nil, fmt.Errorf("document %s: image of %dx%d pixels is too large to render", docID, cfg.Width, cfg.Height)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("document %s: decode image: %w", docID, err)
	}
	return img, nil
}

// tiffFrame returns a copy of a TIFF whose first image is frame n (1-based):
// the header's first-IFD offset is pointed at the nth IFD of the chain, so
// a decoder that reads only the first image reads that one.
func tiffFrame(data []byte, n int) ([]byte, error) {
	if len(data) < 8 {
		return nil, fmt.Errorf("TIFF header truncated")
	}
	var bo binary.ByteOrder = binary.LittleEndian
	if data[0] == 'M' {
		bo = binary.BigEndian
	}
	off := bo.Uint32(data[4:8])
	for i := 1; i < n; i++ {
		if off == 0 || uint64(off)+2 > uint64(len(data)) {
			return nil, fmt.Errorf("TIFF has no page %d", n)
		}
		entries := uint64(bo.Uint16(data[off:]))
		next := uint64(off) + 2 + entries*12
		if next+4 > uint64(len(data)) {
			return nil, fmt.Errorf("TIFF directory %d truncated", i)
		}
		off = bo.Uint32(data[next:])
	}
	if off == 0 || uint64(off) >= uint64(len(data)) {
		return nil, fmt.Errorf("TIFF has no page %d", n)
	}
	out := bytes.Clone(data)
	bo.PutUint32(out[4:8], off)
	return out, nil
}
