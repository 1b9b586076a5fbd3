package bundle

import (
	"strconv"
)

// Pages made apart from the file (a unit of documents laid out ahead on
// another core, unit.go) and adopted into it in order.

// pendingImage is an image placed on a private page.
type pendingImage struct {
	name, dict string
	data       []byte
}

// newPrivatePDFDoc makes pages apart from any file, drawn with the faces of
// the document that will adopt them.
func newPrivatePDFDoc(faces [2]*ttFont) *pdfDoc {
	return &pdfDoc{private: true, fonts: faces, held: map[int]*pdfPage{}, size: 11, lineWidth: 1}
}

// adopt makes a private document's pages the next pages of d, in order,
// with their bookmarks: the last page of d is finished first, each adopted
// page's images are written, and each gets its footer as the next page
// starts. It returns the number of the page before the first adopted one.
func (d *pdfDoc) adopt(from *pdfDoc) int {
	if from.last != nil {
		from.made = append(from.made, from.last)
		from.last, from.cur = nil, nil
	}
	before := len(d.pageObjs)
	for _, p := range from.made {
		if d.last != nil {
			d.finish(d.last)
		}
		p.no = len(d.pageObjs) + 1
		p.obj, p.contentObj = d.alloc(), d.alloc()
		if (p.no-1)%pagesPerNode == 0 {
			d.nodes = append(d.nodes, d.alloc())
		}
		d.pageObjs = append(d.pageObjs, p.obj)
		for _, im := range p.images {
			obj := d.alloc()
			d.streamObject(obj, im.dict, im.data)
			p.xobjs = append(p.xobjs, im.name+" "+strconv.Itoa(obj)+" 0 R")
		}
		p.images = nil
		if p.held {
			d.held[p.no] = p
		}
		d.cur, d.last = p, p
	}
	for _, o := range from.outlines {
		o.page = d.pageObjs[before+o.page-1]
		d.outlines = append(d.outlines, o)
	}
	from.made, from.outlines = nil, nil
	return before
}
