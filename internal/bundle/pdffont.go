package bundle

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"sort"
	"strings"
	"sync/atomic"
)

// ttFont is one TrueType face as the PDF writer uses it: advance widths
// and the Unicode → glyph map for measuring and encoding text, and the
// tables it subsets when the file is finished. Text is encoded as in fpdf's
// UTF-8 fonts (Type0, Identity-H, the character code is the Unicode code
// point of the Basic Multilingual Plane), so extracted text and the leak
// check's decoding of content streams are as before.
type ttFont struct {
	name        string
	data        []byte
	tables      map[string][]byte
	unitsPerEm  int
	numGlyphs   int
	advance     []uint16 // by glyph
	gid         []uint16 // by BMP code point; 0 = no glyph
	ascent      int
	descent     int
	capHeight   int
	bbox        [4]int
	italicAngle int
	longLoca    bool
	// used marks code points written with this face, from any goroutine.
	used [65536 / 64]atomic.Uint64
	// widths in thousandths of the text size, by code point, for measuring.
	w1000 []float32
}

// parseTTF reads the tables the writer needs.
func parseTTF(name string, data []byte) (*ttFont, error) {
	if len(data) < 12 {
		return nil, fmt.Errorf("font %s: too short", name)
	}
	f := &ttFont{name: name, data: data, tables: map[string][]byte{}}
	n := int(binary.BigEndian.Uint16(data[4:]))
	for i := 0; i < n; i++ {
		rec := data[12+16*i:]
		if len(rec) < 16 {
			return nil, fmt.Errorf("font %s: table directory cut short", name)
		}
		tag := string(rec[:4])
		off, ln := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		if uint64(off)+uint64(ln) > uint64(len(data)) {
			return nil, fmt.Errorf("font %s: table %s out of the file", name, tag)
		}
		f.tables[tag] = data[off : off+ln]
	}
	for _, t := range []string{"head", "hhea", "maxp", "hmtx", "cmap", "loca", "glyf"} {
		if f.tables[t] == nil {
			return nil, fmt.Errorf("font %s: no %s table", name, t)
		}
	}
	head, hhea, maxp := f.tables["head"], f.tables["hhea"], f.tables["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return nil, fmt.Errorf("font %s: short head, hhea or maxp", name)
	}
	f.unitsPerEm = int(binary.BigEndian.Uint16(head[18:]))
	for i := range 4 {
		f.bbox[i] = int(int16(binary.BigEndian.Uint16(head[36+2*i:])))
	}
	f.longLoca = binary.BigEndian.Uint16(head[50:]) == 1
	f.numGlyphs = int(binary.BigEndian.Uint16(maxp[4:]))
	f.ascent = int(int16(binary.BigEndian.Uint16(hhea[4:])))
	f.descent = int(int16(binary.BigEndian.Uint16(hhea[6:])))
	f.capHeight = f.ascent
	if os2 := f.tables["OS/2"]; len(os2) >= 90 && binary.BigEndian.Uint16(os2) >= 2 {
		f.capHeight = int(int16(binary.BigEndian.Uint16(os2[88:])))
	}
	if post := f.tables["post"]; len(post) >= 8 {
		f.italicAngle = int(int16(binary.BigEndian.Uint16(post[4:])))
	}
	nh := int(binary.BigEndian.Uint16(hhea[34:]))
	hmtx := f.tables["hmtx"]
	if nh < 1 || len(hmtx) < 4*nh {
		return nil, fmt.Errorf("font %s: short hmtx", name)
	}
	f.advance = make([]uint16, f.numGlyphs)
	for g := range f.advance {
		f.advance[g] = binary.BigEndian.Uint16(hmtx[4*min(g, nh-1):])
	}
	if err := f.readCmap(); err != nil {
		return nil, fmt.Errorf("font %s: %w", name, err)
	}
	f.w1000 = make([]float32, 65536)
	for cp, g := range f.gid {
		f.w1000[cp] = float32(math.Round(float64(f.advance[g])*1000/float64(f.unitsPerEm))) / 1000
	}
	return f, nil
}

// readCmap reads the Unicode BMP subtable (platform 3 encoding 1, or
// platform 0), format 4.
func (f *ttFont) readCmap() error {
	cm := f.tables["cmap"]
	if len(cm) < 4 {
		return fmt.Errorf("short cmap")
	}
	n := int(binary.BigEndian.Uint16(cm[2:]))
	var sub []byte
	for i := 0; i < n && 4+8*i+8 <= len(cm); i++ {
		r := cm[4+8*i:]
		pid, eid, off := binary.BigEndian.Uint16(r), binary.BigEndian.Uint16(r[2:]), binary.BigEndian.Uint32(r[4:])
		if int(off)+4 > len(cm) || binary.BigEndian.Uint16(cm[off:]) != 4 {
			continue
		}
		if pid == 3 && eid == 1 || pid == 0 && sub == nil {
			sub = cm[off:]
		}
	}
	if sub == nil || len(sub) < 14 {
		return fmt.Errorf("no Unicode format 4 cmap")
	}
	segs := int(binary.BigEndian.Uint16(sub[6:])) / 2
	if len(sub) < 16+8*segs {
		return fmt.Errorf("short cmap subtable")
	}
	ends, starts, deltas, offs := sub[14:], sub[16+2*segs:], sub[16+4*segs:], sub[16+6*segs:]
	f.gid = make([]uint16, 65536)
	for s := 0; s < segs; s++ {
		end, start := int(binary.BigEndian.Uint16(ends[2*s:])), int(binary.BigEndian.Uint16(starts[2*s:]))
		delta, ro := binary.BigEndian.Uint16(deltas[2*s:]), int(binary.BigEndian.Uint16(offs[2*s:]))
		for c := start; c <= end && c < 0xFFFF; c++ {
			var g uint16
			if ro == 0 {
				g = uint16(c) + delta
			} else {
				at := 16 + 6*segs + 2*s + ro + 2*(c-start)
				if at+2 > len(sub) {
					continue
				}
				if g = binary.BigEndian.Uint16(sub[at:]); g != 0 {
					g += delta
				}
			}
			if int(g) < f.numGlyphs {
				f.gid[c] = g
			}
		}
	}
	return nil
}

// use marks the code points of s as written.
func (f *ttFont) use(s string) {
	for _, r := range s {
		c := textCode(r)
		if f.used[c/64].Load()&(1<<(c%64)) == 0 {
			f.used[c/64].Or(1 << (c % 64))
		}
	}
}

// textCode is the character code a rune is written with: its code point,
// or U+FFFD beyond the Basic Multilingual Plane (two-byte codes).
func textCode(r rune) uint16 {
	if r < 0 || r > 0xFFFF {
		return 0xFFFD
	}
	return uint16(r)
}

// usedCodes lists the code points written, in order.
func (f *ttFont) usedCodes() []uint16 {
	var out []uint16
	for i := range f.used {
		v := f.used[i].Load()
		for b := 0; v != 0; b++ {
			if v&1 != 0 {
				out = append(out, uint16(i*64+b))
			}
			v >>= 1
		}
	}
	return out
}

// glyphRange is glyph g's bytes in glyf.
func (f *ttFont) glyphRange(g int) (int, int) {
	loca := f.tables["loca"]
	if f.longLoca {
		if 4*g+8 > len(loca) {
			return 0, 0
		}
		return int(binary.BigEndian.Uint32(loca[4*g:])), int(binary.BigEndian.Uint32(loca[4*g+4:]))
	}
	if 2*g+4 > len(loca) {
		return 0, 0
	}
	return 2 * int(binary.BigEndian.Uint16(loca[2*g:])), 2 * int(binary.BigEndian.Uint16(loca[2*g+2:]))
}

// subset is the font with only the used glyphs' outlines (and the glyphs
// composite ones are made of); glyph numbers are kept, so the CIDToGIDMap
// is the font's own cmap.
func (f *ttFont) subset(codes []uint16) []byte {
	keep := map[int]bool{0: true}
	var queue []int
	for _, c := range codes {
		if g := int(f.gid[c]); !keep[g] {
			keep[g] = true
			queue = append(queue, g)
		}
	}
	glyf := f.tables["glyf"]
	for len(queue) > 0 {
		g := queue[0]
		queue = queue[1:]
		s, e := f.glyphRange(g)
		if e-s < 10 || e > len(glyf) || int16(binary.BigEndian.Uint16(glyf[s:])) >= 0 {
			continue
		}
		// A composite glyph: follow its components.
		p := s + 10
		for p+4 <= e {
			flags := binary.BigEndian.Uint16(glyf[p:])
			comp := int(binary.BigEndian.Uint16(glyf[p+2:]))
			if !keep[comp] && comp < f.numGlyphs {
				keep[comp] = true
				queue = append(queue, comp)
			}
			p += 4
			if flags&1 != 0 {
				p += 4
			} else {
				p += 2
			}
			switch {
			case flags&8 != 0:
				p += 2
			case flags&0x40 != 0:
				p += 4
			case flags&0x80 != 0:
				p += 8
			}
			if flags&0x20 == 0 {
				break
			}
		}
	}
	var ng bytes.Buffer
	loca := make([]byte, 4*(f.numGlyphs+1))
	for g := 0; g < f.numGlyphs; g++ {
		binary.BigEndian.PutUint32(loca[4*g:], uint32(ng.Len()))
		if !keep[g] {
			continue
		}
		s, e := f.glyphRange(g)
		if e > s && e <= len(glyf) {
			ng.Write(glyf[s:e])
			for ng.Len()%4 != 0 {
				ng.WriteByte(0)
			}
		}
	}
	binary.BigEndian.PutUint32(loca[4*f.numGlyphs:], uint32(ng.Len()))
	head := bytes.Clone(f.tables["head"])
	binary.BigEndian.PutUint16(head[50:], 1) // long loca
	binary.BigEndian.PutUint32(head[8:], 0)  // checkSumAdjustment, set below
	tables := map[string][]byte{"head": head, "loca": loca, "glyf": ng.Bytes()}
	for _, t := range []string{"hhea", "hmtx", "maxp", "cvt ", "fpgm", "prep", "post", "OS/2", "name", "cmap"} {
		if b, ok := f.tables[t]; ok {
			tables[t] = b
		}
	}
	if p := tables["post"]; len(p) >= 32 {
		// Glyph names are not needed (post format 3).
		p = bytes.Clone(p[:32])
		binary.BigEndian.PutUint32(p, 0x00030000)
		tables["post"] = p
	}
	return sfnt(tables)
}

// sfnt writes tables as a TrueType file, with checksums.
func sfnt(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	n := len(tags)
	es, sr := 0, 1
	for sr*2 <= n {
		sr *= 2
		es++
	}
	var out bytes.Buffer
	hdr := make([]byte, 12+16*n)
	binary.BigEndian.PutUint32(hdr, 0x00010000)
	binary.BigEndian.PutUint16(hdr[4:], uint16(n))
	binary.BigEndian.PutUint16(hdr[6:], uint16(sr*16))
	binary.BigEndian.PutUint16(hdr[8:], uint16(es))
	binary.BigEndian.PutUint16(hdr[10:], uint16(n*16-sr*16))
	off := len(hdr)
	headAt := 0
	for i, t := range tags {
		b := tables[t]
		r := hdr[12+16*i:]
		copy(r, t)
		binary.BigEndian.PutUint32(r[4:], checksum(b))
		binary.BigEndian.PutUint32(r[8:], uint32(off))
		binary.BigEndian.PutUint32(r[12:], uint32(len(b)))
		if t == "head" {
			headAt = off
		}
		off += (len(b) + 3) &^ 3
	}
	out.Write(hdr)
	for _, t := range tags {
		out.Write(tables[t])
		for out.Len()%4 != 0 {
			out.WriteByte(0)
		}
	}
	b := out.Bytes()
	binary.BigEndian.PutUint32(b[headAt+8:], 0xB1B0AFBA-checksum(b))
	return b
}

func checksum(b []byte) uint32 {
	var s uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:min(i+4, len(b))])
		s += binary.BigEndian.Uint32(w[:])
	}
	return s
}

// pdfName is the face's PostScript-safe name with a subset tag.
func (f *ttFont) pdfName(tag string) string {
	n := strings.Map(func(r rune) rune {
		if r > ' ' && r < 0x7f && !strings.ContainsRune("()<>[]{}/%#", r) {
			return r
		}
		return -1
	}, f.name)
	return tag + "+" + n
}

// scale converts font units to the PDF's thousandths of text space.
func (f *ttFont) scale(v int) int { return v * 1000 / f.unitsPerEm }
