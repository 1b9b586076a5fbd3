package bundle

import (
	"fmt"
	"io"
	"strconv"
)

// pdfObj is what walkPDF meets: an indirect object (n > 0) with its
// value and, when a stream follows it, the stream's data still unread in
// the file; or a trailer (n == 0).
type pdfObj struct {
	n, g   int
	v      any
	stream bool
	lx     *lexer
	limit  int64
	passed bool // the stream's data was read or skipped
}

// length is the stream's /Length: a direct number, no more than limit.
func (o *pdfObj) length() (int, error) {
	d, _ := o.v.(pdfDict)
	ln, ok := d["Length"].(int)
	if !ok || ln < 0 || o.limit > 0 && int64(ln) > o.limit {
		return 0, fmt.Errorf("stream length is not a direct number")
	}
	return ln, nil
}

// data reads the stream's data as it lies in the file (encrypted and
// filtered as the file and its dictionary say).
func (o *pdfObj) data() ([]byte, error) {
	ln, err := o.length()
	if err != nil {
		return nil, err
	}
	o.passed = true
	return o.lx.readN(ln)
}

// skip passes over the stream's data.
func (o *pdfObj) skip() error {
	ln, err := o.length()
	if err != nil {
		return err
	}
	o.passed = true
	return o.lx.discard(ln)
}

// walkPDF reads a PDF from its first byte to its last — not through the
// cross-reference table, so an object no table names is met too — and
// calls fn with each indirect object and trailer in turn. fn may read a
// stream's data (pdfObj.data) or leave it, and it is passed over. Memory
// holds one object. limit bounds a stream's length (the file's size; 0
// when it is not known).
func walkPDF(r io.Reader, limit int64, fn func(o *pdfObj) error) error {
	lx := newLexer(r)
	var prev [2]string
	for {
		t, err := lx.token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch t {
		case "obj":
			n, e1 := strconv.Atoi(prev[0])
			g, e2 := strconv.Atoi(prev[1])
			if e1 != nil || e2 != nil {
				return fmt.Errorf("object header at byte %d", lx.pos)
			}
			v, err := lx.value()
			if err != nil {
				return fmt.Errorf("object %d: %w", n, err)
			}
			o := &pdfObj{n: n, g: g, v: v, lx: lx, limit: limit}
			if t, _ := lx.peekToken(); t == "stream" {
				lx.token()
				if err := lx.streamStart(); err != nil {
					return fmt.Errorf("object %d: %w", n, err)
				}
				o.stream = true
			}
			if err := fn(o); err != nil {
				return err
			}
			if o.stream && !o.passed {
				if err := o.skip(); err != nil {
					return fmt.Errorf("object %d: %w", n, err)
				}
			}
			prev = [2]string{}
		case "trailer":
			v, err := lx.value()
			if err != nil {
				return fmt.Errorf("trailer: %w", err)
			}
			if err := fn(&pdfObj{v: v}); err != nil {
				return err
			}
		case "xref":
			// The table's lines are numbers and n/f: nothing to read.
		default:
			prev[0], prev[1] = prev[1], t
		}
	}
}
