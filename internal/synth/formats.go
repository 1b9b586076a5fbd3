package synth

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// fixedTime stamps zip entries and PDF dates so output is byte-identical for a seed.
var fixedTime = time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)

func xmlEscape(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// writeDOCX writes a minimal valid WordprocessingML package: a title,
// body paragraphs and a two-column table of labelled values.
func writeDOCX(path, title string, paras []string, table [][2]string) error {
	b, err := docxBytes(title, paras, table, nil)
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// docxBytes is writeDOCX's file, with media (word/media/<name>) added.
func docxBytes(title string, paras []string, table [][2]string, media map[string][]byte) ([]byte, error) {
	var body strings.Builder
	fmt.Fprintf(&body, `<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>%s</w:t></w:r></w:p>`, xmlEscape(title))
	writeTable := func(rows [][]string) {
		body.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>`)
		for _, row := range rows {
			body.WriteString(`<w:tr>`)
			for _, cell := range row {
				fmt.Fprintf(&body, `<w:tc><w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p></w:tc>`, xmlEscape(cell))
			}
			body.WriteString(`</w:tr>`)
		}
		body.WriteString(`</w:tbl>`)
	}
	if len(table) > 0 {
		rows := make([][]string, len(table))
		for i, r := range table {
			rows[i] = r[:]
		}
		writeTable(rows)
	}
	var rows [][]string // table rows of the paragraphs, written when the table ends
	for _, p := range paras {
		if r, ok := strings.CutPrefix(p, rowMark); ok {
			rows = append(rows, strings.Split(r, "\t"))
			continue
		}
		if len(rows) > 0 {
			writeTable(rows)
			rows = nil
		}
		if h, ok := strings.CutPrefix(p, headingMark); ok {
			fmt.Fprintf(&body, `<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>`, xmlEscape(h))
			continue
		}
		fmt.Fprintf(&body, `<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>`, xmlEscape(p))
	}
	if len(rows) > 0 {
		writeTable(rows)
	}
	parts := []struct{ name, data string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body.String() + `<w:sectPr/></w:body></w:document>`},
	}
	for _, name := range slices.Sorted(maps.Keys(media)) {
		parts = append(parts, struct{ name, data string }{"word/media/" + name, string(media[name])})
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: fixedTime})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write([]byte(p.data)); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// pageBreak in a PDF's paragraphs starts a new page.
const pageBreak = "\f"

// headingMark opens a paragraph that is a heading: a Word file gives it the
// Heading2 style, a PDF sets it in bold on a line of its own.
const headingMark = "\x01"

// rowMark opens a paragraph that is a table row of a Word file, its cells
// separated by tabs; rows in a row make one table.
const rowMark = "\x02"

// writePDF writes a born-digital PDF with a text layer in 11 pt Helvetica (a
// core font: the synthetic text is ASCII). It returns the
// page count.
func writePDF(path, title string, paras []string) (int, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCreationDate(fixedTime)
	pdf.SetModificationDate(fixedTime)
	pdf.SetCatalogSort(true)
	pdf.SetTitle(title, false)
	pdf.SetAutoPageBreak(true, 15)
	pdf.AddPage()
	pdf.SetFont("Helvetica", "B", 13)
	pdf.MultiCell(0, 7, title, "", "L", false)
	pdf.SetFont("Helvetica", "", 11)
	for _, p := range paras {
		if p == pageBreak {
			pdf.AddPage()
			continue
		}
		if h, ok := strings.CutPrefix(p, headingMark); ok {
			pdf.SetFont("Helvetica", "B", 11)
			pdf.MultiCell(0, 5.2, h, "", "L", false)
			pdf.SetFont("Helvetica", "", 11)
			continue
		}
		pdf.MultiCell(0, 5.2, p, "", "L", false)
		pdf.Ln(1.5)
	}
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	if err := pdf.Output(f); err != nil {
		f.Close()
		return 0, err
	}
	return pdf.PageCount(), f.Close()
}

// message is one synthetic email.
type message struct {
	from, to    Person
	subject     string
	date        time.Time
	id, replyTo string
	body        string
}

// writeEML writes an RFC 5322 message, UTF-8 plain text.
func writeEML(path string, m message) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Date: %s\r\n", m.date.Format(time.RFC1123Z))
	fmt.Fprintf(&b, "From: %q <%s>\r\n", m.from.Name, m.from.Email)
	fmt.Fprintf(&b, "To: %q <%s>\r\n", m.to.Name, m.to.Email)
	fmt.Fprintf(&b, "Subject: %s\r\n", m.subject)
	fmt.Fprintf(&b, "Message-ID: <%s>\r\n", m.id)
	if m.replyTo != "" {
		fmt.Fprintf(&b, "In-Reply-To: <%s>\r\nReferences: <%s>\r\n", m.replyTo, m.replyTo)
	}
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=\"utf-8\"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
	b.WriteString(strings.ReplaceAll(m.body, "\n", "\r\n"))
	b.WriteString("\r\n")
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// note is one row of case_notes.csv.
type note struct {
	id, date, author, role, kind, title, text string
	restricted                                bool
}

// writeNotes writes a case-system export of notes with the header the
// sample record's README defines, CRLF line endings (as exports have).
func writeNotes(path string, notes []note) error {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	w.Write([]string{"note_id", "date", "author", "author_role", "note_type", "title", "text", "restricted"})
	for _, n := range notes {
		r := "N"
		if n.restricted {
			r = "Y"
		}
		w.Write([]string{n.id, n.date, n.author, n.role, n.kind, n.title, n.text, r})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}
