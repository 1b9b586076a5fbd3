package extract

import (
	"context"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/klippa-app/go-pdfium/requests"
)

// minLayerRunes is the fewest characters a scanned page's text layer must
// have to be taken as the page's text rather than OCR'ing the image.
const minLayerRunes = 20

// pdfFile reads a PDF that is a file of its own: see pdfPart.
func (x *Extractor) pdfFile(ctx context.Context, rel string, data []byte) ([]record.Document, []error) {
	return x.pdfPart(ctx, rel, "", data)
}

// pdfPart reads a PDF, the part `part` of the record file rel: the text
// layer of each page with a box per rune; pages that are scans without a
// text layer are rendered and OCR'd, and so are pictures on typed pages
// (their text marked "[text from an image: …]"); comments and form-field
// values are lines of their page (pdfannot.go); embedded files are read as
// child documents of the PDF, as an email's attachments are.
func (x *Extractor) pdfPart(ctx context.Context, rel, part string, data []byte) ([]record.Document, []error) {
	docs, files, errs := x.pdfRead(ctx, rel, data)
	if len(docs) == 0 || len(files) == 0 {
		return docs, errs
	}
	children, cerrs := x.readChildren(ctx, rel, part, &docs[0], files)
	return append(docs, children...), append(errs, cerrs...)
}

// pdfRead reads the PDF's own document and returns the files embedded in it.
func (x *Extractor) pdfRead(ctx context.Context, rel string, data []byte) ([]record.Document, []childFile, []error) {
	d, err := openPDF(ctx, data, "")
	if err != nil {
		return nil, nil, []error{err}
	}
	defer d.closeDoc()
	docs, errs := x.pdfPages(ctx, rel, d)
	if len(docs) == 0 {
		return nil, nil, errs
	}
	files, ferrs := d.embeddedFiles(data, x.opts.MaxDecompressed)
	return docs, files, append(errs, ferrs...)
}

// pdfPages reads the pages of the open document d.
func (x *Extractor) pdfPages(ctx context.Context, rel string, d *pdfDoc) ([]record.Document, []error) {
	if d.pages > x.opts.MaxPages {
		return nil, []error{fileError(rel, ErrTooLarge, "%d pages, limit %d", d.pages, x.opts.MaxPages)}
	}
	if d.pages == 0 {
		return nil, []error{fileError(rel, ErrCorrupt, "no pages")}
	}
	var errs []error
	pages := make([]*pdfPage, d.pages)
	for i := range pages {
		if err := ctx.Err(); err != nil {
			return nil, []error{err}
		}
		p, err := d.readPage(i)
		if err != nil {
			errs = append(errs, fileError(rel, ErrCorrupt, "page %d: %v", i+1, err))
			p = &pdfPage{}
		}
		pages[i] = p
	}
	kinds := runningHeads(pages)

	doc := record.Document{Format: record.FormatPDF, Pages: d.pages, PageInfo: make([]record.PageInfo, d.pages)}
	var needOCR []int
	for i, p := range pages {
		doc.PageInfo[i] = record.PageInfo{Number: i + 1, Width: p.width, Height: p.height, Scanned: p.scanned}
		if p.scanned {
			doc.Format = record.FormatScan
			// A scan with no text layer, or with only a stamp or a page
			// number typed over it, is read from its pixels.
			if p.runeCount() < minLayerRunes {
				needOCR = append(needOCR, i)
			}
		}
	}
	ocr, ocrErrs := x.ocrPDFPages(ctx, d, needOCR)
	errs = append(errs, ocrErrs...)
	pictures := x.ocrPictures(ctx, d, pages, &doc)

	var t pageText
	for i, p := range pages {
		if o, ok := ocr[i]; ok {
			for _, l := range o.lines {
				t.addOCRLine(i+1, l)
			}
			doc.PageInfo[i].OCRDPI = x.opts.OCRDPI
			doc.OCRPages++
		} else {
			for j, l := range p.lines {
				t.addLayerLine(kinds[i][j], i+1, l, p.scanned)
			}
		}
		for _, l := range pictures[i] {
			t.addMarkedOCRLine(i+1, l, imageTextOpen, imageTextClose)
		}
		for _, n := range p.notes {
			t.addLayerLine(n.kind, i+1, n.line, false)
		}
	}
	t.fill(&doc)
	for _, i := range needOCR {
		if _, ok := ocr[i]; !ok {
			doc.NeedsOCR = true
		}
	}
	x.pdfMeta(&doc, d.meta())
	return []record.Document{doc}, errs
}

// ocrPDFPages renders the given pages (0-based) and OCRs them, several at a
// time. Pages it could not read are missing from the result, with errors.
func (x *Extractor) ocrPDFPages(ctx context.Context, d *pdfDoc, idx []int) (map[int]ocrPage, []error) {
	if len(idx) == 0 {
		return nil, nil
	}
	bin, err := x.tesseract()
	if err != nil {
		e := err.(*Error)
		e.Msg = fmt.Sprintf("%d scanned page(s) without a text layer: %s", len(idx), e.Msg)
		return nil, []error{e}
	}
	dir, err := os.MkdirTemp("", "disclose-ocr-")
	if err != nil {
		return nil, []error{&Error{Kind: ErrNeedsOCR, Msg: "temporary folder: " + err.Error()}}
	}
	defer os.RemoveAll(dir)

	var (
		mu   sync.Mutex
		out  = map[int]ocrPage{}
		errs []error
		wg   sync.WaitGroup
		sem  = make(chan struct{}, runtime.GOMAXPROCS(0))
	)
	fail := func(i int, err error) {
		mu.Lock()
		errs = append(errs, &Error{Kind: ErrNeedsOCR, Msg: fmt.Sprintf("page %d: %v", i+1, err)})
		mu.Unlock()
	}
	for _, i := range idx {
		if ctx.Err() != nil {
			fail(i, ctx.Err())
			continue
		}
		// Rendering uses the one PDFium instance, so it stays in this
		// goroutine; tesseract runs beside it.
		img, err := d.render(i, x.opts.OCRDPI, requests.RenderImageFormatGrayscale)
		if err != nil {
			fail(i, fmt.Errorf("render: %w", err))
			continue
		}
		gray, ok := img.(*image.Gray)
		if !ok {
			fail(i, fmt.Errorf("render: got %T, not a grey image", img))
			continue
		}
		path := filepath.Join(dir, "p"+strconv.Itoa(i)+".pgm")
		if err := writePGM(path, gray); err != nil {
			fail(i, err)
			continue
		}
		sem <- struct{}{}
		wg.Add(1)
		go func(i int, path string) {
			defer func() { <-sem; wg.Done() }()
			pp, err := runOCR(ctx, bin, path, x.opts.OCRDPI)
			os.Remove(path)
			if err != nil || len(pp) == 0 {
				if err == nil {
					err = fmt.Errorf("tesseract gave no page")
				}
				fail(i, err)
				return
			}
			p := pp[0]
			p.toPoints(x.opts.OCRDPI)
			mu.Lock()
			out[i] = p
			mu.Unlock()
		}(i, path)
	}
	wg.Wait()
	return out, errs
}

// runeCount is the number of non-space characters in the page's text layer.
func (p *pdfPage) runeCount() int {
	n := 0
	for _, l := range p.lines {
		for _, r := range l.runes {
			if r != ' ' {
				n++
			}
		}
	}
	return n
}
