package suggest

import (
	"testing"

	"github.com/disclose-sar/disclose/internal/record"
)

// TestRequesterOwnAddress: an address a residence frame introduces in a
// sentence whose subject is the requester by name is theirs and stays
// wherever it appears; a relative's stays redacted.
func TestRequesterOwnAddress(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "own tenancy", text: "Robin signed the tenancy for Flat 2, 19 Sedge Court today.\nVisit to Robin at Flat 2, 19 Sedge Court.",
			keep: []string{"Flat 2, 19 Sedge Court today", "Robin at Flat 2, 19 Sedge Court."}},
		{name: "a relative's home", text: "Robin's cousin lives at 4 Mill Lane, Southby NT3 4RD and visits on Sundays.",
			cover: []string{"4 Mill Lane"}},
		{name: "who lives there", text: "Robin visited Gail, who lives at 4 Mill Lane, Southby NT3 4RD.",
			cover: []string{"4 Mill Lane"}},
	})
}

// TestQuotedMessageFromAnotherPublicBody: a message quoted in the council's
// own e-mail and sent from another public body's gov.uk domain (a district
// council's housing team) is that body's, as it would be had it arrived on
// its own; the council's covering text stays.
func TestQuotedMessageFromAnotherPublicBody(t *testing.T) {
	body := "From: Owen Tallis <owen.tallis@northtown.gov.uk>\nTo: Dale Frost <dale.frost@southby.gov.uk>\nSubject: RE: housing\n\n" +
		"Robin is happy to go on the list.\n\nFrom: Dale Frost <dale.frost@southby.gov.uk>\nSent: 05 September 2022\nSubject: housing\n\n" +
		"We cannot make an offer while the arrears stand.\n"
	d := doc("q1", body)
	d.Format = record.FormatEmail
	d.Email = &record.Email{From: []record.Address{{Name: "Owen Tallis", Email: "owen.tallis@northtown.gov.uk"}},
		To: []record.Address{{Name: "Dale Frost", Email: "dale.frost@southby.gov.uk"}}}
	res, err := Suggest(generalRecord(d), mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkCoverKeep(t, body, res, []string{"We cannot make an offer while the arrears stand."}, []string{"Robin is happy to go on the list."}, false)
}

// TestCuedReferenceSpreads: a crime reference recognised by its label is
// the same reference where it recurs without one (an e-mail's subject).
func TestCuedReferenceSpreads(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "subject line", text: "Subject: FW: FN/23/0044817 - visit\nRobin is safe.\nCrime reference FN/23/0044817 refers.",
			cover: []string{"FN/23/0044817"}, keep: []string{"Robin is safe."}},
		{name: "crime report label", text: "Crime report FN/23/0044817 was read to Robin.", cover: []string{"FN/23/0044817"}},
	})
}
