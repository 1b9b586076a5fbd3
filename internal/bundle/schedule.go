package bundle

import (
	"io"
	"sort"
	"strings"
	"time"

	"github.com/disclose-sar/disclose/internal/record"
)

// rows adds the schedule rows of a disclosed document: one per redaction,
// with the bundle page of the box or notice that stands for it.
func (b *builder) rows(p *docPlan) {
	for i, sp := range p.spans {
		kind := "redaction"
		if sp.withhold {
			kind = "withheld section"
		}
		for _, ri := range sp.reds {
			if !b.areas.holds(ri) { // an area's words: its own row below
				b.rowAt(p, ri, p.boxPages[i], kind)
			}
		}
	}
	b.areaRows(p)
}

// rowAt adds one schedule row for Input.Redactions[ri] (ri < 0: a spread
// redaction made here for consistency).
func (b *builder) rowAt(p *docPlan, ri, page int, kind string) {
	if b.rowDoc != p {
		// One document's rows share its reference and source.
		b.rowDoc = p
		b.rowRef = "Document " + itoa(p.num) + ": " + docType(p.doc) + ", " + longDate(p.doc.Date)
		b.rowSource = p.doc.Path
		if p.doc.Part != "" {
			b.rowSource += "#" + p.doc.Part
		}
	}
	row := ScheduleRow{DocNumber: p.num, DocRef: b.rowRef, Source: b.rowSource, Page: page, Kind: kind}
	if ri >= 0 && ri < len(b.reds.rows) {
		r, s := &b.reds.rows[ri], b.reds.strs
		row.Code, row.RuleID, row.Label, row.Decider = s[r.code], s[r.ruleID], s[r.label], s[r.decider]
		row.Note, row.Approver = s[r.note], s[r.approver]
	} else if k := -ri - p.spreadFirst; ri < 0 && k >= 0 && k < len(p.spread) {
		s := p.spread[k]
		row.Code, row.RuleID, row.Label, row.Decider = s.code, "spread:consistency", s.label, "auto (same string redacted elsewhere)"
	}
	if row.Decider == "" {
		row.Decider = "auto"
	}
	if rs, ok := b.in.Reasons[row.Code]; ok {
		row.Reason, row.Law = rs.Title, rs.Law
	}
	b.sched.add(row)
}

// redTable is what the schedule says of each of Input.Redactions (by
// index), kept once the plans and the check set are made instead of the
// redactions themselves: 24 bytes each and one list of the distinct
// values, not a 216-byte Redaction holding its document's text (issue 16).
type redTable struct {
	strs []string
	rows []redRow
}

type redRow struct{ code, ruleID, label, decider, note, approver uint32 }

func newRedTable(rs []record.Redaction) *redTable {
	var t schedTable
	rows := make([]redRow, len(rs))
	for i := range rs {
		r := &rs[i]
		rows[i] = redRow{code: t.str(r.Code), ruleID: t.str(r.RuleID), label: t.str(r.Label), decider: t.str(r.Decider),
			note: t.str(r.Reason), approver: t.str(r.Approver)}
	}
	return &redTable{strs: t.strs, rows: rows}
}

// schedTable holds the schedule's rows while the bundle is written. A
// large record has hundreds of thousands (600,000 at 50,000 pages) whose
// strings are a few thousand distinct values — a document's reference
// and source, codes, rules, labels, deciders — so a row keeps numbers
// into one list of the distinct values: 56 bytes a row, not 232.
type schedTable struct {
	strs  []string
	index map[string]uint32
	rows  []schedRow
}

type schedRow struct {
	docNumber, page, sourcePage                                                     int32
	kind, docRef, source, code, ruleID, label, decider, reason, law, note, approver uint32
}

func (t *schedTable) str(s string) uint32 {
	if i, ok := t.index[s]; ok {
		return i
	}
	if t.index == nil {
		t.index = map[string]uint32{}
	}
	i := uint32(len(t.strs))
	t.strs = append(t.strs, s)
	t.index[s] = i
	return i
}

func (t *schedTable) add(r ScheduleRow) {
	t.rows = append(t.rows, schedRow{
		docNumber: int32(r.DocNumber), page: int32(r.Page), sourcePage: int32(r.SourcePage),
		kind: t.str(r.Kind), docRef: t.str(r.DocRef), source: t.str(r.Source), code: t.str(r.Code),
		ruleID: t.str(r.RuleID), label: t.str(r.Label), decider: t.str(r.Decider), reason: t.str(r.Reason),
		law: t.str(r.Law), note: t.str(r.Note), approver: t.str(r.Approver),
	})
}

// row is row i made whole.
func (t *schedTable) row(i int) ScheduleRow {
	r, s := &t.rows[i], t.strs
	return ScheduleRow{
		DocNumber: int(r.docNumber), Page: int(r.page), SourcePage: int(r.sourcePage),
		Kind: s[r.kind], DocRef: s[r.docRef], Source: s[r.source], Code: s[r.code], RuleID: s[r.ruleID],
		Label: s[r.label], Decider: s[r.decider], Reason: s[r.reason], Law: s[r.law], Note: s[r.note], Approver: s[r.approver],
	}
}

// all is every row made whole, in the order added.
func (t *schedTable) all() []ScheduleRow {
	if len(t.rows) == 0 {
		return nil
	}
	out := make([]ScheduleRow, len(t.rows))
	for i := range t.rows {
		out[i] = t.row(i)
	}
	return out
}

// ScheduleColumns are the redaction schedule's CSV headers, the same for
// the batch command and the server's download.
var ScheduleColumns = []string{"document", "document reference", "source file", "bundle page", "description",
	"label in bundle", "reason", "code", "law", "rule", "decided by", "decision note", "approved by"}

// WriteScheduleCSV writes the redaction schedule for legal services and the
// regulator: one line per redaction and withholding, in document order,
// and the leak-check certificate as the last line ("certificate", the
// result, the pages searched, the date checked, the full summary). It
// never holds redacted text, and every cell is formula-safe (SafeCell).
// The server writes stored schedules through here too: rows and
// certificate are what the bundle job stores (Result.Schedule and
// Result.Certificate as JSON).
func WriteScheduleCSV(w io.Writer, rows []ScheduleRow, cert Certificate) error {
	cw := NewCSVWriter(w)
	if err := cw.Write(ScheduleColumns); err != nil {
		return err
	}
	for _, r := range sortedRows(rows) {
		if err := cw.Write([]string{itoa(r.DocNumber), r.DocRef, r.Source, itoa(r.Page), r.Description(),
			r.Label, r.Reason, r.Code, r.Law, r.RuleID, r.Decider, r.Note, r.Approver}); err != nil {
			return err
		}
	}
	certRow := make([]string, len(ScheduleColumns))
	copy(certRow, []string{"certificate", cert.Result(), itoa(cert.Pages) + " pages searched", "checked " + isoDate(cert.Date), cert.Summary()})
	if err := cw.Write(certRow); err != nil {
		return err
	}
	return cw.Flush()
}

// Description says in words, without any of the redacted text, what stands
// in the bundle for one schedule row.
func (r ScheduleRow) Description() string {
	switch r.Kind {
	case "redaction":
		if r.Label != "" {
			return "Text redacted, shown as [" + r.Label + "]"
		}
		return "Text redacted"
	case "":
		return ""
	case KindArea:
		return "Area drawn by the officer on page " + itoa(r.SourcePage) + " of the document: its pixels and the words under it removed"
	}
	return strings.ToUpper(r.Kind[:1]) + r.Kind[1:]
}

// sortedRows orders a copy of rows by document, keeping bundle order
// within each document.
func sortedRows(rows []ScheduleRow) []ScheduleRow {
	out := append([]ScheduleRow(nil), rows...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].DocNumber < out[j].DocNumber })
	return out
}

// isoDate is a date for a spreadsheet, or "date not recorded".
func isoDate(t time.Time) string {
	if t.IsZero() {
		return "date not recorded"
	}
	return t.Format("2006-01-02")
}
