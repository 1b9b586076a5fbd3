package extract

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"

	"github.com/disclose-sar/disclose/internal/record"
)

// maxCSVErrors stops a file that is not CSV at all from producing an error
// per line.
const maxCSVErrors = 50

// caseNotes reads a case-system export of case notes: delimited text with
// a header row (RFC 4180 quoting, fields may hold separators, quotes and
// line breaks). The separator is sniffed (comma, semicolon, tab, pipe; see
// sniffDelimiter) and the encoding detected as a text file's is (UTF-8
// with or without a byte-order mark, UTF-16 with a mark or by its zero
// bytes, else Windows-1252, as spreadsheet programs on council PCs save
// CSV). Columns are found by the header names in casenotes-columns.yaml,
// or by m, the CaseNotesMapping file beside the export (mappingName names
// it in errors). Each row is its own document. A row with the wrong
// number of fields is reported and left out, because its columns cannot
// be trusted; the other rows still come in.
func (x *Extractor) caseNotes(rel, part string, data []byte, m *columnMapping, mappingName string) ([]record.Document, []error) {
	name := path.Base(rel)
	voc, err := defaultCaseColumns()
	if err != nil {
		return nil, []error{fileError(rel, ErrUnsupported, "%v", err)}
	}
	text, enc, err := decodeText(data)
	if err != nil {
		return nil, []error{fileError(rel, ErrCorrupt, "%s: %s text could not be decoded", name, enc)}
	}
	delim, text := sniffDelimiter(text, voc, m)
	r := newCSVReader(strings.NewReader(text), delim)
	header, err := r.Read()
	if err != nil {
		return nil, []error{fileError(rel, ErrCorrupt, "%s: no header row: %v", name, csvErrMsg(err))}
	}
	cols, extra := mapHeader(header, voc, m)
	if _, ok := cols["text"]; !ok {
		how := "no column is named as a note's text is (see casenotes-columns.yaml), and there is no " + CaseNotesMapping + " beside it"
		if m != nil {
			how = "neither the header names known nor " + mappingName + " name a text column that the file has"
		}
		return nil, []error{fileError(rel, ErrUnsupported, "not a case-notes export: %s; columns seen (separated by %s): %s",
			how, delimName(delim), headerList(header))}
	}
	var (
		docs []record.Document
		errs []error
		ids  = map[string]int{}
	)
	for row := 2; ; row++ { // row 1 is the header, as a spreadsheet numbers them
		fields, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			errs = append(errs, fileError(rel, ErrCorrupt, "%s row %d: %s", name, row, csvErrMsg(err)))
			if len(errs) >= maxCSVErrors {
				errs = append(errs, fileError(rel, ErrCorrupt, "%s: too many bad rows, stopped at row %d", name, row))
				break
			}
			continue
		}
		if len(fields) != len(header) {
			if len(fields) == 1 && strings.TrimSpace(fields[0]) == "" {
				continue // a blank line
			}
			line, _ := r.FieldPos(0)
			errs = append(errs, fileError(rel, ErrCorrupt, "%s row %d (line %d): has %d fields, header has %d; row not read",
				name, row, line, len(fields), len(header)))
			continue
		}
		d := caseNote(fields, cols, extra, voc)
		if enc != "utf-8" {
			if d.Meta == nil {
				d.Meta = map[string]string{}
			}
			d.Meta["encoding"] = enc
		}
		id := d.Meta["note_id"]
		if id == "" {
			id = fmt.Sprintf("row-%d", row)
		}
		if n := ids[id]; n > 0 { // parts must be unique within the file
			id = fmt.Sprintf("%s-row-%d", id, row)
		}
		ids[id]++
		d.Part = joinPart(part, id)
		docs = append(docs, d)
	}
	if len(docs) == 0 && len(errs) == 0 {
		return nil, []error{fileError(rel, ErrEmpty, "%s: a header row and no notes", name)}
	}
	return docs, errs
}

// caseNote makes one row into a document.
func caseNote(fields []string, cols map[string]int, extra map[int]string, voc *caseColumns) record.Document {
	get := func(c string) string {
		if i, ok := cols[c]; ok {
			return strings.TrimSpace(fields[i])
		}
		return ""
	}
	d := record.Document{Format: record.FormatCaseNote, Type: "case note", Meta: map[string]string{}}
	for _, c := range []string{"note_id", "author_role", "note_type"} {
		if v := get(c); v != "" {
			d.Meta[c] = v
		}
	}
	for i, k := range extra {
		if v := strings.TrimSpace(fields[i]); v != "" {
			d.Meta[k] = v
		}
	}
	d.Author = get("author")
	d.Title = clipTitle(get("title"))
	if v := get("date"); v != "" {
		d.Meta["date"] = v
		if t, ok := ParseDate(v); ok {
			d.Date = t
		} else if len(v) > 10 { // "12/03/2014 14:30"
			if t, ok := ParseDate(strings.Fields(v)[0]); ok {
				d.Date = t
			}
		}
	}
	d.Restricted = voc.restrictedYes[foldHeader(get("restricted"))]
	var b textBuilder
	b.add(record.BlockHeading, 0, "", strings.Join(strings.Fields(get("title")), " "))
	text := strings.ReplaceAll(get("text"), "\r\n", "\n")
	for _, line := range strings.Split(text, "\n") {
		b.add(record.BlockParagraph, 0, "", strings.TrimSpace(line))
	}
	// Columns the export has beyond the known ones ("outcome", "actions",
	// "child's views") are part of the person's record too: they are read
	// as labelled fields, in the export's column order, not only kept as
	// metadata the bundle never prints.
	idx := make([]int, 0, len(extra))
	for i := range extra {
		idx = append(idx, i)
	}
	slices.Sort(idx)
	for _, i := range idx {
		v := strings.Join(strings.Fields(fields[i]), " ")
		b.add(record.BlockField, 0, strings.ReplaceAll(extra[i], "_", " "), v)
	}
	b.fill(&d)
	d.Hash = HashBytes([]byte(strings.Join(fields, "\x1f")))
	if len(d.Meta) == 0 {
		d.Meta = nil
	}
	return d
}

// delimName names a separator for an error message.
func delimName(d rune) string {
	switch d {
	case ',':
		return "commas"
	case ';':
		return "semicolons"
	case '\t':
		return "tabs"
	case '|':
		return "pipes"
	}
	return fmt.Sprintf("%q", d)
}

// csvErrMsg describes a CSV error without quoting the row's text.
func csvErrMsg(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Sprintf("line %d column %d: %v", pe.Line, pe.Column, pe.Err)
	}
	return err.Error()
}

// joinPart names a part inside a part ("message-2/attachment-1-x.pdf").
func joinPart(parent, part string) string {
	if parent == "" {
		return part
	}
	return parent + "/" + part
}
