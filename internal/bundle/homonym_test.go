package bundle

import (
	"strings"
	"testing"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/rules"
)

// A redacted name that is also a word is spread to the name, not to the
// word written in lower case after an article.
func TestHomonymNotSpread(t *testing.T) {
	one := "Tansy rang the office."
	two := "We walked down the tansy path. Later Tansy came, and tansy tea was made."
	in := &Input{Docs: []record.Document{{ID: "d1", Text: one}, {ID: "d2", Text: two}},
		Redactions: []record.Redaction{{DocID: "d1", Start: 0, End: 5, Code: "TP", Text: "Tansy", RuleID: "tp.name"}}}
	p1 := &docPlan{doc: &in.Docs[0], num: 1, spans: []span{{start: 0, end: 5}}}
	p2 := &docPlan{doc: &in.Docs[1], num: 2}
	prepareCheck(in, []*docPlan{p1, p2})
	word := strings.Index(two, "tansy path")
	name := strings.Index(two, "Tansy came")
	bare := strings.Index(two, "tansy tea")
	if inside(p2.spans, word, word+5) {
		t.Errorf("'the tansy path' redacted: spans %+v", p2.spans)
	}
	if !inside(p2.spans, name, name+5) || !inside(p2.spans, bare, bare+5) {
		t.Errorf("the name, or the word without an article, not redacted: spans %+v", p2.spans)
	}
}

func TestHomonymAt(t *testing.T) {
	for _, tc := range []struct {
		text, word string
		want       bool
	}{
		{"down the sandy path", "sandy", true},
		{"a mark on her arm", "mark", true},
		{"saw Sandy today", "Sandy", false},
		{"the Sandy I knew", "Sandy", false},
		{"and sandy said", "sandy", false},
		{"sandy", "sandy", false},
	} {
		i := strings.Index(tc.text, tc.word)
		if got := homonymAt(tc.text, i, i+len(tc.word)); got != tc.want {
			t.Errorf("homonymAt(%q, %q) = %v, want %v", tc.text, tc.word, got, tc.want)
		}
	}
	if !capitalisedWord("Sandy") || capitalisedWord("sandy") || capitalisedWord("Sandy Lane") || capitalisedWord("SL") {
		t.Error("capitalisedWord")
	}
}

// A redacted given name is not spread into a place whose name begins with
// its head word ("Coleg <Name> <Word>", also across a wrapped line), but is
// into the same word written as a name. The words are invented.
func TestPlaceNameNotSpread(t *testing.T) {
	one := "Tansy rang the office."
	two := "Robin studies at Coleg Tansy Goch and works at Meithrinfa\nTansy Fach. Later Tansy came."
	in := &Input{Docs: []record.Document{{ID: "d1", Text: one}, {ID: "d2", Text: two}},
		Redactions: []record.Redaction{{DocID: "d1", Start: 0, End: 5, Code: "TP", Text: "Tansy", RuleID: "tp.name"}},
		Words:      &rules.People{OrgHeads: map[string]bool{"coleg": true, "meithrinfa": true}}}
	p1 := &docPlan{doc: &in.Docs[0], num: 1, spans: []span{{start: 0, end: 5}}}
	p2 := &docPlan{doc: &in.Docs[1], num: 2}
	prepareCheck(in, []*docPlan{p1, p2})
	for _, place := range []string{"Coleg Tansy", "Meithrinfa\nTansy"} {
		at := strings.Index(two, place) + strings.Index(place, "Tansy")
		if inside(p2.spans, at, at+5) {
			t.Errorf("%q redacted: spans %+v", place, p2.spans)
		}
	}
	name := strings.Index(two, "Tansy came")
	if !inside(p2.spans, name, name+5) {
		t.Errorf("the name not redacted: spans %+v", p2.spans)
	}
}

// A greeting to a member of staff cut from a third party's message ("Hi
// <worker>,") identifies no one the bundle hides: it is not spread to the
// same greeting elsewhere. The worker's name alone, or after a title,
// redacted for someone else, still is. The names are invented.
func TestGreetingToStaffNotSpread(t *testing.T) {
	one := "Hi Orla,\nI lost my job last week.\nOrla and Mr Orla"
	two := "Hi Orla, please send my records. Later Orla came with Mr Orla."
	in := &Input{Docs: []record.Document{{ID: "d1", Text: one}, {ID: "d2", Text: two}},
		Redactions: []record.Redaction{
			{DocID: "d1", Start: 0, End: 8, Code: "TP", Text: "Hi Orla,", RuleID: "message"},
			{DocID: "d1", Start: 34, End: 38, Code: "TP", Text: "Orla", RuleID: "tp.name"},
			{DocID: "d1", Start: 43, End: 50, Code: "TP", Text: "Mr Orla", RuleID: "tp.name"}},
		Shown: []string{"Orla Tallis"}}
	p1 := &docPlan{doc: &in.Docs[0], num: 1, spans: []span{{start: 0, end: 8}, {start: 34, end: 38}, {start: 43, end: 50}}}
	p2 := &docPlan{doc: &in.Docs[1], num: 2}
	prepareCheck(in, []*docPlan{p1, p2})
	if inside(p2.spans, 0, 2) {
		t.Errorf("the greeting spread: spans %+v", p2.spans)
	}
	mr := strings.Index(two, "Mr Orla")
	if !inside(p2.spans, mr, mr+7) {
		t.Errorf("a title and the name not spread: spans %+v", p2.spans)
	}
}
