package bundle

import (
	"sort"
	"strings"
)

// The Information Commissioner's Office: the UK GDPR Art. 77 right to
// complain to the supervisory authority must be explained (Art. 15(1)(f)).
const (
	icoAddress = "Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF"
	icoWeb     = "ico.org.uk/make-a-complaint"
	icoPhone   = "0303 123 1113"
)

// cover writes the covering letter.
func (b *builder) cover() {
	w, o := b.w, b.opts
	c := o.Council
	w.newPage()
	w.pdf.Bookmark("Covering letter", 0, w.y)
	w.lines(c.Name, true, w.size*1.2)
	for _, l := range c.Address {
		w.lines(l, false, w.size)
	}
	w.gap(1)
	w.lines(longDate(o.Date), false, w.size)
	w.lines("Our reference: "+o.Reference, false, w.size)
	w.gap(1)
	name := strings.TrimSpace(o.SubjectName)
	if name == "" {
		w.lines("Dear requester,", false, w.size)
	} else {
		w.lines("Dear "+name+",", false, w.size)
	}
	w.gap(0.5)
	w.lines("Your request for a copy of your records", true, w.size*1.1)
	w.gap(0.3)
	order := "in date order, oldest first"
	if o.Order == OrderLocation {
		order = "grouped by where they were kept, and in date order within each group"
	}
	paras := []string{
		"Thank you for asking for a copy of the information we hold about you. This pack is your copy. It has {nb} pages and holds " + plural(len(b.plans), "document") + " from your records, " + order + ".",
		"What is in this pack: this letter; a list of contents; a section called \"How to read your record\", which explains the marks we have made; a glossary of the words and abbreviations social workers use; and then your records.",
		"How to read it: some information has been taken out because it is about other people, or because it came from another organisation, such as the police or the NHS, which we must ask first. Where words have been taken out you will see a black box with a short code or label in it, such as [TP] or [Sibling A]. \"How to read your record\" explains every code and label. Where a whole document or part of one has been held back, a notice says what kind of document it is and why.",
		"Your records may contain things that are difficult to read. " + c.Support,
	}
	if c.Phone != "" || c.Email != "" {
		contact := "You can contact the " + c.Team + " about this pack"
		if c.Phone != "" {
			contact += " on " + c.Phone
		}
		if c.Email != "" {
			if c.Phone != "" {
				contact += " or"
			}
			contact += " by email at " + c.Email
		}
		paras = append(paras, contact+", quoting reference "+o.Reference+".")
	}
	paras = append(paras,
		"If you are unhappy with how we have dealt with your request, please tell us and we will look at it again. You also have the right to complain to the Information Commissioner's Office (ICO), the independent regulator for data protection: "+icoAddress+"; website "+icoWeb+"; helpline "+icoPhone+".",
		"This pack is protected with a password, which we are sending to you separately. Please keep it safe: it is about you and other people.",
	)
	if o.NoEncrypt && !o.EncryptedOnDownload {
		paras = paras[:len(paras)-1]
	}
	for _, p := range paras {
		w.lines(p, false, w.size)
		w.gap(0.5)
	}
	w.gap(0.5)
	w.lines("Yours sincerely,", false, w.size)
	w.gap(1)
	w.lines(c.Team, false, w.size)
	w.lines(c.Name, false, w.size)
}

func plural(n int, s string) string {
	if n == 1 {
		return "1 " + s
	}
	return itoa(n) + " " + s + "s"
}

// contentsEntry is one line of the contents page.
type contentsEntry struct {
	text string
	page *int
}

// reserveContents adds the blank pages the contents will fill once every
// page number is known; every entry is one line, so their number is known
// now.
func (b *builder) reserveContents(n int) {
	w := b.w
	per := int((w.bot - w.top - w.lh*2) / w.lh)
	pages := (n + per - 1) / per
	w.newPage()
	w.pdf.Hold() // filled in last
	w.pdf.Bookmark("Contents", 0, w.y)
	b.contentsFirst = w.pdf.PageNo()
	for i := 1; i < max(pages, 1); i++ {
		w.newPage()
		w.pdf.Hold()
	}
	b.contentsPer = per
}

// fillContents goes back to the reserved pages and writes the entries with
// their page numbers, right-aligned.
func (b *builder) fillContents(entries []contentsEntry) {
	w := b.w
	last := w.pdf.PageNo()
	page := b.contentsFirst
	w.pdf.SetPage(page)
	w.y = w.top
	w.lines("Contents", true, w.size*1.3)
	// Entries hold documents' titles: not the bundle's wording.
	own := w.own
	w.own = false
	defer func() { w.own = own }()
	width := pageW - 2*marginX
	n := 0
	for _, e := range entries {
		if n == b.contentsPer {
			page++
			w.pdf.SetPage(page)
			w.y = w.top + w.lh*2
			n = 0
		}
		num := itoa(*e.page)
		nw := w.width(num, false, w.size)
		w.text(marginX, w.y+w.size*0.95, w.truncate(e.text, false, w.size, width-nw-w.size*2), false, w.size)
		w.text(marginX+width-nw, w.y+w.size*0.95, num, false, w.size)
		w.y += w.lh
		n++
	}
	w.pdf.SetPage(last)
}

// entryText is a document's line in the contents and its bookmark.
func (b *builder) entryText(p *docPlan) string {
	s := itoa(p.num) + ". " + shortDate(p) + " - " + docType(p.doc)
	if !p.withheld && p.title != "" && p.title != docType(p.doc) {
		s += ": " + p.title
	}
	if p.withheld {
		s += " (withheld)"
	}
	return s
}

func shortDate(p *docPlan) string {
	if p.doc.Date.IsZero() {
		return "Undated"
	}
	return p.doc.Date.Format("02 Jan 2006")
}

// key writes "How to read your record": every reason code used, in plain
// English, and what each pseudonymous label stands for.
func (b *builder) key(codes []string, labels []string) {
	w := b.w
	w.newPage()
	w.pdf.Bookmark("How to read your record", 0, w.y)
	b.keyPage = w.pdf.PageNo()
	w.lines("How to read your record", true, w.size*1.3)
	w.gap(0.5)
	w.lines("We have taken out information that is about other people, or that came from other organisations and is not ours to give without asking them. We have not changed anything else. Where words have been taken out you will see a black box. The code or label in the box says why.", false, w.size)
	w.gap(0.5)
	if len(codes) > 0 {
		w.lines("What the codes mean", true, w.size*1.1)
		for _, c := range codes {
			r := b.in.Reasons[c]
			title := r.Title
			if title == "" {
				title = "Information removed"
			}
			w.gap(0.3)
			w.para([]frag{w.boxFrag("", "["+c+"]", w.size), {text: " " + title, bold: true}}, 0, w.size)
			w.para([]frag{{text: b.reason(c)}}, 12, w.size)
			if r.Law != "" {
				w.para([]frag{{text: "The law: " + r.Law}}, 12, w.small)
			}
		}
		w.gap(0.5)
	}
	if len(labels) > 0 {
		w.lines("Other people in your record", true, w.size*1.1)
		w.lines("Instead of some people's names we have used a label, so you can tell when the same person is mentioned again without us giving their name.", false, w.size)
		meaning := map[string]string{}
		for _, l := range b.in.Labels {
			meaning[l.Label] = l.Meaning
		}
		for _, l := range labels {
			m := meaning[l]
			if m == "" {
				m = "another person mentioned in your record"
			}
			w.gap(0.2)
			w.para([]frag{w.boxFrag("", "["+l+"]", w.size), {text: " " + m}}, 0, w.size)
		}
		w.gap(0.5)
	}
	w.lines("Documents held back", true, w.size*1.1)
	w.lines("Where we have held back a whole document, or part of one, you will see a notice saying what kind of document it is and why. You can ask us about anything we have held back.", false, w.size)
}

// glossaryPages writes the jargon found in this record's disclosed text.
func (b *builder) glossaryPages(terms []term) {
	w := b.w
	w.newPage()
	w.pdf.Bookmark("Words and abbreviations", 0, w.y)
	b.glossPage = w.pdf.PageNo()
	w.lines("Words and abbreviations", true, w.size*1.3)
	w.lines("Social workers use some words and short forms that are not in everyday use. These are the ones that appear in your records.", false, w.size)
	w.gap(0.5)
	for _, t := range terms {
		w.para([]frag{{text: t.Term + ": ", bold: true}, {text: t.Plain}}, 0, w.size)
		w.gap(0.2)
	}
}

// unreadable lists the source files that could not be read: never dropped
// silently.
func (b *builder) unreadable() {
	w := b.w
	w.newPage()
	w.pdf.Bookmark("Files we could not read", 0, w.y)
	b.unreadPage = w.pdf.PageNo()
	w.lines("Files we could not read", true, w.size*1.3)
	w.lines("We found these files in your records but our system could not read them, so they are not in this pack. Please ask us about them, quoting reference "+b.opts.Reference+".", false, w.size)
	w.gap(0.5)
	own := w.own
	w.own = false // file names and reasons come from the record
	defer func() { w.own = own }()
	for i, u := range b.in.Unreadable {
		desc := b.san.clean(u.Description)
		if desc == "" {
			desc = "A file"
		}
		t := itoa(i+1) + ". " + desc + " could not be read"
		if r := b.san.clean(u.Reason); r != "" {
			t += " (" + r + ")"
		}
		w.lines(t+"; ask us.", false, w.size)
	}
}

// usedCodesAndLabels lists the codes of every redaction and withholding
// applied, and the labels printed in boxes, sorted.
func usedCodesAndLabels(plans []*docPlan) ([]string, []string) {
	codes, labels := map[string]bool{}, map[string]bool{}
	for _, p := range plans {
		if p.withheld {
			codes[p.code] = true
			continue
		}
		for _, sp := range p.spans {
			codes[sp.code] = true
			if sp.label != "" && !sp.withhold {
				labels[sp.label] = true
			}
		}
	}
	delete(codes, "")
	return sortedKeys(codes), sortedKeys(labels)
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// LocationName describes where a document was kept in plain words; folder
// names can hold people's names (a mailbox), so they are never printed.
func LocationName(loc string) string {
	l := strings.ToLower(loc)
	switch {
	case strings.Contains(l, "mail"):
		return "an email mailbox"
	case strings.Contains(l, "case") || strings.Contains(l, "export") || strings.Contains(l, "system"):
		return "the case management system"
	case strings.Contains(l, "scan") || strings.Contains(l, "archive") || strings.Contains(l, "paper"):
		return "the paper archive (scanned)"
	case strings.Contains(l, "legal") || strings.Contains(l, "court"):
		return "legal services' files"
	case strings.Contains(l, "health"):
		return "health records"
	case strings.Contains(l, "drive") || strings.Contains(l, "share"):
		return "a shared drive"
	case strings.Contains(l, "school") || strings.Contains(l, "educ"):
		return "education records"
	}
	return "other council records"
}
