package bundle

import (
	"fmt"
	"io"
	"sort"
)

// WriteSchedulePDF writes the redaction schedule as a PDF annex for legal
// services and the regulator: one line per redaction or withholding and the
// leak-check certificate. It is never sent to the requester and is not
// encrypted with the requester's password; it holds no redacted text.
func WriteSchedulePDF(out io.Writer, res *Result, opts Options) error {
	opts.defaults()
	f, err := loadFonts(opts.FontDir)
	if err != nil {
		return err
	}
	w := newWriter(f, &opts)
	w.pdf.SetTitle("Redaction schedule "+opts.Reference, true)
	w.pdf.SetProducer("Disclose", true)
	w.pdf.SetCreationDate(opts.Date)
	w.pdf.SetModificationDate(opts.Date)
	w.newPage()
	w.lines("Redaction schedule: "+opts.Reference, true, w.size*1.3)
	w.lines("For legal services and the Information Commissioner's Office. Not for the requester.", false, w.size)
	w.gap(0.5)
	w.lines(res.Certificate.Summary(), false, w.small)
	w.lines(fmt.Sprintf("Bundle: %d pages, %d documents, %d redactions, %d withheld.", res.Pages, res.Documents, res.Redactions, res.Withheld), false, w.small)
	w.gap(0.5)
	rows := append([]ScheduleRow(nil), res.Schedule...)
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].DocNumber < rows[j].DocNumber })
	last := -1
	for _, r := range rows {
		if r.DocNumber != last {
			w.gap(0.4)
			w.para([]frag{{text: r.DocRef, bold: true}, {text: "  source: " + r.Source}}, 0, w.small*1.1)
			last = r.DocNumber
		}
		label := r.Label
		if label == "" {
			label = "-"
		}
		w.para([]frag{{text: fmt.Sprintf("page %d  %s  code %s  rule %s  label %s  decided by %s", r.Page, r.Kind, r.Code, r.RuleID, label, r.Decider)}}, 12, w.small)
	}
	if err := w.pdf.Error(); err != nil {
		return fmt.Errorf("schedule PDF: %w", err)
	}
	return w.pdf.Output(out)
}
