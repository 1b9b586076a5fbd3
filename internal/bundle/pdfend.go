package bundle

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strconv"
	"strings"
)

// What pdfDoc writes once every page is out: the bookmarks and the fonts,
// subset to the characters the pages used.

// writeOutlines writes the bookmarks as fpdf did (flat levels, every entry
// closed) and returns the outline root's object, 0 if there are none.
func (d *pdfDoc) writeOutlines() int {
	n := len(d.outlines)
	if n == 0 {
		return 0
	}
	base := len(d.xref)
	for range n + 1 {
		d.alloc()
	}
	root := base + n
	parent, prev, next, first, last := make([]int, n), make([]int, n), make([]int, n), make([]int, n), make([]int, n)
	for i := range n {
		prev[i], next[i], first[i], last[i] = -1, -1, -1, -1
	}
	lru := map[int]int{}
	level := 0
	for i, o := range d.outlines {
		if o.level > 0 {
			pa := lru[o.level-1]
			parent[i] = pa
			last[pa] = i
			if o.level > level {
				first[pa] = i
			}
		} else {
			parent[i] = n
		}
		if o.level <= level && i > 0 {
			pv := lru[o.level]
			next[pv] = i
			prev[i] = pv
		}
		lru[o.level] = i
		level = o.level
	}
	for i, o := range d.outlines {
		var b strings.Builder
		b.WriteString("<< /Title " + d.textString(o.title) + " /Parent " + strconv.Itoa(base+parent[i]) + " 0 R")
		for _, l := range []struct {
			k string
			v int
		}{{"Prev", prev[i]}, {"Next", next[i]}, {"First", first[i]}, {"Last", last[i]}} {
			if l.v >= 0 {
				b.WriteString(" /" + l.k + " " + strconv.Itoa(base+l.v) + " 0 R")
			}
		}
		b.WriteString(fmt.Sprintf(" /Dest [%d 0 R /XYZ 0 %s null] /Count 0 >>", o.page, num(o.y)))
		d.object(base+i, b.String())
	}
	d.object(root, fmt.Sprintf("<< /Type /Outlines /First %d 0 R /Last %d 0 R >>", base, base+lru[0]))
	d.outlines = nil
	return root
}

// writeFont writes a face as a Type0 font with the used glyphs embedded.
func (d *pdfDoc) writeFont(obj int, f *ttFont, tag string) {
	codes := f.usedCodes()
	desc, cid, file, cmap, gidmap := d.alloc(), d.alloc(), d.alloc(), d.alloc(), d.alloc()
	name := f.pdfName(tag)
	d.object(obj, fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>", name, cid, cmap))
	var w strings.Builder
	w.WriteString("[")
	for _, c := range codes {
		w.WriteString(" " + strconv.Itoa(int(c)) + " [" + strconv.Itoa(int(f.w1000[c]*1000+0.5)) + "]")
	}
	w.WriteString(" ]")
	d.object(cid, fmt.Sprintf("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /DW %d /W %s /CIDToGIDMap %d 0 R >>",
		name, desc, f.scale(int(f.advance[0])), w.String(), gidmap))
	flags := 4 // symbolic, as fpdf wrote its UTF-8 fonts
	d.object(desc, fmt.Sprintf("<< /Type /FontDescriptor /FontName /%s /Flags %d /FontBBox [%d %d %d %d] /ItalicAngle %d /Ascent %d /Descent %d /CapHeight %d /StemV 80 /FontFile2 %d 0 R >>",
		name, flags, f.scale(f.bbox[0]), f.scale(f.bbox[1]), f.scale(f.bbox[2]), f.scale(f.bbox[3]), f.italicAngle,
		f.scale(f.ascent), f.scale(f.descent), f.scale(f.capHeight), file))
	sub := f.subset(codes)
	d.streamObject(file, "/Filter /FlateDecode /Length1 "+strconv.Itoa(len(sub)), deflate(sub))
	gm := make([]byte, 2*65536)
	for _, c := range codes {
		g := f.gid[c]
		gm[2*int(c)], gm[2*int(c)+1] = byte(g>>8), byte(g)
	}
	d.streamObject(gidmap, "/Filter /FlateDecode", deflate(gm))
	d.streamObject(cmap, "/Filter /FlateDecode", deflate([]byte(toUnicodeCMap)))
}

func deflate(b []byte) []byte {
	var buf bytes.Buffer
	zw := zlib.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// toUnicodeCMap maps every two-byte code to the code point it is.
const toUnicodeCMap = `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
1 beginbfrange
<0000> <FFFF> <0000>
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end
`
