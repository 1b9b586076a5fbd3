package bundle

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// pdfOut writes a PDF's bytes in order: the header, objects where they
// fall (their offsets kept for the cross-reference table), every string
// and stream sealed with crypt when the file is encrypted, and at the end
// the encryption dictionary, the table and the trailer. The bundle writer
// (pdfDoc) and the encryption of a stored bundle for download
// (Encryption.Encrypt) both write through it, so a bundle is encrypted
// one way whichever path made it.
type pdfOut struct {
	out   *bufio.Writer
	off   int64
	xref  []int64 // by object number; 0: not written
	crypt *pdfCrypt
	err   error
}

// newPDFOut starts a file on w with its header: PDF 2.0 when it is
// encrypted (security handler revision 6 is ISO 32000-2's), else 1.7.
func newPDFOut(w io.Writer, crypt *pdfCrypt) pdfOut {
	o := pdfOut{out: bufio.NewWriterSize(w, 256<<10), xref: []int64{0}, crypt: crypt}
	if crypt != nil {
		o.write("%PDF-2.0\n%\xe2\xe3\xcf\xd3\n")
	} else {
		o.write("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	}
	return o
}

func (o *pdfOut) alloc() int {
	o.xref = append(o.xref, 0)
	return len(o.xref) - 1
}

func (o *pdfOut) write(s string) {
	if o.err != nil {
		return
	}
	n, err := o.out.WriteString(s)
	o.off += int64(n)
	o.err = err
}

func (o *pdfOut) writeBytes(b []byte) {
	if o.err != nil {
		return
	}
	n, err := o.out.Write(b)
	o.off += int64(n)
	o.err = err
}

// at records that object n starts here.
func (o *pdfOut) at(n int) {
	for len(o.xref) <= n {
		o.xref = append(o.xref, 0)
	}
	o.xref[n] = o.off
}

// object writes object n with body (a dictionary, array or number).
func (o *pdfOut) object(n int, body string) {
	o.at(n)
	o.write(strconv.Itoa(n) + " 0 obj\n" + body + "\nendobj\n")
}

// streamObject writes object n as a stream of data, already filtered as
// dict (its entries but /Length) says; it is encrypted here.
func (o *pdfOut) streamObject(n int, dict string, data []byte) {
	if o.crypt != nil {
		data = o.crypt.seal(data)
	}
	o.sealedStream(n, dict, data)
}

// sealedStream writes object n as a stream whose data is already
// encrypted when the file is (a worker sealed it).
func (o *pdfOut) sealedStream(n int, dict string, data []byte) {
	o.at(n)
	o.write(strconv.Itoa(n) + " 0 obj\n<< " + dict + " /Length " + strconv.Itoa(len(data)) + " >>\nstream\n")
	o.writeBytes(data)
	o.write("\nendstream\nendobj\n")
}

// str is a string for a dictionary or array, encrypted when the file is.
func (o *pdfOut) str(b []byte) string {
	if o.crypt != nil {
		b = o.crypt.seal(b)
	}
	return "<" + hex.EncodeToString(b) + ">"
}

// end writes the encryption dictionary (when the file is encrypted), the
// cross-reference table and the trailer naming root and info (0: none),
// and flushes. id is the file identifier's first half, kept from the file
// it was written from; nil makes a fresh one. The second half is always
// fresh: this file is a new one.
func (o *pdfOut) end(root, info int, id []byte) error {
	enc := 0
	if o.crypt != nil {
		enc = o.alloc()
		o.object(enc, o.crypt.dict())
	}
	second := make([]byte, 16)
	rand.Read(second)
	if id == nil {
		id = second
	}
	xrefAt := o.off
	var xb strings.Builder
	xb.WriteString("xref\n0 " + strconv.Itoa(len(o.xref)) + "\n0000000000 65535 f \n")
	for _, at := range o.xref[1:] {
		if at == 0 {
			xb.WriteString("0000000000 65535 f \n") // a number the file does not use
		} else {
			fmt.Fprintf(&xb, "%010d 00000 n \n", at)
		}
		if xb.Len() > 64<<10 {
			o.write(xb.String())
			xb.Reset()
		}
	}
	o.write(xb.String())
	tr := fmt.Sprintf("trailer\n<< /Size %d /Root %d 0 R", len(o.xref), root)
	if info > 0 {
		tr += fmt.Sprintf(" /Info %d 0 R", info)
	}
	tr += fmt.Sprintf(" /ID [<%x> <%x>]", id, second)
	if enc > 0 {
		tr += fmt.Sprintf(" /Encrypt %d 0 R", enc)
	}
	o.write(tr + " >>\nstartxref\n" + strconv.FormatInt(xrefAt, 10) + "\n%%EOF\n")
	if o.err == nil {
		o.err = o.out.Flush()
	}
	return o.err
}
