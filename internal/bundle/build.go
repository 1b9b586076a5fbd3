package bundle

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// builder holds one bundle being written.
type builder struct {
	in    *Input
	opts  *Options
	w     *writer
	plans []*docPlan
	san   *sanitiser
	res   *Result
	sched schedTable // the schedule's rows, compactly, until the bundle is written
	check *checkSet
	reds  *redTable // the schedule's view of in.Redactions, which go once it is made

	cur          *docPlan
	noticed      map[int]bool
	lastCaseNote bool
	docLevel     int

	// rasterPages are the bundle pages that carry a page image: the leak
	// check reads them by OCR as well as by their text.
	rasterPages []rasterPage
	pre         *prefetch // original pages' images made ahead
	searchOnce  sync.Once
	searched    *matcher // the leak check's strings, for holdsSearched
	areas       areaSet  // areas drawn by officers (area.go)

	rowDoc            *docPlan // the document rowRef and rowSource are of
	rowRef, rowSource string

	// unitOf is the bundle's builder when this one lays out a unit of
	// documents ahead (unit.go).
	unitOf *builder

	contentsFirst, contentsPer                int
	keyPage, glossPage, unreadPage, aboutPage int
}

func (b *builder) warn(s string) { b.res.Warnings = append(b.res.Warnings, s) }

// Write lays out, stamps, encrypts and leak-checks a bundle and writes it to
// out. The bundle is made in a temporary file, page by page; nothing is
// written to out unless the leak check passes.
func Write(ctx context.Context, out io.Writer, in Input, opts Options) (*Result, error) {
	tmp, err := os.CreateTemp("", "disclose-bundle-*.pdf")
	if err != nil {
		return nil, fmt.Errorf("write bundle: %w", err)
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	res, err := build(ctx, &in, &opts, tmp)
	if err != nil {
		return res, err
	}
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		return res, fmt.Errorf("write bundle: %w", err)
	}
	if _, err := io.Copy(out, tmp); err != nil {
		return res, fmt.Errorf("write bundle: %w", err)
	}
	return res, nil
}

// WriteFile writes the bundle to path through a temporary file in the same
// directory, renamed into place only when the leak check has passed; on any
// error no file is left behind.
func WriteFile(ctx context.Context, path string, in Input, opts Options) (*Result, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".bundle-*.pdf")
	if err != nil {
		os.Remove(path)
		return nil, fmt.Errorf("write bundle %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	res, err := build(ctx, &in, &opts, tmp)
	if err != nil {
		tmp.Close()
		os.Remove(path)
		var leak *LeakError
		if opts.KeepRefused != "" && errors.As(err, &leak) {
			os.Rename(tmp.Name(), opts.KeepRefused)
		}
		return res, err
	}
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return res, fmt.Errorf("write bundle %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return res, fmt.Errorf("write bundle %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return res, fmt.Errorf("write bundle %s: %w", path, err)
	}
	return res, nil
}

// defaults fills in what the caller left out.
func (o *Options) defaults() {
	if o.Reference == "" {
		o.Reference = "SAR"
	}
	if o.Date.IsZero() {
		o.Date = time.Now()
	}
	if o.Order == "" {
		o.Order = OrderChronological
	}
	if o.Layout == "" {
		o.Layout = LayoutOriginal
	}
	c, d := &o.Council, DefaultCouncil
	if c.Name == "" {
		c.Name = d.Name
	}
	if len(c.Address) == 0 {
		c.Address = d.Address
	}
	if c.Team == "" {
		c.Team = d.Team
	}
	if c.Support == "" {
		c.Support = d.Support
	}
}

// build writes the bundle into f, encrypted as it is written, and
// leak-checks the file.
func build(ctx context.Context, in *Input, opts *Options, f *os.File) (*Result, error) {
	opts.defaults()
	if opts.Order != OrderChronological && opts.Order != OrderLocation {
		return nil, fmt.Errorf("bundle: unknown order %q (want %s or %s)", opts.Order, OrderChronological, OrderLocation)
	}
	if opts.Layout != LayoutOriginal && opts.Layout != LayoutReading {
		return nil, fmt.Errorf("bundle: unknown layout %q (want %s or %s)", opts.Layout, LayoutOriginal, LayoutReading)
	}
	fs, err := loadFonts(opts.FontDir)
	if err != nil {
		return nil, err
	}
	res := &Result{}
	pw := opts.Password
	var crypt *pdfCrypt
	if !opts.NoEncrypt {
		if pw == "" {
			if pw, err = NewPassword(); err != nil {
				return nil, err
			}
			res.Password = pw
		}
		if crypt, err = newPDFCrypt(pw); err != nil {
			return nil, err
		}
	}
	b := &builder{in: in, opts: opts, res: res, noticed: map[int]bool{}}
	b.addAreas()
	b.plans = plan(in, opts.Order)
	b.check = prepareCheck(in, b.plans)
	b.san = newSanitiser(b.check.spanStrings())
	// From here the redactions are only their schedule rows' values (the
	// plans' spans and the check set hold the rest): they go, and with
	// them what they held of the documents' text (issue 16).
	b.reds = newRedTable(in.Redactions)
	in.Redactions = nil
	for _, p := range b.plans {
		d := p.doc
		title := strings.TrimSpace(d.Title)
		if d.Email != nil && title == "" {
			title = d.Email.Subject
		}
		if isFileName(title, d.Path) || isFileName(title, d.Part) {
			title = ""
		}
		p.title = b.san.clean(ownWords(title, p))
		p.author = b.san.clean(d.Author)
	}
	sum := sha256.New()
	if b.w, err = newWriter(fs, opts, io.MultiWriter(f, sum), crypt); err != nil {
		return nil, err
	}
	b.w.pdf.SetTitle("Disclosure bundle "+opts.Reference, true)
	b.w.pdf.SetSubject("Subject access request "+opts.Reference, true)
	b.w.pdf.SetProducer("Disclose", true)
	b.w.pdf.SetCreationDate(opts.Date)
	b.w.pdf.SetModificationDate(opts.Date)
	b.w.pdf.SetLang("en-GB")

	if err := b.render(ctx); err != nil {
		res.Schedule = b.sched.all()
		return res, err
	}
	res.Pages = b.w.pdf.PageCount()
	if err := b.w.pdf.Close(); err != nil {
		return res, fmt.Errorf("bundle: write PDF: %w", err)
	}
	res.Bytes = int(b.w.pdf.off)
	b.w.pdf = nil
	// The documents, redactions and plans are done with once the file is
	// written: the leak check reads the file and the check set only, so
	// they go before it (on a large record, its reading of the file is
	// the pipeline's peak otherwise; issue 16).
	b.in.Docs, b.in.Redactions, b.plans, b.san, b.cur, b.rowDoc = nil, nil, nil, nil, nil, nil
	cert, err := b.leakCheck(ctx, f, pw)
	// The check set goes before the schedule's rows are made whole.
	b.check = nil
	res.Schedule = b.sched.all()
	b.sched = schedTable{}
	if err != nil {
		return res, err
	}
	cert.SHA256 = hex.EncodeToString(sum.Sum(nil))
	cert.Date = opts.Date
	cert.Encrypted = !opts.NoEncrypt
	res.Certificate = *cert
	return res, nil
}

// render lays out the whole bundle in order.
func (b *builder) render(ctx context.Context) error {
	w := b.w
	codes, labels := usedCodesAndLabels(b.plans)
	terms := usedTerms(b.keptTexts())
	w.own = true
	b.cover()
	n := 2 + len(b.plans) // the key, "About your information" and the documents
	if len(terms) > 0 {
		n++
	}
	if len(b.in.Unreadable) > 0 {
		n++
	}
	if b.opts.Order == OrderLocation {
		n += countLocations(b.plans)
	}
	b.reserveContents(n)
	b.key(codes, labels)
	if len(terms) > 0 {
		b.glossaryPages(terms)
	}
	b.about()
	var entries []contentsEntry
	entries = append(entries, contentsEntry{"How to read your record", &b.keyPage})
	if len(terms) > 0 {
		entries = append(entries, contentsEntry{"Words and abbreviations", &b.glossPage})
	}
	entries = append(entries, contentsEntry{"About your information", &b.aboutPage})
	b.docLevel = 0
	if b.opts.Order == OrderLocation {
		b.docLevel = 1 // under the location's own bookmark
	}
	b.paginate(ctx)
	b.pre = b.startPrefetch(ctx)
	defer b.pre.stop()
	units := b.startUnits(ctx)
	defer units.stop()
	lastLoc := ""
	locPages := make([]int, 0)
	for i := 0; i < len(b.plans); i++ {
		p := b.plans[i]
		if err := ctx.Err(); err != nil {
			return err
		}
		if b.opts.Order == OrderLocation && (i == 0 || p.doc.Location != lastLoc) {
			lastLoc = p.doc.Location
			w.newPage()
			w.pdf.Bookmark("Kept in "+LocationName(p.doc.Location), 0, w.y)
			w.lines("Documents kept in "+LocationName(p.doc.Location), true, w.size*1.3)
			locPages = append(locPages, w.pdf.PageNo())
			entries = append(entries, contentsEntry{"Documents kept in " + LocationName(p.doc.Location), &locPages[len(locPages)-1]})
			b.lastCaseNote = false
		}
		if units.at(i) {
			// A run of typeset documents, laid out ahead.
			r, err := units.next(ctx)
			if err != nil {
				return err
			}
			b.adopt(r, &entries)
			i = r.last
			continue
		}
		b.cur = p
		b.noticed = map[int]bool{}
		b.pre.wait(p) // the images made ahead no longer read the plan
		release, err := b.boxes(p)
		if err != nil {
			return err
		}
		err = b.document(ctx, p, &entries)
		release()
		if err != nil {
			return err
		}
	}
	w.onBox = nil
	w.own = true
	if len(b.in.Unreadable) > 0 {
		b.unreadable()
		entries = append(entries, contentsEntry{"Files we could not read", &b.unreadPage})
	}
	b.fillContents(entries)
	b.res.Documents = len(b.plans)
	return nil
}

// document lays out one document: as its own pages (the original layout)
// or typeset, with its contents entry, boxes counted and schedule rows.
func (b *builder) document(ctx context.Context, p *docPlan, entries *[]contentsEntry) error {
	w := b.w
	if !p.withheld && b.isOriginal(p) {
		ok, err := b.originalDoc(ctx, p)
		if err != nil {
			return err
		}
		if ok {
			*entries = append(*entries, contentsEntry{"   " + b.entryText(p), &p.page})
			b.res.Redactions += countBoxes(p)
			b.rows(p)
			b.done(p)
			b.lastCaseNote = false
			return nil
		}
	}
	w.onBox = func(sp int) {
		if _, ok := p.boxPages[sp]; !ok {
			p.boxPages[sp] = w.pdf.PageNo()
		}
	}
	w.own = true
	b.docHeader(p)
	*entries = append(*entries, contentsEntry{"   " + b.entryText(p), &p.page})
	if p.withheld {
		b.withheldNotice(p)
		return nil
	}
	w.own = false
	if err := b.body(ctx, p); err != nil {
		return err
	}
	b.res.Redactions += countBoxes(p)
	b.rows(p)
	b.done(p)
	return nil
}

// done lets go of what only laying a document out needed: its merged
// spans, where their boxes went and the redactions spread into it (the
// schedule has its rows).
func (b *builder) done(p *docPlan) {
	p.spans, p.boxPages, p.spread = nil, nil, nil
	if p.paged {
		// Its pages as laid out here (PDF and character boxes) were its
		// own copy: they go too.
		p.render, p.extra = nil, nil
		p.doc.Glyphs, p.doc.Words = nil, nil
	}
}

// boxes gives a document its character and word boxes for as long as it
// is laid out, when they are kept out of memory (Options.Boxes); release
// lets them go again.
func (b *builder) boxes(p *docPlan) (release func(), err error) {
	d := p.doc
	if b.opts.Boxes == nil || p.withheld || d.Glyphs != nil || d.Words != nil {
		return func() {}, nil
	}
	if d.Glyphs, d.Words, err = b.opts.Boxes(d); err != nil {
		return nil, fmt.Errorf("bundle: document %d: boxes: %w", p.num, err)
	}
	return func() { d.Glyphs, d.Words = nil, nil }, nil
}

func countLocations(ps []*docPlan) int {
	n, last := 0, "\x00"
	for _, p := range ps {
		if p.doc.Location != last {
			n++
			last = p.doc.Location
		}
	}
	return n
}

func countBoxes(p *docPlan) int {
	n := 0
	for _, sp := range p.spans {
		if !sp.withhold {
			n++
		}
	}
	return n
}

// keptTexts is the text each disclosed document will show, redacted spans
// and withheld sections cut out.
func (b *builder) keptTexts() []string {
	out := make([]string, 0, len(b.plans))
	for _, p := range b.plans {
		if p.withheld {
			continue
		}
		out = append(out, keptText(p))
	}
	return out
}

func keptText(p *docPlan) string {
	var sb strings.Builder
	pos := 0
	t := p.doc.Text
	for _, sp := range p.spans {
		sb.WriteString(t[pos:sp.start])
		sb.WriteString(" \n ")
		pos = sp.end
	}
	sb.WriteString(t[pos:])
	return sb.String()
}
