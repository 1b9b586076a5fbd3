package suggest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/disclose-sar/disclose/internal/record"
)

// tableDoc lays rows out as a document of table cells labelled "r2c3" as
// the Word reader labels them, after a heading.
func tableDoc(id, heading string, rows [][]string) record.Document {
	var b strings.Builder
	d := record.Document{ID: id, Location: "loc", Path: id + ".docx", Format: record.FormatText}
	b.WriteString(heading)
	d.Blocks = append(d.Blocks, record.Block{Kind: record.BlockHeading, Start: 0, End: b.Len()})
	for r, row := range rows {
		for c, cell := range row {
			b.WriteByte('\n')
			s := b.Len()
			b.WriteString(cell)
			d.Blocks = append(d.Blocks, record.Block{Kind: record.BlockTableCell, Start: s, End: b.Len(), Label: fmt.Sprintf("r%dc%d", r+1, c+1)})
		}
	}
	d.Text = b.String()
	return d
}

// A family composition table: every cell of a row is about the person its
// name cell names, so a third party's health cell goes though it names no
// one, and the requester's own stays.
func TestTableRowIsAboutItsPerson(t *testing.T) {
	d := tableDoc("fc1", "Household members", [][]string{
		{"Name", "Relationship", "Health"},
		{"Robin Fell", "self", "Hay fever, takes an inhaler in summer"},
		{"Gail Fell", "mother", "Arthritis, awaiting a knee replacement"},
		{"Marcus Venn", "stepfather", "under the community mental health team"},
		{"Petra Orme", "cousin", "Robin says she is kind to him"},
	})
	res, err := Suggest(generalRecord(d), mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkCoverKeep(t, d.Text, res,
		[]string{"Arthritis, awaiting a knee replacement", "under the community mental health team"},
		[]string{"Hay fever, takes an inhaler in summer", "Robin says she is kind to him"}, true)
}

// A letter that opens "Dear …" and is signed at its foot by a third party
// is their message: what they wrote of their own life goes (flagged for
// withholding), their words about the requester stay; a letter the
// council's worker signs is nobody else's.
func TestSignedLetterIsItsWritersMessage(t *testing.T) {
	relative := doc("l1", "12 May\nDear Owen,\nSorry this is late. My back went in April and the physio says it will be weeks.\n"+
		"I want Robin to come for his birthday tea.\nAll the best,\nPetra Orme")
	council := doc("l2", "Dear Gail,\nThank you for coming to the review. The next meeting is in June.\nYours sincerely,\nOwen Tallis\nSocial Worker")
	res, err := Suggest(generalRecord(relative, council), mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var one, two Result
	for _, s := range res.Suggestions {
		if s.DocID == "l1" {
			one.Suggestions = append(one.Suggestions, s)
		} else {
			two.Suggestions = append(two.Suggestions, s)
		}
	}
	checkCoverKeep(t, relative.Text, &one, []string{"Sorry this is late. My back went in April and the physio says it will be weeks."},
		[]string{"I want Robin to come for his birthday tea."}, false)
	checkCoverKeep(t, council.Text, &two, nil, []string{"Thank you for coming to the review. The next meeting is in June."}, false)
}

// A surname that is also an everyday word is no name alone, but the family
// in the plural after "the" is: "the Parks" goes, "Parks" in a place stays.
func TestPluralOfAWordSurname(t *testing.T) {
	rec := generalRecord(doc("pw1", "Robin stayed with the Parks over half term.\nThe Parks family were kind to him.\nWe met at Riverside Parks and Gardens."))
	rec.Persons = append(rec.Persons, record.Person{Name: "Dale Park", Role: "relative", Relationship: "uncle"})
	res, err := Suggest(rec, mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := rec.Documents[0].Text
	covered := func(at int) bool {
		for _, s := range res.Suggestions {
			if s.Start <= at && at < s.End {
				return true
			}
		}
		return false
	}
	for _, tc := range []struct {
		at   string
		want bool
	}{{"Parks over half term", true}, {"Parks family", true}, {"Parks and Gardens", false}} {
		if got := covered(strings.Index(text, tc.at)); got != tc.want {
			t.Errorf("%q covered = %v, want %v\n%s", tc.at, got, tc.want, listSuggestions(res))
		}
	}
}

// A chronology's "Source" cell names where an entry came from ("Police"):
// it is no sentence about the row's person, though the row is about a
// third party and the agency's name is a category word — a redaction of
// it would be spread to every "police" in the bundle. The row's own
// account of the third party still goes.
func TestSourceCellIsNoSentence(t *testing.T) {
	d := tableDoc("ch1", "Chronology", [][]string{
		{"Date", "Event", "Source"},
		{"03/10/2015", "Domestic incident. Mr Venn arrested for assault on Robin's mother.", "Police"},
		{"04/10/2015", "Robin was found by police at the park and taken home.", "Case note"},
	})
	res, err := Suggest(generalRecord(d), mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkCoverKeep(t, d.Text, res, []string{"arrested for assault"}, []string{"Police", "Robin was found by police at the park and taken home."}, true)
}

// TestDOBColumn: a date in a table's date-of-birth column is the date of
// birth of its row's person, though no list knows it; the requester's own
// stays.
func TestDOBColumn(t *testing.T) {
	d := tableDoc("dob1", "Family composition", [][]string{
		{"Name", "Relationship", "DOB", "Notes"},
		{"Aurelio Fell", "Brother", "12/12/2009", "Year 8"},
		{"Wyn Fennick", "Mum's partner", "05/06/1985", "Lives elsewhere"},
		{"Robin Fell", "Subject", "11/02/2007", "Doing well"},
	})
	res, err := Suggest(generalRecord(d), mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkCoverKeep(t, d.Text, res, []string{"12/12/2009", "05/06/1985"}, []string{"11/02/2007"}, true)
}
