// Package record holds Disclose's domain types: the request's data subject, the
// documents gathered from every location of their record, the blocks of text
// inside them, the people they mention, and the spans that are redacted.
//
// It imports nothing but the standard library: every other package speaks in
// these types.
package record

import "time"

// Subject is the person the request is about (subject.json).
type Subject struct {
	Name        string            `json:"name"`
	Aliases     []string          `json:"aliases,omitempty"`
	DOB         string            `json:"dob,omitempty"` // YYYY-MM-DD
	Identifiers map[string]string `json:"identifiers,omitempty"`
	// The requester's own contact details (subject.json, or their own
	// entry in persons.json): theirs wherever the record gives them.
	Phone   string `json:"phone,omitempty"`
	Address string `json:"address,omitempty"`
	Email   string `json:"email,omitempty"`
}

// Names returns the subject's name and every alias.
func (s Subject) Names() []string {
	out := make([]string, 0, 1+len(s.Aliases))
	if s.Name != "" {
		out = append(out, s.Name)
	}
	return append(out, s.Aliases...)
}

// Person is someone known to the case system (persons.json) or found in the
// record. Role is one of the Role* constants.
type Person struct {
	Name         string   `json:"name"`
	Role         string   `json:"role"`
	Relationship string   `json:"relationship,omitempty"`
	DOB          string   `json:"dob,omitempty"`
	Address      string   `json:"address,omitempty"`
	Phone        string   `json:"phone,omitempty"`
	Email        string   `json:"email,omitempty"`
	Agency       string   `json:"agency,omitempty"`
	Nicknames    []string `json:"nicknames,omitempty"`
}

// Roles as persons.json spells them.
const (
	RoleSubject      = "subject"
	RoleParent       = "parent"
	RoleSibling      = "sibling"
	RoleFosterCarer  = "foster_carer"
	RoleRelative     = "relative"
	RoleProfessional = "professional"
	RoleOtherChild   = "other_child"
	RoleOther        = "other"
)

// Format is how a document was stored.
type Format string

const (
	FormatDOCX     Format = "docx"
	FormatPDF      Format = "pdf"       // born-digital, text layer
	FormatScan     Format = "pdf-scan"  // page images; text from OCR or a scanner's OCR layer
	FormatImage    Format = "image"     // png, jpg, tif
	FormatEmail    Format = "eml"       // one message (from .eml or .mbox)
	FormatText     Format = "txt"       // .txt, .md
	FormatCaseNote Format = "case-note" // one row of case_notes.csv
	// FormatSpreadsheet is a workbook (.xlsx, or .xls/.ods converted):
	// each row a block.
	FormatSpreadsheet Format = "xlsx"
)

// BlockKind says what part of a document a block of text is.
type BlockKind string

const (
	BlockParagraph BlockKind = "paragraph"
	BlockHeading   BlockKind = "heading"
	BlockTableCell BlockKind = "table-cell"
	BlockHeader    BlockKind = "header"   // page header (docx header part, pdf running head)
	BlockFooter    BlockKind = "footer"   // page footer
	BlockFootnote  BlockKind = "footnote" // docx footnote or endnote
	BlockComment   BlockKind = "comment"  // docx reviewer comment
	BlockInsertion BlockKind = "insertion"
	BlockDeletion  BlockKind = "deletion"
	BlockField     BlockKind = "field" // a labelled value: email header, case-note column
	BlockLine      BlockKind = "line"  // a line of PDF text or OCR
)

// Block is one contiguous piece of a document's text: Document.Text[Start:End].
// Offsets are byte offsets into Document.Text; blocks do not overlap and are
// in reading order. Blocks are separated in Text by "\n" (paragraph break).
type Block struct {
	Kind  BlockKind `json:"kind"`
	Page  int       `json:"page,omitempty"` // 1-based; 0 when the format has no pages
	Start int       `json:"start"`
	End   int       `json:"end"`
	Label string    `json:"label,omitempty"` // field name ("From", "author"), table "r2c3", comment author
}

// Box is a rectangle on a page in PDF points, origin at the page's top left.
type Box struct {
	X0, Y0, X1, Y1 float32
}

// Glyph places one character of Document.Text on a page: Document.Text[Start:End]
// (one rune) is drawn inside Box. Kept for PDF text layers and OCR words so a
// redaction can be burned into the right pixels and checked.
type Glyph struct {
	Page  int32
	Start int32
	End   int32
	Box   Box
}

// Word is one word of a scanned page (from OCR or a scanner's text layer),
// with its box in PDF points, origin at the page's top left.
type Word struct {
	Page  int     `json:"page"`
	Start int     `json:"start"` // byte offsets into Document.Text
	End   int     `json:"end"`
	Box   Box     `json:"box"`
	Conf  float32 `json:"conf"`
}

// PageInfo describes one page of a paginated document.
type PageInfo struct {
	Number  int     `json:"number"` // 1-based
	Width   float32 `json:"width"`  // points
	Height  float32 `json:"height"`
	Scanned bool    `json:"scanned,omitempty"` // an image page: redact by burning pixels
	// OCRDPI is the resolution the page image was OCR'd at, when it was;
	// Word and Glyph boxes are already converted to PDF points.
	OCRDPI int `json:"ocr_dpi,omitempty"`
}

// Address is a mailbox with its display name.
type Address struct {
	Name  string `json:"name,omitempty"`
	Email string `json:"email"`
}

// Email holds the header fields of a message document.
type Email struct {
	From       []Address `json:"from,omitempty"`
	To         []Address `json:"to,omitempty"`
	Cc         []Address `json:"cc,omitempty"`
	Subject    string    `json:"subject,omitempty"`
	MessageID  string    `json:"message_id,omitempty"`
	InReplyTo  string    `json:"in_reply_to,omitempty"`
	References []string  `json:"references,omitempty"`
}

// Document is one readable item of the record: a file, an email, an
// attachment or one case note.
type Document struct {
	ID       string `json:"id"`               // stable: derived from Location, Path and Part
	Location string `json:"location"`         // top-level folder of the record
	Path     string `json:"path"`             // record-relative, forward slashes
	Part     string `json:"part,omitempty"`   // note id, attachment name, mbox message number
	Parent   string `json:"parent,omitempty"` // ID of the email an attachment came from

	Format Format    `json:"format"`
	Type   string    `json:"type,omitempty"` // plain words: "email", "case note", "letter", "report", "minutes"...
	Title  string    `json:"title,omitempty"`
	Author string    `json:"author,omitempty"`
	Date   time.Time `json:"date,omitempty"` // zero when unknown
	Pages  int       `json:"pages"`

	Hash     string `json:"hash"`      // sha256 of the source bytes (of the part, for notes and attachments)
	TextHash string `json:"text_hash"` // sha256 of the normalised text, for duplicate detection

	Text     string            `json:"text"`
	Blocks   []Block           `json:"blocks"`
	Glyphs   []Glyph           `json:"-"`               // PDF text-layer characters
	Words    []Word            `json:"words,omitempty"` // OCR words
	PageInfo []PageInfo        `json:"page_info,omitempty"`
	Email    *Email            `json:"email,omitempty"`
	Meta     map[string]string `json:"meta,omitempty"` // other case-note columns, docx core properties...

	// DuplicateOf is the ID of the copy kept in its place when this document
	// is an exact or near duplicate, or an earlier message of a thread whose
	// fullest message quotes it whole. Bundles include only documents without it.
	DuplicateOf string `json:"duplicate_of,omitempty"`

	Restricted bool `json:"restricted,omitempty"` // case system marks it restricted access
	OCRPages   int  `json:"ocr_pages,omitempty"`  // pages whose text came from our OCR
	NeedsOCR   bool `json:"needs_ocr,omitempty"`  // image pages not read: tesseract missing
}

// Redaction is one decided removal from a document: either the span
// Text[Start:End] or, with Withhold set, the whole document (Start = End = 0)
// or a section (Start..End).
type Redaction struct {
	DocID    string `json:"doc_id"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Withhold bool   `json:"withhold,omitempty"` // replace with a notice rather than boxes
	Code     string `json:"code"`               // reason code: TP, PA, LPP, SH...
	Label    string `json:"label,omitempty"`    // pseudonymous label printed in the box ("Sibling A")
	RuleID   string `json:"rule_id,omitempty"`
	Category string `json:"category,omitempty"`
	Decider  string `json:"decider"`            // "auto" in batch mode, else the user
	Reason   string `json:"reason,omitempty"`   // the decider's reason, for the schedule
	Approver string `json:"approver,omitempty"` // the legal user who signed the decision off, if one did
	Text     string `json:"-"`                  // the redacted text, kept only for the leak check; never written out
	// Local marks a reviewer's own redaction: it applies where it was
	// decided and nowhere else. Its text is not spread to other occurrences
	// (the officer chose this document, or stored every occurrence one by
	// one), and another occurrence left in the bundle is not a leak.
	Local bool `json:"local,omitempty"`
	// Parts are texts inside this redaction that a detector found on their
	// own (a name inside an address): redacted wherever else they appear
	// and searched for, like Text. Never written out.
	Parts []string `json:"-"`
}

// Record is a subject's whole record as gathered from every location.
type Record struct {
	Dir       string     `json:"dir"`
	Subject   Subject    `json:"subject"`
	Persons   []Person   `json:"persons,omitempty"` // from persons.json files, subject excluded
	Documents []Document `json:"documents"`
}

// Doc returns the document with the given ID, or nil.
func (r *Record) Doc(id string) *Document {
	for i := range r.Documents {
		if r.Documents[i].ID == id {
			return &r.Documents[i]
		}
	}
	return nil
}
