package extract

import (
	"context"
	"encoding/binary"
	"image"
	"testing"

	"github.com/disclose-sar/disclose/internal/record"
)

// grayTIFF builds an uncompressed 8-bit grey TIFF with one page per shade.
func grayTIFF(w, h int, shades ...byte) []byte {
	le := binary.LittleEndian
	out := []byte{'I', 'I', 42, 0, 0, 0, 0, 0}
	prevNext := 4 // where the previous IFD's "next" offset goes
	for _, shade := range shades {
		pix := len(out)
		for range w * h {
			out = append(out, shade)
		}
		if len(out)%2 == 1 {
			out = append(out, 0)
		}
		ifd := len(out)
		le.PutUint32(out[prevNext:], uint32(ifd))
		type entry struct {
			tag, typ uint16
			val      uint32
		}
		es := []entry{{256, 4, uint32(w)}, {257, 4, uint32(h)}, {258, 3, 8}, {259, 3, 1}, {262, 3, 1},
			{273, 4, uint32(pix)}, {277, 3, 1}, {278, 4, uint32(h)}, {279, 4, uint32(w * h)}}
		out = le.AppendUint16(out, uint16(len(es)))
		for _, e := range es {
			out = le.AppendUint16(out, e.tag)
			out = le.AppendUint16(out, e.typ)
			out = le.AppendUint32(out, 1)
			if e.typ == 3 {
				out = le.AppendUint16(out, uint16(e.val))
				out = le.AppendUint16(out, 0)
			} else {
				out = le.AppendUint32(out, e.val)
			}
		}
		prevNext = len(out)
		out = le.AppendUint32(out, 0)
	}
	return out
}

func TestPageImagerTIFFFrames(t *testing.T) {
	data := grayTIFF(8, 4, 0x20, 0xE0)
	x := &Extractor{}
	render := x.PageImager(func(*record.Document) ([]byte, error) { return data, nil })
	d := &record.Document{ID: "d1", Path: "scans/letter.tif"}
	for page, want := range map[int]uint8{1: 0x20, 2: 0xE0} {
		img, err := render(context.Background(), d, page, 150)
		if err != nil {
			t.Fatalf("page %d: %v", page, err)
		}
		if g := img.(*image.Gray).GrayAt(1, 1).Y; g != want {
			t.Errorf("page %d pixel = %#x, want %#x (page 1's pixels given for another page?)", page, g, want)
		}
	}
	if _, err := render(context.Background(), d, 3, 150); err == nil {
		t.Error("page 3 of a two-page TIFF: no error")
	}
	png := &record.Document{ID: "d2", Path: "scans/photo.png"}
	r2 := x.PageImager(func(*record.Document) ([]byte, error) { return []byte("\x89PNG\r\n\x1a\n"), nil })
	if _, err := r2(context.Background(), png, 2, 150); err == nil {
		t.Error("page 2 of a single-image file: no error")
	}
}

func TestPageImagerRefusesHugeImage(t *testing.T) {
	data := grayTIFF(4, 4, 0x80)
	le := binary.LittleEndian
	// Claim 20000 x 20000 pixels in the first IFD's width and length.
	ifd := le.Uint32(data[4:])
	le.PutUint32(data[ifd+2+8:], 20000)
	le.PutUint32(data[ifd+2+12+8:], 20000)
	x := &Extractor{}
	render := x.PageImager(func(*record.Document) ([]byte, error) { return data, nil })
	if _, err := render(context.Background(), &record.Document{ID: "d", Path: "a.tif"}, 1, 150); err == nil {
		t.Error("a 400 M pixel image: no error")
	}
}
