package rules

import (
	"strings"
	"testing"
	"testing/fstest"
	"unsafe"
)

func TestAgencyVocabulary(t *testing.T) {
	set, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	a := set.Agencies
	heads := []struct {
		line string
		kind string // "" = not a heading
		body string // a speaker label's text
	}{
		{"Southshire Constabulary (not to be shared)", "police", ""},
		{"1. Information from the health visitor", "health", ""},
		{"POLICE: officers attended at 02:00", "police", "officers attended at 02:00"},
		{"Westbrook Primary School - update", "education", ""},
		{"Virtual School", "", ""},
		{"Northtown Council Children's Services", "", ""},
		{"Police were called by a neighbour.", "", ""},
		{"Robin's views", "", ""},
		// a form's section number; the agency's or its officer's possessive
		{"Section B – School's view", "education", ""},
		// who and where after a comma
		{"Designated Teacher report, Quillerby Academy (Ann Brodie)", "education", ""},
		{"Police report, which we received late", "", ""},
		{"Designated teacher's report", "education", ""},
		{"Part 2: Police's view: officers attended", "police", "officers attended"},
		{"Section A – My views", "", ""},
		// someone else's possessive: the section is theirs, not an agency's
		{"Part B: Robin's health", "", ""},
		{"Robin's school", "", ""},
		{"Social worker's actions", "", ""},
		// bilingual headings: either side names the agency
		{"Heddlu / Police (not to be shared without consent)", "police", ""},
		{"Gwasanaethau Plant / Police: officers attended", "police", "officers attended"},
		{"Ysgol / School", "education", ""},
		{"School / Ysgol: attendance is 90%", "education", "attendance is 90%"},
		{"Police / the family went to stay with friends that week.", "", ""},
	}
	for _, h := range heads {
		line := strings.TrimPrefix(h.line, "1. ")
		term, body, ok := a.Heading(line)
		if got := map[bool]string{true: term.Kind}[ok]; got != h.kind {
			t.Errorf("Heading(%q) kind = %q, want %q", h.line, got, h.kind)
		}
		if ok && h.body != "" && line[body:] != h.body {
			t.Errorf("Heading(%q) body = %q, want %q", h.line, line[body:], h.body)
		}
	}
	frames := map[string]bool{
		"Southshire Police have recorded three incidents.": true,
		"The family GP advised that the dose changed.":     true,
		"the school say he is often late":                  true,
		"Her teacher says she is settled.":                 false,
		"Police were told about the move.":                 false,
		"Clinical Psychology Assessment Report":            false,
		"The reviewing officer reported that it works.":    false,
		"The college tutor said he is doing well.":         true,
		"Her college tutor says she is settled.":           false,
		"Robin's GP has confirmed that the dose changed.":  true,
		"Robin's teacher says she is settled.":             false,
		"Barnardo's reported that she is doing well.":      true,
		"The council officer said the flat is ready.":      false,
	}
	for s, want := range frames {
		if _, _, got := a.Attribution(s); got != want {
			t.Errorf("Attribution(%q) = %v, want %v", s, got, want)
		}
	}
	senders := []struct {
		name, addr string
		want       bool
	}{
		{"Westbrook High School Office", "office@example.org", true},
		{"Clinic Admin", "admin@nhs-southshire.example", true},
		{"Petra Orme", "petra@example.net", false},
		{"Head Teacher", "head@example.org", false}, // a member of staff names no agency
		// an agency's name run into the domain: a place, then a domain
		// word; a charity's name without its spaces and apostrophe
		{"Jo Bell", "jo@northvalepolice.example", true},
		{"Jo Bell", "jo@quillerbyacademy.org.uk", true},
		{"Jo Bell", "jo@fellside-yjs.org.uk", true},
		{"Jo Bell", "jo@quillerbywomensaid.org.uk", true},
		{"Jo Bell", "jo@northtown.gov.uk", false},
		{"Jo Bell", "jo@lawsonfamily.example", false}, // a domain word at the start is no agency
	}
	for _, s := range senders {
		if _, got := a.Sender(s.name, s.addr); got != s.want {
			t.Errorf("Sender(%q, %q) = %v, want %v", s.name, s.addr, got, s.want)
		}
	}
	if !a.Council("Northtown Council Children's Services\tPage 1") || a.Council("SOUTHSHIRE POLICE - Referral to Children's Services") {
		t.Error("Council: a council's own head or a police referral to it misread")
	}
}

// A council extends the vocabulary with a list of its own: a new kind of
// agency needs no Go.
func TestAgencyListOverride(t *testing.T) {
	pack := okCodes + `lists:
  agency-housing-association: [housing association]
  attribution-verbs: [reported]
rules:
  - id: h1
    category: partner_agency
    code: TP
    action: withhold
    explanation: What a housing association told us.
    detector:
      kind: attribution
    examples:
      should_match: ["Eastgate Housing Association reported arrears."]
      should_not_match: ["The school reported arrears."]
`
	set, err := Load(fstest.MapFS{"p.yaml": {Data: []byte(pack)}})
	if err != nil {
		t.Fatal(err)
	}
	if term, _, ok := set.Agencies.Attribution("The housing association reported arrears."); !ok || term.Kind != "housing-association" {
		t.Errorf("Attribution = %+v, %v; want kind housing-association", term, ok)
	}
}

func TestAgencyListErrors(t *testing.T) {
	tests := []struct{ name, pack, want string }{
		{"term in two kinds", okCodes + "lists:\n  agency-a: [clinic]\n  agency-b: [clinic]\n", `p.yaml:9: list "agency-b": "clinic" is already in the list of kind "a"`},
		{"role kept by no kind", okCodes + "lists:\n  agency-a: [clinic]\n  staff-role-kept-kinds: [b]\n", `"b" is no agency kind (no list "agency-b")`},
		{"generic word of no kind", okCodes + "lists:\n  agency-a: [clinic]\n  agency-generic: [ward]\n", `"ward" is in no agency-<kind> list`},
		{"attribution without verbs", okCodes + "lists:\n  agency-a: [clinic]\nrules:\n  - id: x\n    category: c\n    code: TP\n    action: withhold\n    explanation: e\n    detector:\n      kind: attribution\n", `needs the list "attribution-verbs"`},
		{"example fails", okCodes + "lists:\n  agency-a: [clinic]\nrules:\n  - id: x\n    category: c\n    code: TP\n    action: withhold\n    explanation: e\n    detector:\n      kind: agency_heading\n    examples:\n      should_match: [\"Ward 3\"]\n", `example "Ward 3" should match but does not`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(fstest.MapFS{"p.yaml": {Data: []byte(tt.pack)}})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load() error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// TestFoldWordsForms: FoldWords is the lower-cased text, curly apostrophes
// straight, words parted by single spaces, whatever the input's spacing,
// letters or bytes; a text already in that form comes back as it is.
func TestFoldWordsForms(t *testing.T) {
	slow := func(s string) string {
		s = strings.ReplaceAll(strings.ToLower(s), "’", "'")
		return strings.Join(strings.Fields(s), " ")
	}
	for _, s := range []string{
		"", " ", "already folded words", "Two  Spaces\tand\na Tab",
		"  Leading and trailing  ", "O’Neill’s FOSTER Carer", "ŁUKASZ Żółć ÉLODIE",
		"non\u00a0breaking\u2003space", "bad \xff byte", "Ünïcödé-Hyphen & Co.",
		"x", "a ", " a", "İstanbul Kelvin \u212a", "ends with\r\n",
	} {
		if got, want := FoldWords(s), slow(s); got != want {
			t.Errorf("FoldWords(%q) = %q, want %q", s, got, want)
		}
	}
	s := "north shire police"
	if got := FoldWords(s); unsafe.StringData(got) != unsafe.StringData(s) {
		t.Errorf("a folded text was copied")
	}
}
