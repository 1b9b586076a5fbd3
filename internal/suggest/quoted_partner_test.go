package suggest

import "testing"

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
