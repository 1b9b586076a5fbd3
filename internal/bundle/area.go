package bundle

// Areas officers drew on pages (Input.Areas, record.Area). Each becomes
// two things: the redactions of the words under it — made here, before the
// documents are planned, so both layouts and the leak check remove and
// search for the same words — and a box burned into the pixels of the page
// image wherever that page is shown as an image (burnPage), so a box over
// a photo removes the photo's pixels under it.

import (
	"cmp"
	"slices"
	"strings"

	"github.com/disclose-sar/disclose/internal/record"
)

// ruleArea is the rule of the redactions made from drawn areas.
const ruleArea = "area"

// KindArea is the schedule row kind of an area drawn by the officer.
const KindArea = "area drawn by the officer"

// AreaWords is the words of a page under box: every word (OCR word, or
// word of the text layer's characters) whose box meets it. The review
// screen shows them as what the area removes; the bundle removes them.
func AreaWords(d *record.Document, page int, box record.Box) []record.Word {
	var out []record.Word
	for _, w := range pageWords(d, page) {
		if w.Box.Meets(box) {
			out = append(out, w)
		}
	}
	return out
}

// AreaRanges is the byte ranges of words in text order, a range running on
// over the white space between words: what record.Area.Words keeps.
func AreaRanges(text string, words []record.Word) [][2]int {
	rs := make([][2]int, 0, len(words))
	for _, w := range words {
		rs = append(rs, [2]int{w.Start, w.End})
	}
	return joinRanges(text, rs)
}

// joinRanges sorts byte ranges of text, drops those outside it, and joins
// those that overlap or are separated only by white space.
func joinRanges(text string, rs [][2]int) [][2]int {
	var ok [][2]int
	for _, r := range rs {
		if 0 <= r[0] && r[0] < r[1] && r[1] <= len(text) {
			ok = append(ok, r)
		}
	}
	slices.SortFunc(ok, func(a, b [2]int) int { return cmp.Compare(a[0], b[0]) })
	var out [][2]int
	for _, r := range ok {
		if n := len(out); n > 0 && (r[0] <= out[n-1][1] || strings.TrimSpace(text[out[n-1][1]:r[0]]) == "") {
			out[n-1][1] = max(out[n-1][1], r[1])
			continue
		}
		out = append(out, r)
	}
	return out
}

// areaSet is a bundle's drawn areas and what stands for each.
type areaSet struct {
	list []record.Area
	from int         // Input.Redactions[from:] are the areas' words
	reds [][]int     // per area, its redactions (indices into Input.Redactions)
	page map[int]int // per area, the bundle page its box was burned on
}

// holds reports whether Input.Redactions[ri] stands for words under an area.
func (a *areaSet) holds(ri int) bool { return a.list != nil && ri >= a.from }

// areasOnly reports whether a span stands only for words under areas.
func (b *builder) areasOnly(sp span) bool {
	for _, ri := range sp.reds {
		if !b.areas.holds(ri) {
			return false
		}
	}
	return len(sp.reds) > 0
}

// on is the indices of the areas on page of a document.
func (a *areaSet) on(docID string, page int) []int {
	var out []int
	for i, ar := range a.list {
		if ar.DocID == docID && ar.Page == page {
			out = append(out, i)
		}
	}
	return out
}

// addAreas turns every drawn area of a disclosed document into redactions
// of the words under it, appended to Input.Redactions: the words it held
// when it was drawn (Area.Words) and the words of the page under it now.
// They apply where they were drawn (Local: not spread to other
// occurrences), and their text is searched for like any redacted string.
func (b *builder) addAreas() {
	in := b.in
	b.areas = areaSet{from: len(in.Redactions), page: map[int]int{}}
	if len(in.Areas) == 0 {
		return
	}
	docs := make(map[string]*record.Document, len(in.Docs))
	for i := range in.Docs {
		docs[in.Docs[i].ID] = &in.Docs[i]
	}
	reds := slices.Clip(in.Redactions)
	for _, a := range in.Areas {
		d := docs[a.DocID]
		if d == nil || a.Page < 1 || a.Box.X1 <= a.Box.X0 || a.Box.Y1 <= a.Box.Y0 {
			continue
		}
		if a.Code == "" {
			a.Code = "TP"
		}
		rs := append([][2]int(nil), a.Words...)
		for _, w := range AreaWords(d, a.Page, a.Box) {
			rs = append(rs, [2]int{w.Start, w.End})
		}
		var idx []int
		for _, r := range joinRanges(d.Text, rs) {
			idx = append(idx, len(reds))
			reds = append(reds, record.Redaction{DocID: a.DocID, Start: r[0], End: r[1], Code: a.Code, RuleID: ruleArea,
				Category: ruleArea, Decider: a.Decider, Reason: a.Reason, Text: d.Text[r[0]:r[1]], Local: true})
		}
		b.areas.list = append(b.areas.list, a)
		b.areas.reds = append(b.areas.reds, idx)
	}
	in.Redactions = reds
}

// areaRows adds a schedule row for each area drawn on a disclosed
// document, at the bundle page its box was burned on — or, where the page
// was not shown as an image, where the words under it were boxed.
func (b *builder) areaRows(p *docPlan) {
	for i, a := range b.areas.list {
		if a.DocID != p.doc.ID {
			continue
		}
		page, ok := b.areas.page[i]
		for _, ri := range b.areas.reds[i] {
			if ok {
				break
			}
			for si, sp := range p.spans {
				if slices.Contains(sp.reds, ri) && p.boxPages[si] > 0 {
					page, ok = p.boxPages[si], true
					break
				}
			}
		}
		if !ok {
			page = p.page
		}
		row := ScheduleRow{
			DocNumber: p.num, DocRef: "Document " + itoa(p.num) + ": " + docType(p.doc) + ", " + longDate(p.doc.Date),
			Source: p.doc.Path, Page: page, SourcePage: a.Page, Kind: KindArea, Code: a.Code, RuleID: ruleArea,
			Decider: a.Decider, Note: a.Reason,
		}
		if row.Decider == "" {
			row.Decider = "auto"
		}
		if rs, ok := b.in.Reasons[a.Code]; ok {
			row.Reason, row.Law = rs.Title, rs.Law
		}
		b.sched.add(row)
	}
}
