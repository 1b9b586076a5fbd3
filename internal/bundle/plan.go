package bundle

import (
	"cmp"
	"context"
	"image"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/disclose-sar/disclose/internal/record"
)

// span is a merged range of a document's text that is not written: a box
// (redaction) or a withheld section (notice).
type span struct {
	start, end int
	withhold   bool
	code       string
	label      string
	reds       []int // indices into Input.Redactions
}

// spreadRed is a redaction the consistency pass spread into a document.
type spreadRed struct{ code, label string }

// docPlan is one document as it will be written.
type docPlan struct {
	doc      *record.Document
	num      int // 1-based document number in the bundle
	withheld bool
	code     string // why withheld
	reds     []int  // whole-document withholdings
	spans    []span
	title    string      // sanitised; never a file name
	author   string      // sanitised; empty when withheld
	page     int         // first bundle page
	boxPages map[int]int // span index -> bundle page it was drawn on
	// spread are the redactions the consistency pass added here (a string
	// redacted elsewhere): the one at negative index -k in spans' reds is
	// spread[k-spreadFirst]. Each is a schedule row's code and label (its
	// rule is "consistency"), kept in 32 bytes rather than a Redaction.
	spread      []spreadRed
	spreadFirst int
	// paged: a word-processor document laid out as pages here
	// (Options.Paginate); render draws its pages and extra is, per page,
	// printed text that is not in its Text.
	paged  bool
	render func(ctx context.Context, page, dpi int) (image.Image, error)
	extra  map[int]string
}

// plan orders the documents and merges their redactions.
func plan(in *Input, order string) []*docPlan {
	byDoc := make(map[string][]int, len(in.Docs))
	for i, r := range in.Redactions {
		byDoc[r.DocID] = append(byDoc[r.DocID], i)
	}
	plans := make([]*docPlan, 0, len(in.Docs))
	for i := range in.Docs {
		d := &in.Docs[i]
		if d.DuplicateOf != "" {
			continue
		}
		p := &docPlan{doc: d, boxPages: map[int]int{}}
		var parts []int
		for _, ri := range byDoc[d.ID] {
			r := in.Redactions[ri]
			if r.Withhold && (r.Start == 0 && r.End == 0 || coversAll(d.Text, r.Start, r.End)) {
				p.withheld = true
				if p.code == "" {
					p.code = r.Code
				}
				p.reds = append(p.reds, ri)
				continue
			}
			parts = append(parts, ri)
		}
		if !p.withheld {
			p.spans = mergeSpans(d.Text, in.Redactions, parts)
		}
		plans = append(plans, p)
	}
	sortPlans(plans, order)
	for i, p := range plans {
		p.num = i + 1
	}
	return plans
}

// coversAll reports whether [s, e) leaves nothing but white space.
func coversAll(text string, s, e int) bool {
	return strings.TrimSpace(text[:max(0, min(s, len(text)))]) == "" &&
		strings.TrimSpace(text[min(max(e, 0), len(text)):]) == ""
}

// sortPlans orders chronologically (undated last) or by location then date;
// ties keep a stable order by path and part so bundles are reproducible.
func sortPlans(ps []*docPlan, order string) {
	slices.SortStableFunc(ps, func(a, b *docPlan) int {
		if order == OrderLocation {
			if c := cmp.Compare(a.doc.Location, b.doc.Location); c != 0 {
				return c
			}
		}
		az, bz := a.doc.Date.IsZero(), b.doc.Date.IsZero()
		switch {
		case az && !bz:
			return 1
		case !az && bz:
			return -1
		}
		if c := a.doc.Date.Compare(b.doc.Date); c != 0 {
			return c
		}
		if c := cmp.Compare(a.doc.Path, b.doc.Path); c != 0 {
			return c
		}
		return cmp.Compare(a.doc.Part, b.doc.Part)
	})
}

// mergeSpans clamps the redactions to the text and to rune boundaries, and
// merges those that overlap or are separated only by white space, so one
// box replaces "Jane" and "Doe" rather than two boxes around a space. A
// merged span withholds if any part of it does.
func mergeSpans(text string, rs []record.Redaction, idx []int) []span {
	out := make([]span, 0, len(idx))
	for _, i := range idx {
		r := rs[i]
		// Offsets come from stored decisions: one past the end of the text
		// (a stale span after a re-read) must be dropped, not index it.
		s, e := min(max(0, r.Start), len(text)), min(len(text), r.End)
		for s > 0 && s < len(text) && !utf8.RuneStart(text[s]) {
			s--
		}
		for e < len(text) && !utf8.RuneStart(text[e]) {
			e++
		}
		if e <= s {
			continue
		}
		out = append(out, span{start: s, end: e, withhold: r.Withhold, code: r.Code, label: r.Label, reds: []int{i}})
	}
	// Kept at their own length: every document's spans are held until it
	// is written (issue 16).
	m := mergeRaw(text, out)
	switch {
	case len(m) == 0:
		return nil
	case len(m) < cap(m):
		return slices.Clone(m)
	}
	return m
}
