package bundle

import (
	"strings"
	"testing"

	"github.com/disclose-sar/disclose/internal/record"
)

// An officer's own redaction for one document only (record.Redaction.Local)
// is not spread to the same text in another document, and that other
// occurrence is not a leak: it stays by the officer's decision. The same
// text removed by any other redaction is spread as before.
func TestPrepareCheckLocalNotSpread(t *testing.T) {
	one := "Met Tamsin Orrell at the centre."
	two := "Tamsin Orrell phoned later."
	at := strings.Index(one, "Tamsin Orrell")
	n := len("Tamsin Orrell")
	for _, tc := range []struct {
		name       string
		reds       []record.Redaction
		wantSpread bool
	}{
		{"local only", []record.Redaction{{DocID: "d1", Start: at, End: at + n, Code: "TP", RuleID: "manual", Local: true}}, false},
		{"local and suggested", []record.Redaction{
			{DocID: "d1", Start: at, End: at + n, Code: "TP", RuleID: "manual", Local: true},
			{DocID: "d1", Start: at, End: at + n, Code: "TP", RuleID: "tp.name"},
		}, true},
		{"suggested and local", []record.Redaction{
			{DocID: "d1", Start: at, End: at + n, Code: "TP", RuleID: "tp.name"},
			{DocID: "d1", Start: at, End: at + n, Code: "TP", RuleID: "manual", Local: true},
		}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := &Input{Docs: []record.Document{{ID: "d1", Text: one}, {ID: "d2", Text: two}}, Redactions: tc.reds}
			p1 := &docPlan{doc: &in.Docs[0], num: 1, spans: []span{{start: at, end: at + n}}}
			p2 := &docPlan{doc: &in.Docs[1], num: 2}
			c := prepareCheck(in, []*docPlan{p1, p2})
			spread := inside(p2.spans, 0, n)
			if spread != tc.wantSpread {
				t.Errorf("second document's occurrence redacted = %v, want %v (spans %+v)", spread, tc.wantSpread, p2.spans)
			}
			searched := len(c.spanStrings()) == 1
			if searched != tc.wantSpread {
				t.Errorf("text still searched for by the leak check = %v, want %v", searched, tc.wantSpread)
			}
			if !tc.wantSpread && c.why["redacted by an officer only where they chose"] != 1 {
				t.Errorf("certificate reasons = %v, want the officer's choice counted", c.why)
			}
		})
	}
}
