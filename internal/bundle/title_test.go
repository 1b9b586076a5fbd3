package bundle

import (
	"testing"

	"github.com/disclose-sar/disclose/internal/record"
)

// A title made from a note's first words loses what the body redacts, even
// initials too short for the bundle-wide search; other words stay whole.
func TestTitleLosesOwnRedactions(t *testing.T) {
	text := "Visited at home. KW was tired. KWAN the dog barked."
	p := &docPlan{doc: &record.Document{Text: text}, spans: []span{{start: 17, end: 19}}}
	got := ownWords("Visited at home. KW was tired. KWAN the dog…", p)
	if want := "Visited at home. [redacted] was tired. KWAN the dog…"; got != want {
		t.Errorf("ownWords = %q, want %q", got, want)
	}
	if got := ownWords("Home visit", p); got != "Home visit" {
		t.Errorf("ownWords changed a title without the words: %q", got)
	}
}

// A title cut from the start of the text loses a withheld span it cuts
// short, as the body does.
func TestDerivedTitleLosesCutSpan(t *testing.T) {
	text := "Robin stayed at the farm.\nKit told me she has been diagnosed with an illness and starts treatment next month."
	p := &docPlan{doc: &record.Document{Text: text}, spans: []span{{start: 26, end: len(text), withhold: true}}}
	got := ownWords("Robin stayed at the farm. Kit told me she has been diagnosed with…", p)
	if want := "Robin stayed at the farm. [redacted]…"; got != want {
		t.Errorf("ownWords = %q, want %q", got, want)
	}
}
