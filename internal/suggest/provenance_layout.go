package suggest

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/disclose-sar/disclose/internal/record"
)

// How a meeting's minutes lay out who said what, beyond a heading per
// agency: paragraphs opened by labels ("Police: …", "Decision: …"), where
// an agency's label holds the paragraphs after it up to the next label;
// and a table of agencies and what each said, where the cell after an
// agency's cell in its row is the agency's contribution. Minutes written
// section by agency ("Police", "Health", "School") with the agency's
// officer in the attendance list give even a bare heading ("Health") to
// that agency: in a review the council writes, "Health" is its own
// account and stays.

// labelled reports whether a block opens with a label: one to five words,
// the first capitalised, then a colon and more text ("Decision: agreed",
// "Mia's views: …"). A time ("10:30") is no label.
func labelled(s string) bool {
	s = strings.TrimLeft(s, " \t")
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) {
		return false
	}
	i := strings.IndexByte(s, ':')
	if i <= 0 || i+1 >= len(s) || s[i+1] != ' ' && s[i+1] != '\t' || strings.TrimSpace(s[i+1:]) == "" {
		return false
	}
	head := s[:i]
	if strings.ContainsAny(head, ".,;!?\"") {
		return false
	}
	n := len(strings.Fields(head))
	return n >= 1 && n <= 5
}

// labelLayout reports whether a document sets its paragraphs out by label:
// at least two body blocks outside tables open with one and go on in
// prose (labelledProse). A form's fields ("Chair: <name>, IRO", "Present:
// …; …") and a sentence quoting a report ("The school's report says:
// …") lay nothing out.
func (c *docCtx) labelLayout(bs []bodyBlock) bool {
	n := 0
	for _, b := range bs {
		if b.kind != record.BlockTableCell && c.labelledProse(c.d.Text[leadIn(c.d.Text, b.start, b.end):b.end]) {
			if n++; n >= 2 {
				return true
			}
		}
	}
	return false
}

// labelledProse reports whether s is a labelled paragraph (labelled) whose
// label is a name for a part of the minutes, not a sentence's opening
// words (it starts with no determiner), and whose text after the label is
// one or more sentences: five words or more, ending with a full stop, and
// no second label in it.
func (c *docCtx) labelledProse(s string) bool {
	if !labelled(s) {
		return false
	}
	s = strings.TrimSpace(s)
	head, body, _ := strings.Cut(s, ":")
	if f := strings.Fields(head); c.e.reg.words.Determiners[fold(f[0])] {
		return false
	}
	return len(strings.Fields(body)) >= 5 && strings.ContainsAny(body[len(body)-1:], ".!?") && !labelled(strings.TrimSpace(afterSentence(body)))
}

// afterSentence returns what follows the first sentence of s ("" when s
// is one sentence).
func afterSentence(s string) string {
	for i := 0; i+1 < len(s); i++ {
		if strings.IndexByte(".!?", s[i]) >= 0 && s[i+1] == ' ' {
			return s[i+2:]
		}
	}
	return ""
}

// labelRun returns the last block of a labelled agency paragraph bs[i]
// in a document laid out by labels: the paragraphs after it that open
// with no label, date or heading of their own go on with what the agency
// said. Without that layout it is i (wrapped lines of one paragraph are
// the caller's).
func (c *docCtx) labelRun(bs []bodyBlock, i int, layout bool) int {
	if !layout {
		return i
	}
	text := c.d.Text
	j := i
	for j+1 < len(bs) {
		n := bs[j+1]
		ls := leadIn(text, n.start, n.end)
		if n.kind == record.BlockTableCell || ls != n.start || c.headingAt(bs, j+1) || labelled(text[ls:n.end]) ||
			n.end-bs[i].start > maxSection || strings.TrimSpace(text[n.start:n.end]) == "" {
			break
		}
		j++
	}
	return j
}

// agencyLaidOut reports whether the document has, in a block other than
// skip, a heading or label naming an agency by more than a bare word:
// minutes set out section by agency.
func (c *docCtx) agencyLaidOut(bs []bodyBlock, skip int) bool {
	a := c.e.set.Agencies
	for k, b := range bs {
		if k == skip {
			continue
		}
		ls := leadIn(c.d.Text, b.start, b.end)
		if t, _, ok := a.Heading(c.d.Text[ls:b.end]); ok && !t.Generic {
			return true
		}
	}
	return false
}

// rowNext returns the index of the cell after table cell bs[i] in its row,
// when it holds prose (a sentence of five words or more): what the agency
// named in bs[i] said, in a table of agencies and contributions.
func (c *docCtx) rowNext(bs []bodyBlock, i int) (int, bool) {
	if i+1 >= len(bs) || bs[i].kind != record.BlockTableCell || bs[i+1].kind != record.BlockTableCell {
		return 0, false
	}
	if r, col, ok := cellPos(c.labelAt(bs[i].start)); ok {
		r2, col2, ok2 := cellPos(c.labelAt(bs[i+1].start))
		if !ok2 || r2 != r || col2 != col+1 {
			return 0, false
		}
	}
	t := strings.TrimSpace(c.d.Text[bs[i+1].start:bs[i+1].end])
	if len(strings.Fields(t)) < 5 || !strings.ContainsAny(t, ".!?") {
		return 0, false
	}
	return i + 1, true
}

// cellPos reads a table cell's label "r2c1" (the innermost table of
// "r2c1/r1c3"): the row with its outer tables, and the column.
func cellPos(label string) (string, int, bool) {
	k := strings.LastIndexByte(label, 'c')
	if k <= 0 || !strings.HasPrefix(label[strings.LastIndexByte(label, '/')+1:], "r") {
		return "", 0, false
	}
	col, err := strconv.Atoi(label[k+1:])
	if err != nil {
		return "", 0, false
	}
	return label[:k], col, true
}

// labelAt returns the label of the block starting at off ("" if none).
func (c *docCtx) labelAt(off int) string {
	for _, b := range c.d.Blocks {
		if b.Start == off {
			return b.Label
		}
		if b.Start > off {
			break
		}
	}
	return ""
}
