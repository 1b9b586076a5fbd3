package bundle

import (
	"encoding/csv"
	"io"
	"sort"
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
			b.rowAt(p, ri, p.boxPages[i], kind)
		}
	}
}

// rowAt adds one schedule row for Input.Redactions[ri] (ri < 0: a spread
// redaction made here for consistency).
func (b *builder) rowAt(p *docPlan, ri, page int, kind string) {
	row := ScheduleRow{
		DocNumber: p.num,
		DocRef:    "Document " + itoa(p.num) + ": " + docType(p.doc) + ", " + longDate(p.doc.Date),
		Source:    p.doc.Path,
		Page:      page,
		Kind:      kind,
	}
	if p.doc.Part != "" {
		row.Source += "#" + p.doc.Part
	}
	if ri >= 0 && ri < len(b.in.Redactions) {
		r := b.in.Redactions[ri]
		row.Code, row.RuleID, row.Label, row.Decider = r.Code, r.RuleID, r.Label, r.Decider
	} else if s, ok := b.check.spread[ri]; ok {
		row.Code, row.RuleID, row.Label, row.Decider = s.Code, "spread:"+s.RuleID, s.Label, "auto (same string redacted elsewhere)"
	}
	if row.Decider == "" {
		row.Decider = "auto"
	}
	b.res.Schedule = append(b.res.Schedule, row)
}

// WriteScheduleCSV writes the redaction schedule for legal services and the
// regulator: every redaction and withholding, and the leak-check
// certificate as the last line. It never holds redacted text.
func WriteScheduleCSV(w io.Writer, res *Result) error {
	cw := csv.NewWriter(w)
	rows := append([]ScheduleRow(nil), res.Schedule...)
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].DocNumber < rows[j].DocNumber })
	cw.Write([]string{"document", "reference", "source", "bundle_page", "kind", "reason_code", "rule", "person_label", "decided_by"})
	for _, r := range rows {
		cw.Write([]string{itoa(r.DocNumber), r.DocRef, r.Source, itoa(r.Page), r.Kind, r.Code, r.RuleID, r.Label, r.Decider})
	}
	cw.Write([]string{"certificate", res.Certificate.Summary()})
	cw.Flush()
	return cw.Error()
}
