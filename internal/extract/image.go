package extract

import (
	"bytes"
	"context"
	"encoding/binary"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/disclose-sar/disclose/internal/record"
)

// imageFile OCRs a scanned image (.png .jpg .tif; a multi-page TIFF gives
// a page each). Boxes are in points at the image's own resolution, or
// 300 dpi when it records none.
func (x *Extractor) imageFile(ctx context.Context, rel string, data []byte) ([]record.Document, []error) {
	doc := record.Document{Format: record.FormatImage, Pages: 1}
	bin, err := x.tesseract()
	if err != nil {
		doc.NeedsOCR = true
		doc.PageInfo = []record.PageInfo{{Number: 1, Scanned: true}}
		return []record.Document{doc}, []error{err}
	}
	pages, dpi, err := ocrImage(ctx, bin, data, path.Ext(rel))
	if err != nil {
		return nil, []error{err}
	}
	var t pageText
	doc.Pages = len(pages)
	for i := range pages {
		p := &pages[i]
		doc.PageInfo = append(doc.PageInfo, record.PageInfo{Number: i + 1, Scanned: true, OCRDPI: dpi,
			Width: float32(p.width) * 72 / float32(dpi), Height: float32(p.height) * 72 / float32(dpi)})
		for _, l := range p.lines {
			t.addOCRLine(i+1, l)
		}
		doc.OCRPages++
	}
	t.fill(&doc)
	return []record.Document{doc}, nil
}

// ocrImage OCRs an image's bytes (ext names its format) with tesseract
// bin: its pages, boxes in points at the image's own resolution or 300 dpi
// when it records none, and that resolution.
func ocrImage(ctx context.Context, bin string, data []byte, ext string) ([]ocrPage, int, error) {
	dpi := imageDPI(data)
	if dpi < 50 || dpi > 2400 {
		dpi = 0 // absent or implausible
	}
	pass := 0 // tesseract reads a TIFF's resolution itself
	if dpi == 0 && !isTIFF(data) {
		pass = 300
	}
	if dpi == 0 {
		dpi = 300
	}
	dir, err := os.MkdirTemp("", "disclose-ocr-")
	if err != nil {
		return nil, 0, &Error{Kind: ErrNeedsOCR, Msg: "temporary folder: " + err.Error()}
	}
	defer os.RemoveAll(dir)
	// The temporary name keeps only the extension: the record's file names
	// can hold personal data and odd characters.
	tmp := filepath.Join(dir, "image"+strings.ToLower(ext))
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return nil, 0, &Error{Kind: ErrNeedsOCR, Msg: err.Error()}
	}
	pages, err := runOCR(ctx, bin, tmp, pass)
	if err != nil || len(pages) == 0 {
		if err == nil {
			err = &Error{Kind: ErrCorrupt, Msg: "tesseract read no page"}
		}
		return nil, 0, &Error{Kind: ErrCorrupt, Msg: err.Error()}
	}
	for i := range pages {
		pages[i].toPoints(dpi)
	}
	return pages, dpi, nil
}

func isTIFF(b []byte) bool {
	return bytes.HasPrefix(b, []byte("II*\x00")) || bytes.HasPrefix(b, []byte("MM\x00*"))
}

// imageDPI reads the resolution a PNG (pHYs chunk) or JPEG (JFIF header)
// records; 0 when it records none.
func imageDPI(b []byte) int {
	switch {
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		for p := 8; p+12 <= len(b); {
			n := int(binary.BigEndian.Uint32(b[p:]))
			typ := string(b[p+4 : p+8])
			if typ == "pHYs" && n >= 9 && p+8+9 <= len(b) {
				ppu := binary.BigEndian.Uint32(b[p+8:])
				if b[p+16] == 1 { // metres
					return int(float64(ppu)*0.0254 + 0.5)
				}
				return 0
			}
			if typ == "IDAT" || n < 0 || n > len(b) {
				return 0
			}
			p += 12 + n
		}
	case bytes.HasPrefix(b, []byte{0xFF, 0xD8}) && len(b) >= 18 && string(b[6:11]) == "JFIF\x00":
		x := int(binary.BigEndian.Uint16(b[14:]))
		switch b[13] {
		case 1: // dots per inch
			return x
		case 2: // dots per cm
			return int(float64(x)*2.54 + 0.5)
		}
	}
	return 0
}
