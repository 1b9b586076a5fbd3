package extract

import (
	"testing"

	"github.com/disclose-sar/disclose/internal/synth"
)

// BenchmarkDOC reads a Word 97 file of about 130 pages: LibreOffice's
// start, the conversion to .docx and the docx reader, as ingest does it.
// pages/s counts the pages LibreOffice laid the file out on.
func BenchmarkDOC(b *testing.B) {
	paras := make([]string, 1300)
	for i := range paras {
		paras[i] = benchText
	}
	odt, err := synth.ODT(paras...)
	if err != nil {
		b.Fatal(err)
	}
	benchRead(b, "bench.doc", sofficeWrite(b, "bench.odt", odt, "doc:MS Word 97", ""))
}
