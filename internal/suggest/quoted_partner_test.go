package suggest

import (
	"testing"

	"github.com/disclose-sar/disclose/internal/record"
)

func TestQuotedPartnerMessage(t *testing.T) {
	fw := "From: Owen Tallis <owen.tallis@northtown.gov.uk>\nSubject: FW: Robin\n\nSee below.\nI will see Robin on Friday.\n\n" +
		"-----Original Message-----\nFrom: DC 4410 <dc4410@southshire.police.uk>\nSent: 3 May 2022\n\nRobin was found with older youths at 23:00.\nDo not share with the family."
	reply := "From: Owen Tallis <owen.tallis@northtown.gov.uk>\nSubject: RE: Robin\n\nThanks, noted.\n\n" +
		"-----Original Message-----\nFrom: Petra Orme <petra@example.com>\nSent: 3 May 2022\n\nRobin can stay with me on Saturday."
	runGeneral(t, []generalCase{
		{name: "forwarded police message", text: fw,
			cover: []string{"Robin was found with older youths at 23:00.", "Do not share with the family."},
			keep:  []string{"I will see Robin on Friday."}},
		{name: "quoted non-partner message", text: reply, keep: []string{"Thanks, noted.", "can stay with me on Saturday."}},
	})

	// A firm of solicitors is consulted like a partner agency: its
	// forwarded letter is withheld as the firm's, not flagged as a
	// stranger's message.
	law := "From: Owen Tallis <owen.tallis@northtown.gov.uk>\nSubject: FW: our client\n\n" +
		"Robin's solicitor wrote to us; see below.\n\n-----Original Message-----\nFrom: Ada Quarrie <a.quarrie@quarrie-law.co.uk>\nSent: 3 May 2022\n\n" +
		"Our client has asked us to lodge an appeal and we will do so this month.\n\nAda Quarrie\nQuarrie Vance Solicitors"
	res, err := Suggest(generalRecord(doc("q3", law)), mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkCoverKeep(t, law, res, []string{"Our client has asked us to lodge an appeal and we will do so this month."},
		[]string{"Robin's solicitor wrote to us; see below."}, true)
}

// The Home Office's letters are its own, consulted like a partner's; the
// council telling of the requester's claim is the council's.
func TestHomeOfficeLetter(t *testing.T) {
	letter := "Home Office\nAsylum Casework\n\nDear Mr Fell\n\nYour claim has been considered and you have been granted leave for five years.\n\nYours sincerely\nT. Quillerby\nCaseworker"
	note := "Robin told me his claim was decided in May. A letter from the Home Office came on Tuesday and Robin was pleased."
	runGeneral(t, []generalCase{
		{name: "its letter", text: letter, cover: []string{"you have been granted leave for five years."}},
		{name: "the council's note", text: note, keep: []string{"Robin told me his claim was decided in May.", "Robin was pleased."}},
	})
}

// TestPartnerReplyQuotingCouncil: a partner agency's reply is withheld, but
// the council's own message it quotes below stays: the council wrote it.
// With no council message quoted, the whole reply is withheld.
func TestPartnerReplyQuotingCouncil(t *testing.T) {
	mail := func(id, quoted string) record.Document {
		text := "From: Ann Brodie <ann.brodie@fellside-yjs.org.uk>\nTo: Owen Tallis <owen.tallis@northtown.gov.uk>\nSubject: RE: Robin - panel\n" +
			"Hi Owen,\nOur assessment rates his risk of reoffending as low.\nThanks,\nAnn\n" + quoted
		d := doc(id, text)
		d.Format = record.FormatEmail
		d.Email = &record.Email{From: []record.Address{{Name: "Ann Brodie", Email: "ann.brodie@fellside-yjs.org.uk"}},
			To: []record.Address{{Name: "Owen Tallis", Email: "owen.tallis@northtown.gov.uk"}}}
		return d
	}
	council := mail("r1", "On 3 May 2022, at 10:02, Owen Tallis <owen.tallis@northtown.gov.uk> wrote:\n> Hi Ann,\n"+
		"> Robin asked me to say he would like the panel to meet after school.\n> Owen")
	res, err := Suggest(generalRecord(council), mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkCoverKeep(t, council.Text, res, []string{"Our assessment rates his risk of reoffending as low."},
		[]string{"Robin asked me to say he would like the panel to meet after school."}, true)

	other := mail("r2", "On 2 May 2022, at 09:00, Jo Bell <jo.bell@fellside-yjs.org.uk> wrote:\n> Robin's panel is booked.")
	res, err = Suggest(generalRecord(other), mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	whole := false
	for _, s := range res.Suggestions {
		whole = whole || s.Scope == ScopeDocument && s.Action != ActionFlag
	}
	if !whole {
		t.Errorf("a partner's reply quoting no council message is not withheld whole:\n%s", listSuggestions(res))
	}
}
