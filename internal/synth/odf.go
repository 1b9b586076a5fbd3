package synth

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
)

// OpenDocument files are zips of XML: a mimetype entry first and stored,
// the manifest, and content.xml with the body.

const odfNS = `xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"`

func odfPackage(mimetype, body string) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	entries := []struct {
		name, data string
		method     uint16
	}{
		{"mimetype", mimetype, zip.Store},
		{"META-INF/manifest.xml", `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest ` + odfNS + ` manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="` + mimetype + `"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`, zip.Deflate},
		{"content.xml", `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content ` + odfNS + ` office:version="1.2"><office:body>` + body + `</office:body></office:document-content>`, zip.Deflate},
	}
	for _, e := range entries {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: e.method, Modified: fixedTime})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write([]byte(e.data)); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ODT is an OpenDocument text file with one paragraph per entry of paras.
func ODT(paras ...string) ([]byte, error) {
	var b strings.Builder
	b.WriteString("<office:text>")
	for _, p := range paras {
		fmt.Fprintf(&b, "<text:p>%s</text:p>", xmlEscape(p))
	}
	b.WriteString("</office:text>")
	return odfPackage("application/vnd.oasis.opendocument.text", b.String())
}

// ODS is an OpenDocument spreadsheet with one sheet of rows of text cells.
func ODS(rows ...[]string) ([]byte, error) {
	var b strings.Builder
	b.WriteString(`<office:spreadsheet><table:table table:name="Log">`)
	for _, r := range rows {
		b.WriteString("<table:table-row>")
		for _, c := range r {
			fmt.Fprintf(&b, `<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>`, xmlEscape(c))
		}
		b.WriteString("</table:table-row>")
	}
	b.WriteString("</table:table></office:spreadsheet>")
	return odfPackage("application/vnd.oasis.opendocument.spreadsheet", b.String())
}

// ODP is an OpenDocument presentation with one text box per slide.
func ODP(slides ...string) ([]byte, error) {
	var b strings.Builder
	b.WriteString("<office:presentation>")
	for i, s := range slides {
		fmt.Fprintf(&b, `<draw:page draw:name="slide%d"><draw:frame svg:x="1.5cm" svg:y="2cm" svg:width="24cm" svg:height="6cm"><draw:text-box><text:p>%s</text:p></draw:text-box></draw:frame></draw:page>`, i+1, xmlEscape(s))
	}
	b.WriteString("</office:presentation>")
	return odfPackage("application/vnd.oasis.opendocument.presentation", b.String())
}

// RTF is a Rich Text Format file with one paragraph per entry of paras
// (ASCII text; other characters are written as \u escapes).
func RTF(paras ...string) []byte {
	var b strings.Builder
	b.WriteString(`{\rtf1\ansi\deff0{\fonttbl{\f0 Arial;}}\f0\fs22 `)
	for _, p := range paras {
		for _, r := range p {
			switch {
			case r == '\\' || r == '{' || r == '}':
				b.WriteByte('\\')
				b.WriteRune(r)
			case r > 127:
				fmt.Fprintf(&b, `\u%d?`, int16(r))
			default:
				b.WriteRune(r)
			}
		}
		b.WriteString(`\par `)
	}
	b.WriteString("}")
	return []byte(b.String())
}
