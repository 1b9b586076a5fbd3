package extract

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/disclose-sar/disclose/internal/record"
)

// xlsx reads an Excel workbook with excelize: every sheet, hidden ones
// too, in the workbook's order. Each sheet starts with a heading naming it
// ("Sheet: Contacts", "Sheet: Old log (hidden sheet)"); its first row with
// any value is its header, and every later row with a value is one block
// (BlockTableCell, labelled "Contacts!5") reading "Date: 03/04/2023;
// Worker: …", each value after its header's name (a column without one is
// named by its letter). Hidden rows and hidden columns are read and say
// so; each cell comment is a BlockComment labelled with its author, after
// the sheet's rows. Values are as Excel shows them (dates and numbers in
// the cell's format, formulas as their saved result).
func (x *Extractor) xlsx(rel string, data []byte) (docs []record.Document, errs []error) {
	// excelize parses hostile input in code of its own: a panic there is
	// a damaged file, not a crash of the ingest.
	defer func() {
		if r := recover(); r != nil {
			docs, errs = nil, []error{fileError(rel, ErrCorrupt, "not a readable Excel workbook (the reader failed on it)")}
		}
	}()
	if bytes.HasPrefix(data, oleMagic) {
		if bytes.Contains(data, []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e")) {
			return nil, []error{fileError(rel, ErrEncrypted, "a password-protected Excel workbook")}
		}
		return nil, []error{fileError(rel, ErrCorrupt, "an old Excel 97-2003 (.xls) file named .xlsx; rename it .xls")}
	}
	if err := x.zipDeclared(rel, data); err != nil {
		return nil, []error{err}
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    x.opts.MaxDecompressed,
		UnzipXMLSizeLimit: min(x.opts.MaxDecompressed, 16<<20),
	})
	if err != nil {
		return nil, []error{fileError(rel, ErrCorrupt, "not a readable Excel workbook: %v", err)}
	}
	defer f.Close() // removes the temporary files of large sheets
	doc := record.Document{Format: record.FormatSpreadsheet, Meta: map[string]string{}}
	var (
		b      textBuilder
		hidden []string
	)
	for _, sheet := range f.GetSheetList() {
		visible, err := f.GetSheetVisible(sheet)
		heading := "Sheet: " + sheet
		if err == nil && !visible {
			heading += " (hidden sheet)"
			hidden = append(hidden, sheet)
		}
		b.add(record.BlockHeading, 0, "", heading)
		if err := xlsxSheet(f, sheet, &b); err != nil {
			errs = append(errs, fileError(rel, ErrCorrupt, "sheet %q: %v (rows after it not read)", sheet, err))
		}
		if err := xlsxComments(f, sheet, &b); err != nil {
			errs = append(errs, fileError(rel, ErrCorrupt, "sheet %q comments: %v", sheet, err))
		}
	}
	b.fill(&doc)
	if len(doc.Blocks) == len(f.GetSheetList()) { // headings only
		return nil, append(errs, fileError(rel, ErrEmpty, "no values in any sheet"))
	}
	doc.Meta["sheets"] = fmt.Sprint(len(f.GetSheetList()))
	if len(hidden) > 0 {
		doc.Meta["hidden_sheets"] = strings.Join(hidden, ", ")
	}
	xlsxProps(f, &doc)
	return []record.Document{doc}, errs
}

// xlsxSheet adds one sheet's rows.
func xlsxSheet(f *excelize.File, sheet string, b *textBuilder) error {
	rows, err := f.Rows(sheet)
	if err != nil {
		return err
	}
	defer rows.Close()
	var header []string
	hiddenCol := map[int]bool{}
	for n := 1; rows.Next(); n++ {
		cells, err := rows.Columns()
		if err != nil {
			return err
		}
		if !anyValue(cells) {
			continue
		}
		if header == nil {
			header = cells
			for i := range cells {
				name, _ := excelize.ColumnNumberToName(i + 1)
				if v, err := f.GetColVisible(sheet, name); err == nil && !v {
					hiddenCol[i] = true
				}
			}
			continue
		}
		var sb strings.Builder
		if rows.GetRowOpts().Hidden {
			sb.WriteString("(hidden row) ")
		}
		first := true
		for i, v := range cells {
			v = strings.Join(strings.Fields(v), " ")
			if v == "" {
				continue
			}
			if !first {
				sb.WriteString("; ")
			}
			first = false
			sb.WriteString(columnName(header, i))
			if hiddenCol[i] {
				sb.WriteString(" (hidden column)")
			}
			sb.WriteString(": ")
			sb.WriteString(v)
		}
		b.add(record.BlockTableCell, 0, fmt.Sprintf("%s!%d", sheet, n), sb.String())
	}
	if header != nil && len(b.blocks) > 0 && b.blocks[len(b.blocks)-1].Kind == record.BlockHeading {
		// A sheet of one row: its "header" is all it holds.
		b.add(record.BlockTableCell, 0, sheet+"!1", strings.Join(strings.Fields(strings.Join(header, "; ")), " "))
	}
	return rows.Error()
}

// columnName names column i by its header, or by its letter when the
// header is blank there.
func columnName(header []string, i int) string {
	if i < len(header) {
		if h := strings.Join(strings.Fields(header[i]), " "); h != "" {
			return h
		}
	}
	name, _ := excelize.ColumnNumberToName(i + 1)
	return "Column " + name
}

func anyValue(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return true
		}
	}
	return false
}

// xlsxComments adds a sheet's cell comments ("notes" in Excel).
func xlsxComments(f *excelize.File, sheet string, b *textBuilder) error {
	comments, err := f.GetComments(sheet)
	if err != nil {
		return err
	}
	for _, c := range comments {
		text := c.Text
		if text == "" {
			var sb strings.Builder
			for _, r := range c.Paragraph {
				sb.WriteString(r.Text)
			}
			text = sb.String()
		}
		author := strings.TrimSpace(c.Author)
		// Excel starts a note's text with its author's name and a colon.
		if author != "" {
			text = strings.TrimPrefix(text, author+":")
		}
		text = strings.Join(strings.Fields(text), " ")
		if text == "" {
			continue
		}
		b.add(record.BlockComment, 0, author, fmt.Sprintf("Comment on %s!%s: %s", sheet, c.Cell, text))
	}
	return nil
}

// xlsxProps reads the workbook's title, author and dates.
func xlsxProps(f *excelize.File, d *record.Document) {
	p, err := f.GetDocProps()
	if err != nil || p == nil {
		return
	}
	setCoreProps(d, p.Title, p.Creator, p.LastModifiedBy, p.Created, p.Modified)
}
