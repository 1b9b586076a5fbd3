package extract

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// benchText is ordinary case-record prose (invented).
const benchText = "The social worker visited the home on 03/02/2015 and spoke with the child alone about school, " +
	"friends and how things were at home. The child said that they were happy and wanted to see their brother more often. "

// benchDOCX is a Word file of about ten pages: paragraphs, a heading every
// tenth, and a two-column table.
func benchDOCX(b *testing.B) []byte {
	var sb strings.Builder
	sb.WriteString(`<w:document ` + wNS + `><w:body>`)
	for i := range 120 {
		if i%10 == 0 {
			fmt.Fprintf(&sb, `<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Section %d</w:t></w:r></w:p>`, i/10+1)
		}
		fmt.Fprintf(&sb, `<w:p><w:pPr><w:spacing w:after="120"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="Arial"/></w:rPr><w:t xml:space="preserve">%s</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>Note %d.</w:t></w:r></w:p>`, benchText, i)
	}
	sb.WriteString(`<w:tbl>`)
	for i := range 40 {
		fmt.Fprintf(&sb, `<w:tr><w:tc><w:p><w:r><w:t>Row %d</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc></w:tr>`, i, benchText[:80])
	}
	sb.WriteString(`</w:tbl></w:body></w:document>`)
	return mustDOCX(b, sb.String(), coreXML, zipEntry{"word/header1.xml", []byte(headerXML)}, zipEntry{"word/footer1.xml", []byte(footerXML)})
}

func benchRead(b *testing.B, name string, data []byte) {
	x := New(Options{NoOCR: true})
	defer x.Close()
	ctx := context.Background()
	pages := 0
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		docs, errs := x.fromBytes(ctx, name, "", name, data)
		if len(errs) > 0 || len(docs) == 0 {
			b.Fatalf("%s: %d documents, errors %v", name, len(docs), errs)
		}
		for _, d := range docs {
			pages += d.Pages
		}
	}
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
}

func BenchmarkDOCX(b *testing.B) { benchRead(b, "bench.docx", benchDOCX(b)) }

func BenchmarkEML(b *testing.B) {
	body := strings.Repeat(benchText+"\r\n\r\n", 20)
	msg := "From: \"Worker, Robin\" <robin@example.gov.uk>\r\nTo: Alex Example <alex@example.org>\r\n" +
		"Subject: Visit\r\nDate: Tue, 10 May 2016 09:15:00 +0100\r\nMessage-ID: <b@example>\r\n" +
		"Content-Type: text/plain; charset=utf-8\r\n\r\n" + body
	benchRead(b, "bench.eml", []byte(msg))
}

func BenchmarkCaseNotes(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("note_id,date,author,author_role,note_type,title,text,restricted\r\n")
	for i := range 1000 {
		fmt.Fprintf(&sb, "N%d,03/02/2015,Robin Worker,Social Worker,Visit,Home visit %d,\"%s\r\n%s\",N\r\n", i, i, benchText, benchText)
	}
	benchRead(b, "case_notes.csv", []byte(sb.String()))
}

func BenchmarkText(b *testing.B) {
	benchRead(b, "notes.txt", []byte(strings.Repeat(benchText+"\n\n", 100)))
}
