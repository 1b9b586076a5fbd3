package synth

import (
	"archive/zip"
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/xuri/excelize/v2"
)

// Converter makes a file in the binary format ext (".doc", ".xls",
// ".ppt") from src, a file named srcName that LibreOffice reads; Go has
// no writer of its own for those formats.
type Converter func(srcName string, src []byte, ext string) ([]byte, error)

// EveryFormatFont is the TrueType font pictures are drawn in.
const EveryFormatFont = "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf"

// WriteEveryFormat writes into dir a record with one file of every format
// Disclose reads, each
// holding a word found nowhere else; some words are planted inside
// files: in a picture in a Word file, a file embedded in a PDF, an
// Outlook message's attachment, and entries of a zip archive (one of them
// a zip inside it). It returns each planted word with the record file it
// is in. conv makes the .doc, .xls and .ppt files.
func WriteEveryFormat(dir string, conv Converter) (map[string]string, error) {
	fontData, err := os.ReadFile(EveryFormatFont)
	if err != nil {
		return nil, fmt.Errorf("every format: the pictures' font: %w", err)
	}
	e := &everyWriter{dir: dir, planted: map[string]string{}}
	when := time.Date(2019, 6, 14, 10, 30, 0, 0, time.UTC)
	sentence := func(w string) string { return "This entry records that " + w + " was discussed at the visit." }

	e.file("subject.json", []byte(`{"name": "Robin Testperson", "dob": "2008-02-03"}`), "")
	e.file("shared-drive/notes.txt", []byte(sentence("Hazelprow")+"\n"), "Hazelprow")
	e.file("shared-drive/summary.md", []byte("# Summary\n\n"+sentence("Ironvale")+"\n"), "Ironvale")
	e.file("case-system-export/case_notes.csv", []byte("note_id,date,author,note_type,title,text\r\n1,14/06/2019,A. Worker,Visit,Home visit,"+sentence("Juniperra")+"\r\n"), "Juniperra")
	e.file("shared-drive/letter.rtf", RTF(sentence("Larchwend")), "Larchwend")

	pic, err := textPicture(fontData, "Note about Yarrowdene")
	if err != nil {
		return nil, err
	}
	picPNG, _ := encodePicture(pic, ".png")
	e.try(docxBytes("Visit report", []string{sentence("Amberlock")}, nil, map[string][]byte{"image1.png": picPNG}))
	e.add("shared-drive/report.docx", "Amberlock", "Yarrowdene")
	for ext, w := range map[string]string{".png": "Cindermoor", ".jpg": "Dovecrest", ".tif": "Emberfold"} {
		img, err := textPicture(fontData, "Scanned note "+w)
		if err != nil {
			return nil, err
		}
		e.try(encodePicture(img, ext))
		e.add("scans/note"+ext, w)
	}

	e.try(pdfWithAttachment(sentence("Birchwold"), "minutes.txt", []byte(sentence("Zephyrcombe"))))
	e.add("legal/minutes.pdf", "Birchwold", "Zephyrcombe")

	eml := func(subject, body string) []byte {
		return []byte("From: \"A. Worker\" <a.worker@example.org>\r\nTo: <team@example.org>\r\nSubject: " + subject +
			"\r\nDate: " + when.Format(time.RFC1123Z) + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n")
	}
	e.file("mailbox/visit.eml", eml("Visit", sentence("Fernhallow")), "Fernhallow")
	e.file("mailbox/archive.mbox", append(append([]byte("From a.worker@example.org Fri Jun 14 10:30:00 2019\n"), eml("Archive", sentence("Galewick"))...), '\n'), "Galewick")
	e.file("mailbox/outlook.msg", MSG("A. Worker", "a.worker@example.org", "Team", "team@example.org", "Outlook message", sentence("Quillstead"), when,
		Attachment{Name: "plan.txt", MIME: "text/plain", Data: []byte(sentence("Ravenholt"))}), "Quillstead", "Ravenholt")

	e.file("mailbox/archive.pst", PST("Inbox", PSTMessage{Subject: "Archived", Body: sentence("Brackenhythe"), FromName: "A. Worker", FromEmail: "a.worker@example.org", To: "Team"}), "Brackenhythe")
	e.file("mailbox/offline.ost", PST("Sent Items", PSTMessage{Subject: "Offline copy", Body: sentence("Copperwold"), FromName: "A. Worker", FromEmail: "a.worker@example.org", To: "Team"}), "Copperwold")

	e.try(ODT(sentence("Marlowick")))
	e.add("shared-drive/review.odt", "Marlowick")
	e.try(ODS([]string{"date", "note"}, []string{"14/06/2019", sentence("Pebblemire")}))
	e.add("shared-drive/contact-log.ods", "Pebblemire")
	e.try(ODP("Slide about Willowgarth", "A second slide"))
	e.add("shared-drive/slides.odp", "Willowgarth")
	e.try(xlsxBytes([]string{"date", "note"}, []string{"14/06/2019", sentence("Nettlebarrow")}))
	e.add("shared-drive/family-time.xlsx", "Nettlebarrow")

	for _, c := range []struct{ name, src, word string }{
		{"shared-drive/old-letter.doc", "odt", "Kestrelby"},
		{"shared-drive/old-log.xls", "ods", "Oakhurrow"},
		{"shared-drive/old-slides.ppt", "odp", "Umberwyn"},
		{"shared-drive/slides.pptx", "odp", "Vellumcroft"},
	} {
		var src []byte
		switch c.src {
		case "odt":
			src, err = ODT(sentence(c.word))
		case "ods":
			src, err = ODS([]string{"note"}, []string{sentence(c.word)})
		case "odp":
			src, err = ODP("Slide about " + c.word)
		}
		if err != nil {
			return nil, err
		}
		e.try(conv("in."+c.src, src, filepath.Ext(c.name)))
		e.add(c.name, c.word)
	}

	inner, err := zipBytes(map[string][]byte{"deep/note.txt": []byte(sentence("Thornecliff"))})
	if err != nil {
		return nil, err
	}
	e.try(zipBytes(map[string][]byte{"letters/reply.txt": []byte(sentence("Saltwhistle")), "more/inner.zip": inner}))
	e.add("partner-papers.zip", "Saltwhistle", "Thornecliff")
	return e.planted, e.err
}

// everyWriter writes the files of WriteEveryFormat, keeping the first error.
type everyWriter struct {
	dir     string
	planted map[string]string // word → record file
	next    []byte            // the file try made, for add
	err     error
}

func (e *everyWriter) try(b []byte, err error) {
	if e.err == nil {
		e.err = err
	}
	e.next = b
}

func (e *everyWriter) add(rel string, words ...string) {
	e.file(rel, e.next, words...)
}

func (e *everyWriter) file(rel string, b []byte, words ...string) {
	if e.err != nil {
		return
	}
	p := filepath.Join(e.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		e.err = err
		return
	}
	e.err = os.WriteFile(p, b, 0o644)
	for _, w := range words {
		if w != "" {
			e.planted[w] = rel
		}
	}
}

// pdfWithAttachment is a one-page PDF with a file embedded in it.
func pdfWithAttachment(text, name string, data []byte) ([]byte, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCreationDate(fixedTime)
	pdf.SetModificationDate(fixedTime)
	pdf.SetAttachments([]fpdf.Attachment{{Content: data, Filename: name}})
	pdf.AddPage()
	pdf.SetFont("Helvetica", "", 11)
	pdf.MultiCell(0, 5.2, text, "", "L", false)
	var b bytes.Buffer
	err := pdf.Output(&b)
	return b.Bytes(), err
}

// xlsxBytes is a workbook of one sheet: a header row and rows of text.
func xlsxBytes(rows ...[]string) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		for j, v := range r {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if err := f.SetCellValue("Sheet1", cell, v); err != nil {
				return nil, err
			}
		}
	}
	b, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// zipBytes is an archive of the files named, in name order.
func zipBytes(files map[string][]byte) ([]byte, error) {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, n := range slices.Sorted(maps.Keys(files)) {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Deflate, Modified: fixedTime})
		if err != nil {
			return nil, err
		}
		w.Write(files[n])
	}
	err := zw.Close()
	return b.Bytes(), err
}
