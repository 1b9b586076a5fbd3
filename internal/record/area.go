package record

// Area is a rectangle an officer drew on a page to redact whatever lies
// under it that no rule found: a photo, a signature, handwriting, words the
// text does not hold. It is kept in page coordinates, the same as Word and
// Glyph boxes: PDF points from the page's top-left corner, on the page as
// the review screen showed it (Document.PageInfo; for a word-processor
// file, its pages as LibreOffice lays them out). The bundle burns the
// rectangle into the page image's pixels and removes every word whose box
// meets it from the text, so the text layer, the reading layout and the
// leak check all lose the same words.
type Area struct {
	ID    int64  `json:"id,omitempty"` // the stored area's id; 0 when not stored
	DocID string `json:"doc_id"`
	Page  int    `json:"page"` // 1-based
	Box   Box    `json:"box"`
	// Words are the byte ranges [start, end) of Document.Text of the words
	// under the area when it was drawn. A document laid out as pages only
	// while a bundle is written (a Word file) keeps them, so a bundle that
	// does not lay it out (the reading layout) removes the same words.
	Words   [][2]int `json:"words,omitempty"`
	Code    string   `json:"code"`
	Reason  string   `json:"reason,omitempty"` // the officer's own reason, for the schedule
	Decider string   `json:"decider"`
}

// Meets reports whether b and a share some area (touching edges do not).
func (b Box) Meets(a Box) bool {
	return b.X0 < a.X1 && a.X0 < b.X1 && b.Y0 < a.Y1 && a.Y0 < b.Y1
}
