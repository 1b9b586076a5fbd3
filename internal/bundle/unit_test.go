package bundle

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/disclose-sar/disclose/internal/record"
)

func TestMergeSpans(t *testing.T) {
	text := "Jane Doe met Sam at 4 Elm Row today"
	rs := []record.Redaction{
		{Start: 0, End: 4, Code: "TP", Label: "Mother"},
		{Start: 5, End: 8, Code: "TP"},
		{Start: 13, End: 16, Code: "TP", Label: "Sibling A"},
		{Start: 20, End: 29, Code: "TP"},
		{Start: 22, End: 25, Code: "TP"},
	}
	got := mergeSpans(text, rs, []int{0, 1, 2, 3, 4})
	var ranges [][2]int
	var labels []string
	for _, s := range got {
		ranges = append(ranges, [2]int{s.start, s.end})
		labels = append(labels, s.label)
	}
	if d := cmp.Diff([][2]int{{0, 8}, {13, 16}, {20, 29}}, ranges); d != "" {
		t.Errorf("merged ranges (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"Mother", "Sibling A", ""}, labels); d != "" {
		t.Errorf("labels (-want +got):\n%s", d)
	}
}

// TestMergeSpansOutOfRange: spans past the end of the text (stale offsets
// from a document read again) are dropped or clamped, never indexed.
func TestMergeSpansOutOfRange(t *testing.T) {
	text := "Jane Doe"
	rs := []record.Redaction{
		{Start: 8, End: 8, Code: "TP"},
		{Start: 20, End: 30, Code: "TP"},
		{Start: 5, End: 99, Code: "TP"},
		{Start: -3, End: 2, Code: "TP"},
	}
	got := mergeSpans(text, rs, []int{0, 1, 2, 3})
	var ranges [][2]int
	for _, s := range got {
		ranges = append(ranges, [2]int{s.start, s.end})
	}
	if d := cmp.Diff([][2]int{{0, 2}, {5, 8}}, ranges); d != "" {
		t.Errorf("mergeSpans ranges (-want +got):\n%s", d)
	}
}

func TestSanitiser(t *testing.T) {
	z := newSanitiser([]string{"oswin threlkeld", "garrick"})
	for _, c := range []struct{ in, want string }{
		{"FW Oswin  Threlkeld - contact arrangements", "FW [redacted] - contact arrangements"},
		{"FW: OSWIN THRELKELD", ""},
		{"Garrickson visit", "Garrickson visit"}, // word boundaries
		{"Note about Garrick’s move", "Note about [redacted]’s move"},
	} {
		if got := z.clean(c.in); got != c.want {
			t.Errorf("clean(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if !isFileName("FW Jane Doe - contact", "mailbox/FW Jane Doe - contact.eml") || isFileName("Contact arrangements", "mailbox/x.eml") {
		t.Errorf("isFileName wrong")
	}
}

func TestMatcher(t *testing.T) {
	pats := []string{"oswin threlkeld", "07700 900461", "(01632) 960 001", "rose"}
	n, _ := normalise("Call OSWIN\n  Threlkeld on 07700 900461 or (01632) 960 001; she arose", false)
	var got []string
	newMatcher(pats).scan(n, func(i, _, _ int) bool { got = append(got, pats[i]); return true })
	if d := cmp.Diff([]string{"oswin threlkeld", "07700 900461", "(01632) 960 001"}, got); d != "" {
		t.Errorf("matches (-want +got):\n%s", d)
	}
	// Offsets map back to the original text.
	s := "Dear  Mrs Quenby’s"
	n, offs := normalise(s, true)
	i := strings.Index(n, "quenby")
	if s[offs[i]:offs[i+len("quenby")]] != "Quenby" {
		t.Errorf("offset mapping: %q", s[offs[i]:offs[i+6]])
	}
}

func TestContentText(t *testing.T) {
	// fpdf writes UTF-8 fonts' text as UTF-16BE in literal strings.
	stream := []byte("BT 10 10 Td (\x00O\x00s\x00w\x00i\x00n) Tj ET BT <0054006800720065006c006b0065006c0064> Tj ET")
	if got := contentText(stream); !strings.Contains(got, "Oswin Threlkeld") {
		t.Errorf("contentText = %q", got)
	}
}

// A reviewer's redaction of an everyday word in one sentence must not be
// spread to every other sentence (it would black out the requester's story),
// nor fail the leak check; a name redacted once is still redacted everywhere.
func TestPrepareCheckCommonWordsNotSpread(t *testing.T) {
	text := "She told her nan about Brynmor. Later she saw Brynmor at her school."
	doc := record.Document{ID: "d1", Text: text}
	first := strings.Index(text, "Brynmor")
	herAt := strings.Index(text, "her")
	in := &Input{Docs: []record.Document{doc}, Redactions: []record.Redaction{
		{DocID: "d1", Start: first, End: first + len("Brynmor"), Code: "TP", Text: "Brynmor"},
		{DocID: "d1", Start: herAt, End: herAt + 3, Code: "TP", Text: "her"},
	}}
	p := &docPlan{doc: &in.Docs[0], spans: []span{{start: first, end: first + 7}, {start: herAt, end: herAt + 3}}}
	c := prepareCheck(in, []*docPlan{p})
	if got := c.spanStrings(); len(got) != 1 || got[0] != "brynmor" {
		t.Errorf("searched strings = %q, want only the name", got)
	}
	if c.common != 1 {
		t.Errorf("common-word strings = %d, want 1", c.common)
	}
	second := strings.LastIndex(text, "Brynmor")
	if !inside(p.spans, second, second+7) {
		t.Errorf("second mention of the name not redacted by consistency: spans %+v", p.spans)
	}
	laterHer := strings.LastIndex(text, "her")
	if inside(p.spans, laterHer, laterHer+3) {
		t.Errorf("everyday word spread to %d: spans %+v", laterHer, p.spans)
	}
}
