package web

// Areas officers draw on page images (record.Area): a box drawn with the
// mouse or nudged with the keyboard on a page of the review screen, stored
// with its page coordinates. In the bundle the pixels under it are burned
// black and every word it touches is removed from the text. On the review
// screen an area is an entry among the suggestions, moved to with j and k
// and undone with u. An area under a code whose withholding needs legal
// sign-off (PA, LPP, SH...) waits for legal services, as an own redaction
// under that code does: it is in their approvals queue, and no bundle is
// made until they approve it (refused, the officer undoes it or draws it
// again with another code).

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/disclose-sar/disclose/internal/bundle"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/suggest"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// AreaPrefix starts the item ID of an area drawn on a page; the rest is
// the area's id.
const AreaPrefix = "area-"

// Area is a stored area: the page it is on, its box in PDF points from the
// page's top-left corner, the byte ranges of the words under it when it
// was drawn, and who drew it.
type Area struct {
	ID     int64      `json:"id"`
	DocID  string     `json:"doc_id"`
	Page   int        `json:"page"`
	Box    record.Box `json:"box"`
	Words  [][2]int   `json:"words,omitempty"`
	Code   string     `json:"code"`
	Reason string     `json:"reason,omitempty"`
	By     string     `json:"by"`
	At     time.Time  `json:"at"`
	// Approval is legal's answer when the area's code needs one: pending,
	// approved or refused; "" when none is needed.
	Approval string `json:"approval,omitempty"`
}

// AreaInput is an area as the officer drew it. PageWidth, PageHeight and
// Words are filled by the server from the page as the review screen shows
// it, never taken from the browser.
type AreaInput struct {
	DocID      string     `json:"doc_id"`
	Page       int        `json:"page"`
	Box        record.Box `json:"box"`
	Code       string     `json:"code"`
	Reason     string     `json:"reason"`
	PageWidth  float32    `json:"-"`
	PageHeight float32    `json:"-"`
	Words      [][2]int   `json:"-"`
}

// areaForm reads an area from a form (x0, y0, x1, y1 in points) or JSON.
func areaForm(c *gin.Context) (AreaInput, error) {
	var in AreaInput
	if isAPI(c) {
		if err := c.ShouldBindJSON(&in); err != nil {
			return in, invalid("the body is not an area")
		}
		return in, nil
	}
	in.DocID = c.PostForm("doc_id")
	in.Page, _ = strconv.Atoi(c.PostForm("page"))
	in.Code = c.PostForm("code")
	in.Reason = strings.TrimSpace(c.PostForm("reason"))
	for _, f := range []struct {
		name string
		v    *float32
	}{{"x0", &in.Box.X0}, {"y0", &in.Box.Y0}, {"x1", &in.Box.X1}, {"y1", &in.Box.Y1}} {
		v, err := strconv.ParseFloat(c.PostForm(f.name), 32)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return in, invalid("draw a box on the page first")
		}
		*f.v = float32(v)
	}
	return in, nil
}

// addArea stores an area drawn on a page. The page's size and the words
// under the box are the server's, from the page as the review screen shows
// it (bundle.AreaWords: every word whose box meets the area); a box
// reaching past the page's edge is cut to the page.
func (s *Server) addArea(c *gin.Context) error {
	ctx := c.Request.Context()
	r := currentRequest(c)
	in, err := areaForm(c)
	if err != nil {
		return err
	}
	if s.pageImages == nil {
		return invalid("pages are not shown as images here, so no area can be drawn")
	}
	if in.DocID == "" {
		return invalid("say which document the area is on")
	}
	doc, err := s.store.Document(ctx, r.ID, in.DocID)
	if err != nil {
		return err
	}
	laid, err := s.pageImages.ReviewLayout(ctx, r.ID, &doc)
	if err != nil {
		return err
	}
	pi, ok := pageInfo(laid, in.Page)
	if !ok {
		return invalid("that page of the document is not shown as an image")
	}
	b := in.Box
	b.X0, b.X1 = min(b.X0, b.X1), max(b.X0, b.X1)
	b.Y0, b.Y1 = min(b.Y0, b.Y1), max(b.Y0, b.Y1)
	b.X0, b.Y0 = max(b.X0, 0), max(b.Y0, 0)
	b.X1, b.Y1 = min(b.X1, pi.Width), min(b.Y1, pi.Height)
	in.Box, in.PageWidth, in.PageHeight = b, pi.Width, pi.Height
	words := bundle.AreaWords(laid, in.Page, b)
	in.Words = bundle.AreaRanges(laid.Text, words)
	a, err := s.store.AddArea(ctx, user(c), r.ID, in)
	if err != nil {
		return err
	}
	msg := fmt.Sprintf("Area saved on page %d: in the bundle its pixels are blacked out and %s under it removed. Undo it from its entry on the review screen (u).",
		a.Page, plural(len(words), "word", "words"))
	if a.Approval == workflow.ApprovalPending {
		msg = fmt.Sprintf("Area saved on page %d (%s under it). Withholding under %s needs legal services' approval: it is in their approvals queue, and no bundle can be made until they approve it. Undo it from its entry on the review screen (u).",
			a.Page, plural(len(words), "word", "words"), a.Code)
	}
	if isAPI(c) {
		return s.done(c, "", gin.H{"area": a, "words": len(words), "message": msg})
	}
	s.flash(c, msg)
	return s.done(c, docURL(r.ID, in.DocID, AreaPrefix+strconv.FormatInt(a.ID, 10), ReviewFilter{}), nil)
}

// undoArea undoes an area by its item ID.
func (s *Server) undoArea(c *gin.Context, reqID int64, itemID string) error {
	id, err := strconv.ParseInt(strings.TrimPrefix(itemID, AreaPrefix), 10, 64)
	if err != nil {
		return workflow.Errorf(workflow.ErrNotFound, "no such area")
	}
	if err := s.store.UndoArea(c.Request.Context(), user(c), reqID, id); err != nil {
		return err
	}
	if !isAPI(c) {
		s.flash(c, "The area was undone: the bundle keeps its pixels and words unless something else redacts them.")
	}
	return s.done(c, safeNext(c.PostForm("next")), nil)
}

// pageInfo is page n of a document as the review screen shows it.
func pageInfo(d *record.Document, n int) (record.PageInfo, bool) {
	for _, pi := range d.PageInfo {
		if pi.Number == n && pi.Width > 0 && pi.Height > 0 {
			return pi, true
		}
	}
	return record.PageInfo{}, false
}

// areaItems dresses a document's areas as review items, placed in text
// order at the first word under them (an area over no words, at the
// document's start). Their text is the words under them.
func areaItems(areas []Area, doc record.Document) []Item {
	out := make([]Item, 0, len(areas))
	for i := range areas {
		a := areas[i]
		it := Item{Area: &a, Own: &Own{AppliesTo: AppliesArea, Occurrences: 1, Documents: 1},
			Decision: &Decision{Kind: workflow.DecisionRedact, By: a.By, At: a.At, Reason: a.Reason, Approval: a.Approval}}
		it.ID = AreaPrefix + strconv.FormatInt(a.ID, 10)
		it.DocID, it.Code, it.Confidence = a.DocID, a.Code, 1
		it.Scope, it.Action, it.Category, it.RuleID = "area", suggest.ActionRedact, "area", "area"
		var words []string
		for _, w := range a.Words {
			if 0 <= w[0] && w[0] < w[1] && w[1] <= len(doc.Text) {
				if len(words) == 0 {
					it.Start, it.End = w[0], w[0] // a place in the list, not a span to highlight
				}
				words = append(words, strings.Join(strings.Fields(doc.Text[w[0]:w[1]]), " "))
			}
		}
		it.Text = strings.Join(words, " … ")
		if it.Text == "" {
			it.Text = "(no words under it: its pixels only)"
		}
		it.Why = fmt.Sprintf("An area drawn on page %d: in the bundle the pixels under it are blacked out and every word it touches is removed.", a.Page)
		switch a.Approval {
		case workflow.ApprovalPending:
			it.Why += " It waits for legal services' approval: no bundle can be made until they approve it."
		case workflow.ApprovalRefused:
			it.Why += " Legal services refused it: undo it (u), or draw it again with another code, before a bundle can be made."
		}
		out = append(out, it)
	}
	return out
}
