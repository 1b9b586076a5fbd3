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
