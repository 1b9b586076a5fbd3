package bundle

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// pdfReader reads a finished bundle back for the leak check as it lies in
// its file, one object at a time from the first byte to the last
// (walkPDF), decrypting strings and streams with the key the password unlocks
// and inflating compressed streams. Memory holds one object. It reads the
// PDF the bundle writer makes (and any file of plain objects and object
// streams); what it cannot read fails the check rather than passing it.
type pdfReader struct {
	r     io.ReaderAt
	size  int64
	crypt *pdfCrypt
	encNo int // the encryption dictionary's object, not decrypted
}

// pdf values as the reader keeps them.
type (
	pdfName string
	pdfRef  struct{ n, g int }
	pdfDict map[string]any
)

// openPDFReader finds the trailer and, for an encrypted file, unlocks its
// key with pw.
func openPDFReader(r io.ReaderAt, size int64, pw string) (*pdfReader, error) {
	rd := &pdfReader{r: r, size: size}
	tail := make([]byte, min(size, 4096))
	if _, err := r.ReadAt(tail, size-int64(len(tail))); err != nil && err != io.EOF {
		return nil, err
	}
	var trailer pdfDict
	if i := bytes.LastIndex(tail, []byte("trailer")); i >= 0 {
		// A classic trailer (what the bundle writer makes): found from the
		// end, not through offsets a damaged file may have wrong.
		v, err := newLexer(bytes.NewReader(tail[i+len("trailer"):])).value()
		if err != nil {
			return nil, fmt.Errorf("trailer: %w", err)
		}
		trailer, _ = v.(pdfDict)
	} else if i := bytes.LastIndex(tail, []byte("startxref")); i >= 0 {
		// A cross-reference stream: its dictionary is the trailer.
		fs := strings.Fields(string(tail[i+len("startxref"):]))
		if len(fs) > 0 {
			if at, err := strconv.ParseInt(fs[0], 10, 64); err == nil && at > 0 && at < size {
				if _, d, err := newLexer(io.NewSectionReader(r, at, size-at)).indirect(); err == nil {
					trailer, _ = d.(pdfDict)
				}
			}
		}
	}
	if trailer == nil {
		return nil, fmt.Errorf("no trailer")
	}
	ref, ok := trailer["Encrypt"].(pdfRef)
	if !ok {
		return rd, nil
	}
	rd.encNo = ref.n
	// The encryption dictionary is found by scanning (the table is not
	// trusted for anything else either).
	var enc pdfDict
	err := rd.scan(func(n int, v any, _ []byte) error {
		if n == ref.n {
			enc, _ = v.(pdfDict)
			return errStop
		}
		return nil
	}, false)
	if err != nil && err != errStop {
		return nil, err
	}
	if enc == nil {
		return nil, fmt.Errorf("no encryption dictionary")
	}
	str := func(k string) []byte { b, _ := enc[k].([]byte); return b }
	if v, _ := enc["V"].(int); v != 5 {
		return nil, fmt.Errorf("encryption V %d: only AES-256 bundles are read", v)
	}
	rd.crypt, err = unlockPDFCrypt(pw, str("O"), str("U"), str("OE"), str("UE"))
	if err != nil {
		return nil, err
	}
	return rd, nil
}

var errStop = errors.New("stop")

// scan calls fn with every indirect object of the file in order (and the
// trailer, as object 0): its value with strings decrypted and, for a
// stream, its data decrypted and decoded (nil for images and font
// programs). Objects inside object streams are given too.
func (rd *pdfReader) scan(fn func(n int, v any, stream []byte) error, decode bool) error {
	return walkPDF(io.NewSectionReader(rd.r, 0, rd.size), rd.size, func(o *pdfObj) error {
		if o.n == 0 {
			return fn(0, o.v, nil)
		}
		if o.n != rd.encNo {
			rd.decryptStrings(o.v)
		}
		var data []byte
		if o.stream {
			d, _ := o.v.(pdfDict)
			var err error
			if data, err = rd.stream(o, d, decode); err != nil {
				return fmt.Errorf("object %d: %w", o.n, err)
			}
			if d != nil && d["Type"] == pdfName("ObjStm") && data != nil {
				if err := rd.objStm(d, data, fn); err != nil {
					return fmt.Errorf("object stream %d: %w", o.n, err)
				}
			}
		}
		return fn(o.n, o.v, data)
	})
}

// stream reads a stream's data, decrypted and inflated; nil when it is
// not decoded (decode false, an image, a font program).
func (rd *pdfReader) stream(o *pdfObj, d pdfDict, decode bool) ([]byte, error) {
	if !decode || skipStream(d) {
		return nil, o.skip()
	}
	data, err := o.data()
	if err != nil {
		return nil, err
	}
	if rd.crypt != nil && d["Type"] != pdfName("XRef") {
		if data, err = rd.crypt.open(data); err != nil {
			return nil, err
		}
	}
	switch f := d["Filter"].(type) {
	case nil:
	case pdfName:
		if f != "FlateDecode" {
			return nil, nil // not text we can decode: images are checked by burning
		}
		zr, err := zlib.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("inflate: %w", err)
		}
		if data, err = io.ReadAll(zr); err != nil {
			return nil, fmt.Errorf("inflate: %w", err)
		}
	default:
		return nil, fmt.Errorf("filter %v not read", f)
	}
	return data, nil
}

// objStm gives the objects of an object stream.
func (rd *pdfReader) objStm(d pdfDict, data []byte, fn func(int, any, []byte) error) error {
	count, _ := d["N"].(int)
	first, _ := d["First"].(int)
	if first > len(data) {
		return fmt.Errorf("bad /First")
	}
	head := strings.Fields(string(data[:first]))
	for i := 0; i+1 < len(head) && i/2 < count; i += 2 {
		n, _ := strconv.Atoi(head[i])
		off, _ := strconv.Atoi(head[i+1])
		if first+off > len(data) {
			return fmt.Errorf("bad offset")
		}
		v, err := newLexer(bytes.NewReader(data[first+off:])).value()
		if err != nil {
			return err
		}
		if err := fn(n, v, nil); err != nil {
			return err
		}
	}
	return nil
}

// decryptStrings decrypts every string inside v in place.
func (rd *pdfReader) decryptStrings(v any) {
	if rd.crypt == nil {
		return
	}
	switch x := v.(type) {
	case pdfDict:
		for k, e := range x {
			if b, ok := e.([]byte); ok {
				if p, err := rd.crypt.open(b); err == nil {
					x[k] = p
				}
				continue
			}
			rd.decryptStrings(e)
		}
	case []any:
		for i, e := range x {
			if b, ok := e.([]byte); ok {
				if p, err := rd.crypt.open(b); err == nil {
					x[i] = p
				}
				continue
			}
			rd.decryptStrings(e)
		}
	}
}

// valueStrings appends every string and name in v, as collectStrings did
// for pdfcpu's objects: text strings decoded from UTF-16 when they carry
// its byte-order mark.
func valueStrings(v any, sb *strings.Builder, depth int) {
	if depth > 50 {
		return
	}
	switch x := v.(type) {
	case []byte:
		if len(x) >= 2 && x[0] == 0xfe && x[1] == 0xff {
			sb.WriteString(decodeOperand(x[2:]))
		} else {
			sb.Write(latin1(x))
		}
		sb.WriteString("\n\x00\n")
	case pdfName:
		sb.WriteString(string(x))
		sb.WriteString("\n\x00\n")
	case pdfDict:
		for _, e := range x {
			valueStrings(e, sb, depth+1)
		}
	case []any:
		for _, e := range x {
			valueStrings(e, sb, depth+1)
		}
	}
}
