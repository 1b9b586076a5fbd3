package bundle

import (
	"context"
	"runtime"

	"github.com/disclose-sar/disclose/internal/record"
)

// Typeset documents are laid out on every core. A unit is a run of
// documents the layout sets one after another from a new page: a document
// that is typeset, with the case notes that follow it straight on (a case
// note continues on the page of the one before when there is room, so a run
// of them is one unit). Each unit is laid out ahead by a worker into pages
// of its own (pdfDoc private), numbered from 1; the layout adopts them in
// order, giving them their page numbers, footers and images' objects, and
// moves what the unit noted by page (the documents' first pages, the
// schedule's rows, page images, drawn areas) by the pages before it. At
// most a few units wait to be adopted, so memory holds those pages, not
// the record's.

type unitRun struct{ first, last int }

// layAhead switches units on (tests compare the bundle with them off).
var layAhead = true

type unitResult struct {
	unitRun
	u       *builder
	entries []contentsEntry
	err     error
	done    chan struct{}
}

// ahead lays units out on every core, in order.
type ahead struct {
	start   map[int]int // plan index -> unit
	results chan *unitResult
	cancel  context.CancelFunc
}

// typeset reports whether the layout sets a document as text (not as its
// own pages).
func (b *builder) typeset(p *docPlan) bool { return p.withheld || !b.isOriginal(p) }

// units splits the plans into units; original documents are in none.
func (b *builder) units() []unitRun {
	var out []unitRun
	if !layAhead {
		return nil
	}
	for k, p := range b.plans {
		if !b.typeset(p) {
			continue
		}
		if n := len(out); n > 0 && out[n-1].last == k-1 && p.doc.Format == record.FormatCaseNote &&
			b.plans[k-1].doc.Format == record.FormatCaseNote &&
			(b.opts.Order != OrderLocation || b.plans[k-1].doc.Location == p.doc.Location) {
			out[n-1].last = k
			continue
		}
		out = append(out, unitRun{k, k})
	}
	return out
}

// startUnits starts laying the units out ahead.
func (b *builder) startUnits(ctx context.Context) *ahead {
	runs := b.units()
	a := &ahead{start: map[int]int{}}
	for i, r := range runs {
		a.start[r.first] = i
	}
	n := runtime.GOMAXPROCS(0)
	ctx, a.cancel = context.WithCancel(ctx)
	a.results = make(chan *unitResult, 2*n)
	sem := make(chan struct{}, n)
	go func() {
		defer close(a.results)
		for _, r := range runs {
			res := &unitResult{unitRun: r, done: make(chan struct{})}
			select {
			case a.results <- res: // blocks while 2n wait to be adopted
			case <-ctx.Done():
				return
			}
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				res.err = ctx.Err()
				close(res.done)
				return
			}
			go func() {
				defer func() { <-sem }()
				b.layUnit(ctx, res)
				close(res.done)
			}()
		}
	}()
	return a
}

// layUnit lays a unit's documents out into pages of their own.
func (b *builder) layUnit(ctx context.Context, r *unitResult) {
	u := b.unit()
	r.u = u
	for k := r.first; k <= r.last; k++ {
		if r.err = ctx.Err(); r.err != nil {
			return
		}
		p := b.plans[k]
		u.cur = p
		u.noticed = map[int]bool{}
		release, err := u.boxes(p)
		if err != nil {
			r.err = err
			return
		}
		r.err = u.document(ctx, p, &r.entries)
		release()
		if r.err != nil {
			return
		}
	}
	u.w.onBox = nil
	r.err = u.w.pdf.Error()
}

// unit is a builder for one unit: the bundle's input, plans and checks,
// its own pages and results.
func (b *builder) unit() *builder {
	u := &builder{in: b.in, opts: b.opts, plans: b.plans, san: b.san, check: b.check, reds: b.reds, res: &Result{},
		noticed: map[int]bool{}, docLevel: b.docLevel, areas: b.areas, unitOf: b}
	u.areas.page = map[int]int{}
	u.w = b.w.private()
	return u
}

// private is a writer like w whose pages are made apart (pdfDoc private).
func (w *writer) private() *writer {
	u := &writer{faces: w.faces, size: w.size, small: w.small, lh: w.lh, top: w.top, bot: w.bot, y: w.top,
		ref: w.ref, date: w.date, bands: map[int]string{}}
	u.pdf = newPrivatePDFDoc(w.faces)
	u.pdf.header = u.header
	u.pdf.SetFont(famSans, "", u.size)
	return u
}

// at is the unit that starts at plan k, if one does.
func (a *ahead) at(k int) bool {
	_, ok := a.start[k]
	return ok
}

// next waits for the next unit in order.
func (a *ahead) next(ctx context.Context) (*unitResult, error) {
	select {
	case r, ok := <-a.results:
		if !ok {
			return nil, ctx.Err()
		}
		select {
		case <-r.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		return r, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (a *ahead) stop() { a.cancel() }

// adopt makes a unit's pages the next pages of the bundle and moves what it
// noted by page.
func (b *builder) adopt(r *unitResult, entries *[]contentsEntry) {
	u := r.u
	off := b.w.pdf.adopt(u.w.pdf)
	shift := func(pg int) int {
		if pg > 0 {
			return pg + off
		}
		return pg
	}
	for k := r.first; k <= r.last; k++ {
		p := b.plans[k]
		p.page = shift(p.page)
	}
	for i := range u.sched.rows {
		row := u.sched.row(i)
		row.Page = shift(row.Page)
		b.sched.add(row)
	}
	b.res.Warnings = append(b.res.Warnings, u.res.Warnings...)
	b.res.Redactions += u.res.Redactions
	b.res.Withheld += u.res.Withheld
	for _, rp := range u.rasterPages {
		rp.page = shift(rp.page)
		b.rasterPages = append(b.rasterPages, rp)
	}
	for a, pg := range u.areas.page {
		if _, ok := b.areas.page[a]; !ok {
			b.areas.page[a] = shift(pg)
		}
	}
	b.w.ownText.addAll(&u.w.ownText)
	*entries = append(*entries, r.entries...)
	b.lastCaseNote = u.lastCaseNote
	b.w.y = u.w.y
}
