package bundle

import (
	"fmt"
	"io"
)

// WriteSchedulePDF writes the redaction schedule as a PDF annex for legal
// services and the regulator: the leak-check certificate, then one line
// per redaction or withholding with the same fields as WriteScheduleCSV.
// It is never sent to the requester and is not encrypted with the
// requester's password; it holds no redacted text.
func WriteSchedulePDF(out io.Writer, rows []ScheduleRow, cert Certificate, opts Options) error {
	opts.defaults()
	f, err := loadFonts(opts.FontDir)
	if err != nil {
		return err
	}
	w, err := newWriter(f, &opts, out, nil)
	if err != nil {
		return err
	}
	w.pdf.SetTitle("Redaction schedule "+opts.Reference, true)
	w.pdf.SetProducer("Disclose", true)
	w.pdf.SetCreationDate(opts.Date)
	w.pdf.SetModificationDate(opts.Date)
	w.newPage()
	w.lines("Redaction schedule: "+opts.Reference, true, w.size*1.3)
	w.lines("For legal services and the Information Commissioner's Office. Not for the requester.", false, w.small*1.1)
	w.gap(0.5)
	w.lines("Certificate: "+cert.Result()+"; "+itoa(cert.Pages)+" pages searched; checked "+longDate(cert.Date)+".", true, w.small)
	w.lines(cert.Summary(), false, w.small)
	redactions, withheld := 0, 0
	for _, r := range rows {
		if r.Kind == "redaction" {
			redactions++
		} else {
			withheld++
		}
	}
	w.lines(fmt.Sprintf("Schedule: %d redactions, %d withheld documents and sections.", redactions, withheld), false, w.small)
	w.gap(0.5)
	last := -1
	for _, r := range sortedRows(rows) {
		if r.DocNumber != last {
			w.gap(0.4)
			w.para([]frag{{text: r.DocRef, bold: true}, {text: "  source file: " + r.Source}}, 0, w.small*1.1)
			last = r.DocNumber
		}
		line := fmt.Sprintf("page %d: %s; code %s", r.Page, r.Description(), r.Code)
		if r.Reason != "" {
			line += " (" + r.Reason + ")"
		}
		if r.Law != "" {
			line += "; " + r.Law
		}
		line += "; rule " + r.RuleID + "; decided by " + r.Decider
		if r.Note != "" {
			line += " (" + r.Note + ")"
		}
		if r.Approver != "" {
			line += "; approved by " + r.Approver
		}
		w.para([]frag{{text: line}}, 12, w.small)
	}
	if err := w.pdf.Close(); err != nil {
		return fmt.Errorf("schedule PDF: %w", err)
	}
	return nil
}
