package extract

import (
	"context"
	"strings"
	"testing"

	"github.com/disclose-sar/disclose/internal/record"
)

func TestDOCXPictures(t *testing.T) {
	needTesseract(t)
	png := textPNG(t, "A letter names Saltmarsh Lane")
	data := mustDOCX(t, `<w:document `+wNS+`><w:body><w:p><w:r><w:t>Typed body text.</w:t></w:r></w:p></w:body></w:document>`, "",
		zipEntry{"word/media/image1.png", png},
		zipEntry{"word/media/bullet.png", png[:100]}, // too small to hold text
	)
	x := New(Options{})
	defer x.Close()
	docs, errs := x.fromBytes(context.Background(), "a/letter.docx", "", "letter.docx", data)
	if len(errs) > 0 || len(docs) != 1 {
		t.Fatalf("%d docs, errors %v", len(docs), errs)
	}
	d := docs[0]
	checkBlocks(t, d)
	if len(d.Blocks) != 2 {
		t.Fatalf("blocks %+v, want the body and one picture", d.Blocks)
	}
	b := d.Blocks[1]
	got := d.Text[b.Start:b.End]
	if b.Kind != record.BlockParagraph || b.Label != "picture image1.png" || !strings.HasPrefix(got, imageTextOpen) || !strings.Contains(got, "Saltmarsh Lane") {
		t.Errorf("picture block = %s %q %q", b.Kind, b.Label, got)
	}

	nx := New(Options{NoOCR: true})
	defer nx.Close()
	docs, _ = nx.fromBytes(context.Background(), "a/letter.docx", "", "letter.docx", data)
	if len(docs) != 1 || docs[0].Meta["unread_images"] != "1 picture(s) not OCR'd" {
		t.Errorf("without OCR: meta %v", docs[0].Meta)
	}
}
