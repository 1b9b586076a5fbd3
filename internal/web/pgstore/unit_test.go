package pgstore

import (
	"strings"
	"testing"

	"github.com/disclose-sar/disclose/internal/record"
)

func TestRedact(t *testing.T) {
	text := "Ann met Bob at 1 Long Road."
	got, withheld := redact(text, []record.Redaction{
		{Start: 0, End: 3, Code: "TP", Label: "Mother"},
		{Start: 8, End: 11, Code: "TP"},
		{Start: 15, End: 26, Code: "PA", Withhold: true},
	})
	want := "[Mother] met [TP] at [section withheld: PA]."
	if withheld || got != want {
		t.Errorf("redact = %q, %v; want %q, false", got, withheld, want)
	}
	if strings.Contains(got, "Ann") || strings.Contains(got, "Bob") {
		t.Errorf("redacted text still holds a name: %q", got)
	}
	if _, withheld := redact(text, []record.Redaction{{Withhold: true, Code: "PA"}}); !withheld {
		t.Errorf("a whole-document withholding did not withhold")
	}
}

func TestPassage(t *testing.T) {
	text := strings.Repeat("é word ", 200) + "TARGET" + strings.Repeat(" more é", 200)
	start := strings.Index(text, "TARGET")
	p, s, e := passage(text, start, start+6)
	if p[s:e] != "TARGET" {
		t.Fatalf("passage span = %q, want TARGET", p[s:e])
	}
	if len(p) > 2*contextBytes+10 {
		t.Errorf("passage is %d bytes, want about %d", len(p), 2*contextBytes)
	}
	if !strings.HasPrefix(p, "é") && !strings.HasPrefix(p, "word") {
		t.Errorf("passage starts mid-word: %q", p[:10])
	}
}

func TestRedactTitle(t *testing.T) {
	text := "Subject: visit with Bob Smith\nBob Smith was there."
	got := redactTitle("Visit with Bob Smith", text, []record.Redaction{{Start: 20, End: 29, Label: "Neighbour A"}})
	if want := "Visit with [Neighbour A]"; got != want {
		t.Errorf("redactTitle = %q, want %q", got, want)
	}
}
