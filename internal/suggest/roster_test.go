package suggest

import (
	"strings"
	"testing"
)

// TestGivenNameAndInitial: a residential log names the other young people
// in placement by given name and surname initial, then by initials alone;
// the requester's own short form and "I" after a name are left alone.
func TestGivenNameAndInitial(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "roster and initials", text: "Tamsin was tired after school.\nYoung people resident: Robin F, Tamsin K, Jasper W.\nIn the evening T.K. and J.W. argued in the lounge. Robin watched a film.",
			cover: []string{"Tamsin", "Tamsin K", "Jasper W", "T.K.", "J.W."},
			keep:  []string{"Robin F", "Robin watched a film."}},
		{name: "an initial that does not close the name", text: "Robin told Owen Tallis that Jasper I think was out.",
			keep: []string{"Robin told", "Owen Tallis"}},
	})
}

// TestInitialsUsedElsewhere: initials a record's log writes for a young
// person are theirs in another document that writes only them beside
// another third party's name.
func TestInitialsUsedElsewhere(t *testing.T) {
	log := doc("log", "Staff on shift: Owen Tallis.\nTamsin Keld and Jasper Wray stayed in. TK and JW argued; Robin went to football.")
	inc := doc("incident", "Incident record. Robin threw a chair. Other young people present: JW and Tamsin Keld.")
	res, err := Suggest(generalRecord(log, inc), mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(inc.Text, "JW")
	found := false
	for _, s := range res.Suggestions {
		if s.DocID == "incident" && s.Start <= i && i+2 <= s.End {
			found = true
		}
	}
	if !found {
		t.Errorf("JW in the incident record not suggested")
	}
	lone := doc("letter", "Robin asked about the PA and the GP.")
	res, err = Suggest(generalRecord(lone), mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range res.Suggestions {
		if s.DocID == "letter" {
			t.Errorf("letter: %q suggested (%s)", s.Text, s.RuleID)
		}
	}
}

// TestCuedIdentifierAcrossRecord: a reference recognised by its label in
// one document is suggested where another document writes it bare, and a
// run that only contains it is left alone.
func TestCuedIdentifierAcrossRecord(t *testing.T) {
	rep := doc("report", "Police incident number: QX-19-0311-5521\nRobin was found safe.")
	note := doc("note", "Robin came back. Police log QX-19-0311-5521. Form QX-19-0311-55219 is another.")
	res, err := Suggest(generalRecord(rep, note), mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range res.Suggestions {
		if s.DocID == "note" {
			got = append(got, s.Text)
		}
	}
	if len(got) != 1 || got[0] != "QX-19-0311-5521" {
		t.Errorf("note suggestions = %q, want the bare reference once", got)
	}
}
