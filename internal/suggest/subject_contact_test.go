package suggest

import (
	"testing"

	"github.com/disclose-sar/disclose/internal/record"
)

// The requester's own address and phone, known from the signature of a
// message they wrote, stay wherever they appear; a relative's address in
// the same message's body does not become theirs.
func TestRequesterOwnContactStays(t *testing.T) {
	mail := requesterMail("Hello,\nPlease send my file. My aunt is at 9 Corran Road, Southby NT3 4RD.\nThanks,\nRobin Fell\nFlat 4, 12 Brackley Street, Northtown NT1 2XY\n07700 900555")
	note := doc("n1", "Robin moved into her own flat at Flat 4, 12 Brackley Street today. Her number is now 07700 900555.")
	res, err := Suggest(generalRecord(mail, note), mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	touched := func(id, s string) bool {
		for _, x := range res.Suggestions {
			d := mail
			if id == "n1" {
				d = note
			}
			i := indexOf(d.Text, s)
			if x.DocID == id && x.Scope == ScopeSpan && x.Start < i+len(s) && i < x.End {
				return true
			}
		}
		return false
	}
	for _, k := range []struct{ doc, text string }{{"n1", "12 Brackley Street"}, {"n1", "07700 900555"}, {"e1", "07700 900555"}} {
		if touched(k.doc, k.text) {
			t.Errorf("%s: the requester's own %q is suggested", k.doc, k.text)
		}
	}
	if !touched("e1", "9 Corran Road") {
		t.Errorf("the aunt's address in the requester's message is not suggested")
	}
}

// requesterMail is an e-mail the requester sent to their social worker,
// document e1.
func requesterMail(body string) record.Document {
	mail := doc("e1", body)
	mail.Format = record.FormatEmail
	mail.Email = &record.Email{From: []record.Address{{Name: "Robin Fell", Email: "robin.fell@example.net"}},
		To: []record.Address{{Name: "Owen Tallis", Email: "owen.tallis@northtown.gov.uk"}}}
	return mail
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func TestOwnFrame(t *testing.T) {
	for text, want := range map[string]bool{
		"and I live at Flat 2, 12 Brackley Street":         true,
		"You can phone me on 07700 900555":                 true,
		"My aunt is at 9 Corran Road":                      false,
		"I live at home but my nan lives at 9 Corran Road": false,
	} {
		i := indexOf(text, "12 Brackley")
		if i < 0 {
			i = indexOf(text, "07700")
		}
		if i < 0 {
			i = indexOf(text, "9 Corran")
		}
		if got := ownFrame(mustRules(t).People, text, i); got != want {
			t.Errorf("ownFrame(%q) = %v, want %v", text, got, want)
		}
	}
}

// TestRequesterContactFromSubject: the phone and address the request gives
// for the requester (subject.json, or their own persons.json entry) are
// theirs wherever the record writes them; a relative's number is not.
func TestRequesterContactFromSubject(t *testing.T) {
	rec := generalRecord(doc("p1", "Pathway plan\nRobin's mobile: 07700 900561\nRobin's home: 3 Lark Rise, Northtown NT4 1AB\nGail's mobile: 07700 900562"))
	rec.Subject.Phone, rec.Subject.Address = "07700 900561", "3 Lark Rise, Northtown NT4 1AB"
	res, err := Suggest(rec, mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkCoverKeep(t, rec.Documents[0].Text, res, []string{"07700 900562"}, []string{"07700 900561", "3 Lark Rise"}, false)
}

// TestFoundInAFlatIsNoHome: "a flat at" where the requester was found is
// someone else's home; "her flat at" is hers.
func TestFoundInAFlatIsNoHome(t *testing.T) {
	text := "Robin was collected from a flat at 17 Quarry Row, Hobb End. Robin has settled well in her flat at 3 Mill Yard, Northtown."
	res, err := Suggest(generalRecord(doc("f1", text)), mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkCoverKeep(t, text, res, []string{"17 Quarry Row"}, []string{"3 Mill Yard"}, true)
}

// TestPhoneAbroad: a number dialled abroad is a contact detail like a UK
// one: a relative's goes, the requester's own (from their message's
// signature) stays.
func TestPhoneAbroad(t *testing.T) {
	mail := requesterMail("Hello,\nI am working in Spain this summer.\nThanks,\nRobin Fell\n+34 612 345 678")
	note := doc("n1", "Robin rang Petra in Gdansk on 0048 512 604 771 and then rang us back from +34 612 345 678.")
	res, err := Suggest(generalRecord(mail, note), mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	by := func(id, s string) string {
		d := mail
		if id == "n1" {
			d = note
		}
		i := indexOf(d.Text, s)
		for _, x := range res.Suggestions {
			if x.DocID == id && x.Scope == ScopeSpan && x.Start <= i && i+len(s) <= x.End {
				return x.RuleID
			}
		}
		return ""
	}
	if r := by("n1", "0048 512 604 771"); r != "id-phone-international" {
		t.Errorf("the cousin's number abroad: rule %q, want id-phone-international", r)
	}
	for _, id := range []string{"e1", "n1"} {
		if r := by(id, "+34 612 345 678"); r != "" {
			t.Errorf("%s: the requester's own number abroad is suggested by %s", id, r)
		}
	}
}

// TestStaffNumberAfterTitle: a member of staff's work number after their
// job title, set off by commas or brackets, or on the line under their
// name in a list of contacts, is theirs and stays, as is a number labelled
// with a council post ("Personal Adviser: …"); a relative's number in the
// same list goes.
func TestStaffNumberAfterTitle(t *testing.T) {
	text := "Useful numbers\nOwen Tallis, Social Worker, 01632 960111\nOwen Tallis (my social worker) 01632 960222\n" +
		"Owen Tallis (my social worker), mobile 07700 900333\nGail Fell, mum, 07700 900444\n" +
		"Contacts\nOwen Tallis (PA)\n01632 960555\nMum\n07700 900666\n" +
		"Robin: 07700 900777. Personal Adviser: 01632 960888. Stepdad: 07700 900999."
	res, err := Suggest(generalRecord(doc("x", text)), mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	touched := func(s string) bool {
		i := indexOf(text, s)
		for _, x := range res.Suggestions {
			if x.Start < i+len(s) && i < x.End {
				return true
			}
		}
		return false
	}
	for _, k := range []string{"01632 960111", "01632 960222", "07700 900333", "01632 960555", "01632 960888"} {
		if touched(k) {
			t.Errorf("the social worker's number %q is suggested:\n%s", k, listSuggestions(res))
		}
	}
	for _, k := range []string{"07700 900444", "07700 900666", "07700 900999"} {
		if !touched(k) {
			t.Errorf("a relative's number %q is not suggested", k)
		}
	}
}
