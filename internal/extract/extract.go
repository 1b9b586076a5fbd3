// Package extract turns one file of a record into Documents: text in reading
// order, cut into blocks with their kind and offsets, plus what is known of
// the document (type, date, author, title, pages, hashes). One small file per
// format. It never logs document text.
package extract

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/disclose-sar/disclose/internal/record"
)

// Options are the limits and tools extraction works within.
type Options struct {
	MaxFileSize     int64  // bytes; larger files are refused (default 256 MiB)
	MaxDecompressed int64  // bytes a DOCX may inflate to (default 512 MiB)
	MaxPages        int    // pages per PDF (default 5000)
	Tesseract       string // path of the tesseract binary; "" = look it up on PATH
	NoOCR           bool   // never run OCR: image pages are reported as needing it
	OCRDPI          int    // resolution pages are rendered at for OCR (default 300)
	// Soffice is the LibreOffice binary that converts .doc, .rtf, .odt,
	// .xls and .ods files; "" = look up soffice on PATH.
	Soffice string
	// Converters is how many LibreOffice processes may run at once
	// (default 2): each takes a core and a few hundred MB.
	Converters int
	// ConvertTimeout bounds one conversion (default 2 minutes); a
	// converter still running then is killed and the file reported.
	ConvertTimeout time.Duration
	// MaxText bounds the text of one document (default 8 MiB, some 3,000
	// pages): a document with more is refused, so one file cannot make
	// the review of a whole record.
	MaxText int
}

func (o Options) withDefaults() Options {
	if o.MaxFileSize == 0 {
		o.MaxFileSize = 256 << 20
	}
	if o.MaxDecompressed == 0 {
		o.MaxDecompressed = 512 << 20
	}
	if o.MaxPages == 0 {
		o.MaxPages = 5000
	}
	if o.OCRDPI == 0 {
		o.OCRDPI = 300
	}
	if o.Converters <= 0 {
		o.Converters = 2
	}
	if o.ConvertTimeout <= 0 {
		o.ConvertTimeout = 2 * time.Minute
	}
	if o.MaxText <= 0 {
		o.MaxText = 8 << 20
	}
	return o
}

// Error kinds: what went wrong with a file, in words an IG officer can act on.
var (
	ErrUnsupported = errors.New("unsupported file type")
	ErrCorrupt     = errors.New("file is damaged or not what its name says")
	ErrEncrypted   = errors.New("file is password-protected")
	ErrTooLarge    = errors.New("file exceeds a configured limit")
	ErrEmpty       = errors.New("file is empty")
)

// Error is a problem with one file. Its message names the file and the
// problem; it never contains document text.
type Error struct {
	Path string // record-relative
	Kind error  // one of the Err* kinds
	Msg  string // detail safe to show
}

func (e *Error) Error() string {
	if e.Msg == "" {
		return fmt.Sprintf("%s: %v", e.Path, e.Kind)
	}
	return fmt.Sprintf("%s: %v: %s", e.Path, e.Kind, e.Msg)
}

func (e *Error) Unwrap() error { return e.Kind }

func fileError(path string, kind error, format string, args ...any) *Error {
	return &Error{Path: path, Kind: kind, Msg: fmt.Sprintf(format, args...)}
}

// DocID is the stable identifier of a document: the same file and part give
// the same ID on every run and every machine.
func DocID(relPath, part string) string {
	h := sha256.Sum256([]byte(relPath + "\x00" + part))
	return hex.EncodeToString(h[:8])
}

// HashBytes returns the hex sha256 of b.
func HashBytes(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// TextHash hashes text after folding case and runs of white space, so the
// same words saved by two programs hash alike.
func TextHash(text string) string {
	return HashBytes([]byte(NormaliseText(text)))
}

// NormaliseText folds case and collapses white space.
func NormaliseText(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	space := false
	for _, r := range text {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// textBuilder accumulates a document's text and its blocks; blocks are
// separated by a newline.
type textBuilder struct {
	sb     strings.Builder
	blocks []record.Block
}

// add appends one block. Empty (all-space) text is skipped.
func (b *textBuilder) add(kind record.BlockKind, page int, label, text string) {
	text = strings.TrimRight(text, " \t\r\n")
	if strings.TrimSpace(text) == "" {
		return
	}
	if b.sb.Len() > 0 {
		b.sb.WriteByte('\n')
	}
	start := b.sb.Len()
	b.sb.WriteString(text)
	b.blocks = append(b.blocks, record.Block{Kind: kind, Page: page, Start: start, End: b.sb.Len(), Label: label})
}

func (b *textBuilder) fill(d *record.Document) {
	d.Text = b.sb.String()
	d.Blocks = b.blocks
	d.TextHash = TextHash(d.Text)
}

// Extractor reads files. It is safe for concurrent use; Close releases the
// PDF engine.
type Extractor struct {
	opts Options
	pdf  *pdfEngine

	convMu sync.Mutex
	conv   *converterPool // LibreOffice, started on first use

	tools chan struct{} // one token per outside program running
}

// New returns an Extractor with the given limits.
func New(opts Options) *Extractor {
	opts = opts.withDefaults()
	return &Extractor{opts: opts, tools: make(chan struct{}, opts.Converters)}
}

// Close releases the PDF engine, if one was started, and removes the
// converters' profiles.
func (x *Extractor) Close() error {
	err := x.closeConverters()
	if x.pdf != nil {
		err = errors.Join(err, x.pdf.close())
	}
	return err
}

// File extracts the file at root/relPath. A file may give several documents
// (an mbox, a case-notes CSV, an email with attachments). Problems that spoil
// only part of a file are returned as *Error values beside the documents.
func (x *Extractor) File(ctx context.Context, root, relPath string) ([]record.Document, []error) {
	return x.dispatch(ctx, root, relPath)
}
