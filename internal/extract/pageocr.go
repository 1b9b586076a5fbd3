package extract

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/klippa-app/go-pdfium/enums"
	"github.com/klippa-app/go-pdfium/requests"
)

// PageOCRDPI is the resolution finished pages are rendered at to be read
// back: above the bundle's page images (small print OCRs poorly at their
// own 150 dpi). On the sample's pages tesseract read the same words at 200
// as at 300 dpi in 0.7 s instead of 1.8 s a page.
const PageOCRDPI = 200

// PageOCR renders the given pages (1-based) of a PDF, opened with
// password, and reads each with tesseract, several at a time: the bundle's
// leak check reads its page images as a reader sees them: the pictures
// and drawings, without the page's text objects (dropText). It ignores
// Options.NoOCR (that switch is for reading records): without tesseract it
// fails, so a check that cannot be made is never reported as passed. The
// text is returned, never logged.
func (x *Extractor) PageOCR(ctx context.Context, data []byte, password string, pages []int) ([]string, error) {
	out := make([]string, len(pages))
	at := map[int]int{}
	for k, pg := range pages {
		at[pg] = k
	}
	var mu sync.Mutex
	err := x.PageOCRAt(ctx, bytes.NewReader(data), int64(len(data)), password, pages, func(page int, text string) error {
		mu.Lock()
		out[at[page]] = text
		mu.Unlock()
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// dropText takes page i's (0-based) text objects off the page as PDFium
// holds it (the file is not changed), so it renders as its pictures and
// drawings alone. The leak check reads text objects from the text layer,
// exactly; read again by OCR, the white labels the bundle draws on black
// boxes come back as letter soup, which can spell a redacted name by
// chance and refuse a bundle that holds none.
func (d *pdfDoc) dropText(i int) error {
	pg := d.page(i)
	n, err := d.inst.FPDFPage_CountObjects(&requests.FPDFPage_CountObjects{Page: pg})
	if err != nil {
		return fmt.Errorf("count objects: %w", err)
	}
	for k := n.Count - 1; k >= 0; k-- {
		o, err := d.inst.FPDFPage_GetObject(&requests.FPDFPage_GetObject{Page: pg, Index: k})
		if err != nil {
			return fmt.Errorf("object %d: %w", k, err)
		}
		ty, err := d.inst.FPDFPageObj_GetType(&requests.FPDFPageObj_GetType{PageObject: o.PageObject})
		if err != nil {
			return fmt.Errorf("object %d: %w", k, err)
		}
		if ty.Type != enums.FPDF_PAGEOBJ_TEXT {
			continue
		}
		if _, err := d.inst.FPDFPage_RemoveObject(&requests.FPDFPage_RemoveObject{Page: pg, PageObject: o.PageObject}); err != nil {
			return fmt.Errorf("object %d: %w", k, err)
		}
		if _, err := d.inst.FPDFPageObj_Destroy(&requests.FPDFPageObj_Destroy{PageObject: o.PageObject}); err != nil {
			return fmt.Errorf("object %d: %w", k, err)
		}
	}
	return nil
}

// PageOCRAt is PageOCR of size bytes of r, read where they lie, giving
// each page's text to each as it is read (from several goroutines at
// once), so the leak check of a large bundle holds neither the file nor
// every page's text.
func (x *Extractor) PageOCRAt(ctx context.Context, r io.ReaderAt, size int64, password string, pages []int, each func(page int, text string) error) error {
	name := x.opts.Tesseract
	if name == "" {
		name = "tesseract"
	}
	bin, err := exec.LookPath(name)
	if err != nil {
		return fmt.Errorf("read page images: tesseract not found: %w", err)
	}
	d, err := openPDFAt(ctx, r, size, password)
	if err != nil {
		return fmt.Errorf("read page images: %w", err)
	}
	defer d.closeDoc()
	dir, err := os.MkdirTemp("", "disclose-pageocr-")
	if err != nil {
		return fmt.Errorf("read page images: %w", err)
	}
	defer os.RemoveAll(dir)
	var (
		mu    sync.Mutex
		first error
		wg    sync.WaitGroup
		sem   = make(chan struct{}, runtime.GOMAXPROCS(0))
	)
	fail := func(err error) {
		mu.Lock()
		if first == nil {
			first = err
		}
		mu.Unlock()
	}
	for k, pg := range pages {
		if err := ctx.Err(); err != nil {
			fail(err)
			break
		}
		if pg < 1 || pg > d.pages {
			fail(fmt.Errorf("read page images: no page %d", pg))
			break
		}
		// Rendering uses the one PDFium instance, so it stays in this
		// goroutine; tesseract runs beside it, a process per core.
		if err := d.dropText(pg - 1); err != nil {
			fail(fmt.Errorf("read page images: page %d: %w", pg, err))
			break
		}
		img, err := d.render(pg-1, PageOCRDPI, requests.RenderImageFormatGrayscale)
		if err != nil {
			fail(fmt.Errorf("read page images: render page %d: %w", pg, err))
			break
		}
		gray, ok := img.(*image.Gray)
		if !ok {
			fail(fmt.Errorf("read page images: page %d rendered as %T", pg, img))
			break
		}
		if err := d.pageRead(pg - 1); err != nil {
			fail(fmt.Errorf("read page images: %w", err))
			break
		}
		path := filepath.Join(dir, "p"+strconv.Itoa(pg)+".pgm")
		if err := writePGM(path, gray); err != nil {
			fail(fmt.Errorf("read page images: %w", err))
			break
		}
		sem <- struct{}{}
		wg.Add(1)
		go func(k, pg int, path string) {
			defer func() { <-sem; wg.Done() }()
			pp, err := runOCR(ctx, bin, path, PageOCRDPI)
			os.Remove(path)
			if err != nil {
				fail(fmt.Errorf("read page images: page %d: %w", pg, err))
				return
			}
			var sb strings.Builder
			for _, p := range pp {
				for _, l := range p.lines {
					for i, w := range l {
						if i > 0 {
							sb.WriteByte(' ')
						}
						sb.WriteString(w.text)
					}
					sb.WriteByte('\n')
				}
			}
			if err := each(pg, sb.String()); err != nil {
				fail(err)
			}
		}(k, pg, path)
	}
	wg.Wait()
	return first
}
