package extract

import (
	"archive/zip"
	"bytes"
	"testing"
	"time"
)

// The Word fixtures are written here as XML so what each test feeds the
// reader can be read in the source. All people are invented.

const wNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
	`xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ` +
	`xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"`

const fullDocumentXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ` + wNS + `><w:body>
<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Home Visit Record</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>Details</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Date of visit: </w:t></w:r><w:r><w:t>04/05/2016</w:t></w:r></w:p>
<w:p><w:r><w:t>Name</w:t></w:r><w:r><w:tab/><w:t>Jordan Testperson</w:t><w:br/><w:t>Second line</w:t><w:sym w:font="Wingdings" w:char="F0FC"/></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>
<w:tbl>
 <w:tr><w:tc><w:p><w:r><w:t>Present</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Alex Example</w:t></w:r></w:p><w:p><w:r><w:t>Sam Sample</w:t></w:r></w:p></w:tc></w:tr>
 <w:tr><w:tc><w:p><w:r><w:t>Outer before</w:t></w:r></w:p>
   <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Inner one</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Inner two</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
   <w:p><w:r><w:t>Outer after</w:t></w:r></w:p></w:tc>
  <w:tc><w:p><w:r><w:t>Plain cell</w:t></w:r></w:p></w:tc></w:tr>
</w:tbl>
<w:p><w:r><w:t xml:space="preserve">The worker </w:t></w:r><w:del w:id="1" w:author="Reviewer One" w:date="2016-05-05T10:00:00Z"><w:r><w:delText>shouted at</w:delText></w:r></w:del><w:ins w:id="2" w:author="Reviewer One" w:date="2016-05-05T10:00:00Z"><w:r><w:t>spoke with</w:t></w:r></w:ins><w:r><w:t xml:space="preserve"> the family.</w:t></w:r></w:p>
<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>Text box note</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Text box note</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>After the box</w:t></w:r></w:p>
<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>
<w:sectPr/></w:body></w:document>`

const headerXML = `<?xml version="1.0" encoding="UTF-8"?><w:hdr ` + wNS + `><w:p><w:r><w:t>OFFICIAL - SENSITIVE</w:t></w:r></w:p></w:hdr>`

const footerXML = `<?xml version="1.0" encoding="UTF-8"?><w:ftr ` + wNS + `><w:p><w:r><w:t>Westshire Council, Children's Services</w:t></w:r></w:p></w:ftr>`

const footnotesXML = `<?xml version="1.0" encoding="UTF-8"?><w:footnotes ` + wNS + `>
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:t>Name given by the school.</w:t></w:r></w:p></w:footnote>
</w:footnotes>`

const endnotesXML = `<?xml version="1.0" encoding="UTF-8"?><w:endnotes ` + wNS + `>
<w:endnote w:id="1"><w:p><w:r><w:t>See the earlier plan.</w:t></w:r></w:p></w:endnote>
</w:endnotes>`

const commentsXML = `<?xml version="1.0" encoding="UTF-8"?><w:comments ` + wNS + `>
<w:comment w:id="0" w:author="Ann Reviewer" w:initials="AR"><w:p><w:r><w:t>Check this with the manager.</w:t></w:r></w:p><w:p><w:r><w:t>Second comment line.</w:t></w:r></w:p></w:comment>
</w:comments>`

const coreXML = `<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>Home visit record</dc:title><dc:creator>Robin Worker</dc:creator><cp:lastModifiedBy>Robin Worker</cp:lastModifiedBy>
<dcterms:created xsi:type="dcterms:W3CDTF">2016-05-06T09:30:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2016-05-07T09:30:00Z</dcterms:modified></cp:coreProperties>`

const contentTypesXML = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`

// zipEntry is one file of a fixture archive.
type zipEntry struct {
	name string
	body []byte
}

// mustZip writes entries into a zip archive, deflated, with a fixed time
// so the bytes are the same on every run.
func mustZip(t testing.TB, entries ...zipEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(e.body); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// mustDOCX builds a Word file whose main part is document (with core
// properties when core is set) and the given other parts.
func mustDOCX(t testing.TB, document, core string, parts ...zipEntry) []byte {
	t.Helper()
	entries := []zipEntry{{"[Content_Types].xml", []byte(contentTypesXML)}, {"word/document.xml", []byte(document)}}
	if core != "" {
		entries = append(entries, zipEntry{"docProps/core.xml", []byte(core)})
	}
	return mustZip(t, append(entries, parts...)...)
}

// fullDOCX is a Word file using every part the reader knows.
func fullDOCX(t testing.TB) []byte {
	return mustDOCX(t, fullDocumentXML, coreXML,
		zipEntry{"word/header1.xml", []byte(headerXML)},
		zipEntry{"word/header2.xml", []byte(headerXML)}, // first-page header, same text
		zipEntry{"word/footer1.xml", []byte(footerXML)},
		zipEntry{"word/footnotes.xml", []byte(footnotesXML)},
		zipEntry{"word/endnotes.xml", []byte(endnotesXML)},
		zipEntry{"word/comments.xml", []byte(commentsXML)},
	)
}

// simpleDOCX is a one-paragraph Word file.
func simpleDOCX(t testing.TB, text string) []byte {
	return mustDOCX(t, `<w:document `+wNS+`><w:body><w:p><w:r><w:t>`+text+`</w:t></w:r></w:p></w:body></w:document>`, "")
}
