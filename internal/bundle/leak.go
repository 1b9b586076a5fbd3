package bundle

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"
)

// Leak is one redacted string found in a finished bundle. Text is for the
// operator's terminal only: never log it.
type Leak struct {
	DocNumber int
	Code      string
	Kind      string
	Where     string // the first place found: "text of page 3", "object 12", "page image 4 (OCR)"
	Places    int    // how many times it was found (text, objects, page images)
	Text      string
}

// LeakError is returned when the leak check finds a redacted string in the
// bundle; no bundle is written. Its message names documents and codes, not
// the strings.
type LeakError struct {
	Leaks []Leak
}

func (e *LeakError) Error() string {
	var parts []string
	redacted, watched := 0, 0
	for _, l := range e.Leaks {
		if l.Kind == kindWatched {
			watched++
		} else {
			redacted++
		}
	}
	for i, l := range e.Leaks {
		if i == 10 {
			parts = append(parts, fmt.Sprintf("and %d more", len(e.Leaks)-10))
			break
		}
		if l.Kind == kindWatched {
			parts = append(parts, fmt.Sprintf("a third party's name or identifier (%s) in %s%s", l.Code, l.Where, l.more()))
			continue
		}
		parts = append(parts, fmt.Sprintf("document %d %s %s in %s%s", l.DocNumber, l.Code, l.Kind, l.Where, l.more()))
	}
	return fmt.Sprintf("bundle leak check failed: %d redacted strings and %d third-party name forms or identifiers no decision released "+
		"found in the finished bundle (%s); the bundle was not written", redacted, watched, strings.Join(parts, "; "))
}

// more says how often a leak was found: a string left in one place and
// one left wherever it appears call for different fixes.
func (l Leak) more() string {
	if l.Places > 1 {
		return fmt.Sprintf(" (found %d times in all)", l.Places)
	}
	return ""
}

// Watched counts the leaks that are watched strings (third-party name forms
// and detector finds no decision released) rather than redacted strings.
func (e *LeakError) Watched() int {
	n := 0
	for _, l := range e.Leaks {
		if l.Kind == kindWatched {
			n++
		}
	}
	return n
}

// leakCheck reads the finished (encrypted) bundle back from its file,
// decrypts it, and searches every object — content streams decompressed and
// their strings decoded, the Info dictionary, XMP, outlines, annotations,
// form fields, attachments — and, with Options.PDFText, the extracted text
// of every page, and by OCR every page image, for every redacted string.
// The file is read a piece at a time (objects in order, pages by PDFium
// instances on every core), never held whole.
func (b *builder) leakCheck(ctx context.Context, f *os.File, pw string) (*Certificate, error) {
	c := b.check
	// A string that is also the bundle's own wording (a cover-letter word,
	// a glossary term) cannot be told apart from it: it is not searched for.
	// Values the operator typed (reference, names) are not wording: a
	// redacted string in them is a leak like any other.
	ownText := b.w.ownText.String()
	o := b.opts
	// DefaultCouncil's values were typed by nobody: they are wording.
	def := map[string]bool{}
	for _, v := range append([]string{DefaultCouncil.Name, DefaultCouncil.Team, DefaultCouncil.Support}, DefaultCouncil.Address...) {
		def[v] = true
	}
	for _, v := range append([]string{o.Reference, o.SubjectName, o.Council.Name, o.Council.Team, o.Council.Support, o.Council.Phone, o.Council.Email}, o.Council.Address...) {
		if strings.TrimSpace(v) != "" && !def[v] {
			ownText = strings.ReplaceAll(ownText, v, "\n")
		}
	}
	own, _ := normalise(ownText, false)
	newMatcher(c.pats).scan(own, func(i, _, _ int) bool {
		if !c.excluded[i] {
			c.excluded[i] = true
			c.why["part of the bundle's standard wording"]++
			b.warn(fmt.Sprintf("document %d: a redacted string (%s) is also part of the bundle's standard wording and was not searched for", c.meta[i].DocNumber, c.meta[i].Code))
		}
		return true
	})
	var pats []string
	var idx []int
	for i, p := range c.pats {
		if !c.excluded[i] {
			pats = append(pats, p)
			idx = append(idx, i)
		}
	}
	cert := &Certificate{Strings: len(pats), Skipped: c.skipped + len(c.pats) - len(pats), SkippedWhy: map[string]int{}}
	if c.common > 0 {
		cert.Skipped += c.common
		cert.SkippedWhy["only common words, identifying nobody"] = c.common
	}
	if c.skipped > 0 {
		cert.SkippedWhy["under 3 letters or digits"] = c.skipped
	}
	for k, v := range c.why {
		cert.SkippedWhy[k] = v
	}
	m := newMatcher(pats)
	var mu sync.Mutex
	type place struct {
		where string
		n     int
	}
	found := map[int]*place{}
	note := func(i int, where string) {
		mu.Lock()
		if f, ok := found[i]; ok {
			f.n++
		} else {
			found[i] = &place{where, 1}
		}
		mu.Unlock()
	}
	search := func(where, text string) {
		n, offs := normalise(text, true)
		var shown []span
		if c.shown != nil {
			c.shown.scan(n, func(_, s, e int) bool {
				shown = append(shown, span{start: s, end: e})
				return true
			})
		}
		m.scan(n, func(i, s, e int) bool {
			if inside(shown, s, e) {
				return true // part of a name the bundle shows on purpose
			}
			if c.notTheName(idx[i], text, offs[s], offs[e]) {
				return true // the word, not the name (homonym.go)
			}
			note(idx[i], where)
			return true
		})
	}
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("bundle leak check: reopen: %w", err)
	}
	size := st.Size()
	rd, err := openPDFReader(f, size, pw)
	if err != nil {
		return nil, fmt.Errorf("bundle leak check: reopen: %w", err)
	}
	// The objects and the pages' text are read at once: the first is one
	// reader feeding searches on every core, the second PDFium instances.
	objErr := make(chan error, 1)
	go func() { objErr <- searchObjects(ctx, rd, search, &cert.Objects) }()
	textErr := b.searchPageText(ctx, f, size, pw, search, &cert.Pages)
	if err := <-objErr; err != nil {
		return nil, fmt.Errorf("bundle leak check: %w", err)
	}
	if textErr != nil {
		return nil, textErr
	}
	lm := newMatcher(loosePats(pats))
	var ls *matcher
	if c.shown != nil {
		ls = newMatcher(loosePats(c.shown.pats))
	}
	shows := make(map[int]rasterPage, len(b.rasterPages))
	for _, rp := range b.rasterPages {
		shows[rp.page] = rp
	}
	ocred, err := b.imageTexts(ctx, f, size, pw, func(page int, t string) {
		where := "page image " + itoa(page) + " (OCR)"
		if rp, ok := shows[page]; ok && rp.doc > 0 {
			// the page of the document it shows, for the officer to look at
			where = "page image " + itoa(page) + " (OCR; document " + itoa(rp.doc) + " page " + itoa(rp.docPage) + ")"
		}
		search(where, t)
		n, _ := normalise(t, false)
		n = looseText(n)
		var shown []span
		if ls != nil {
			ls.scan(n, func(_, s, e int) bool {
				shown = append(shown, span{start: s, end: e})
				return true
			})
		}
		lm.scan(n, func(i, s, e int) bool {
			if !inside(shown, s, e) {
				note(idx[i], where)
			}
			return true
		})
	})
	if err != nil {
		return nil, err
	}
	cert.OCRPages = ocred
	if len(found) > 0 {
		e := &LeakError{}
		for i, f := range found {
			it := c.meta[i]
			e.Leaks = append(e.Leaks, Leak{DocNumber: it.DocNumber, Code: it.Code, Kind: it.Kind, Where: f.where, Places: f.n, Text: it.Text})
		}
		sort.Slice(e.Leaks, func(i, j int) bool { return e.Leaks[i].DocNumber < e.Leaks[j].DocNumber })
		return nil, e
	}
	return cert, nil
}

// searchObjects searches every object of the file (searchObject) on
// every core, counting them.
func searchObjects(ctx context.Context, rd *pdfReader, search func(where, text string), count *int) error {
	type piece struct {
		n      int
		v      any
		stream []byte
	}
	work := make(chan piece, 16)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range work {
				search(objectWhere(p.n), objectText(p.v, p.stream))
			}
		}()
	}
	err := rd.scan(func(n int, v any, stream []byte) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if n > 0 {
			*count++
		}
		work <- piece{n, v, stream}
		return nil
	}, true)
	close(work)
	wg.Wait()
	return err
}

func objectWhere(n int) string {
	if n == 0 {
		return "trailer"
	}
	return "object " + itoa(n)
}

// objectText is what an object holds for the search: every string and
// name in it and, for a decoded stream, its bytes and, for a content
// stream, its string operands decoded from UTF-16 (the bundle's fonts use
// Unicode code points as character codes) and joined in order, so text
// split across operators is seen whole.
func objectText(v any, stream []byte) string {
	var sb strings.Builder
	valueStrings(v, &sb, 0)
	if stream != nil {
		sb.WriteString("\n\x00\n")
		sb.Write(latin1(stream))
		sb.WriteString("\n\x00\n")
		sb.WriteString(contentText(stream))
	}
	return sb.String()
}

// searchPageText searches the text of every page as PDFium extracts it.
func (b *builder) searchPageText(ctx context.Context, f *os.File, size int64, pw string, search func(where, text string), count *int) error {
	o := b.opts
	if o.PDFTextAt != nil {
		n, err := o.PDFTextAt(ctx, f, size, pw, func(page int, t string) error {
			search("text of page "+itoa(page), t)
			return nil
		})
		if err != nil {
			return fmt.Errorf("bundle leak check: read text: %w", err)
		}
		*count = n
		return nil
	}
	if o.PDFText == nil {
		return nil
	}
	data, err := readAllAt(f, size)
	if err != nil {
		return fmt.Errorf("bundle leak check: read text: %w", err)
	}
	pages, err := o.PDFText(ctx, data, pw)
	if err != nil {
		return fmt.Errorf("bundle leak check: read text: %w", err)
	}
	*count = len(pages)
	for i, t := range pages {
		search("text of page "+itoa(i+1), t)
	}
	return nil
}

// readAllAt reads a whole file for the readers that take bytes.
func readAllAt(r io.ReaderAt, size int64) ([]byte, error) {
	data := make([]byte, size)
	if _, err := r.ReadAt(data, 0); err != nil && err != io.EOF {
		return nil, err
	}
	return data, nil
}

// skipStream: images are checked by burning, font programs hold no text.
func skipStream(d pdfDict) bool {
	if d == nil {
		return false
	}
	if st, ok := d["Subtype"].(pdfName); ok && (st == "Image" || st == "CIDFontType0C" || st == "Type1C" || st == "OpenType") {
		return true
	}
	_, l1 := d["Length1"]
	return l1
}
