package extract

import (
	"archive/zip"
	"bytes"
	"context"
	"strings"

	"github.com/disclose-sar/disclose/internal/record"
)

// legacyOffice reads a .doc, .rtf or .odt file by converting it to .docx
// with LibreOffice and reading that (the text, tables, headers, footers,
// notes, comments and tracked changes the docx reader finds), and an .xls
// or .ods file by converting it to .xlsx (every sheet, hidden ones too,
// and cell comments), and a .ppt, .pptx or .odp presentation by converting
// it to PDF, a page a slide. Each document
// says what it was converted from in Meta["converted_from"]; its Hash stays
// the original file's.
func (x *Extractor) legacyOffice(ctx context.Context, rel, ext string, data []byte) ([]record.Document, []error) {
	if err := x.officeInput(rel, ext, data); err != nil {
		return nil, []error{err}
	}
	out, err := x.convert(ctx, rel, ext, data)
	if err != nil {
		return nil, []error{err}
	}
	var (
		docs []record.Document
		errs []error
	)
	switch converted[ext] {
	case toDOCX:
		docs, errs = x.docx(ctx, rel, out)
	case toXLSX:
		docs, errs = x.xlsx(rel, out)
	case toPDF:
		docs, errs = x.pdfFile(ctx, rel, out)
	}
	for i := range docs {
		if docs[i].Meta == nil {
			docs[i].Meta = map[string]string{}
		}
		docs[i].Meta["converted_from"] = strings.TrimPrefix(ext, ".")
		docs[i].Hash = ""
	}
	return docs, errs
}

var (
	rtfMagic = []byte(`{\rtf`)
	zipMagic = []byte("PK\x03\x04")
)

// officeInput checks, before LibreOffice is started, that data is the kind
// of file its extension says (LibreOffice would read anything it cannot
// name as plain text) and that a zipped one does not declare more than the
// inflation budget: LibreOffice has no such limit of its own, and the
// converted file is checked again by the docx or xlsx reader.
func (x *Extractor) officeInput(rel, ext string, data []byte) error {
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")), " \t\r\n")
	markup := bytes.HasPrefix(trimmed, []byte("<")) // Word or Excel saved as HTML or XML
	var ok bool
	switch ext {
	case ".doc":
		ok = bytes.HasPrefix(data, oleMagic) || bytes.HasPrefix(data, rtfMagic) || bytes.HasPrefix(data, zipMagic) || markup
		if !ok {
			return fileError(rel, ErrCorrupt, "not a Word 97-2003, RTF or Word XML file")
		}
	case ".xls":
		ok = bytes.HasPrefix(data, oleMagic) || bytes.HasPrefix(data, zipMagic) || markup
		if !ok {
			return fileError(rel, ErrCorrupt, "not an Excel 97-2003 or Excel XML file")
		}
	case ".rtf":
		if !bytes.HasPrefix(trimmed, rtfMagic) {
			return fileError(rel, ErrCorrupt, "not an RTF file")
		}
	case ".ppt":
		if !bytes.HasPrefix(data, oleMagic) && !bytes.HasPrefix(data, zipMagic) {
			return fileError(rel, ErrCorrupt, "not a PowerPoint 97-2003 file")
		}
	case ".pptx":
		if !bytes.HasPrefix(data, zipMagic) {
			return fileError(rel, ErrCorrupt, "not a PowerPoint (zip) file")
		}
	case ".odt", ".ods", ".odp":
		if !bytes.HasPrefix(data, zipMagic) {
			return fileError(rel, ErrCorrupt, "not an OpenDocument (zip) file")
		}
	}
	if !bytes.HasPrefix(data, zipMagic) {
		return nil
	}
	return x.zipDeclared(rel, data)
}

// zipDeclared checks a zip file's directory before a reader that trusts it
// inflates it: no more than maxZipEntries entries, none declaring more than
// maxZipRatio:1 past ratioFloor bytes, all together within the inflation
// budget. archive/zip refuses an entry that inflates past its declared
// size, so the declaration holds.
func (x *Extractor) zipDeclared(rel string, data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fileError(rel, ErrCorrupt, "not a readable zip file: %v", err)
	}
	if len(zr.File) > maxZipEntries {
		return fileError(rel, ErrTooLarge, "%d zip entries, limit %d", len(zr.File), maxZipEntries)
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if f.UncompressedSize64 > ratioFloor && f.UncompressedSize64/max(f.CompressedSize64, 1) > maxZipRatio {
			return fileError(rel, ErrTooLarge, "%s inflates more than %d:1: a zip bomb", f.Name, maxZipRatio)
		}
	}
	if total > uint64(x.opts.MaxDecompressed) {
		return fileError(rel, ErrTooLarge, "inflates to %d bytes, limit %d", total, x.opts.MaxDecompressed)
	}
	return nil
}
