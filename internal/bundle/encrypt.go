package bundle

import (
	"crypto/rand"
	"fmt"
	"io"
	"math/big"
	"slices"
	"strconv"
)

// passwordAlphabet leaves out characters people misread when a password is
// read out or copied from a letter: 0/O, 1/l/I.
const passwordAlphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// NewPassword makes a 20-character password (about 115 bits) from
// crypto/rand: individual to the bundle, or to one download of it, and
// sent separately, as councils' policies ask.
func NewPassword() (string, error) { return randomPassword(20) }

func randomPassword(length int) (string, error) {
	b := make([]byte, length)
	n := big.NewInt(int64(len(passwordAlphabet)))
	for i := range b {
		k, err := rand.Int(rand.Reader, n)
		if err != nil {
			return "", fmt.Errorf("bundle: generate password: %w", err)
		}
		b[i] = passwordAlphabet[k.Int64()]
	}
	return string(b), nil
}

// Encryption is the encryption of one copy of a bundle: a fresh file key,
// the entries that let the user password open it, and a random owner
// password nobody is given — the batch writer's (pdfCrypt) exactly, so a
// bundle encrypted on download is encrypted as one written by `disclose
// bundle` is. It holds the key, not the password.
type Encryption struct{ crypt *pdfCrypt }

// NewEncryption makes the encryption of one copy for the user password.
func NewEncryption(user string) (*Encryption, error) {
	c, err := newPDFCrypt(user)
	if err != nil {
		return nil, err
	}
	return &Encryption{crypt: c}, nil
}

// Encrypt writes the finished, unencrypted bundle PDF that r gives to w,
// encrypted with e (AES-256, ISO 32000-2 security handler revision 6, in
// a file marked PDF 2.0, with the bundle's permissions). It reads r once,
// an object at a time, and writes each object as it is read — its
// strings and its stream's data sealed, everything else as it was — then
// a new cross-reference table and trailer: memory holds one object and
// the table's offsets, never the file. It reads the files the bundle
// writer makes (plain objects, a classic table); a file that is already
// encrypted, or that keeps objects in object streams, is refused. When
// it fails, what was written to w is not a PDF.
func (e *Encryption) Encrypt(w io.Writer, r io.Reader) error {
	out := newPDFOut(w, e.crypt)
	var trailer pdfDict
	err := walkPDF(r, 0, func(o *pdfObj) error {
		if o.n == 0 {
			trailer, _ = o.v.(pdfDict) // the last one is the file's
			return nil
		}
		if o.g != 0 {
			return fmt.Errorf("object %d: generation %d (the bundle writer's objects are all generation 0)", o.n, o.g)
		}
		d, _ := o.v.(pdfDict)
		if t := d["Type"]; t == pdfName("XRef") || t == pdfName("ObjStm") {
			return fmt.Errorf("object %d: an object or cross-reference stream (the bundle writer makes none)", o.n)
		}
		if !o.stream {
			b, err := out.value(nil, o.v, 0)
			if err != nil {
				return fmt.Errorf("object %d: %w", o.n, err)
			}
			out.object(o.n, string(b))
			return out.err
		}
		data, err := o.data()
		if err != nil {
			return fmt.Errorf("object %d: %w", o.n, err)
		}
		delete(d, "Length") // the sealed data's is written
		b, err := out.entries(nil, d, 0)
		if err != nil {
			return fmt.Errorf("object %d: %w", o.n, err)
		}
		out.streamObject(o.n, string(b), data)
		return out.err
	})
	if err == nil {
		err = out.err
	}
	if err != nil {
		return fmt.Errorf("bundle: encrypt: %w", err)
	}
	if trailer == nil {
		return fmt.Errorf("bundle: encrypt: no trailer")
	}
	if trailer["Encrypt"] != nil {
		return fmt.Errorf("bundle: encrypt: the file is already encrypted")
	}
	root, ok := trailer["Root"].(pdfRef)
	if !ok || root.n >= len(out.xref) || out.xref[root.n] == 0 {
		return fmt.Errorf("bundle: encrypt: no catalogue")
	}
	info, _ := trailer["Info"].(pdfRef)
	if info.n >= len(out.xref) || out.xref[info.n] == 0 {
		info.n = 0
	}
	var id []byte
	if ids, _ := trailer["ID"].([]any); len(ids) == 2 {
		id, _ = ids[0].([]byte)
	}
	if err := out.end(root.n, info.n, id); err != nil {
		return fmt.Errorf("bundle: encrypt: %w", err)
	}
	return nil
}

// Encrypt writes the unencrypted bundle PDF r gives to w, encrypted for
// the user password with a fresh key (NewEncryption, then its Encrypt).
func Encrypt(w io.Writer, r io.Reader, user string) error {
	e, err := NewEncryption(user)
	if err != nil {
		return err
	}
	return e.Encrypt(w, r)
}

// value appends v in PDF syntax, its strings sealed when the file is
// encrypted. Dictionaries are written with their keys in order.
func (o *pdfOut) value(b []byte, v any, depth int) ([]byte, error) {
	if depth > 100 {
		return nil, fmt.Errorf("values nested too deep")
	}
	switch x := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case bool:
		return strconv.AppendBool(b, x), nil
	case int:
		return strconv.AppendInt(b, int64(x), 10), nil
	case float64:
		return strconv.AppendFloat(b, x, 'f', -1, 64), nil
	case pdfRef:
		return fmt.Appendf(b, "%d %d R", x.n, x.g), nil
	case pdfName:
		return appendName(b, string(x)), nil
	case []byte:
		return append(b, o.str(x)...), nil
	case []any:
		b = append(b, '[')
		for i, e := range x {
			if i > 0 {
				b = append(b, ' ')
			}
			var err error
			if b, err = o.value(b, e, depth+1); err != nil {
				return nil, err
			}
		}
		return append(b, ']'), nil
	case pdfDict:
		b = append(b, "<< "...)
		b, err := o.entries(b, x, depth)
		if err != nil {
			return nil, err
		}
		return append(b, " >>"...), nil
	}
	return nil, fmt.Errorf("value of type %T", v)
}

// entries appends a dictionary's entries, without its << >>.
func (o *pdfOut) entries(b []byte, d pdfDict, depth int) ([]byte, error) {
	keys := make([]string, 0, len(d))
	for k := range d {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for i, k := range keys {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(appendName(b, k), ' ')
		var err error
		if b, err = o.value(b, d[k], depth+1); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// appendName appends /name, with a byte outside the printable ASCII
// range, a delimiter or '#' written as #xx (ISO 32000-2 §7.3.5).
func appendName(b []byte, n string) []byte {
	b = append(b, '/')
	for i := 0; i < len(n); i++ {
		c := n[i]
		if c < 0x21 || c > 0x7e || c == '#' || isDelim(c) {
			b = fmt.Appendf(b, "#%02x", c)
			continue
		}
		b = append(b, c)
	}
	return b
}
