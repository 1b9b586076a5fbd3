package main

import (
	"context"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/disclose-sar/disclose/internal/bundle"
	"github.com/disclose-sar/disclose/internal/extract"
	"github.com/disclose-sar/disclose/internal/ingest"
	"github.com/disclose-sar/disclose/internal/release"
	"github.com/disclose-sar/disclose/internal/review"
	"github.com/disclose-sar/disclose/internal/suggest"
)

// TestBundleSampleOriginalPages: in the sample's batch bundle every page
// that shows a PDF page differs from that source page, rendered the same
// way (PDFium at 150 dpi; the bundle page by poppler, as a requester's
// viewer shows it), only inside its burned boxes and the stamp bands.
func TestBundleSampleOriginalPages(t *testing.T) {
	sample, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "sample-record", "record"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(sample); err != nil {
		t.Skip("sample record not present")
	}
	for _, tool := range []string{"pdftoppm", "tesseract"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
	if testing.Short() {
		t.Skip("slow: ingest, OCR and rendering")
	}
	ctx := context.Background()
	set, err := loadRules("")
	if err != nil {
		t.Fatal(err)
	}
	x := extract.New(extract.Options{})
	defer x.Close()
	rec, rep, err := ingest.Run(ctx, sample, ingest.Options{Extractor: x})
	if err != nil {
		t.Fatal(err)
	}
	sres, err := suggest.Suggest(rec, set, suggest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	src := release.Source{Record: rec, Suggested: sres, Outcome: review.PolicyFrom(set).Apply(sres.Suggestions, nil),
		Problems: release.ProblemsOf(rep), Rules: set, AsSuggested: true}
	out := filepath.Join(t.TempDir(), "bundle.pdf")
	res, _, err := writeBundleFile(ctx, out, src, release.Settings{Reference: "SAR-TEST", Date: time.Now(), Password: "pw-pages",
		PageImage: x.PageImager(release.FolderSource(rec.Dir)), Paginate: x.WordPages(release.FolderSource(rec.Dir)),
		PDFText: x.PDFText, PageOCR: x.PageOCR})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Originals) == 0 {
		t.Fatal("no page of the sample's PDFs is shown as itself")
	}
	boxes, pdfPages := 0, 0
	for _, op := range res.Originals {
		if !strings.EqualFold(filepath.Ext(op.Source), ".pdf") {
			continue // a Word document's pages are LibreOffice's, tested in internal/bundle
		}
		pdfPages++
		data, err := os.ReadFile(filepath.Join(rec.Dir, filepath.FromSlash(op.Source)))
		if err != nil {
			t.Fatal(err)
		}
		want, err := x.RenderPage(ctx, data, op.SourcePage, 150)
		if err != nil {
			t.Fatal(err)
		}
		n := strconv.Itoa(op.Page)
		base := filepath.Join(t.TempDir(), "p")
		if b, err := exec.Command("pdftoppm", "-upw", "pw-pages", "-r", "150", "-gray", "-png", "-f", n, "-l", n, "-singlefile", out, base).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v\n%s", err, b)
		}
		fh, err := os.Open(base + ".png")
		if err != nil {
			t.Fatal(err)
		}
		got, err := png.Decode(fh)
		fh.Close()
		if err != nil {
			t.Fatal(err)
		}
		d := bundle.DiffOriginal(want, got, op, 150, 48, 2)
		if d.Changed > d.Compared/20000 {
			t.Errorf("bundle page %d (document %d page %d): %d of %d pixels changed outside %d boxes and the bands",
				op.Page, op.DocNumber, op.SourcePage, d.Changed, d.Compared, len(op.Boxes))
		}
		if len(op.Boxes) > 0 && d.BoxDark < 0.75 {
			t.Errorf("bundle page %d: its %d boxes are %.2f dark", op.Page, len(op.Boxes), d.BoxDark)
		}
		boxes += len(op.Boxes)
	}
	st, _ := os.Stat(out)
	t.Logf("%d bundle pages, %d of them original pages (%d from PDFs, with %d burned boxes); %d bytes, %d per page",
		res.Pages, len(res.Originals), pdfPages, boxes, st.Size(), st.Size()/int64(res.Pages))
}
