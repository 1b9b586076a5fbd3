package extract

import (
	"context"
	"strings"
	"testing"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/synth"
)

func TestPresentations(t *testing.T) {
	needSoffice(t)
	odp, err := synth.ODP("Slide one speaks of the heron pond.", "Slide two mentions the tram depot.")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		".odp":  odp,
		".pptx": sofficeWrite(t, "slides.odp", odp, "pptx", ""),
		".ppt":  sofficeWrite(t, "slides.odp", odp, "ppt", ""),
	}
	x := New(Options{NoOCR: true})
	defer x.Close()
	for ext, data := range files {
		t.Run(ext, func(t *testing.T) {
			docs, errs := x.fromBytes(context.Background(), "team/slides"+ext, "", "slides"+ext, data)
			if len(errs) > 0 || len(docs) != 1 {
				t.Fatalf("%d docs, errors %v", len(docs), errs)
			}
			d := docs[0]
			checkBlocks(t, d)
			if d.Format != record.FormatPDF || d.Pages != 2 || d.Meta["converted_from"] != ext[1:] || d.Hash != HashBytes(data) {
				t.Errorf("format %s pages %d meta %v hash ok %v", d.Format, d.Pages, d.Meta, d.Hash == HashBytes(data))
			}
			for _, want := range []string{"heron pond", "tram depot"} {
				if !strings.Contains(d.Text, want) {
					t.Errorf("text lacks %q: %q", want, d.Text)
				}
			}
		})
	}
	_, errs := x.fromBytes(context.Background(), "team/bad.pptx", "", "bad.pptx", []byte("not a presentation"))
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "not a PowerPoint") {
		t.Errorf("bad .pptx: %v", errs)
	}
}
