package extract

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/disclose-sar/disclose/internal/record"
)

const (
	maxZipEntries = 10000 // a Word file has tens; a zip of thousands is not one
	// An entry that inflates more than maxZipRatio:1 once past ratioFloor
	// bytes is a zip bomb: Word's XML compresses 10–50:1, deflate at most
	// ~1030:1.
	maxZipRatio = 500
	ratioFloor  = 4 << 20
)

// oleMagic starts an OLE compound file: an old Word 97–2003 .doc, or a
// password-protected .docx (Office wraps the encrypted package in OLE).
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// docx reads a Word .docx with archive/zip and encoding/xml. The body text
// reads as the document now reads: tracked insertions are in their
// paragraph and deletions are not. So that a reviewer sees what a
// document's history still holds (it travels in the file), each tracked
// deletion's text is added after its paragraph as a BlockDeletion and each
// tracked insertion's text is repeated as a BlockInsertion, both labelled
// with the change's author. Order of blocks: headers, body, footnotes,
// endnotes, footers, comments; the text of its pictures comes after the
// body (docximage.go).
func (x *Extractor) docx(ctx context.Context, rel string, data []byte) ([]record.Document, []error) {
	if bytes.HasPrefix(data, oleMagic) {
		if bytes.Contains(data, []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e")) {
			return nil, []error{fileError(rel, ErrEncrypted, "a password-protected Word document")}
		}
		return nil, []error{fileError(rel, ErrCorrupt, "an old Word 97-2003 (.doc) file named .docx; save it as .docx")}
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, []error{fileError(rel, ErrCorrupt, "not a readable Word (zip) file: %v", err)}
	}
	if len(zr.File) > maxZipEntries {
		return nil, []error{fileError(rel, ErrTooLarge, "%d zip entries, limit %d", len(zr.File), maxZipEntries)}
	}
	z := &zipParts{rel: rel, files: map[string]*zip.File{}, budget: x.opts.MaxDecompressed}
	for _, f := range zr.File {
		z.files[strings.ToLower(strings.TrimPrefix(f.Name, "/"))] = f
	}
	main := z.mainPart()
	if main == "" {
		return nil, []error{fileError(rel, ErrCorrupt, "no word/document.xml: not a Word document")}
	}
	doc := record.Document{Format: record.FormatDOCX}
	var (
		w    = docxWalker{maxText: x.opts.MaxText}
		errs []error
	)
	read := func(name string, kind record.BlockKind) bool {
		rc, err := z.open(name)
		if err != nil {
			errs = append(errs, err)
			return false
		}
		err = w.walkReader(rc, kind)
		if err != nil && !errors.Is(err, errTextLimit) && !errors.Is(err, errTokenLimit) {
			// A part that is not XML may still be a bomb: inflating the
			// rest (into nothing) says which it is.
			if _, derr := io.Copy(io.Discard, rc); errors.Is(derr, ErrTooLarge) {
				err = derr
			}
		}
		rc.Close()
		var fe *Error
		switch {
		case err == nil:
		case errors.Is(err, errTextLimit), errors.Is(err, errTokenLimit):
			z.tooLarge = true
			errs = []error{textTooLarge(rel, x.opts.MaxText, name+" holds more text than that")}
			return false
		case errors.As(err, &fe):
			errs = append(errs, fe)
			return false
		default:
			errs = append(errs, fileError(rel, ErrCorrupt, "%s: %v (text after it not read)", name, err))
		}
		return true
	}
	partNames := z.numbered("word/header")
	for _, n := range partNames {
		if !read(n, record.BlockHeader) && z.tooLarge {
			return nil, errs
		}
	}
	if !read(main, record.BlockParagraph) || z.tooLarge {
		return nil, errs
	}
	errs = append(errs, x.docxPictures(ctx, z, &w.b, &doc)...)
	if z.tooLarge {
		return nil, errs
	}
	for _, p := range []struct {
		name string
		kind record.BlockKind
	}{{"word/footnotes.xml", record.BlockFootnote}, {"word/endnotes.xml", record.BlockFootnote}} {
		if z.files[p.name] != nil && !read(p.name, p.kind) && z.tooLarge {
			return nil, errs
		}
	}
	for _, n := range z.numbered("word/footer") {
		if !read(n, record.BlockFooter) && z.tooLarge {
			return nil, errs
		}
	}
	if z.files["word/comments.xml"] != nil && !read("word/comments.xml", record.BlockComment) && z.tooLarge {
		return nil, errs
	}
	w.b.fill(&doc)
	x.docxProps(z, &doc)
	return []record.Document{doc}, errs
}

// zipParts reads entries of a Word zip within a budget of inflated bytes.
type zipParts struct {
	rel      string
	files    map[string]*zip.File // by lower-case name
	budget   int64                // bytes still allowed to inflate
	tooLarge bool
}

// mainPart finds the main document part: word/document.xml, or whatever
// _rels/.rels names as the office document.
func (z *zipParts) mainPart() string {
	if z.files["word/document.xml"] != nil {
		return "word/document.xml"
	}
	b, err := z.read("_rels/.rels")
	if err != nil {
		return ""
	}
	var rels struct {
		Rel []struct {
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(b, &rels) != nil {
		return ""
	}
	for _, r := range rels.Rel {
		if strings.HasSuffix(r.Type, "/officeDocument") {
			t := strings.ToLower(strings.TrimPrefix(path.Clean("/"+r.Target), "/"))
			if z.files[t] != nil {
				return t
			}
		}
	}
	return ""
}

// numbered lists parts named prefix*.xml (header1.xml, header2.xml…) in
// numeric order.
func (z *zipParts) numbered(prefix string) []string {
	var out []string
	for n := range z.files {
		if strings.HasPrefix(n, prefix) && strings.HasSuffix(n, ".xml") && !strings.Contains(n[len(prefix):], "/") {
			out = append(out, n)
		}
	}
	num := func(s string) int {
		v, _ := strconv.Atoi(strings.TrimSuffix(s[len(prefix):], ".xml"))
		return v
	}
	slices.SortFunc(out, func(a, b string) int {
		if c := num(a) - num(b); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	return out
}

// read inflates one entry, refusing zip bombs: the total inflated across
// the file is capped at Options.MaxDecompressed, and an entry inflating
// more than maxZipRatio:1 is refused. Sizes the zip declares are not
// trusted; the bytes actually inflated are counted.
func (z *zipParts) read(name string) ([]byte, error) {
	f := z.files[name]
	if f == nil {
		return nil, fileError(z.rel, ErrCorrupt, "%s missing", name)
	}
	return z.inflate(name, f)
}

// inflate reads the entry f, called name in errors, within the budget.
func (z *zipParts) inflate(name string, f *zip.File) ([]byte, error) {
	rc, err := z.openFile(name, f)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var buf bytes.Buffer
	buf.Grow(int(min(f.UncompressedSize64, 1<<24)))
	if _, err := buf.ReadFrom(rc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// open opens one entry to be read as it inflates, within the same limits
// as read; the bytes read are taken from the budget when it is closed.
func (z *zipParts) open(name string) (io.ReadCloser, error) {
	f := z.files[name]
	if f == nil {
		return nil, fileError(z.rel, ErrCorrupt, "%s missing", name)
	}
	return z.openFile(name, f)
}

func (z *zipParts) openFile(name string, f *zip.File) (io.ReadCloser, error) {
	if f.UncompressedSize64 > uint64(z.budget) {
		z.tooLarge = true
		return nil, fileError(z.rel, ErrTooLarge, "%s inflates to %d bytes, limit %d", name, f.UncompressedSize64, z.budget)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fileError(z.rel, ErrCorrupt, "%s: %v", name, err)
	}
	return &inflating{z: z, name: name, rc: rc, compressed: int64(max(f.CompressedSize64, 1))}, nil
}

// inflating counts an entry's inflated bytes against the budget and ratio.
type inflating struct {
	z          *zipParts
	name       string
	rc         io.ReadCloser
	n          int64
	compressed int64
}

func (r *inflating) Read(p []byte) (int, error) {
	n, err := r.rc.Read(p)
	r.n += int64(n)
	switch {
	case r.n > r.z.budget:
		r.z.tooLarge = true
		return 0, fileError(r.z.rel, ErrTooLarge, "%s inflates past the %d-byte limit (zip bomb?)", r.name, r.z.budget)
	case r.n > ratioFloor && r.n > maxZipRatio*r.compressed:
		r.z.tooLarge = true
		return 0, fileError(r.z.rel, ErrTooLarge, "%s inflates more than %d:1 (zip bomb)", r.name, maxZipRatio)
	}
	if err != nil && err != io.EOF {
		return n, fileError(r.z.rel, ErrCorrupt, "%s: %v", r.name, err)
	}
	return n, err
}

func (r *inflating) Close() error {
	r.z.budget -= min(r.n, r.z.budget)
	return r.rc.Close()
}

// docxProps reads docProps/core.xml (title, author, dates) and
// docProps/app.xml (page count Word saved) into the document.
func (x *Extractor) docxProps(z *zipParts, d *record.Document) {
	if z.files["docprops/core.xml"] != nil {
		if b, err := z.read("docprops/core.xml"); err == nil {
			var core struct {
				Title    string `xml:"title"`
				Creator  string `xml:"creator"`
				Modifier string `xml:"lastModifiedBy"`
				Created  string `xml:"created"`
				Modified string `xml:"modified"`
			}
			if xml.Unmarshal(b, &core) == nil {
				setCoreProps(d, core.Title, core.Creator, core.Modifier, core.Created, core.Modified)
			}
		}
	}
	if z.files["docprops/app.xml"] != nil {
		if b, err := z.read("docprops/app.xml"); err == nil {
			var app struct {
				Pages int `xml:"Pages"`
			}
			// Programs that write .docx without laying it out leave a
			// template's count (often 1): never count fewer pages than
			// the text fills.
			if xml.Unmarshal(b, &app) == nil && app.Pages > 0 && app.Pages < 100000 {
				d.Pages = max(app.Pages, 1+max(0, len(d.Text)-1)/pageBytes)
			}
		}
	}
}
