package suggest

import (
	"strings"
	"testing"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/rules"
)

// aboutCase is an invented document (the family of generalRecord) with the
// phrases that must be covered by a suggestion of a rule (and action), and
// the phrases no suggestion may touch.
type aboutCase struct {
	name  string
	doc   record.Document
	cover map[string]string // phrase → rule id[:action]
	keep  []string
	why   string // a reason one suggestion must give
}

func runAbout(t *testing.T, set *rules.Set, cases []aboutCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Suggest(generalRecord(tc.doc), set, Options{})
			if err != nil {
				t.Fatal(err)
			}
			text := tc.doc.Text
			for phrase, want := range tc.cover {
				i := strings.Index(text, phrase)
				if i < 0 {
					t.Fatalf("bad case: %q not in text", phrase)
				}
				rule, action, _ := strings.Cut(want, ":")
				ok := false
				for _, s := range res.Suggestions {
					// A merged item's reasons share its action.
					for _, r := range append([]Reason{{RuleID: s.RuleID, Start: s.Start, End: s.End}}, s.Also...) {
						if r.RuleID == rule && (action == "" || s.Action == action) && r.Start <= i && i+len(phrase) <= r.End {
							ok = true
						}
					}
				}
				if !ok {
					t.Errorf("%q not covered by %s; suggestions:\n%s", phrase, want, listSuggestions(res))
				}
			}
			for _, k := range tc.keep {
				i := strings.Index(text, k)
				if i < 0 {
					t.Fatalf("bad case: %q not in text", k)
				}
				for _, s := range res.Suggestions {
					if s.Start < i+len(k) && i < s.End {
						t.Errorf("%q touched by %s %q", k, s.RuleID, s.Text)
					}
				}
			}
			if tc.why != "" {
				found := false
				for _, s := range res.Suggestions {
					found = found || strings.Contains(s.Why, tc.why)
				}
				if !found {
					t.Errorf("no suggestion says %q; suggestions:\n%s", tc.why, listSuggestions(res))
				}
			}
		})
	}
}

func listSuggestions(res *Result) string {
	var b strings.Builder
	for _, s := range res.Suggestions {
		b.WriteString("  " + s.RuleID + " " + s.Action + " " + s.PersonLabel + " " + s.Why + " [" + s.Text + "]\n")
	}
	return b.String()
}

// emailDoc makes an e-mail from a header and body, one block a line.
func emailDoc(from, to, body string) record.Document {
	d := doc("m1", "From: "+from+"\nTo: "+to+"\nSubject: weekend\n"+body)
	d.Email = &record.Email{Subject: "weekend"}
	d.Type = "email"
	return d
}

func TestAboutnessByRoleNounPronounAndCategory(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{
		{name: "role noun owned by the requester, informal word",
			doc:   doc("a1", "Robin's mum missed her script twice last week."),
			cover: map[string]string{"mum missed her script twice last week": "about-health:redact"},
			keep:  []string{"Robin"}},
		{name: "the requester's own feelings stay though a relative is in the sentence",
			doc:  doc("a2", "Robin told me she has been feeling anxious since her mum went into hospital."),
			keep: []string{"Robin told me she has been feeling anxious since her mum went into hospital."}},
		{name: "genogram lines read as records",
			doc: doc("a3", "Family tree\nGail Fell — 1980 — angina, awaiting cardiology review\nMarcus Venn — 1978 — out on licence since the spring"),
			cover: map[string]string{"angina, awaiting cardiology review": "about-health",
				"out on licence since the spring": "about-criminal"}},
		{name: "a record line's later sentences are about its person",
			doc:   doc("a3b", "Family composition\nPetra Orme (known as Pet) — 1990 — cousin. Lives alone in a flat; has epilepsy and walks with a stick.\nRobin Fell — 2007 — subject. Plays the drums."),
			cover: map[string]string{"has epilepsy and walks with a stick": "about-health"},
			keep:  []string{"Plays the drums."}},
		{name: "a clause set before the main one does not give the topic",
			doc:   doc("a3c", "Robin drew her house. While Robin was drawing, Gail told me that she has a new partner, Tobias, who has moved into her flat. She is behind with her rent."),
			cover: map[string]string{"has a new partner, Tobias, who has moved into her flat": "about-private-life", "She is behind with her rent": "about-finances"},
			keep:  []string{"While Robin was drawing"}},
		{name: "a person after a clause's first words does not end it",
			doc:   doc("a3d", "Gail rang at midnight, drunk, asking for Petra."),
			cover: map[string]string{"drunk, asking for Petra": "about-health"}},
		{name: "a keyword's words joined by a hyphen, and a hyphenated keyword spaced",
			doc: doc("a3e", "Marcus Venn had a falling-out with his brother. Gail Fell has started to self harm again."),
			cover: map[string]string{"had a falling-out with his brother": "about-private-life",
				"has started to self harm again": "about-health"}},
		{name: "a group with the requester is no third party",
			doc:   doc("a4", "The children were left alone while their mother was drinking again."),
			cover: map[string]string{"mother was drinking again": "about-health:redact"},
			why:   "about Mother and their health",
			keep:  []string{"The children were left alone"}},
		{name: "money and work, and the clause after goes on about the same person",
			doc:   doc("a5", "Marcus Venn got sacked in June, and he owes money to a neighbour."),
			cover: map[string]string{"got sacked in June, and he owes money": "about-finances:redact"}},
		{name: "a letter to the requester tells them of their own family",
			doc:  doc("a6", "Dear Robin,\nYour mum was very poorly and she drank too much then.\nWith best wishes"),
			keep: []string{"Your mum was very poorly and she drank too much then."}},
		{name: "the requester's own health with their doctor named",
			doc:   doc("a9", "Robin is registered with Dr Imber at Parkside Surgery. Robin has asthma and uses an inhaler."),
			cover: map[string]string{"Dr Imber": "tp-name-partner-staff"},
			keep:  []string{"is registered with", "at Parkside Surgery. Robin has asthma and uses an inhaler."}},
		{name: "a describing word between the owner and the relation",
			doc:   doc("a8", "Robin's older sister has been excluded from school and is known to the youth offending team. Robin is doing well."),
			cover: map[string]string{"excluded from school and is known to the youth offending team": "about-criminal:redact"},
			keep:  []string{"Robin is doing well."}},
		{name: "the requester's own words quoted stay",
			doc:  doc("a7", "Robin chose the words for her book: “Mum was poorly and could not look after me”."),
			keep: []string{"Mum was poorly"}},
	})
}

func TestAboutnessWhenUnsureFlags(t *testing.T) {
	d := doc("u1", "Gail Fell came in with Robin at ten. She has been drinking again.")
	runAbout(t, mustRules(t), []aboutCase{
		{name: "the requester's gender is known from the text: the pronoun is theirs",
			doc:  doc("u0", "Robin sat with his dad at the table. He has been drinking again."),
			keep: []string{"He has been drinking again"}},
		{name: "pronoun could be the requester or the mother",
			doc:   d,
			cover: map[string]string{"She has been drinking again": "about-health:flag"},
			why:   "check this: about Mother, health"},
		{name: "a sentence going on about the third party by a pronoun",
			doc:   doc("u2", "Marcus Venn is in hospital again with his chest. Gail said he might not come home this time."),
			cover: map[string]string{"he might not come home this time": "about-health:flag"},
			why:   "going on from the sentence before"},
		{name: "a pronoun goes to the person whose gender agrees, not one whose gender is unknown",
			doc:   doc("u4", "Marcus Venn is in hospital again with his chest.\nPetra said he might not come home this time."),
			cover: map[string]string{"he might not come home this time": "about-health:flag"},
			why:   "going on from the sentence before"},
		{name: "an object pronoun after another person is not the third party's story going on",
			doc:  doc("u5", "Gail appeared unwell and her hands were shaking throughout. Her aunt gave her a blue scarf for the winter."),
			keep: []string{"gave her a blue scarf for the winter."}},
	})
	// A reviewer's comment: its pronoun points at text we cannot see.
	c := doc("u3", "Gail Fell and Robin came to the office.\nTreated for depression since 2015; says she is well now.")
	c.Blocks[1].Kind = record.BlockComment
	runAbout(t, mustRules(t), []aboutCase{{name: "comment", doc: c,
		cover: map[string]string{"Treated for depression since 2015": "about-health:flag"}}})
}

func TestThirdPartyMessages(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{
		{name: "a relative's own e-mail: all but the requester's story",
			doc: emailDoc("Gail Fell <gail.fell@example.org>", "Owen Tallis <owen.tallis@northtown.example>",
				"Hi Owen\nI have been on sertraline since March and I lost my job.\nRobin was lovely at the weekend and did her homework.\nPlease don't tell Marcus.\nGail"),
			cover: map[string]string{"I have been on sertraline since March and I lost my job.": "third-party-message:flag",
				"Please don't tell Marcus.": "third-party-message:flag"},
			keep: []string{"Robin was lovely at the weekend and did her homework."},
			why:  "written by Mother"},
		{name: "an officer writing in the first person is not the requester telling their own story",
			doc: emailDoc("Owen Tallis <owen.tallis@northtown.example>", "Ann Bell <ann.bell@northtown.example>",
				"Hi Ann,\n\nMum left early again. She told me her GP has doubled her antidepressants.\nRobin settled quickly with me.\n\nOwen"),
			cover: map[string]string{"her GP has doubled her antidepressants": "about-health"},
			keep:  []string{"Robin settled quickly with me."}},
		{name: "a forwarded message from an ex-partner inside the requester's e-mail",
			doc: emailDoc("Robin Fell <robin.fell@example.org>", "Owen Tallis <owen.tallis@northtown.example>",
				"this is what he sent me last night\n---------- Forwarded message ---------\nFrom: Marcus Venn <m.venn@example.org>\nTo: Robin Fell <robin.fell@example.org>\n> i got sacked and my court date is friday\n> i know you are doing well at college\n> love marcus"),
			cover: map[string]string{"i got sacked and my court date is friday": "third-party-message:flag"},
			keep:  []string{"this is what he sent me last night", "i know you are doing well at college"}},
		{name: "a message a note copies below the line that introduces it",
			doc:   doc("n2", "Case note\nMarcus sent Robin a Facebook message, copied below:\n\"tell your mum i will burn the house down\"\nRobin was frightened. I advised her to block him."),
			cover: map[string]string{"tell your mum i will burn the house down": "third-party-message:flag"},
			keep:  []string{"Robin was frightened. I advised her to block him."}},
		{name: "a message from a relation with a time before the colon",
			doc:   doc("n3", "WhatsApp from dad 12.05.20 22:14: dont let them take her, been off the gear 3 weeks\nRobin read it to me."),
			cover: map[string]string{"dont let them take her, been off the gear 3 weeks": "third-party-message:flag"},
			keep:  []string{"Robin read it to me."}},
		{name: "a quoted message ends at its closing quotation mark",
			doc:   doc("n4", "Text message from Gail Fell, copied in full: \"I am back in hospital and cannot come on Friday.\" I will tell Robin on Saturday."),
			cover: map[string]string{"I am back in hospital and cannot come on Friday.": "third-party-message:flag"},
			keep:  []string{"I will tell Robin on Saturday."}},
		{name: "a message a note quotes",
			doc:   doc("n1", "Text message from Gail Fell: I am back in hospital and cannot come on Friday.\nRobin was told."),
			cover: map[string]string{"I am back in hospital and cannot come on Friday.": "third-party-message:flag"},
			keep:  []string{"Robin was told."}},
	})
}

// TestAboutLexiconIsData: the category words come from the pack, so a
// council's override changes what is found.
func TestAboutLexiconIsData(t *testing.T) {
	set := mustRules(t)
	r := set.Rule("about-health")
	if r == nil || r.Detector.Kind != rules.KindAbout {
		t.Fatalf("about-health = %v, want an about rule", r)
	}
	d := doc("x1", "Marcus Venn has zorbitis of the elbow.")
	res, err := Suggest(generalRecord(d), set, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range res.Suggestions {
		if s.RuleID == "about-health" {
			t.Fatalf("an invented word matched before the pack had it: %q", s.Text)
		}
	}
	saved := r.Detector.Keywords
	r.Detector.Keywords = append(append([]string(nil), saved...), "zorbitis")
	defer func() { r.Detector.Keywords = saved }()
	runAbout(t, set, []aboutCase{{name: "override", doc: d,
		cover: map[string]string{"has zorbitis of the elbow": "about-health:redact"}}})
}

// A category word that is part of a person's name ("Ward", "Hope") is the
// name, not the category: the sentence stays the requester's.
func TestCategoryWordInAName(t *testing.T) {
	text := "Robin spent the afternoon with her friend, Tam Ward, at the family centre and the time together went well."
	d := doc("w1", text)
	rec := generalRecord(d)
	rec.Persons = append(rec.Persons, record.Person{Name: "Tam Ward", Role: "other child", Relationship: "friend from school"})
	res, err := Suggest(rec, mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range res.Suggestions {
		if s.Text != "Tam Ward" {
			t.Errorf("suggested %s %q", s.RuleID, s.Text)
		}
	}
}

// TestPronounAfterSaying: a pronoun that opens what someone said is the
// sayer, not the person told, though that one is named nearer: "Petra told
// Robin she has been …" is about Petra; "Robin told Petra she …" about
// Robin; an object pronoun is never the sayer.
func TestPronounAfterSaying(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{
		{name: "a cousin tells the requester of her own self-harm",
			doc:   doc("s1", "Robin rang her cousin Petra, who was upset. Petra told Robin she has been cutting herself and asked her to keep it secret.\nRobin told me because she was worried."),
			cover: map[string]string{"she has been cutting herself": "about-health"},
			keep:  []string{"Robin told me because she was worried."}},
		{name: "the sayer is not the sentence's topic",
			doc:   doc("s4", "Robin came home from school upset. Robin said Petra told her she had taken an overdose last week."),
			cover: map[string]string{"she had taken an overdose last week": "about-health"},
			keep:  []string{"Robin came home from school upset."}},
		{name: "the requester tells a relative of her own feelings",
			doc:  doc("s2", "Robin told Petra that she has been feeling low since the move and wants to see her more."),
			keep: []string{"she has been feeling low since the move"}},
		{name: "an object pronoun after the verb",
			doc:  doc("s3", "Petra rang on Sunday. Robin said she was glad and told her about the new school."),
			keep: []string{"Robin said she was glad"}},
	})
}

// TestSignedNote: a note the requester wrote in the first person
// and signed with their name, with no greeting, is their own story: what
// they say of their family in it stays; one a third party signed is their
// own words, "I" in it them.
func TestSignedNote(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{
		{name: "a life-story note signed by the requester",
			doc:  doc("n1", "To whoever reads my file one day,\n\nI'm Robin and I'm 15. I know Nan can't walk far since her stroke but she still holds my hand when I visit.\n\nI want to know why things went wrong.\n\nRobin"),
			keep: []string{"I know Nan can't walk far since her stroke but she still holds my hand when I visit."}},
		{name: "a note signed by a third party with no greeting",
			doc:   doc("n2", "To the social worker,\n\nI have been in hospital with my nerves again and I can't have Robin this weekend.\n\nGail"),
			cover: map[string]string{"I have been in hospital with my nerves again": "about-health"}},
	})
}

// TestClauseAfterThat: a person who opens a "that" clause is its subject
// though another was named earlier in the sentence ("she said she is
// frightened of <requester> … and that <sister> has started …"); working
// cash in hand is a third party's money. Invented names.
func TestClauseAfterThat(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{
		{name: "a mother's account of two children",
			doc:   doc("t1", "Gail Fell described low mood since the move.\nShe said she is frightened of Robin when he loses his temper and that Petra has started wetting the bed again.\nMarcus Venn told me he works cash-in-hand at a takeaway and sends money when he can.\nRobin said he likes his new school."),
			cover: map[string]string{"has started wetting the bed again": "about-health", "works cash-in-hand at a takeaway": "about-finances"},
			keep:  []string{"Robin said he likes his new school."}},
	})
}

// TestTitleFitsSex: a titled surname the family shares is given only to
// the people whose sex the title fits, so "Mr <Surname>" is the father, not
// the mother or a sister, and what he says of himself is about him.
// Invented names.
func TestTitleFitsSex(t *testing.T) {
	rec := &record.Record{
		Subject: record.Subject{Name: "Robin Fell", DOB: "2007-02-11"},
		Persons: []record.Person{
			{Name: "Petra Fell", Role: "family", Relationship: "sister"},
			{Name: "Gail Fell", Role: "parent", Relationship: "mother"},
			{Name: "Dean Fell", Role: "parent", Relationship: "father"},
		},
		Documents: []record.Document{doc("f1", "Home visit.\nMrs Fell said the flat is cold.\nMr Fell told me he works cash in hand at a car wash and sends money when he can.\nRobin showed me his football medals.")},
	}
	res, err := Suggest(rec, mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := rec.Documents[0].Text
	labelAt := func(phrase string) string {
		i := strings.Index(text, phrase)
		for _, s := range res.Suggestions {
			if s.Start <= i && i+len(phrase) <= s.End && s.PersonLabel != "" {
				return s.PersonLabel
			}
		}
		return ""
	}
	if got := labelAt("Mr Fell"); got != "Father" {
		t.Errorf("Mr Fell labelled %q, want Father; suggestions:\n%s", got, listSuggestions(res))
	}
	if got := labelAt("Mrs Fell"); got != "Mother" {
		t.Errorf("Mrs Fell labelled %q, want Mother; suggestions:\n%s", got, listSuggestions(res))
	}
	i := strings.Index(text, "works cash in hand")
	ok := false
	for _, s := range res.Suggestions {
		ok = ok || s.RuleID == "about-finances" && s.Start <= i && i < s.End
	}
	if !ok {
		t.Errorf("the father's work is not taken out; suggestions:\n%s", listSuggestions(res))
	}
}

// A relative under a service of care, or showing its signs, is health
// information though no condition is named; the requester's own care stays.
func TestHealthServicesAndSigns(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{
		{name: "a doctor changing a relative's medicine",
			doc:   doc("h1", "Robin was excited and won three games against his mum.\nMum left early again. She told me she has been sofa-surfing at her sister's since the overdose and her GP has doubled her antidepressants.\nRobin cried when she left."),
			cover: map[string]string{"her GP has doubled her antidepressants": "about-health"},
			keep:  []string{"Robin cried when she left."}},
		{name: "a memory clinic and forgetfulness",
			doc:   doc("h2", "Robin's nan is becoming more forgetful and is being assessed by the memory clinic. Robin visits her on Sundays."),
			cover: map[string]string{"is being assessed by the memory clinic": "about-health"},
			keep:  []string{"Robin visits her on Sundays."}},
		{name: "an in-patient stay and discharge",
			doc:   doc("h3", "Gail remains an in-patient at the Larchwood Unit and is expected to be discharged next month."),
			cover: map[string]string{"remains an in-patient": "about-health"}},
		{name: "under a crisis team",
			doc:   doc("h4", "Robin phoned his mum; she is still under the crisis team."),
			cover: map[string]string{"she is still under the crisis team": "about-health"}},
		{name: "a sign seen at contact",
			doc:   doc("h5", "At contact Gail was slurring her words and Robin asked to leave."),
			cover: map[string]string{"was slurring her words": "about-health"}},
		{name: "the requester's own clinic stays",
			doc:  doc("h6", "Robin went to the asthma clinic and was discharged with a new inhaler."),
			keep: []string{"Robin went to the asthma clinic and was discharged with a new inhaler."}},
	})
}

// Messages a phone or an app forwarded into an e-mail: the header names no
// address, so the sender is read from its name, a register person or one
// the record names nowhere else, or from how the body introduces them.
func TestForwardedMessagesWithoutAddress(t *testing.T) {
	officer := "Owen Tallis <owen.tallis@northtown.example>"
	runAbout(t, mustRules(t), []aboutCase{
		{name: "a text from someone the register lacks",
			doc: emailDoc(officer, officer,
				"Forwarding so you have it.\n\nRobin says he only went round to collect his bike.\n\nOwen\n\n-------- Forwarded text message --------\nFrom: Tamsin 07700 900123\nReceived: 14/02/2023 18:52\n\nthis is tamsin quarry. can u tell robin to stop calling. im on tablets for my nerves since i moved back to my dads."),
			cover: map[string]string{"Tamsin": "tp-name-known",
				"this is tamsin quarry.":                                     "third-party-message:flag",
				"im on tablets for my nerves since i moved back to my dads.": "third-party-message:flag"},
			keep: []string{"Robin says he only went round to collect his bike."},
			why:  "written by the sender of a forwarded message"},
		{name: "an app message from a register person",
			doc: emailDoc(officer, officer,
				"This came to the foster carer's phone.\nRobin had a good week at school.\n\n---------- Forwarded message ----------\nFrom: Marcus Venn (Facebook Messenger)\nSent: Sun 9 Jun 2019 23:14\n\ntell them i know where they live. i done 3 years for worse than this"),
			cover: map[string]string{"tell them i know where they live.": "third-party-message:flag",
				"i done 3 years for worse than this": "third-party-message:flag"},
			keep: []string{"Robin had a good week at school."}},
		{name: "a colleague named surname first is the council's, not a third party",
			doc: emailDoc(officer, officer,
				"Thanks.\n\n-----Original Message-----\nFrom: Tallis, Owen\nSent: 02 March 2017 14:03\n\nThe review notes are attached. I have been off sick this week.\nOwen Tallis\nSocial Worker"),
			keep: []string{"Tallis, Owen", "The review notes are attached. I have been off sick this week.", "Owen Tallis\nSocial Worker"}},
		{name: "a relative named surname first",
			doc: emailDoc(officer, officer,
				"See below.\n\n-----Original Message-----\nFrom: Venn, Marcus\nSent: 02 March 2017 14:03\n\ni lost my job and im drinking again"),
			cover: map[string]string{"Venn, Marcus": "tp-name-known", "i lost my job and im drinking again": "third-party-message:flag"}},
		{name: "an app's copy headed with its sender and when",
			doc: emailDoc(officer, officer,
				"Robin's cousin found her online. I have copied the message below.\n\nOwen\n\n---------- Facebook Messenger ----------\nPetra Orme, 1 October 2019 at 21:47\n\nhey its me. i got kicked out of college and im sofa surfing now."),
			cover: map[string]string{"i got kicked out of college and im sofa surfing now.": "third-party-message:flag"},
			keep:  []string{"I have copied the message below."}},
		{name: "a copied text that greets the requester",
			doc: emailDoc(officer, officer,
				"Forwarded so you have it.\n\n---- Text message ----\nFrom: Petra Orme\n\nhi Robin\nu did so well in ur exams. im back on my tablets for my nerves"),
			cover: map[string]string{"im back on my tablets for my nerves": "third-party-message:flag"},
			keep:  []string{"u did so well in ur exams."}},
		{name: "a copied text whose writer introduces themself",
			doc: emailDoc(officer, officer,
				"The text below came to the work mobile.\nI will ask Robin what she would like.\n\n---- Text message ----\nhi its Marcus. im back on my script and going to my group every tuesday. can u tell Robin i think about her every day"),
			cover: map[string]string{"im back on my script and going to my group every tuesday.": "third-party-message:flag"},
			keep:  []string{"I will ask Robin what she would like.", "can u tell Robin i think about her every day"}},
		{name: "a letter copied below a separator that names it, signed at its foot",
			doc: emailDoc(officer, officer,
				"Letter below from Robin's mother, typed up as it came.\nRobin has asked to see it when she is ready.\n\n------ copy of letter ------\nDear Robin,\n\nI am back at my group every Thursday and off the drink since spring.\nI started a new job at the bakery in May.\n\nLove from Gail xx"),
			cover: map[string]string{"I am back at my group every Thursday and off the drink since spring.": "third-party-message:flag",
				"I started a new job at the bakery in May.": "third-party-message:flag"},
			keep: []string{"Robin has asked to see it when she is ready."}},
		{name: "a copied note its introduction attributes",
			doc: emailDoc(officer, officer,
				"Note below from the stepfather, handed in at reception.\n\n---------- note as received ----------\nI have been signed off work with my back and the rent is behind again.\n"),
			cover: map[string]string{"I have been signed off work with my back and the rent is behind again.": "third-party-message:flag"}},
	})
}

// A relative's time at college and nights out are their private life; the
// requester's own stay in their record.
func TestCollegeAndNightsOut(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{
		{name: "a cousin suspended from college",
			doc:   doc("c1", "Petra was suspended from college for a week. Robin visited her on Sunday."),
			cover: map[string]string{"was suspended from college for a week": "about-private-life"},
			keep:  []string{"Robin visited her on Sunday."}},
		{name: "a stepfather out all night",
			doc:   doc("c2", "Robin says Marcus has been staying out until 3am most nights."),
			cover: map[string]string{"staying out until 3am most nights": "about-private-life"}},
		{name: "the person told is not the one telling",
			doc:  doc("c4", "Robin told Marcus she has been staying out late."),
			keep: []string{"she has been staying out late."}},
		{name: "what a relative says of the requester stays",
			doc:  doc("c5", "Gail rang. She said Robin (12) has been arguing with her and stayed out until 10pm on Friday."),
			keep: []string{"Robin (12) has been arguing with her and stayed out until 10pm on Friday."}},
		{name: "the requester's own nights out stay",
			doc:  doc("c3", "Robin has been staying out late and we talked about keeping safe."),
			keep: []string{"Robin has been staying out late and we talked about keeping safe."}},
	})
}

// A household named as one ("the family") owns its money through its
// adults: its debts are theirs, not the requester's. In any other category
// it takes the requester in, and "family" before a noun ("family time",
// "family support worker") names no household.
func TestHouseholdFinances(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{
		{name: "the family's debts",
			doc:   doc("f1", "Robin lives at home with Gail and Marcus. The family have rent arrears of about £700 and the landlord has written to them. Robin is doing well at school."),
			cover: map[string]string{"have rent arrears of about £700": "about-finances"},
			keep:  []string{"Robin is doing well at school."}},
		{name: "the household on benefits",
			doc:   doc("f2", "The household is on universal credit and the electricity is on a key meter."),
			cover: map[string]string{"is on universal credit": "about-finances"}},
		{name: "his family owes money",
			doc:   doc("f3", "Robin says his family owe money to a neighbour."),
			cover: map[string]string{"owe money to a neighbour": "about-finances"}},
		{name: "family before a noun is no household",
			doc:  doc("f4", "The family support worker helped Robin open a bank account for his wages."),
			keep: []string{"helped Robin open a bank account for his wages."}},
		{name: "the family's move takes the requester in",
			doc:  doc("f5", "The family have moved to a bigger house near the park and Robin has his own room."),
			keep: []string{"have moved to a bigger house"}},
		{name: "a referral to a money service names the service",
			doc:  doc("f7", "The family will be referred to the debt service at the advice centre."),
			keep: []string{"The family will be referred to the debt service at the advice centre."}},
		{name: "the requester's own arrears stay",
			doc:  doc("f6", "Robin has rent arrears of £120 and we made a plan to pay them."),
			keep: []string{"Robin has rent arrears of £120"}},
	})
}

// A street named alone (no number) is where something happened as often as
// where someone lives: in a sentence that is the requester's alone, with no
// one else in it and no word of where anyone lives, it is their own story
// and stays. Anywhere else it is taken out.
func TestStreetInOwnStory(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{
		{name: "where the requester's offence happened",
			doc:  doc("s1", "Police notification. Robin (15) was arrested for damaging a bus shelter on Quarry Lane. She was released the same night."),
			keep: []string{"Quarry Lane"}},
		{name: "a relative in the sentence",
			doc:   doc("s2", "Robin went to see her mum on Quarry Lane after school."),
			cover: map[string]string{"Quarry Lane": "id-street-named"}},
		{name: "a named third party in the sentence",
			doc:   doc("s3", "Robin was found on Quarry Lane with Petra at 2am."),
			cover: map[string]string{"Quarry Lane": "id-street-named"}},
		{name: "where someone lives",
			doc:   doc("s4", "Robin says she lives on Quarry Lane now."),
			cover: map[string]string{"Quarry Lane": "id-street-named"}},
		{name: "a third party's sentence",
			doc:   doc("s5", "Marcus was seen on Quarry Lane."),
			cover: map[string]string{"Quarry Lane": "id-street-named"}},
	})
}

// Signs of a relative's drinking and whom a relative lives with are their
// private life; the requester's own home, and a tie whose other person is
// the requester, stay.
func TestDrinkSignsAndLivingWith(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{
		{name: "empty cans at contact",
			doc:   doc("d1", "Robin arrived for family time at 2pm. Marcus was asleep on the sofa and there were empty cans on the table."),
			cover: map[string]string{"there were empty cans on the table": "about-health"},
			keep:  []string{"Robin arrived for family time at 2pm."}},
		{name: "the worse for wear",
			doc:   doc("d2", "Gail came to the review the worse for wear."),
			cover: map[string]string{"the worse for wear": "about-health"}},
		{name: "a relative living with a partner",
			doc:   doc("d3", "Gail is still living with Marcus and the relationship remains volatile."),
			cover: map[string]string{"is still living with": "about-private-life", "the relationship remains volatile": "about-private-life"}},
		{name: "the requester's own home",
			doc:  doc("d4", "Robin is living with her foster carers and is settled."),
			keep: []string{"Robin is living with her foster carers and is settled."}},
		{name: "a tie with the requester is theirs too",
			doc:  doc("d5", "Gail is living with Robin at the flat. Marcus and Robin have a volatile relationship."),
			keep: []string{"is living with Robin at the flat", "and Robin have a volatile relationship"}},
		{name: "a tie with someone the requester knows is not",
			doc:   doc("d6", "Marcus fell out with Robin's friend."),
			cover: map[string]string{"fell out with": "about-private-life"}},
		{name: "a tie with the topic's own friends",
			doc:   doc("d7", "Robin got herself ready for school and chose her own lunch. Petra stayed in her room all evening after a falling-out with her friends online."),
			cover: map[string]string{"a falling-out with her friends": "about-private-life"}},
	})
}

// A relative not coping, and a parent's own childhood, are theirs; what was
// done to the requester stays their story.
func TestCopingAndChildhood(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{
		{name: "a mother not coping",
			doc:   doc("k1", "Gail has been struggling since her own mother died and is not coping."),
			cover: map[string]string{"is not coping": "about-health"}},
		{name: "a parent's own childhood",
			doc:   doc("k2", "Gail disclosed that she was abused as a child by an uncle."),
			cover: map[string]string{"she was abused as a child by an uncle": "about-private-life"}},
		{name: "what was done to the requester",
			doc:  doc("k3", "Robin told me Marcus abused Robin's trust. Robin was abused as a child and is getting support."),
			keep: []string{"Robin was abused as a child and is getting support."}},
		{name: "coping is no police slang",
			doc:  doc("k4", "Marcus said Robin is coping well with the garden."),
			keep: []string{"is coping well with the garden."}},
	})
}

// People in the requester's life: a relation named after its owner
// ("Robin's half-brother Jo") is Jo, not Robin; a friend is a third party
// whose own life is theirs, and the carers' home and say are the
// requester's daily life; what a person did to or with the
// requester ("took her to hospital") is the requester's story, and a
// pronoun right after its clause's verb is never that clause's subject.
func TestRelationsAndObjects(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{
		{name: "an owner before a named relation",
			doc:   doc("o1", "Robin got herself ready. Her half-brother Jory Fell has ADHD."),
			cover: map[string]string{"has ADHD": "about-health"}},
		{name: "a friend named after the requester's possessive",
			doc:   doc("o2", "Robin's friend Tamsin Quarry is self-harming."),
			cover: map[string]string{"is self-harming": "about-health"}},
		{name: "a friend's own life",
			doc:   doc("o3", "Robin is settled. Robin's friend has been off sick with her back."),
			cover: map[string]string{"has been off sick with her back": "about-health"},
			keep:  []string{"Robin is settled."}},
		{name: "the carers' home is the requester's",
			doc:  doc("o9", "Robin will move to her new placement in April. The new carers live near her school, and can agree to overnight stays with friends."),
			keep: []string{"The new carers live near her school, and can agree to overnight stays with friends."}},
		{name: "what carers report of the requester",
			doc:  doc("o6", "Robin got herself ready. Carers report she has been self-harming."),
			keep: []string{"Carers report she has been self-harming."}},
		{name: "a relative's state when they called the requester",
			doc:   doc("o10", "Robin got herself ready. Gail rang Robin drunk at 2am."),
			cover: map[string]string{"drunk": "about-health"}},
		{name: "she is one person, not the carers",
			doc:  doc("o8", "Robin got herself ready. The carers are worried; she has been self-harming."),
			keep: []string{"she has been self-harming."}},
		{name: "what a parent reports of herself",
			doc:   doc("o7", "Robin got herself ready. Gail reported she has relapsed."),
			cover: map[string]string{"she has relapsed": "about-health"}},
		{name: "friends no one in particular",
			doc:  doc("o5", "Robin got herself ready. She loves swimming and reading, and has made two close friends at school since moving to Easton."),
			keep: []string{"has made two close friends at school since moving to Easton."}},
		{name: "a carer taking the requester to the doctor",
			doc:  doc("o4", "Robin got herself ready. The carer took Robin to the GP for her asthma. Her mum took her to hospital after the fall."),
			keep: []string{"took Robin to the GP for her asthma", "took her to hospital after the fall"}},
	})
}

// Violence and drugs as records word them: "DV", "hits", "a black eye",
// steroids.
func TestViolenceAndDrugWords(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{
		{name: "DV", doc: doc("v1", "Gail disclosed DV from a previous partner."),
			cover: map[string]string{"disclosed DV from a previous partner": "about-criminal"}},
		{name: "hits", doc: doc("v2", "Marcus hits Gail when he has had a few."),
			cover: map[string]string{"hits Gail": "about-criminal"}},
		{name: "a black eye", doc: doc("v3", "Gail's boyfriend gave her a black eye."),
			cover: map[string]string{"gave her a black eye": "about-criminal"}},
		{name: "steroids", doc: doc("v4", "Marcus is known to use steroids."),
			cover: map[string]string{"is known to use steroids": "about-health"}},
	})
}

// A category word that is the person's own role noun ("adoptive parents")
// says whose family they are: the requester's family named is no fact
// about its private life, another person's is.
func TestRoleNounAsCategoryWord(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{
		{name: "the requester's adoptive parents write",
			doc:  doc("r1", "The adoptive parents will write once a year in July with news about Robin."),
			keep: []string{"The adoptive parents will write once a year in July with news about Robin."}},
		{name: "a cousin's adoptive parents are her private life",
			doc:   doc("r2", "Petra's adoptive parents have moved to the coast."),
			cover: map[string]string{"adoptive parents have moved to the coast": "about-private-life"}},
	})
}

// A role noun in the possessive owns what follows it ("Mum's depression"),
// and one after a saying verb with no owner ("<requester> said mum has …")
// opens what was said, as "said her mum" does.
func TestRoleNounOwnerAndReported(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{
		{name: "a possessive role noun",
			doc:   doc("p1", "Robin went to the cinema. Mum's depression means she spends a lot of time in bed."),
			cover: map[string]string{"Mum's depression means she spends a lot of time in bed.": "about-health"},
			keep:  []string{"Robin went to the cinema."}},
		{name: "a role noun with no owner after a saying verb",
			doc:   doc("p2", "Robin said mum has depression and stays in bed."),
			cover: map[string]string{"mum has depression": "about-health"}},
		{name: "a relative's event as the circumstance of the requester's own story",
			doc:  doc("p5", "Robin stayed with her aunt after Mum's operation. Robin was offered counselling after her nan's stroke."),
			keep: []string{"Robin stayed with her aunt after Mum's operation.", "Robin was offered counselling after her nan's stroke."}},
		{name: "what the requester said about herself stays",
			doc:  doc("p3", "Robin said mum was proud of her exam results."),
			keep: []string{"Robin said mum was proud of her exam results."}},
	})
}

// The other side of an offence or of domestic abuse, named by that role
// ("the perpetrator"), is a third party, and a pronoun after carries on
// about them.
func TestOffenceRoleNouns(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{
		{name: "a perpetrator's conviction and licence",
			doc: doc("v1", "Robin is settled at school.\nThe perpetrator has a conviction for assault. He was released on licence in May."),
			cover: map[string]string{"perpetrator has a conviction for assault.": "about-criminal",
				"He was released on licence in May.": "about-criminal"},
			keep: []string{"Robin is settled at school."}},
		{name: "the victim on a risk form",
			doc:   doc("v2", "Risk summary\nThe victim believes he will kill her if he finds her. She has depression and no money of her own.\nRobin rang 999 and hid upstairs."),
			cover: map[string]string{"She has depression and no money of her own.": "about-health"},
			keep:  []string{"Robin rang 999 and hid upstairs."}},
	})
}

// A pronoun that no one named before fits, of the other gender from the
// requester's, is someone the text does not name: a third party.
func TestPronounOfTheOtherGender(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{
		{name: "a note that opens with him",
			doc:   doc("g1", "Robin said she was tired after college.\nHe has been recalled to prison."),
			cover: map[string]string{"He has been recalled to prison.": "about-criminal"},
			keep:  []string{"Robin said she was tired after college."}},
		{name: "the requester's own pronoun stays",
			doc:  doc("g2", "Robin said she was tired after college.\nShe has been arrested twice this year."),
			keep: []string{"She has been arrested twice this year."}},
	})
}

// An object pronoun opening a clause with no subject of its own is no
// topic: the requester's doing goes on.
func TestObjectPronounIsNoTopic(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{
		{name: "the requester sat with him",
			doc:  doc("op1", "Robin said she was scared.\nLast week Dale Hurst cut his arm badly and was taken to hospital. Robin found him and shouted for staff, and then sat with him until the ambulance came."),
			keep: []string{"Robin found him and shouted for staff, and then sat with him until the ambulance came."}},
	})
}

// The requester's own initials in a log are the requester: what they say
// of themself is theirs.
func TestRequesterInitials(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{
		{name: "an incident log",
			doc:   doc("ri1", "Incident log\nYoung people involved: RF, Dale Hurst (DH).\nDH was shouting in the lounge. RF said she had a headache and was taken to hospital by staff."),
			keep:  []string{"RF said she had a headache and was taken to hospital by staff."},
			cover: map[string]string{"DH": "tp-name-known"}},
	})
}

// A relative's own life, in a sentence that does not turn to the
// requester, is flagged as theirs (about-relative-story); the meetings held
// about the requester, what was said to them and the requester's own
// writing are the requester's.
func TestRelativeStory(t *testing.T) {
	poem := "Toast and canals\nWritten by Robin Fell, for my memory box\n\nher mum Gail drove a red van\nshe walked to school past the canal\nshe learned to make toast on her own\n"
	runAbout(t, mustRules(t), []aboutCase{
		{name: "a relative's own life is flagged",
			doc:   doc("r1", "Robin is settled at college. Gail Fell has started work on the buses and moved to a new flat."),
			cover: map[string]string{"has started work on the buses": "about-relative-story:flag"},
			keep:  []string{"Robin is settled at college."}},
		{name: "a meeting about the requester is theirs",
			doc:  doc("r2", "Gail Fell came to the review. Petra Orme was present."),
			keep: []string{"came to the review", "was present"}},
		{name: "the legal footing of the requester's care is theirs",
			doc:  doc("r6", "Robin is settled at college. Gail Fell continues to agree to section 20, so no care proceedings are planned."),
			keep: []string{"continues to agree to section 20, so no care proceedings are planned."}},
		{name: "you in a life story book is the requester",
			doc:  doc("r3", "Your mum Gail loved the radio. She used to sing to you at bath time."),
			keep: []string{"She used to sing to you at bath time."}},
		{name: "a piece by the requester's worker is not theirs",
			doc:   doc("r5", strings.Replace(poem, "Written by Robin Fell,", "Written by Robin Fell's worker,", 1)),
			cover: map[string]string{"she walked to school past the canal": "about-relative-story:flag"}},
		{name: "a poem the requester wrote is theirs",
			doc:  doc("r4", poem),
			keep: []string{"she walked to school past the canal", "she learned to make toast on her own"}},
	})
}

// A letter signed "Love from your big sister," over a name no one in the
// record has is no letter of the register's sister: the requester stands
// to the reader as the sister does.
func TestSignedByRoleNoun(t *testing.T) {
	d := doc("s1", "Letter to my little brother\n\nDear Nate,\n\nI am your big sister. I live in a flat now and I am learning to cook.\n\nLove from your big sister,\nRobbs\n")
	r := generalRecord(d)
	r.Persons = append(r.Persons,
		record.Person{Name: "Nate Fell", Role: "sibling", Relationship: "brother"},
		record.Person{Name: "Dana Fell", Role: "sibling", Relationship: "sister"})
	res, err := Suggest(r, mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkCoverKeep(t, d.Text, res, []string{"Nate"}, []string{"I am your big sister.", "I live in a flat now and I am learning to cook."}, true)
}

// TestParagraphOpener: a sentence that opens on someone the record names
// once, and is about no one else, opens talk of them. The pronoun opening
// the next sentence is that person though their gender is not known and the
// requester's is, and "his dad" there is that person's father.
func TestParagraphOpener(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{
		{name: "another child's paragraph",
			doc: doc("p1", "Robin has settled well and he is helping with the cooking.\n"+
				"Rory is another matter. He was sent home from school on Tuesday for fighting. "+
				"His dad cancelled contact at the last minute and he cried all evening. "+
				"He has been prescribed melatonin to help him sleep."),
			cover: map[string]string{
				"He was sent home from school on Tuesday for fighting.": "about-relative-story",
				"His dad cancelled contact at the last minute":          "about-relative-story",
				"He has been prescribed melatonin to help him sleep.":   "about-health",
			},
			keep: []string{"Robin has settled well and he is helping with the cooking."}},
		{name: "a sentence opening on a name mid-paragraph",
			doc: doc("p4", "Robin has settled well and he is helping with the cooking. "+
				"Rory had cut his hand on a broken glass and needed stitches. He had been told that day that his appeal was refused."),
			cover: map[string]string{"He had been told that day that his appeal was refused.": "about-relative-story"},
			keep:  []string{"Robin has settled well and he is helping with the cooking."}},
		{name: "an opener whose gender differs is not the pronoun's",
			doc: doc("p2", "Robin has settled well and he is helping with the cooking.\n"+
				"Gail rang on Monday. He told her about his new bike."),
			keep: []string{"He told her about his new bike."}},
		{name: "an opener in a sentence with someone else in it",
			doc: doc("p3", "Robin has settled well and he is helping with the cooking.\n"+
				"Rory came round with his sister. He showed them his new bike."),
			keep: []string{"He showed them his new bike."}},
	})
}

// TestRelativeByRoleNoun: a sentence opening on the requester's relative
// named by relationship ("His stepfather …", "Mum is …") that never turns
// to the requester is that relative's own story, as it is when they are
// named, and so is what the requester said of them ("<requester> said mum
// is …") when no pronoun in it may be the requester; a relative's thing
// ("Her cousin's school") or a sentence turning to the requester stays.
func TestRelativeByRoleNoun(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{
		{name: "register relative",
			doc:   doc("r1", "Robin is 15 and he likes football. His stepfather worked on the trawlers and drowned in 2019."),
			cover: map[string]string{"His stepfather worked on the trawlers and drowned in 2019.": "about-relative-story"}},
		{name: "relative the register lacks",
			doc:   doc("r2", "Robin is 15 and he likes football. His grandmother retired from the bus garage last spring."),
			cover: map[string]string{"His grandmother retired from the bus garage last spring.": "about-relative-story"}},
		{name: "turning to the requester",
			doc:  doc("r3", "Robin is 15 and he likes football. His grandmother took him to the bus garage last spring."),
			keep: []string{"His grandmother took him to the bus garage last spring."}},
		{name: "a relative's thing",
			doc:  doc("r4", "Robin is 15 and he likes football. His cousin's team won the cup last spring."),
			keep: []string{"team won the cup last spring."}},
		{name: "what the requester said of a relative",
			doc:   doc("r5", "Robin said she was tired. Robin said mum is letting him sleep on the sofa."),
			cover: map[string]string{"mum is letting him sleep on the sofa.": "about-relative-story"},
			keep:  []string{"Robin said she was tired.", "Robin said "}},
		{name: "what the requester said of a relative, the requester a pronoun",
			doc:   doc("r11", "Robin rang, upset. Her stepdad has turned up again. She said mum is letting him sleep on the sofa."),
			cover: map[string]string{"mum is letting him sleep on the sofa.": "about-relative-story"},
			keep:  []string{"She said "}},
		{name: "what the requester said of a relative, the requester a pronoun that may be in it",
			doc:  doc("r12", "Robin rang, upset. Her stepdad has turned up again. She said mum was proud of her."),
			keep: []string{"She said mum was proud of her."}},
		{name: "what the requester said of a relative, after someone else",
			doc:   doc("r13", "Robin visited with his cousin on Saturday; he said his mum is letting Marcus stay at weekends."),
			cover: map[string]string{"mum is letting Marcus stay at weekends.": "about-relative-story"},
			keep:  []string{"Robin visited with his cousin on Saturday; he said his "}},
		{name: "her before a number is what she owns",
			doc:   doc("r14", "Robin came to the group. She is worried about Petra. Petra has had her 20-week scan and will not see her midwife."),
			cover: map[string]string{"Petra has had her 20-week scan and will not see her midwife.": "about-relative-story"}},
		{name: "what the requester said of a relative, with a pronoun that may be theirs",
			doc:  doc("r6", "Robin said he was tired. Robin said mum is letting him sleep on the sofa."),
			keep: []string{"Robin said mum is letting him sleep on the sofa."}},
		{name: "the requester's own story told on before what they said",
			doc:  doc("r10", "Robin said she was tired. Robin was quiet after contact and said mum looked thin."),
			keep: []string{"Robin was quiet after contact and said mum looked thin."}},
		{name: "whom the requester asked",
			doc:  doc("r9", "Robin said she was tired. Robin asked her mum to stop shouting and then went upstairs."),
			keep: []string{"Robin asked her mum to stop shouting and then went upstairs."}},
		{name: "the requester's own words quoted",
			doc:  doc("r8", "Robin was seen at school. She said “Mum stays in bed and I walk the dog before school”."),
			keep: []string{"Mum stays in bed and I walk the dog before school"}},
		{name: "a table row opening on a relationship word",
			doc:  doc("r7", "Contact\nMother Seven times a year Yes"),
			keep: []string{"Mother Seven times a year Yes"}},
	})
}

// TestRecordGender: a note that never says the requester's gender reads
// it from the rest of the record, so a "he" opening a note about a girl,
// with no one named before it, is someone else.
func TestRecordGender(t *testing.T) {
	notes := []record.Document{
		doc("n1", "Robin said she was tired after school."),
		doc("n2", "Robin and her carer went to the park."),
		doc("n3", "Robin told me she wants to learn to swim."),
		doc("n4", "He has been recalled to prison. Robin was told on the phone."),
	}
	run := func(docs []record.Document) bool {
		res, err := Suggest(generalRecord(docs...), mustRules(t), Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range res.Suggestions {
			if s.DocID == "n4" && s.RuleID == "about-criminal" && s.Action != ActionFlag && strings.HasPrefix(s.Text, "He has been recalled") {
				return true
			}
		}
		return false
	}
	if !run(notes) {
		t.Error("a he opening a note about a girl, the record showing she is one, is not read as someone else")
	}
	if run(notes[3:]) {
		t.Error("with nothing in the record to show the requester's gender, the he was still read as someone else")
	}
}

// TestTitleNotTheRequesters: in a boy's record (as the record's pronouns
// show), "Mrs <his family name>" is a relative of his, not him; "Mr
// <family name>" may be him and stays. With the gender unknown, both stay.
func TestTitleNotTheRequesters(t *testing.T) {
	note := doc("x", "Mrs Fell rang to ask how Robin is. Mr Fell was at the meeting.")
	run := func(docs ...record.Document) (mrs, mr bool) {
		rec := generalRecord(docs...)
		rec.Persons = nil // no mother in the register to take "Mrs Fell"
		res, err := Suggest(rec, mustRules(t), Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range res.Suggestions {
			mrs = mrs || s.DocID == "x" && s.Text == "Mrs Fell"
			mr = mr || s.DocID == "x" && strings.Contains(s.Text, "Mr Fell")
		}
		return mrs, mr
	}
	mrs, mr := run(doc("a", "Robin said he was tired."), doc("b", "Robin and his carer went out."), doc("c", "Robin told me he likes swimming."), note)
	if !mrs || mr {
		t.Errorf("in a boy's record: Mrs Fell suggested %v (want true), Mr Fell %v (want false)", mrs, mr)
	}
	if mrs, mr := run(note); mrs || mr {
		t.Errorf("gender unknown: Mrs Fell suggested %v, Mr Fell %v (want neither)", mrs, mr)
	}
}

// carerCase is a text read in a record whose register has two foster
// carers, Della and Nevin Brant: what must be covered and what kept.
type carerCase struct {
	name, text  string
	cover, keep []string
}

func runCarers(t *testing.T, cases []carerCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := generalRecord(doc("c1", tc.text))
			r.Persons = append(r.Persons,
				record.Person{Name: "Della Brant", Role: "foster_carer"},
				record.Person{Name: "Nevin Brant", Role: "foster_carer"})
			res, err := Suggest(r, mustRules(t), Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkCoverKeep(t, tc.text, res, tc.cover, tc.keep, false)
		})
	}
}

// TestCarersOwnLife: a carer's own life — their work, their health, a
// break from fostering — is theirs, flagged as a relative's is; a list of
// the people present that opens on the carers says nothing of them.
func TestCarersOwnLife(t *testing.T) {
	runCarers(t, []carerCase{
		{name: "a carer's work",
			text:  "Robin is settled at school. Della Brant is retiring from the bakery in the spring.",
			cover: []string{"is retiring from the bakery in the spring."}},
		{name: "a carer's health",
			text:  "Robin is settled at school. Nevin Brant has been signed off sick with a bad shoulder.",
			cover: []string{"has been signed off sick with a bad shoulder."}},
		{name: "the carers' notice on the placement",
			text: "Robin is settled at school. Mr and Mrs Brant have asked to end the placement in June.",
			keep: []string{"have asked to end the placement in June."}},
		{name: "a carer's title gives her gender",
			text: "Owen,\n\nRobin starts at Beech House today. Mrs Brant has boxed up his games and will drive him over after lunch.\n\n" +
				"A few things about Robin:\nHe hates loud music at night.\nHe sleeps with the radio on.",
			keep: []string{"He hates loud music at night.", "He sleeps with the radio on."}},
		{name: "what a carer did for the requester",
			text: "Robin is settled at school. Della Brant took Robin to the dentist on Monday.",
			keep: []string{"took Robin to the dentist on Monday."}},
		{name: "the people present",
			text: "Present\nRobin; foster carers Della Brant and Nevin Brant; Owen Tallis (Social Worker).",
			keep: []string{"; Owen Tallis (Social Worker)."}},
	})
}

// TestFormRoles: a form that labels a person's field with a role noun
// ("Victim", "Name", then the name) says whom "the victim" in its prose
// is: a third party's own story is theirs, and the requester's stays
// when the form names them. A sentence opening on "The <role>" opens on
// that person as "Mum …" does, and a possessive that owns a person named
// after it ("the perpetrator's brother <Name>") gives way to that person.
func TestFormRoles(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{
		{name: "the victim is a third party",
			doc: doc("f1", "Domestic Abuse Referral\nReferrer: Owen Tallis, Social Worker.\nVictim\nName\nGail Fell\n"+
				"Perpetrator\nName\nMarcus Venn\nRisk summary\nThe victim fears he will come to the house again. "+
				"The perpetrator's brother Jarrod Venn has been driving past her work."),
			cover: map[string]string{
				"The victim fears he will come to the house again.": "about-relative-story",
				"has been driving past her work.":                   "about-relative-story"}},
		{name: "the victim is the requester",
			doc: doc("f2", "Crime Report\nVictim\nName\nRobin Fell\nSuspect\nName\nJarrod Venn\nSummary\n"+
				"The victim was pushed off a bike on the canal path and a phone was taken."),
			keep: []string{"The victim was pushed off a bike on the canal path and a phone was taken."}},
		{name: "a role noun in a sentence is no label",
			doc: doc("f3", "Robin said the victim was his cousin.\nName\nPetra Orme\n"+
				"The victim was pushed off a bike on the canal path and a phone was taken."),
			cover: map[string]string{"The victim was pushed off a bike on the canal path": "about-relative-story"}},
	})
}

// TestDashByline: a title signed after a dash by the requester ("<title>
// - <requester>, <date>") makes the document their own writing, so what
// they write of others is their story; a title signed by someone else is
// not theirs.
func TestDashByline(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{
		{name: "signed by the requester",
			doc:  doc("b1", "Things I can swim - Robin Fell, May 2025\n\nPetra Orme teach me at the lido when I am 9, I was so scared."),
			keep: []string{"teach me at the lido when I am 9, I was so scared."}},
		{name: "a title naming whom it is about",
			doc:   doc("b3", "Strategy Discussion - Robin Fell, May 2025\n\nPetra Orme went to the lido every week and won a medal."),
			cover: map[string]string{"went to the lido every week and won a medal.": "about-relative-story"}},
		{name: "signed by someone else",
			doc:   doc("b2", "Things I can swim - Petra Orme, May 2025\n\nPetra Orme went to the lido every week and won a medal."),
			cover: map[string]string{"went to the lido every week and won a medal.": "about-relative-story"}},
	})
}

// TestApposedName: a name between commas after a role noun ("Her
// father, <name>, …") is whom the sentence is about, as one right after it
// is ("stepmother <name>").
func TestApposedName(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{
		{name: "between commas",
			doc:   doc("a1", "Robin's half-sister lives with her carers. Her father, Kenzie Pellin, has moved to Leeds with a new partner."),
			cover: map[string]string{"Kenzie Pellin, has moved to Leeds with a new partner.": "about-relative-story"}},
		{name: "a list is no apposition",
			doc:  doc("a2", "Present: Robin, Owen Tallis (Social Worker). Robin said mum, Kenzie and the dog came to the park with him."),
			keep: []string{"came to the park with him."}},
	})
}

// TestRelativeHomeTown: a relative's home written as a possessive with its
// town ("my sister's in <Town>") is where they live, whoever writes it;
// the requester's own trip there stays.
func TestRelativeHomeTown(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{
		{name: "a carer's sister",
			doc:   doc("h1", "Hi Owen, Robin is well. We are off to my sister's in Selby for the Easter holidays."),
			cover: map[string]string{"my sister's in Selby": "about-contact"},
			keep:  []string{"We are off to ", " for the Easter holidays."}},
		{name: "the requester's gran",
			doc:   doc("h2", "Robin stayed at his nan's in Cleethorpes over Easter and enjoyed it."),
			cover: map[string]string{"his nan's in Cleethorpes": "about-contact"},
			keep:  []string{"Robin stayed at ", " over Easter and enjoyed it."}},
	})
}

// TestNoteSignedAboveItsPost: a note signed by a carer, with their
// service's name under the signature or a form's "Signed: … Date: …"
// line, is theirs: "I" in it is the carer, so their own health is
// theirs, while its title and what it says of the requester stay.
func TestNoteSignedAboveItsPost(t *testing.T) {
	runCarers(t, []carerCase{
		{name: "post under the name",
			text: "Notes for Owen - weekend of 4th May\n\nSaturday - Robin helped bake a cake for the school fair.\n" +
				"Me - I was at the hospital on Thursday about my knee. Scan in 3 weeks.\n\nRobin washed up after tea without being asked.\n\n" +
				"Della B.\nNorthtown Council Fostering Service",
			cover: []string{"I was at the hospital on Thursday about my knee."},
			keep:  []string{"Notes for Owen - weekend of 4th May", "Robin washed up after tea without being asked."}},
		{name: "what the carer writes of the requester stays",
			text: "Notes for Owen - weekend of 4th May\n\nSaturday - Robin helped bake a cake for the school fair.\n" +
				"Her tablet kept pinging on Friday. She showed me. Messages from strangers.\n" +
				"Robin rang her mum. | have had a hip operation this spring so | cannot lift much.\n" +
				"Sunday - video call with her mum, half an hour. Robin quiet after.\n" +
				"Me - I was at the hospital on Thursday about my knee. Scan in 3 weeks.\n\nDella B.\nNorthtown Council Fostering Service",
			cover: []string{"I was at the hospital on Thursday about my knee.", "Scan in 3 weeks.", "| have had a hip operation this spring so | cannot lift much."},
			keep:  []string{"Her tablet kept pinging on Friday. She showed me. Messages from strangers.", "Sunday - video call with her mum, half an hour."}},
		{name: "a form's signature line",
			text: "CARER'S WEEKLY LOG\nSchool: Robin went in every day.\n" +
				"Our news: I was at the hospital on Thursday about my knee.\n\nSigned: D. Brant. Date: 04/05/2019",
			cover: []string{"I was at the hospital on Thursday about my knee."},
			keep:  []string{"Robin went in every day."}},
	})
}

// TestObjectPronounGivesNoGender: "<requester> asked him …" says nothing
// of the requester's gender, so a "He said …" after it is the man she
// asked, not her; and a heading that opens on a small word ending in -ing
// ("During the session") carries no one's story.
func TestObjectPronounGivesNoGender(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{
		{name: "family time",
			doc: doc("o1", "Contact Record\nChild: Robin Fell (15). Visitor: Marcus Venn (stepfather).\n\n"+
				"Robin said she was nervous.\nMr Venn came half an hour late.\n\nDuring the visit\n"+
				"Robin asked him why he had stopped phoning.\nHe said he felt guilty and that his last year in prison had been hard.\n"+
				"Robin showed him her drawings and told him about swimming."),
			cover: map[string]string{"He said he felt guilty and that his last year in prison had been hard.": "about-relative-story"},
			keep:  []string{"During the visit", "Robin showed him her drawings and told him about swimming."}},
	})
	// "tell <name> I love him": a pronoun after another subject may be
	// the name's, and votes
	d := emailDoc("Gail Fell <gail.fell@example.org>", "Owen Tallis <owen.tallis@northtown.gov.uk>",
		"hi owen\nmarcus and me are finished and he has gone to his brothers.\n"+
			"please tell Robin i miss him and im proud of him for the exams. tell him i will send a card at christmas.\ngail")
	res, err := Suggest(generalRecord(d), mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkCoverKeep(t, d.Text, res, nil, []string{"tell him i will send a card at christmas."}, false)
}

// TestRoleNounIsAWholeWord: "his father" is not the register's
// stepfather ("father" inside "stepfather"), so what is said of him is
// not shown as the stepfather's.
func TestRoleNounIsAWholeWord(t *testing.T) {
	text := "Robin is settled. His father moved to Spain in 2015."
	res, err := Suggest(generalRecord(doc("w1", text)), mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, s := range res.Suggestions {
		if strings.Contains(s.Text, "Spain") {
			found = true
			if s.PersonLabel == "Stepfather" || strings.Contains(s.Why, "Stepfather") {
				t.Errorf("the father's sentence is shown as the stepfather's: %s %q", s.PersonLabel, s.Why)
			}
		}
	}
	if !found {
		t.Errorf("the father's own story not suggested:\n%s", listSuggestions(res))
	}
}

// TestOwnClause: a clause about the requester joined to a third party's
// (", and <requester> asked …") is the requester's, and the clause before
// it the third party's own; a joined clause that turns back to the third
// party keeps the sentence whole.
func TestOwnClause(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{
		{name: "two stories",
			doc:   doc("c1", "Visit to Robin at the flat. PO has moved back in with his aunt, and Robin asked for a new bike."),
			cover: map[string]string{"PO has moved back in with his aunt": "about-relative-story"},
			keep:  []string{", and Robin asked for a new bike."}},
		{name: "one story",
			doc:  doc("c2", "Visit to Robin at the flat. Petra Orme has been staying over, and Robin takes her to the park on Sundays."),
			keep: []string{"has been staying over, and Robin takes her to the park on Sundays."}},
	})
}

// TestPronounStaysWithTheRequester: a pronoun opening a sentence after
// one that opened with the requester, who took that pronoun before anyone
// else was named, is the requester's when the other person is not known to
// fit it; a person known to fit it, or a sentence where the requester took
// no pronoun, keeps it theirs.
func TestPronounStaysWithTheRequester(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{
		{name: "the requester's pronoun",
			doc:  doc("p1", "Robin said she went to the party because Dario said she owed him money. She said she did not want to go. She agreed to go to the sexual health clinic with her support worker."),
			keep: []string{"She agreed to go to the sexual health clinic with her support worker."}},
		{name: "a person known to fit",
			doc:   doc("p2", "Robin said she was worried because Gail Fell had been unwell. She has been diagnosed with cancer."),
			cover: map[string]string{"diagnosed with cancer": "tp-health"}},
		{name: "no pronoun of the requester's",
			doc:   doc("p3", "Robin said Dario had been unwell. He has been diagnosed with cancer."),
			cover: map[string]string{"diagnosed with cancer": "tp-health"}},
	})
}

// TestObliqueMentionYields: after a sentence of the writer's, a pronoun
// opening the next is its object's before that of a person on its side
// ("with her mum"); with no object to take it, the person beside keeps it.
func TestObliqueMentionYields(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{
		{name: "the object",
			doc:  doc("o1", "I saw Robin with her mum at the cafe. She said she was glad and worried at once because he is still her dad."),
			keep: []string{"She said she was glad and worried at once because he is still her dad."}},
		{name: "no object",
			doc:   doc("o2", "Robin lives with Petra Orme. I went to the flat with her mum. She has been diagnosed with cancer."),
			cover: map[string]string{"diagnosed with cancer": "about-health"}},
	})
}

// TestPluralPronoun: "They" or "Their" opening a sentence is the two third
// parties named last (carers' break from fostering, a couple's income),
// or the family named in the plural just before; not when the requester
// or a member of staff was named since, nor in a sentence with "I" or
// "you" in it ("They took my phone"), and a sentence about them that
// names the requester stays.
func TestPluralPronoun(t *testing.T) {
	runCarers(t, []carerCase{
		{name: "the carers' own plans",
			text: "I visited Della Brant and Nevin Brant on Friday. Della Brant is having an operation in March and Nevin Brant is waiting for a new hip. " +
				"They will stop fostering for a year from April.\n\nThey said Robin has been a great help in the house.",
			cover: []string{"They will stop fostering for a year from April."},
			keep:  []string{"They said Robin has been a great help in the house."}},
		{name: "a couple's money",
			text:  "The carers\nDella Brant was born in 1970. Nevin Brant was treated for anxiety in 2001. Their joint income is 30,000 pounds and they owe 50,000 pounds on their mortgage.",
			cover: []string{"Their joint income is 30,000 pounds"}},
		{name: "the requester among them",
			text: "Della Brant and Robin went to the shops. They bought new trainers with the clothing allowance.",
			keep: []string{"They bought new trainers with the clothing allowance."}},
		{name: "what they did to the writer",
			text: "Who were you with?\nDella Brant and Nevin Brant.\nWhat happened?\nThey took my phone and gave me an old one.",
			keep: []string{"They took my phone and gave me an old one."}},
		{name: "staff among them",
			text: "I met Nevin Brant and Owen Tallis. They agreed Robin can go on the school trip and pay for it from the savings account.",
			keep: []string{"They agreed Robin can go on the school trip and pay for it from the savings account."}},
	})
}

// TestKeywordExceptions: a phrase in which a lexicon's word means
// something else ("knife and fork") hides the word, while the word alone
// still counts.
func TestKeywordExceptions(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{
		{name: "cutlery",
			doc:  doc("k1", "Robin lives with Petra Orme. Petra Orme showed Robin how to hold a knife and fork."),
			keep: []string{"showed Robin how to hold a knife and fork."}},
		{name: "a weapon",
			doc:   doc("k2", "Robin lives with Petra Orme. Petra Orme was seen carrying a knife near Robin's school."),
			cover: map[string]string{"carrying a knife": "tp-criminal"}},
	})
}

// TestShortNameKeepsItsMarks: a name word of two letters matches only
// with its own diacritics — in Vietnamese they make another word: a
// person called "Chú Tư" is not the "tử" of a horoscope.
func TestShortNameKeepsItsMarks(t *testing.T) {
	text := "Things I read - Robin Fell, March 2026\n\n1. Tử vi - the stars. I read it every week.\n\nChú Tư call every night."
	r := generalRecord(doc("m1", text))
	r.Persons = append(r.Persons, record.Person{Name: "Chú Tư", Role: "other", Relationship: "trafficker"})
	res, err := Suggest(r, mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkCoverKeep(t, text, res, []string{"Chú Tư"}, []string{"Tử vi - the stars."}, true)
}

// TestWeekdaysAreNoFamily: "on Fridays" is a day, not the family of a
// person whose surname sounds like it, and a professional has no family
// in the plural in the record at all.
func TestWeekdaysAreNoFamily(t *testing.T) {
	text := "Robin asked to stay up later, and the review agreed 9.30pm on Fridays and Saturdays."
	for _, p := range []record.Person{
		{Name: "Dot Ferriday", Role: "relative", Relationship: "great-aunt"},
		{Name: "Pippa Ferriday", Role: "professional", Relationship: "Children's Guardian", Agency: "Cafcass"},
	} {
		r := generalRecord(doc("p1", text+" "+p.Name+" came too."))
		r.Persons = append(r.Persons, p)
		res, err := Suggest(r, mustRules(t), Options{})
		if err != nil {
			t.Fatal(err)
		}
		checkCoverKeep(t, text, res, nil, []string{"on Fridays and Saturdays."}, false)
	}
}

// TestGreetings: a greeting (the packs' greetings, in the languages of
// the record) is no part of a name, and a third party's message that
// opens with one to a member of staff ("Sat Sri Akal <worker> ji,")
// withholds what they wrote, not the greeting.
func TestGreetings(t *testing.T) {
	e := newEngine(generalRecord(), mustRules(t), Options{})
	text := "Sat Sri Akal Owen ji,"
	toks := tokenize(text)
	if n := e.reg.nameAt(text, toks, 0, 3); n != 0 {
		t.Errorf("a greeting read as a name of %d words", n)
	}
	d := emailDoc("Petra Orme <petra.orme@example.com>", "Owen Tallis <owen.tallis@northtown.gov.uk>",
		"Sat Sri Akal Owen ji,\nThank you for writing back. I will wait to hear from you.\nPetra")
	res, err := Suggest(generalRecord(d), mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkCoverKeep(t, d.Text, res, []string{"Thank you for writing back."}, []string{"Sat Sri Akal Owen ji,"}, false)
	// a name alone before a comma greets too
	d = emailDoc("Petra Orme <petra.orme@example.com>", "Owen Tallis <owen.tallis@northtown.gov.uk>",
		"Owen,\nI have been in bed with flu all week.\nPetra")
	if res, err = Suggest(generalRecord(d), mustRules(t), Options{}); err != nil {
		t.Fatal(err)
	}
	checkCoverKeep(t, d.Text, res, []string{"I have been in bed with flu all week."}, []string{"Owen,"}, false)
}

// TestOwnWritingPlace: in the requester's own writing a street named alone
// in a sentence that names only them ("I") is part of their story,
// wherever "I" stands; a residence word still makes it someone's home.
func TestOwnWritingPlace(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{
		{name: "where I feel at peace",
			doc:  doc("p1", "My story, by Robin Fell\n\nThe library on Skelwith Road is where I feel most at peace."),
			keep: []string{"Skelwith Road"}},
		{name: "where someone lives",
			doc:   doc("p2", "My story, by Robin Fell\n\nMy nan lives on Skelwith Road and I go there on Sundays."),
			cover: map[string]string{"Skelwith Road": "id-street-named"}},
	})
}

// TestWritersAction: a note that opens on what its writer did, subject
// left out ("Advised her that …", "Discussed with <name>: …"), is not about
// the person it was done to or the sentence before's topic, and the clause
// after "that" is about the person in it, not the one told. What the
// person did or has in the same note is still theirs.
func TestWritersAction(t *testing.T) {
	call := "Robin is 12 and he likes school.\nCall from Ms Fell. She said she had been drinking again over Christmas. "
	runAbout(t, mustRules(t), []aboutCase{
		{name: "advised her that the requester's plan",
			doc:   doc("w1", call+"Advised her that Robin's plan is to stay in foster care for now."),
			cover: map[string]string{"drinking again over Christmas": "about-health"},
			keep:  []string{"Advised her that Robin's plan is to stay in foster care for now."}},
		{name: "advised her that the plan",
			doc:  doc("w2", call+"Advised her that the plan is for Robin to stay in foster care."),
			keep: []string{"Advised her that the plan is for Robin to stay in foster care."}},
		{name: "discussed with a manager",
			doc:  doc("w3", "Robin is 12 and he likes school.\nGail Fell rang, upset about the move. Discussed with Owen Tallis (Team Manager): referral to the panel."),
			keep: []string{"Discussed with Owen Tallis (Team Manager): referral to the panel."}},
		{name: "what the person has is still theirs",
			doc:   doc("w4", "Robin is 12 and he likes school.\nVisited Gail Fell at home; she had been drinking and was slurring."),
			cover: map[string]string{"she had been drinking": "about-health"}},
		{name: "a passive note carries the topic",
			doc:   doc("w5", "Robin is 12 and he likes school.\nGail Fell rang from the ward. Admitted with an overdose on Friday."),
			cover: map[string]string{"Admitted with an overdose on Friday.": "about-health"}},
	})
}

// TestJointWithRequester: what is said of people named in one list with
// the requester is said of the requester too; a list with the requester
// only as an owner ("<name> and <requester>'s dad") is not theirs, and a
// relative alone is the relative's.
func TestJointWithRequester(t *testing.T) {
	intro := "Robin is 12 and he likes school.\n"
	runAbout(t, mustRules(t), []aboutCase{
		{name: "the requester in the list",
			doc:  doc("j1", intro+"The conference agreed that Robin, his brother and his sister should be subject to child protection plans under the category of emotional abuse."),
			keep: []string{"his brother and his sister should be subject to child protection plans"}},
		{name: "the requester as an owner",
			doc:   doc("j2", intro+"Gail and Robin's dad split up in 2019."),
			cover: map[string]string{"split up in 2019": "about-private-life"}},
		{name: "a relative alone",
			doc:   doc("j3", intro+"His brother is subject to a child protection plan."),
			cover: map[string]string{"is subject to a child protection plan": "about-private-life"}},
	})
}

// TestRequesterClauseJoinedByAnd: a clause of the requester's own joined
// to a relative's by "and" with no comma ("… and she is trying to …", she
// being the requester: the relative, a half-brother, is a he) is not the
// relative's, whether the relative's clause is a sensitive fact or their
// own story. A pronoun that may be the relative goes on about them
// (TestInventedRecords: "her hip is sore and she is on the waiting list").
func TestRequesterClauseJoinedByAnd(t *testing.T) {
	for _, tc := range []struct{ text, cover, keep string }{
		{"Robin is 15 and she likes art.\nRobin said Kit has been excluded twice this year and she is trying to be a big sister to him.",
			"has been excluded twice this year", "she is trying to be a big sister to him."},
		{"Robin is 15 and she likes art.\nKit started at the boxing club in May and she wants to go there next year.",
			"started at the boxing club in May", "she wants to go there next year."},
		{"Robin is 15 and she likes art.\nKit has been excluded twice this year and Robin is trying to help him.",
			"has been excluded twice this year", "Robin is trying to help him."},
	} {
		r := generalRecord(doc("a1", tc.text))
		r.Persons = append(r.Persons, record.Person{Name: "Kit Arden", Role: "sibling", Relationship: "half-brother"})
		res, err := Suggest(r, mustRules(t), Options{})
		if err != nil {
			t.Fatal(err)
		}
		checkCoverKeep(t, tc.text, res, []string{tc.cover}, []string{tc.keep}, false)
	}
}
