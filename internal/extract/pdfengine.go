package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/klippa-app/go-pdfium"
	pdferrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// pdfEngine is PDFium compiled to WebAssembly, run by wazero (no cgo). Its
// start-up (compiling the module) takes seconds, so one engine serves the
// whole process: every Extractor shares it through sharedPDF.
type pdfEngine struct {
	pool pdfium.Pool
}

var (
	pdfMu     sync.Mutex
	pdfShared *pdfEngine
	pdfErr    error
)

// sharedPDF returns the process's PDF engine, starting it on first use.
func sharedPDF() (*pdfEngine, error) {
	pdfMu.Lock()
	defer pdfMu.Unlock()
	if pdfShared != nil || pdfErr != nil {
		return pdfShared, pdfErr
	}
	n := pdfInstances()
	pool, err := webassembly.Init(webassembly.Config{
		MinIdle:  1,
		MaxIdle:  n,
		MaxTotal: n,
		// An empty FSConfig mounts nothing: documents are opened from
		// bytes, and the default (the host's / read-write) would let a
		// hostile PDF's actions reach the file system.
		FSConfig: wazero.NewFSConfig(),
		// Cancellation is checked between pages, not inside a PDFium call:
		// wazero's WithCloseOnContextDone would stop a call mid-way but
		// made text extraction six times slower here.
		ReuseWorkers:  true,
		RuntimeConfig: runtimeConfig(),
	})
	if err != nil {
		pdfErr = fmt.Errorf("start PDF engine: %w", err)
		return nil, pdfErr
	}
	pdfShared = &pdfEngine{pool: pool}
	return pdfShared, nil
}

// pdfInstances is how many PDFium instances the engine runs at most.
func pdfInstances() int { return min(runtime.GOMAXPROCS(0), 4) }

// runtimeConfig is go-pdfium's default wazero configuration (PDFium needs
// the exception-handling feature for setjmp/longjmp) plus an on-disk cache
// of the compiled module: compiling PDFium costs seconds of CPU at every
// start, loading the cached machine code a fraction of that. The cache
// lives in $DISCLOSE_WASM_CACHE, else the user's cache directory; without
// a writable one the engine simply compiles each time.
func runtimeConfig() wazero.RuntimeConfig {
	rc := wazero.NewRuntimeConfig().WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling)
	dir := os.Getenv("DISCLOSE_WASM_CACHE")
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return rc
		}
		dir = filepath.Join(base, "disclose", "wazero")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return rc
	}
	cache, err := wazero.NewCompilationCacheWithDir(dir)
	if err != nil {
		return rc
	}
	return rc.WithCompilationCache(cache)
}

// close stops the engine. The next use of PDF reading starts a new one.
func (p *pdfEngine) close() error {
	pdfMu.Lock()
	defer pdfMu.Unlock()
	if p == nil || p.pool == nil {
		return nil
	}
	err := p.pool.Close()
	p.pool = nil
	if pdfShared == p {
		pdfShared = nil
	}
	return err
}

// pdfDoc is one open document on a borrowed PDFium instance.
type pdfDoc struct {
	inst  pdfium.Pdfium
	doc   references.FPDF_DOCUMENT
	pages int
	// reopen opens the document again on the same instance (openPDFAt);
	// read counts the pages read since it was last opened, the first of
	// them page walked (0-based).
	reopen func() (references.FPDF_DOCUMENT, error)
	read   int
	walked int
}

// pdfReopenPages is how many pages a document opened where it lies
// (openPDFAt) reads at least before it is closed and opened again: PDFium
// keeps every object it has parsed until its document is closed, so
// reading a whole large bundle through one open document grew the
// engine's memory with the file (270 MiB at 50,000 pages). Opening again
// reads the cross-reference table only.
var pdfReopenPages = 1000

// pdfReopenWalk bounds what opening again costs. A document opened again
// reaches page i only by walking its page tree past every page before it,
// parsing each page's dictionary (about 2 s of CPU to reach page 40,000):
// reopening every pdfReopenPages pages made reading a bundle's text
// quadratic in its pages — at 50,000 pages the walks were 28 page
// dictionaries parsed for every page read (11 at 20,000), the main reason
// the batch command was 22% slower a page at 50,000 pages (issue 16). An opening therefore also reads
// at least 1/pdfReopenWalk as many pages as it walked past to reach its
// first: at most that many are walked for each page read, at any size, and
// what PDFium holds still falls back at every opening.
const pdfReopenWalk = 4

// pageRead notes that page i (0-based) was read, and opens the document
// again when enough have been (pdfReopenPages, pdfReopenWalk; documents
// opened from bytes are left open).
func (d *pdfDoc) pageRead(i int) error {
	if d.reopen == nil {
		return nil
	}
	if !d.due(i) {
		return nil
	}
	d.inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: d.doc})
	d.doc = ""
	doc, err := d.reopen()
	if err != nil {
		return fmt.Errorf("open again: %w", err)
	}
	d.doc = doc
	return nil
}

// due notes that page i was read and reports whether the document is to
// be opened again now.
func (d *pdfDoc) due(i int) bool {
	if d.read == 0 {
		d.walked = i
	}
	if d.read++; d.read < max(pdfReopenPages, d.walked/pdfReopenWalk) {
		return false
	}
	d.read = 0
	return true
}

// openPDF borrows an instance and opens data with it. The caller must call
// closeDoc. Errors are *Error values with a kind.
func openPDF(ctx context.Context, data []byte, password string) (*pdfDoc, error) {
	return openPDFRequest(ctx, &requests.OpenDocument{File: &data}, password, func() []byte { return data })
}

// openPDFAt opens size bytes of r where they lie: PDFium reads the blocks
// it needs through the reader, so a large file is never copied into its
// memory. Each open needs a reader of its own (they keep a position).
func openPDFAt(ctx context.Context, r io.ReaderAt, size int64, password string) (*pdfDoc, error) {
	req := &requests.OpenDocument{FileReader: io.NewSectionReader(r, 0, size), FileReaderSize: size}
	d, err := openPDFRequest(ctx, req, password, func() []byte {
		head, tail := make([]byte, min(size, 1024)), make([]byte, min(size, 2048))
		r.ReadAt(head, 0)
		r.ReadAt(tail, size-int64(len(tail)))
		return append(head, tail...)
	})
	if err != nil {
		return nil, err
	}
	d.reopen = func() (references.FPDF_DOCUMENT, error) {
		again := &requests.OpenDocument{FileReader: io.NewSectionReader(r, 0, size), FileReaderSize: size, Password: req.Password}
		res, err := d.inst.OpenDocument(again)
		if err != nil {
			return "", err
		}
		return res.Document, nil
	}
	return d, nil
}

func openPDFRequest(ctx context.Context, req *requests.OpenDocument, password string, sample func() []byte) (*pdfDoc, error) {
	eng, err := sharedPDF()
	if err != nil {
		return nil, err
	}
	inst, err := eng.pool.GetInstanceWithContext(ctx)
	if err != nil {
		return nil, fmt.Errorf("PDF engine busy: %w", err)
	}
	if password != "" {
		req.Password = &password
	}
	res, err := inst.OpenDocument(req)
	if err != nil {
		inst.Close()
		return nil, openError(err, sample())
	}
	d := &pdfDoc{inst: inst, doc: res.Document}
	pc, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: d.doc})
	if err != nil {
		d.closeDoc()
		return nil, &Error{Kind: ErrCorrupt, Msg: "page count: " + err.Error()}
	}
	d.pages = pc.PageCount
	return d, nil
}

// openError turns PDFium's open errors into our kinds, with a hint when
// the file plainly ends early.
func openError(err error, data []byte) error {
	switch {
	case errors.Is(err, pdferrors.ErrPassword):
		return &Error{Kind: ErrEncrypted, Msg: "a password is needed to open it"}
	case errors.Is(err, pdferrors.ErrSecurity):
		return &Error{Kind: ErrEncrypted, Msg: "unsupported encryption"}
	}
	msg := "PDF engine: " + err.Error()
	if !bytes.Contains(data[:min(len(data), 1024)], []byte("%PDF-")) { // readers allow junk before it
		msg = "not a PDF (no %PDF- header); " + msg
	} else if !bytes.Contains(data[max(0, len(data)-2048):], []byte("%%EOF")) {
		msg = "truncated (no %EOF end marker); " + msg
	}
	return &Error{Kind: ErrCorrupt, Msg: msg}
}

func (d *pdfDoc) closeDoc() {
	if d.doc != "" {
		d.inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: d.doc})
	}
	d.inst.Close()
}

func (d *pdfDoc) page(i int) requests.Page {
	return requests.Page{ByIndex: &requests.PageByIndex{Document: d.doc, Index: i}}
}

// meta returns the document information dictionary's values we keep.
func (d *pdfDoc) meta() map[string]string {
	res, err := d.inst.GetMetaData(&requests.GetMetaData{Document: d.doc})
	if err != nil {
		return nil
	}
	out := map[string]string{}
	for _, t := range res.Tags {
		if t.Value == "" {
			continue
		}
		switch t.Tag {
		case "Title", "Author", "Subject", "Creator", "Producer", "CreationDate", "ModDate":
			out[t.Tag] = t.Value
		}
	}
	return out
}
