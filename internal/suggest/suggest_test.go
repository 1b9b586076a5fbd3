package suggest

import (
	"strings"
	"testing"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/rules"
)

func mustRules(t testing.TB) *rules.Set {
	t.Helper()
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// doc makes a document with one paragraph block per line.
func doc(id, text string) record.Document {
	d := record.Document{ID: id, Location: "loc", Path: id + ".txt", Format: record.FormatText, Text: text}
	start := 0
	for i := 0; i <= len(text); i++ {
		if i == len(text) || text[i] == '\n' {
			if i > start {
				d.Blocks = append(d.Blocks, record.Block{Kind: record.BlockParagraph, Start: start, End: i})
			}
			start = i + 1
		}
	}
	return d
}

// synthRecord is an invented record: every person and detail is made up.
func synthRecord() *record.Record {
	return &record.Record{
		Subject: record.Subject{Name: "Robin Arncliffe Fell", Aliases: []string{"Robin Fell"}, DOB: "2007-02-11",
			Identifiers: map[string]string{"case_number": "NTC-1234567", "nhs_number": "9434765919"}},
		Persons: []record.Person{
			{Name: "Gail Fell", Role: "parent", Relationship: "mother", DOB: "1980-04-03", Phone: "07700 900111"},
			{Name: "Dominic Pryor", Role: "sibling", Relationship: "half-brother"},
			{Name: "Norma Quill", Role: "foster_carer", Relationship: "foster carer"},
			{Name: "Owen Tallis", Role: "professional", Relationship: "Social Worker", Agency: "Northtown Council"},
			{Name: "Una Bexley", Role: "professional", Relationship: "Team Manager", Agency: "Northtown Council"},
		},
		Documents: []record.Document{
			doc("d1", "Home visit by Owen Tallis, Social Worker.\nRobin Fell (DOB 11/02/2007) was seen alone. Robin said she likes drawing.\nGail Fell was present; Gail said she has been prescribed medication for depression.\nMs Fell can be reached on 07700 900111. Her date of birth is 03/04/1980.\nDominic stayed with his uncle Vernon Shaw at 12 Acacia Avenue, Southby NT3 4RD.\nCase number NTC-1234567. NHS number 943 476 5919."),
			doc("d2", "Police information: officers attended the address after a call from a neighbour.\nDecision\nRobin to stay with Norma Quill."),
			doc("d3", "NORTHSHIRE POLICE - Referral to Children's Services\nVictim: Gail FELL."),
		},
	}
}

func TestSuggestSynthetic(t *testing.T) {
	rec := synthRecord()
	res, err := Suggest(rec, mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, s := range res.Suggestions {
		got[s.DocID+":"+s.Text] = true
		for _, a := range s.Also { // merged findings are redacted with the item
			got[s.DocID+":"+a.Text] = true
		}
		if s.Scope == ScopeDocument {
			got[s.DocID+":<document>"] = true
		}
	}
	for _, want := range []string{"d1:Gail Fell", "d1:Gail", "d1:Ms Fell", "d1:07700 900111", "d1:03/04/1980",
		"d1:Dominic", "d1:Vernon Shaw", "d1:12 Acacia Avenue, Southby NT3 4RD", "d2:Norma Quill", "d3:<document>"} {
		if !got[want] {
			t.Errorf("missing suggestion %q", want)
		}
	}
	for _, s := range res.Suggestions {
		for _, keep := range []string{"Robin", "Fell", "11/02/2007", "NTC-1234567", "943 476 5919", "Owen Tallis", "Robin Fell"} {
			if s.Scope == ScopeSpan && s.Text == keep {
				t.Errorf("suggested the requester's or staff's %q (rule %s)", keep, s.RuleID)
			}
		}
	}
	var flagged, section bool
	for _, s := range res.Suggestions {
		if s.RuleID == "tp-health" && strings.Contains(s.Text, "depression") && !strings.Contains(s.Text, "Robin") {
			flagged = true
		}
		if s.Scope == ScopeSection && strings.HasPrefix(s.Text, "Police information") && !strings.Contains(s.Text, "Decision") {
			section = true
		}
	}
	if !flagged {
		t.Error("no tight health flag for the mother's depression")
	}
	if !section {
		t.Error("no section withholding for the police information paragraph")
	}
	labels := map[string]string{}
	for _, p := range res.Register {
		labels[p.Name] = p.Label
	}
	if labels["Gail Fell"] != "Mother" || labels["Dominic Pryor"] != "Sibling A" || labels["Norma Quill"] != "Foster carer 1" {
		t.Errorf("labels = %v", labels)
	}
}

func TestSuggestEmptyRecord(t *testing.T) {
	res, err := Suggest(&record.Record{}, mustRules(t), Options{})
	if err != nil || len(res.Suggestions) != 0 {
		t.Fatalf("Suggest(empty) = %v, %v; want no suggestions, no error", res.Suggestions, err)
	}
}

func TestSuggestStable(t *testing.T) {
	a, _ := Suggest(synthRecord(), mustRules(t), Options{})
	b, _ := Suggest(synthRecord(), mustRules(t), Options{})
	if len(a.Suggestions) != len(b.Suggestions) {
		t.Fatal("different counts")
	}
	for i := range a.Suggestions {
		if a.Suggestions[i].ID != b.Suggestions[i].ID || a.Suggestions[i].PersonLabel != b.Suggestions[i].PersonLabel {
			t.Fatalf("suggestion %d differs between runs", i)
		}
	}
}

func TestRedactStaff(t *testing.T) {
	res, _ := Suggest(synthRecord(), mustRules(t), Options{RedactStaff: true})
	for _, s := range res.Suggestions {
		if s.Text == "Owen Tallis" {
			return
		}
	}
	t.Error("RedactStaff: staff name not suggested")
}

// A document with more findings than the pack's limit is one item to read
// as a whole, not hundreds of thousands of items on a review screen.
func TestFindingLimit(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 3000; i++ {
		b.WriteString("Gail Fell rang Robin on 07700 900123. ")
	}
	set := mustRules(t)
	r := set.Rule("tp-finding-limit")
	if r == nil || r.Detector.Limit != 5000 {
		t.Fatalf("tp-finding-limit = %+v", r)
	}
	res, err := Suggest(generalRecord(doc("big", b.String())), set, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Suggestions) != 1 || res.Suggestions[0].Scope != ScopeDocument || !strings.Contains(res.Suggestions[0].Why, "6000 findings") {
		t.Fatalf("got %d suggestions, first %+v", len(res.Suggestions), res.Suggestions[0])
	}
	res, err = Suggest(generalRecord(doc("small", "Gail Fell rang Robin on 07700 900123.")), set, Options{})
	if err != nil || len(res.Suggestions) != 2 {
		t.Fatalf("a small document: %d suggestions, %v", len(res.Suggestions), err)
	}
}

// TestDetectorFaultHoldsDocumentBack: a fault while one document is read
// holds that document back whole for an officer, says so, and the rest of
// the record is read as usual.
func TestDetectorFaultHoldsDocumentBack(t *testing.T) {
	testFault = func(d *record.Document) {
		if d.ID == "f2" {
			var s []int
			_ = s[3] // an index out of range, as a detector's bug would be
		}
	}
	defer func() { testFault = nil }()
	rec := generalRecord(doc("f1", "Gail Fell rang on 07700 900123."), doc("f2", "Gail Fell rang again."))
	res, err := Suggest(rec, mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var f1, f2 []Suggestion
	for _, s := range res.Suggestions {
		switch s.DocID {
		case "f1":
			f1 = append(f1, s)
		case "f2":
			f2 = append(f2, s)
		}
	}
	if len(f1) == 0 {
		t.Errorf("the other document lost its suggestions")
	}
	if len(f2) != 1 || f2[0].Scope != ScopeDocument || !strings.Contains(f2[0].Why, "internal error") || strings.Contains(f2[0].Why, "Gail") {
		t.Fatalf("faulty document: %+v, want one document-scope hold naming the error and no text", f2)
	}
}
