package bundle

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/disclose-sar/disclose/internal/record"
)

// TestUnitsAsSerial lays out a record of many documents — runs of case
// notes that share pages, letters, withheld documents and sections, a
// location order with its own pages, redactions spread from one document to
// another — with typeset documents laid out
// ahead on every core (units) and one after another, and wants the same
// file byte for byte (but its random /ID) and the same schedule.
func TestUnitsAsSerial(t *testing.T) {
	var in Input
	in.Reasons = testReasons
	locs := []string{"case-system-export", "shared-drive", "legal"}
	for i := range 160 {
		d := doc(fmt.Sprintf("d%03d", i), locs[i%3], "", "Note "+itoa(i), day(2010+i%7, 1+i%12, 1+i%27),
			"Ms Oakenfold met Oswin Threlkeld at the centre today.",
			"The worker said the visit went well and Oswin Threlkeld will call again. "+
				"A longer paragraph follows so that some notes run over the end of a page and others do not, which is what decides whether the next note shares it.")
		if i%4 != 3 {
			d.Format = record.FormatCaseNote
		}
		for range i % 5 {
			d.Text += "\nMore of the note: the family talked about school, contact and the plan for the summer holidays."
			d.Blocks = append(d.Blocks, record.Block{Kind: record.BlockParagraph, Start: len(d.Text) - 95, End: len(d.Text)})
		}
		in.Docs = append(in.Docs, d)
		dd := &in.Docs[len(in.Docs)-1]
		if i%2 == 0 {
			// The odd documents get theirs from the consistency pass.
			in.Redactions = append(in.Redactions, redact(dd, "Oswin Threlkeld", "TP", "Relative A")...)
		}
		switch i % 11 {
		case 5:
			in.Redactions = append(in.Redactions, record.Redaction{DocID: dd.ID, Withhold: true, Code: "PA", RuleID: "test", Decider: "auto"})
		case 7:
			in.Redactions = append(in.Redactions, record.Redaction{DocID: dd.ID, Start: 0, End: 52, Withhold: true, Code: "PA", RuleID: "test", Decider: "auto"})
		}
	}
	id := regexp.MustCompile(`/ID \[<[0-9a-f]+> <[0-9a-f]+>\]`)
	for _, order := range []string{OrderChronological, OrderLocation} {
		build := func(ahead bool) ([]byte, *Result) {
			saved := layAhead
			layAhead = ahead
			defer func() { layAhead = saved }()
			var buf bytes.Buffer
			res, err := Write(context.Background(), &buf, in, Options{NoEncrypt: true, Order: order, Layout: LayoutReading, Reference: "SAR-U", Date: day(2026, 3, 2)})
			if err != nil {
				t.Fatal(err)
			}
			return id.ReplaceAll(buf.Bytes(), nil), res
		}
		a, ra := build(false)
		b, rb := build(true)
		spread := 0
		for _, r := range ra.Schedule {
			if strings.HasPrefix(r.RuleID, "spread:") {
				spread++
			}
		}
		if ra.Pages < 60 || spread == 0 {
			t.Fatalf("%s: %d pages, %d spread redactions; want a longer record with some", order, ra.Pages, spread)
		}
		if !bytes.Equal(a, b) {
			i := 0
			for i < min(len(a), len(b)) && a[i] == b[i] {
				i++
			}
			t.Errorf("%s: files differ from byte %d: serial %q, ahead %q", order, i, a[max(0, i-40):min(len(a), i+40)], b[max(0, i-40):min(len(b), i+40)])
		}
		if fmt.Sprint(ra.Schedule) != fmt.Sprint(rb.Schedule) || ra.Redactions != rb.Redactions || ra.Withheld != rb.Withheld || ra.Pages != rb.Pages {
			t.Errorf("%s: results differ: serial %d pages %d rows, ahead %d pages %d rows", order, ra.Pages, len(ra.Schedule), rb.Pages, len(rb.Schedule))
		}
	}
}
