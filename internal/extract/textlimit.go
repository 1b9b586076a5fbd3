package extract

import (
	"compress/flate"
	"fmt"

	"github.com/disclose-sar/disclose/internal/record"
)

// A document is refused, named with the reason, when its text is more
// than Options.MaxText, or when past repeatFloor bytes its text repeats
// itself more than maxTextRepeat:1 — a file made to inflate, not written:
// one such upload of 123 KB made 698,400 suggestions. Real prose
// compresses some 3:1, a table of figures perhaps 10:1.
const (
	repeatFloor   = 512 << 10
	maxTextRepeat = 40
)

// boundText drops the documents whose text passes the limits and reports
// each; a child document's refusal names its part.
func (x *Extractor) boundText(rel string, docs []record.Document, errs []error) ([]record.Document, []error) {
	kept := docs[:0]
	for _, d := range docs {
		switch {
		case len(d.Text) > x.opts.MaxText:
			errs = append(errs, textTooLarge(rel, x.opts.MaxText, partPrefix(d.Part)+fmt.Sprintf("it holds %d bytes of text", len(d.Text))))
		case len(d.Text) > repeatFloor && repeats(d.Text) > maxTextRepeat:
			errs = append(errs, fileError(rel, ErrTooLarge, "%sits text repeats itself more than %d:1: a generated file (a zip bomb?), not a document; refused", partPrefix(d.Part), maxTextRepeat))
		default:
			kept = append(kept, d)
		}
	}
	return kept, errs
}

func textTooLarge(rel string, limit int, detail string) *Error {
	return fileError(rel, ErrTooLarge, "more text than the %d MiB one document may hold (%s); refused: split the document, or raise the limit", limit>>20, detail)
}

// repeats is how many times smaller the text compresses (fastest level).
func repeats(text string) int {
	var n countWriter
	w, _ := flate.NewWriter(&n, flate.BestSpeed)
	w.Write([]byte(text))
	w.Close()
	return len(text) / max(int(n), 1)
}

type countWriter int

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}
