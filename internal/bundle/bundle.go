// Package bundle writes the disclosure bundle a requester receives: a cover
// letter, contents, a key to the redactions, a glossary and every disclosed
// document, with redacted text replaced by labelled boxes (the characters are
// never written), scanned pages with the boxes burned into the pixels, every
// page stamped, AES-256 encryption, a redaction schedule for legal services,
// and a leak check of the finished file: it is reopened, decrypted and
// searched for every redacted string before anyone receives it.
//
// UK GDPR Art. 15 gives the requester a copy of their personal data;
// DPA 2018 Sch. 2 para. 16 lets the council remove what would identify
// someone else. The bundle must do the second without failing the first.
package bundle

import (
	"context"
	"image"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/rules"
)

// Reason explains a reason code to the requester.
type Reason struct {
	Code  string
	Title string
	Law   string
	Plain string // short sentences, no jargon
}

// Label says what a pseudonymous label printed in a box means, e.g.
// "Sibling A" — "one of your brothers or sisters".
type Label struct {
	Label   string
	Meaning string
}

// Unreadable is a source file that could not be read. It appears in the
// bundle as a notice so nothing is silently dropped. Description must not
// hold the file name (file names are personal data too).
type Unreadable struct {
	Description string // e.g. "a PDF file from the shared drive"
	Reason      string // e.g. "the file is damaged"
}

// Input is what goes into a bundle.
type Input struct {
	Docs       []record.Document // non-duplicates; Write orders them
	Redactions []record.Redaction
	Reasons    map[string]Reason // by code
	Labels     []Label
	Unreadable []Unreadable
	// Keep lists strings the requester is entitled to (their own names):
	// a redacted string that is part of one is not spread to other
	// occurrences and is left out of the leak check.
	Keep []string
	// Shown lists names the bundle shows on purpose besides the
	// requester's (council staff acting in their role): a redacted string
	// is not spread into an occurrence of one ("Jo" redacted for a relative
	// stays in the social worker "Jo Bloggs").
	Shown []string
	// Words is the packs' person vocabulary, or nil: a searched-for name
	// just after an organisation's head word ("Ysgol <Name> <Word>") is the
	// place's name, neither spread nor a leak, as the person detector reads
	// it (rules.People.HeadBefore).
	Words *rules.People
	// Watch lists strings the leak check searches the finished bundle for
	// besides the redacted ones, trusting nothing upstream: every form of
	// every third party's name and every detector's find that no decision
	// released. They are searched for, never spread: a hit fails the bundle.
	Watch []Watched
	// SpreadWatched redacts watched strings wherever they appear instead of
	// failing on them: the batch path, where no person decides, applies the
	// safety net as it applies every suggestion. The server leaves it off:
	// there a watched string found fails the bundle for an officer to decide.
	SpreadWatched bool
	// Areas are rectangles officers drew on pages (the server's review
	// screen; the batch path has none): the words under each are redacted
	// and, wherever its page is shown as an image, its pixels burned.
	Areas []record.Area
}

// Order of the documents in the bundle.
const (
	OrderChronological = "chronological"
	OrderLocation      = "location"
)

// Layouts of the documents in the bundle.
const (
	// LayoutOriginal shows every page of a PDF source as that page: its
	// image with the redactions burned into the pixels and an invisible
	// text layer of the words that remain. Documents with no pages of
	// their own (e-mails, notes, case-note exports) are typeset.
	LayoutOriginal = "original"
	// LayoutReading typesets every document as plain text in order: the
	// reading edition, large-print capable.
	LayoutReading = "reading"
)

// Council is who sends the bundle.
type Council struct {
	Name    string
	Address []string
	Team    string // e.g. "Information Governance Team"
	Support string // where to get support while reading the record
	Phone   string
	Email   string
	// Retention says how long the council keeps the records (for "About
	// your information"); empty uses the statutory children's social care
	// periods.
	Retention string
}

// DefaultCouncil is used for any empty field of Options.Council.
var DefaultCouncil = Council{
	Name:    "The Council",
	Address: []string{"Information Governance Team", "Council Offices"},
	Team:    "Information Governance Team",
	Support: "If reading your record is upsetting, or you would like someone to go through it with you, your personal adviser or the Leaving Care Team can help. You can also contact us and we will arrange support.",
}

// Options controls how a bundle is written.
type Options struct {
	Reference   string    // request reference, stamped on every page
	SubjectName string    // the requester, for the cover letter
	Council     Council   // sender; empty fields take DefaultCouncil's
	Date        time.Time // disclosure date; zero means today
	Order       string    // OrderChronological (default) or OrderLocation
	Layout      string    // LayoutOriginal (default) or LayoutReading
	LargePrint  bool      // 16 pt instead of 11 pt
	Password    string    // user password; empty generates one
	NoEncrypt   bool      // internal drafts only
	// KeepRefused is for benchmarks on synthetic records only: a bundle
	// WriteFile made and its leak check refused is moved here, still
	// encrypted, for an engineer to see what the check found. The
	// commands and the server never set it.
	KeepRefused string
	// EncryptedOnDownload: the file is written unencrypted (NoEncrypt)
	// because every copy is encrypted with its own password as it is
	// handed out (the server's downloads); the cover letter still tells
	// the requester the pack is password-protected.
	EncryptedOnDownload bool
	FontDir             string // searched first for Liberation Sans
	// PageImage renders page (1-based) of a scanned document's source at
	// dpi. Without it scanned pages are set as text from their OCR words.
	PageImage func(ctx context.Context, doc *record.Document, page, dpi int) (image.Image, error)
	// Paginate lays a word-processor document out as pages for the
	// original layout: a copy of it with its characters placed on the
	// pages (Glyphs, PageInfo, Blocks with their pages), per page the
	// printed text not in its Text, and the renderer of its pages. Without
	// it such documents are typeset.
	Paginate func(ctx context.Context, doc *record.Document) (*record.Document, map[int]string, func(ctx context.Context, page, dpi int) (image.Image, error), error)
	// PDFText returns each page's text of a PDF (opened with password);
	// the leak check searches it as well as the raw objects.
	PDFText func(ctx context.Context, data []byte, password string) ([]string, error)
	// PageOCR reads the given pages (1-based) of a PDF opened with
	// password by rendering and OCR: the leak check reads every bundle page
	// that carries an image as a reader sees it. Without it page images
	// are checked only through their text layer (and a warning says so).
	PageOCR func(ctx context.Context, data []byte, password string, pages []int) ([]string, error)
	// Boxes, when set, gives a document's character and word boxes
	// (Glyphs, Words) that are kept out of memory — the batch command
	// spools them to a file as the record is read. The bundle asks for them
	// as it lays each document out and lets them go after (from more than
	// one goroutine: page images are made ahead); without it they are the
	// documents' own.
	Boxes func(doc *record.Document) ([]record.Glyph, []record.Word, error)
	// PDFTextAt and PageOCRAt, when given, are used instead of PDFText
	// and PageOCR: they read the finished file where it lies (size bytes
	// of r), giving each page's text to each (from any goroutine) as it is
	// read, so the check never holds the file or all its text. PDFTextAt
	// returns the number of pages.
	PDFTextAt func(ctx context.Context, r io.ReaderAt, size int64, password string, each func(page int, text string) error) (int, error)
	PageOCRAt func(ctx context.Context, r io.ReaderAt, size int64, password string, pages []int, each func(page int, text string) error) error
}

// Certificate summarises the leak check of the finished bundle.
type Certificate struct {
	Strings int // distinct redacted strings searched for
	Skipped int // too short to search, or part of the requester's own names
	// SkippedWhy counts the strings not searched for by reason.
	SkippedWhy map[string]int
	Objects    int    // PDF objects searched
	Pages      int    // pages of extracted text searched
	OCRPages   int    // page images read by OCR and searched
	Hits       int    // always 0 in a written bundle
	SHA256     string // of the bundle as written
	Encrypted  bool
	Date       time.Time // when the bundle was written and checked
}

// Result is the leak check's outcome in a few words, for the schedule.
func (c Certificate) Result() string {
	if c.Hits == 0 {
		return "leak check passed: no redacted string found"
	}
	return "LEAK CHECK FAILED: " + itoa(c.Hits) + " redacted strings found"
}

// Summary is the certificate in one line, for the terminal and the schedule.
func (c Certificate) Summary() string {
	enc := "not encrypted"
	if c.Encrypted {
		enc = "AES-256 encrypted"
	}
	ocr := ""
	if c.OCRPages > 0 {
		ocr = ", " + itoa(c.OCRPages) + " page images read by OCR"
	}
	return "leak check: " + itoa(c.Strings) + " redacted strings searched in " + itoa(c.Pages) +
		" pages of text" + ocr + " and " + itoa(c.Objects) + " PDF objects, " + itoa(c.Hits) + " found (" +
		itoa(c.Skipped) + " not searched" + skippedWhy(c.SkippedWhy) + "); bundle sha256 " + c.SHA256 + ", " + enc
}

// ScheduleRow is one redaction or withholding, for legal services and the
// regulator (never the requester). It holds no redacted text.
type ScheduleRow struct {
	DocNumber int
	DocRef    string // "Document 12: case note, 3 March 2014"
	Source    string // record-relative path (the schedule may hold it)
	Page      int    // bundle page where the box or notice is
	Kind      string // "redaction", "withheld section", "withheld document"
	Code      string
	RuleID    string
	Label     string
	Decider   string
	Reason    string // the code's title ("Information about other people")
	Law       string // the provision the code rests on
	Note      string // the decider's own reason, if they gave one
	Approver  string // who gave the legal approval the decision needed; empty if none

	// SourcePage is the page of the source an area was drawn on (KindArea).
	SourcePage int `json:",omitempty"`
}

// OriginalPage is a bundle page that shows a source page as it is
// (LayoutOriginal): where it came from and where its boxes were burned.
// It holds no text.
type OriginalPage struct {
	Page       int    // bundle page
	DocNumber  int    // document number in the bundle
	Source     string // record-relative path of the source file
	SourcePage int    // 1-based
	// Top is the height of the stamp band above the source page, in
	// points: the source page's (x, y) is the bundle page's (x, y+Top).
	Top float64
	// Boxes are the burned boxes in source page points, as burned (with
	// their padding).
	Boxes []record.Box
}

// Result describes a written bundle.
type Result struct {
	Pages       int
	Documents   int
	Redactions  int    // boxes drawn (after merging)
	Withheld    int    // documents and sections withheld
	Password    string // set only when generated; print it once, send it separately
	Certificate Certificate
	Schedule    []ScheduleRow
	Warnings    []string // safe to log: no document text
	Bytes       int
	Originals   []OriginalPage
}

func skippedWhy(m map[string]int) string {
	if len(m) == 0 {
		return ""
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, itoa(m[k])+" "+k)
	}
	return ": " + strings.Join(parts, ", ")
}
