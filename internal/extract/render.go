package extract

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"image"
	"io"
	"os"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/klippa-app/go-pdfium/requests"
)

// maxRenderPixels bounds one rendered page (a 300 dpi A3 page is ~17 M).
const maxRenderPixels = 80 << 20

// RenderPage renders page (1-based) of the PDF in data at dpi into an RGBA
// image, for burning redactions into scanned pages.
func (x *Extractor) RenderPage(ctx context.Context, data []byte, page int, dpi int) (image.Image, error) {
	d, err := openPDF(ctx, data, "")
	if err != nil {
		return nil, fmt.Errorf("render page %d: %w", page, err)
	}
	defer d.closeDoc()
	if page < 1 || page > d.pages {
		return nil, fmt.Errorf("render page %d: document has %d pages", page, d.pages)
	}
	img, err := d.render(page-1, dpi, requests.RenderImageFormatRGBA)
	if err != nil {
		return nil, fmt.Errorf("render page %d: %w", page, err)
	}
	return img, nil
}

// PDFText returns the text of each page of the PDF in data, opening it with
// password when it is encrypted. The bundle's leak check reads its own
// output with it.
func (x *Extractor) PDFText(ctx context.Context, data []byte, password string) ([]string, error) {
	var mu sync.Mutex
	out := map[int]string{}
	n, err := x.PDFTextAt(ctx, bytes.NewReader(data), int64(len(data)), password, func(page int, t string) error {
		mu.Lock()
		out[page] = t
		mu.Unlock()
		return nil
	})
	if err != nil {
		return nil, err
	}
	texts := make([]string, n)
	for i := range texts {
		texts[i] = out[i+1]
	}
	return texts, nil
}

// PDFTextAt reads the text of every page of the PDF in size bytes of r,
// opened with password when it is encrypted, on as many PDFium instances
// as there are cores (each opens the file for itself and takes the next
// page not yet read), and gives each page's text (1-based) to each as it
// is read — from several goroutines at once. It returns the page count.
// The file is read where it lies: the bundle's leak check reads its own
// output with it without holding the file or all its text.
func (x *Extractor) PDFTextAt(ctx context.Context, r io.ReaderAt, size int64, password string, each func(page int, text string) error) (int, error) {
	first, err := openPDFAt(ctx, r, size, password)
	if err != nil {
		return 0, fmt.Errorf("read PDF text: %w", err)
	}
	pages := first.pages
	var (
		next atomic.Int64
		wg   sync.WaitGroup
		mu   sync.Mutex
		fail error
	)
	work := func(d *pdfDoc) {
		defer wg.Done()
		defer d.closeDoc()
		for {
			i := int(next.Add(1) - 1)
			if i >= pages {
				return
			}
			mu.Lock()
			stop := fail != nil
			mu.Unlock()
			if stop {
				return
			}
			err := ctx.Err()
			var t string
			if err == nil {
				t, err = d.plainText(i)
				if err != nil {
					err = fmt.Errorf("read PDF text: page %d: %w", i+1, err)
				}
			}
			if err == nil {
				err = each(i+1, t)
			}
			if err == nil {
				if err = d.pageRead(i); err != nil {
					err = fmt.Errorf("read PDF text: %w", err)
				}
			}
			if err != nil {
				mu.Lock()
				if fail == nil {
					fail = err
				}
				mu.Unlock()
				return
			}
		}
	}
	wg.Add(1)
	go work(first)
	for range min(runtime.GOMAXPROCS(0), pdfInstances(), (pages+31)/32) - 1 {
		d, err := openPDFAt(ctx, r, size, password)
		if err != nil {
			break // the pages are shared among those that opened
		}
		wg.Add(1)
		go work(d)
	}
	wg.Wait()
	if fail != nil {
		return 0, fail
	}
	return pages, nil
}

// plainText is page i's (0-based) text in one PDFium call.
func (d *pdfDoc) plainText(i int) (string, error) {
	tp, err := d.inst.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: d.page(i)})
	if err != nil {
		return "", err
	}
	defer d.inst.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
	cc, err := d.inst.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp.TextPage})
	if err != nil || cc.Count <= 0 {
		return "", err
	}
	t, err := d.inst.FPDFText_GetText(&requests.FPDFText_GetText{TextPage: tp.TextPage, Count: cc.Count})
	if err != nil {
		return "", err
	}
	return t.Text, nil
}

// render draws page i (0-based) at dpi and returns a copy of the pixels
// (PDFium's buffer lives in the WebAssembly memory and is released here).
func (d *pdfDoc) render(i, dpi int, format requests.RenderImageFormat) (image.Image, error) {
	sz, err := d.inst.FPDF_GetPageSizeByIndex(&requests.FPDF_GetPageSizeByIndex{Document: d.doc, Index: i})
	if err != nil {
		return nil, err
	}
	if px := sz.Width * sz.Height * float64(dpi) * float64(dpi) / (72 * 72); px > maxRenderPixels || dpi <= 0 {
		return nil, &Error{Kind: ErrTooLarge, Msg: fmt.Sprintf("page %d at %d dpi is too large to render", i+1, dpi)}
	}
	res, err := d.inst.RenderPageInDPI(&requests.RenderPageInDPI{Page: d.page(i), DPI: dpi, ImageFormat: format})
	if err != nil {
		return nil, err
	}
	defer res.Cleanup()
	switch src := res.Result.RenderedImage.(type) {
	case *image.Gray:
		return &image.Gray{Pix: slices.Clone(src.Pix), Stride: src.Stride, Rect: src.Rect}, nil
	case *image.RGBA:
		return &image.RGBA{Pix: slices.Clone(src.Pix), Stride: src.Stride, Rect: src.Rect}, nil
	}
	return nil, fmt.Errorf("unexpected image type %T", res.Result.RenderedImage)
}

// writePGM writes a grey image as binary PGM, which tesseract (Leptonica)
// reads and which costs nothing to encode, unlike PNG.
func writePGM(path string, g *image.Gray) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	b := g.Bounds()
	fmt.Fprintf(w, "P5\n%d %d\n255\n", b.Dx(), b.Dy())
	for y := b.Min.Y; y < b.Max.Y; y++ {
		off := g.PixOffset(b.Min.X, y)
		w.Write(g.Pix[off : off+b.Dx()])
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
