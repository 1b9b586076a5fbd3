package suggest

import (
	"strings"
	"testing"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/rules"
)

// generalCase is one invented document: phrases that must be covered by a
// suggestion and phrases no suggestion may touch.
type generalCase struct {
	name   string
	text   string
	cover  []string
	keep   []string
	format record.Format
	lines  bool // the text is a page's wrapped lines (line blocks), as a PDF's are read
}

// generalRecord is an invented family: the requester Robin Fell, mother
// Gail Fell, stepfather Marcus Venn, cousin Petra Orme; staff Owen Tallis.
func generalRecord(docs ...record.Document) *record.Record {
	return &record.Record{
		Subject: record.Subject{Name: "Robin Fell", DOB: "2007-02-11"},
		Persons: []record.Person{
			{Name: "Gail Fell", Role: "parent", Relationship: "mother"},
			{Name: "Marcus Venn", Role: "parent", Relationship: "stepfather"},
			{Name: "Petra Orme", Role: "relative", Relationship: "cousin"},
			{Name: "Owen Tallis", Role: "professional", Relationship: "Social Worker", Agency: "Northtown Council"},
		},
		Documents: docs,
	}
}

func runGeneral(t *testing.T, cases []generalCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := doc("g1", tc.text)
			if tc.format != "" {
				d.Format = tc.format
			}
			if tc.lines {
				for i := range d.Blocks {
					d.Blocks[i].Kind = record.BlockLine
				}
			}
			res, err := Suggest(generalRecord(d), mustRules(t), Options{})
			if err != nil {
				t.Fatal(err)
			}
			covered := func(s, e int) bool {
				for _, sg := range res.Suggestions {
					if sg.Scope == ScopeDocument || sg.Start <= s && e <= sg.End {
						return true
					}
				}
				return false
			}
			touched := func(s, e int) string {
				for _, sg := range res.Suggestions {
					if sg.Scope == ScopeDocument || sg.Start < e && s < sg.End {
						return sg.RuleID + " " + sg.Text
					}
				}
				return ""
			}
			for _, c := range tc.cover {
				i := strings.Index(tc.text, c)
				if i < 0 {
					t.Fatalf("bad case: %q not in text", c)
				}
				if !covered(i, i+len(c)) {
					t.Errorf("%q not covered", c)
				}
			}
			for _, k := range tc.keep {
				i := strings.Index(tc.text, k)
				if i < 0 {
					t.Fatalf("bad case: %q not in text", k)
				}
				if by := touched(i, i+len(k)); by != "" {
					t.Errorf("%q touched by %s", k, by)
				}
			}
		})
	}
}

// TestFamilyInThePlural: a family the register does not know, named in
// the plural and doing something, is a third party; a plural after "the"
// that does nothing is left alone. The names are invented.
func TestFamilyInThePlural(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "neighbours", text: "The Quarmbys next door fed the children. Robin joined the Scouts.\nThe Quarmbys have asked to see Robin.",
			cover: []string{"Quarmbys"}, keep: []string{"Robin joined the Scouts."}},
	})
}

func TestNamesDoNotCrossSentences(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "pronoun after requester", text: "We talked about Robin. It will be reviewed.\nDear Robin,\nI was your worker.",
			keep: []string{"Robin. It will", "Robin,\nI was"}},
		{name: "title then new sentence", text: "Contact was arranged with Mr Venn. Sarah Crane visits when she can.",
			cover: []string{"Mr Venn", "Sarah Crane"}, keep: []string{"visits when"}},
		{name: "initial joins", text: "The letter was sent to M. Venn yesterday.", cover: []string{"M. Venn"}},
	})
}

func TestPartnerMarkersOnlyAtTheHead(t *testing.T) {
	minutes := "Northtown Children's Services :: Minutes\nInitial conference\nPresent\nName\nRole\nOwen Tallis\nSocial Worker\nSouthshire Police\nDC 4410\nDecision\nRobin to have a plan."
	runGeneral(t, []generalCase{
		{name: "case note title", format: record.FormatCaseNote, text: "Contact from police\nSouthshire Police notification: Robin (5) was at home.",
			keep: []string{"Robin (5) was at home."}},
		{name: "school note title", format: record.FormatCaseNote, text: "School safeguarding referral\nRobin came to school upset.",
			keep: []string{"Robin came to school upset."}},
		{name: "force in a table cell", text: minutes, keep: []string{"Robin to have a plan."}},
		{name: "letterhead", text: "SOUTHSHIRE POLICE - Notification\nRobin was present.", cover: []string{"Robin was present."}},
		{name: "clinic letterhead", text: "PRIVATE\nSouthshire CAMHS - Getting Help Team\nRobin came to clinic.", cover: []string{"Robin came to clinic."}},
	})
}

func TestPartnerSectionHeadings(t *testing.T) {
	meeting := "Strategy Meeting\nChild Robin Fell\nSouthshire Police (not to be shared further)\nOfficers have attended the address four times.\nHealth visiting\nThe health visitor says appointments were missed.\nOutcome\nRobin to stay at home."
	table := "Present\nName\nRole\nOwen Tallis\nSocial Worker\nHealth visitor\nNorthtown Trust\nDecision\nRobin to stay at home."
	runGeneral(t, []generalCase{
		{name: "force and service headings", text: meeting,
			cover: []string{"Officers have attended the address four times.", "The health visitor says appointments were missed."},
			keep:  []string{"Robin to stay at home.", "Outcome"}},
		{name: "role cell in a table", text: table, keep: []string{"Health visitor", "Robin to stay at home."}},
	})
}

func TestAddressWithHouseName(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "house name", text: "Carers Norma Quill\nAddress Ivy Cottage, 4 Long Lane, Southby NT3 4RD\nTelephone",
			cover: []string{"Ivy Cottage, 4 Long Lane, Southby NT3 4RD"}, keep: []string{"Address "}},
		{name: "flat in a named building", text: "A letter for Robin from Marcus Venn came from Flat 2, Example House, Mill Street, Southby NT3 4RD last week.",
			cover: []string{"Flat 2, Example House, Mill Street, Southby NT3 4RD"}, keep: []string{"last week."}},
		{name: "year then venue", text: "Date 10 March 2014\nVenue\nNorthtown Town Hall\nRobin attended.", keep: []string{"Venue", "Northtown Town Hall"}},
	})
}

func TestThirdPartyDetailsGeneral(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "inflected criminal words", text: "Robin likes football. Marcus Venn has convictions for burglary and theft.",
			cover: []string{"Marcus Venn has convictions for burglary and theft"}, keep: []string{"Robin likes football."}},
		{name: "health lexicon", text: "Petra Orme was considered but she has emphysema and uses an inhaler at night.",
			cover: []string{"she has emphysema and uses an inhaler at night"}},
		{name: "drug name by ending", text: "Gail said Marcus takes diazepam every day.", cover: []string{"Marcus takes diazepam"}},
		{name: "clause stays tight", text: "Robin chose the film; Gail was too unwell to come.",
			cover: []string{"Gail was too unwell to come"}, keep: []string{"Robin chose the film"}},
		{name: "line break after semicolon", text: "Present: Owen Tallis (Social Worker);\nGail sent a message saying she was too unwell to come.",
			cover: []string{"she was too unwell to come"}, keep: []string{"Owen Tallis (Social Worker)"}},
		{name: "reported speech", text: "Robin ate lunch. Gail told me Marcus had been sleeping in the car outside.",
			cover: []string{"Gail told me Marcus had been sleeping in the car outside."}, keep: []string{"Robin ate lunch."}},
		{name: "reported speech about the requester stays", text: "Gail told me Marcus had been kind to Robin.",
			keep: []string{"kind to Robin"}},
	})
}

func TestInflect(t *testing.T) {
	for _, pair := range [][2]string{{"convictions", "conviction"}, {"arrested", "arrest"}, {"drinking", "drink"},
		{"charged", "charge"}, {"admitted", "admit"}, {"injuries", "injury"}, {"tagged", "tag"}, {"burglaries", "burglary"}} {
		if a, b := inflect(pair[0]), inflect(pair[1]); a != b {
			t.Errorf("inflect(%q) = %q, inflect(%q) = %q; want equal", pair[0], a, pair[1], b)
		}
	}
	for _, pair := range [][2]string{{"coping", "coped"}, {"copes", "cope"}, {"hoping", "hope"}, {"noted", "note"},
		{"hopping", "hop"}, {"smoking", "smoke"}, {"visiting", "visit"}, {"stopped", "stop"}} {
		if a, b := inflect(pair[0]), inflect(pair[1]); a != b {
			t.Errorf("inflect(%q) = %q, inflect(%q) = %q; want equal", pair[0], a, pair[1], b)
		}
	}
	// Words a dropped e or -ing would merge: "coping" is no police slang.
	for _, pair := range [][2]string{{"caution", "cautious"}, {"coping", "cops"}, {"cope", "cop"}, {"hoping", "hopping"},
		{"note", "not"}, {"taking", "tag"}} {
		if inflect(pair[0]) == inflect(pair[1]) {
			t.Errorf("inflect merges unrelated words %q and %q", pair[0], pair[1])
		}
	}
}

func TestPeopleNotInPersonsJSON(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "unlisted given name with a known surname", text: "Robin stayed with Zephyrine Venn last week.\nZephyrine Venn is kind.",
			cover: []string{"Zephyrine Venn"}, keep: []string{"Robin stayed with"}},
		{name: "name with age and family word", text: "Also in the household: Odile Brightwater (14), her cousin. Robin likes it there.",
			cover: []string{"Odile Brightwater"}, keep: []string{"Robin likes it there."}},
		{name: "broad given-name list", text: "Robin played with Siobhan Ashcombe at the park.", cover: []string{"Siobhan Ashcombe"}},
		{name: "quoted nickname", text: `Marcus "Mazzer" Venn came round.` + "\nRobin said Mazzer was shouting.",
			cover: []string{"Mazzer was"[:6]}, keep: []string{"Robin said"}},
		{name: "known as", text: "Her friend Rupert Stroud, known as Stroudy, drove the car.\nRobin rode with Stroudy.",
			cover: []string{"Rupert Stroud", "rode with Stroudy"[10:]}},
		{name: "a street name in capitals", text: "Robin was at the address of Maren BRANDRETH (03/11/1994), street name WRAITH, who runs the line.\nRobin said an older man called Wraith runs it.",
			cover: []string{"WRAITH", "called Wraith"[7:]}},
		{name: "short form of a known first name", text: "Robin said Marcy shouted at him at the weekend.",
			cover: []string{"Marcy"}, keep: []string{"Robin said", "weekend"}},
		{name: "ordinary words are not short forms", text: "The Car Park was full. Mar 2015 review. Robin went home.",
			keep: []string{"Car Park", "Mar 2015", "Robin went home."}},
	})
}

func TestDiminutives(t *testing.T) {
	has := func(list []string, w string) bool {
		for _, x := range list {
			if x == w {
				return true
			}
		}
		return false
	}
	for _, c := range []struct {
		name, want string
		ok         bool
	}{{"Gregory", "Greg", true}, {"Stephen", "Stevie", true}, {"Martin", "Marty", true}, {"Steven", "Stevo", true},
		{"Robert", "Bob", true}, {"Carol", "Car", false}, {"Tony", "Tonyy", false},
		{"Halina", "Halka", true}, {"Radomir", "Radek", true}, {"Marina", "Maria", false}, {"Martin", "Marek", false},
		{"Aleksandras", "Aleksas", true}, {"Mindaugas", "Mindas", true}, {"Žydrūnas", "Zydas", true}, {"Thomas", "Thas", false}} {
		if got := has(diminutives(testDims(t), mustRules(t).People.GivenNames, c.name), c.want); got != c.ok {
			t.Errorf("diminutives(%q) has %q = %v, want %v", c.name, c.want, got, c.ok)
		}
	}
}

func TestFlagFollowsPronounClauses(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "pronoun clause continues", text: "Petra works nights at the depot so she is out late on weekdays. Robin likes it.",
			cover: []string{"Petra works nights at the depot so she is out late on weekdays"}, keep: []string{"Robin likes it."}},
		{name: "requester clause stays", text: "Gail has depression so Robin stays with Petra on Fridays.",
			cover: []string{"Gail has depression"}, keep: []string{"Robin stays with"}},
	})
}

func TestCouncilJobTitles(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "council titles keep staff", text: "Contact notes by Harriet Quennell, Contact Supervisor.\nReviewed by Simon Yardley, Consultant Social Worker.\nSigned Nadia Pell\nLeaving Care Worker",
			keep: []string{"Harriet Quennell", "Simon Yardley", "Nadia Pell"}},
		{name: "partner title still redacted", text: "Letter from Simon Yardley, Consultant Paediatrician.",
			cover: []string{"Simon Yardley"}},
		{name: "a later mention's title makes a name staff", text: "Staff on shift: Tamsin Greaves, Odile Marchbank.\nThe boy went swimming with Tamsin.\n\nStaff involved: Tamsin Greaves (Residential Support Worker). Reported by Odile Marchbank (waking night Residential Worker).",
			keep: []string{"Tamsin Greaves", "with Tamsin", "Odile Marchbank"}},
	})
	for _, c := range []struct {
		s                string
		council, partner bool
	}{{"Senior Practitioner", true, false}, {"Consultant Social Worker", true, false}, {"Consultant Psychiatrist", false, true},
		{"Nursery nurse", false, false}, {"Independent Reviewing Officer (IRO)", true, false},
		{"night Residential Support Worker", true, false}, {"relief support worker", true, false}, {"Day centre", false, false}} {
		if co, pa := jobTitleKind(mustRules(t).People, c.s); co != c.council || pa != c.partner {
			t.Errorf("jobTitleKind(%q) = %v, %v; want %v, %v", c.s, co, pa, c.council, c.partner)
		}
	}
}

// testDims is the shipped packs' diminutive table.
func testDims(t *testing.T) map[string][]string {
	t.Helper()
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	return diminutiveTable(set.List("diminutives"))
}

func TestDiminutivesFromPackData(t *testing.T) {
	dims := testDims(t)
	for _, c := range []struct{ name, want string }{
		{"Łukasz", "Luke"}, {"Lukasz", "Luke"}, {"Małgorzata", "Gosia"}, {"Malgorzata", "Gosia"},
		{"Dafydd", "Dai"}, {"Fionnuala", "Nuala"}, {"Alexandru", "Sandu"},
	} {
		found := false
		for _, d := range diminutives(dims, mustRules(t).People.GivenNames, c.name) {
			found = found || d == c.want
		}
		if !found {
			t.Errorf("diminutives(%q) lacks %q", c.name, c.want)
		}
	}
	// A council's own list replaces the shipped one.
	own := diminutiveTable([]string{"zebedee: Zeb"})
	if d := diminutives(own, mustRules(t).People.GivenNames, "Robert"); len(d) != 0 && d[0] == "Bob" {
		t.Errorf("a replaced list still gives the shipped forms: %v", d)
	}
}

// TestPronounAgreesWithPerson: a sentence opening with a pronoun goes on
// about the person named just before only when the pronoun fits them —
// "She" after a sentence naming a stepfather is someone else, and a
// "mother's partner" is no mother.
func TestPronounAgreesWithPerson(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "she after a man", text: "Robin hid in the garden with Marcus Venn. She told me she wants him to stop drinking.",
			keep: []string{"She told me she wants him to stop drinking."}},
		{name: "he after a man", text: "Robin saw Marcus Venn at the shop. He has been drinking again since May.",
			cover: []string{"He has been drinking again"}},
	})
	set := mustRules(t)
	w := newAboutWords(set)
	for _, tt := range []struct {
		rel  string
		want byte
	}{{"mother's partner", genderAny}, {"mother's boyfriend", genderM}, {"maternal aunt", genderF}} {
		if got := w.genderOf(&Person{Name: "Kit Arden", Relationship: tt.rel}); got != tt.want {
			t.Errorf("genderOf(relationship %q) = %d, want %d", tt.rel, got, tt.want)
		}
	}
}

// TestParamilitaryAttacks: Northern Ireland's paramilitary-style attacks and
// the threats that put people out of an area are a third party's criminal
// matters like any assault.
func TestParamilitaryAttacks(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "punishment attack", text: "Gail rang. Marcus Venn was put out of the area by paramilitaries after a punishment attack. Robin was upset.",
			cover: []string{"was put out of the area by paramilitaries after a punishment attack"}, keep: []string{"Robin was upset."}},
	})
}

// TestFamilyWordInThePlural: "your cousins Ubah and Bilan" names two
// relatives as "your cousin Ubah" names one; each name of the list goes.
func TestFamilyWordInThePlural(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "two cousins", text: "Robin said your cousins Ubah and Bilan say hello.", cover: []string{"Ubah and Bilan"}, keep: []string{"say hello."}},
		{name: "three brothers", text: "Gail's brothers Tariq, Kwabena and Ravindra came to the review.", cover: []string{"Tariq", "Kwabena", "Ravindra"},
			keep: []string{"came to the review."}},
		{name: "no name after", text: "Robin's cousins Came to stay.", keep: []string{"Came to stay."}},
	})
}

// TestLetterToRequesterSignedByRelative: a letter to the requester signed
// by a relative — the closing and the name on one line ("Love from Auntie
// Petra xx") — is the relative's: what they wrote of their own health goes,
// a greeting and what they say to the requester stay.
func TestLetterToRequesterSignedByRelative(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "closing and name on one line", text: "Dear Robin,\n\nHappy birthday! I am proud of you for passing your exams.\nThings have been hard for me since my operation in May.\n\nLove from Auntie Petra xx",
			cover: []string{"since my operation in May"}, keep: []string{"Happy birthday!", "I am proud of you for passing your exams."}},
		{name: "signed by the social worker", text: "Dear Robin,\n\nI have been your social worker since 2019 and I was off sick in May.\n\nBest wishes, Owen Tallis",
			keep: []string{"I have been your social worker since 2019"}},
	})
}

// TestGivenNameWrittenAlone: a given name the record never writes in full
// is a third party of its own (the carers' daughter, another child); a
// requester's own baby, a town, a pet, a word of a sentence in Welsh and
// a member of staff known by a short form are not. The names are invented.
func TestGivenNameWrittenAlone(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "carers' daughter", text: "Robin built a den. Tamsin stayed in her room all evening after a row with friends online.\nTamsin has been referred to CAMHS for anxiety.",
			cover: []string{"Tamsin", "Tamsin has been referred to CAMHS for anxiety"}, keep: []string{"Robin built a den."}},
		{name: "own baby", text: "Visit to Robin and baby Rufus at the flat. Rufus is doing really well and has started crawling.",
			keep: []string{"Rufus is doing really well and has started crawling."}},
		{name: "someone else's baby", text: "Gail Fell has had a baby. Robin met Gail's baby Rufus at family time and held him.",
			cover: []string{"Rufus"}},
		{name: "a place", text: "Robin went on a school trip to Priya and stayed at Priya overnight.",
			keep: []string{"to Priya", "at Priya"}},
		{name: "staff short form", text: "Owen Tallis visited. Robin told Owen about college.",
			keep: []string{"Robin told Owen about college."}},
		{name: "a Welsh sentence", text: "Robin's pathway plan is enclosed. Mae croeso i chi gysylltu â ni yn Gymraeg.",
			keep: []string{"Mae croeso i chi gysylltu â ni yn Gymraeg."}},
		{name: "the same word as a name", text: "Robin built a den. Mae stayed in her room all evening after a row online.",
			cover: []string{"Mae"}, keep: []string{"Robin built a den."}},
		{name: "a pet", text: "Robin likes the dog, Tamsin, who sleeps by her door. Her cat Priya and a rabbit called Rufus live in the garden.",
			keep: []string{"the dog, Tamsin, who sleeps by her door.", "Her cat Priya", "a rabbit called Rufus"}},
		{name: "a name that is also a word, where a person stands", text: "Robin said that Dean hits her mum when he has been drinking. Robin went to the park with Holly.",
			cover: []string{"Dean", "Holly"}},
		{name: "the same words as words", text: "Robin spent Christmas Eve at the Forest of Dean with her carers. She is Christian and likes the holly on the door.",
			keep: []string{"Robin spent Christmas Eve at the Forest of Dean with her carers.", "She is Christian and likes the holly on the door."}},
	})
}

// TestKeptFromRequester: a sentence asking that something be kept from
// the requester, after one about a third party's private life, goes with
// it; the same frame after the requester's own story leaves it alone.
func TestKeptFromRequester(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "after a relative's debts", text: "Robin's tenancy starts on Monday at 10am.\n" +
			"Gail Fell has rent arrears of £400 from a previous tenancy.\n" +
			"Please don't mention this to Robin; it is on our file only because the flat was in the same block.",
			cover: []string{"Please don't mention this to Robin; it is on our file only because the flat was in the same block."},
			keep:  []string{"Robin's tenancy starts on Monday at 10am."}},
		{name: "after the requester's own story", text: "Robin passed her driving test on Friday.\n" +
			"Please don't mention this to Robin's brother yet; Robin wants to tell him herself.",
			keep: []string{"Robin passed her driving test on Friday.", "Robin wants to tell him herself."}},
		{name: "the requester's own question", text: "Robin said the journey took four months.\n" +
			"Robin thinks her uncle sent money to the driver. Robin does not know who paid for the rest and this worries her.",
			cover: []string{"sent money to the driver."},
			keep:  []string{"Robin does not know who paid for the rest and this worries her."}},
	})
}

// TestRecordLineParticulars: a genogram written as lines gives each
// person's particulars after spaced dashes; a third party's are theirs
// whatever their words, the requester's own line and a field naming the
// requester stay, and a sentence with one dash is no record line.
func TestRecordLineParticulars(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "genogram lines", text: "Robin Fell — dob 11/02/2007 — well; grommets as a toddler\n" +
			"Petra Orme (\"Pet\"), cousin — dob 02/09/2012 — born early, colic, glasses since age 3\n" +
			"Marcus Venn, stepfather — dob 1980 — sees Robin at weekends — plays darts on Fridays\n" +
			"Gail Fell - came to the review.\n",
			cover: []string{"dob 02/09/2012", "born early, colic, glasses since age 3", "plays darts on Fridays"},
			keep:  []string{"well; grommets as a toddler", "cousin", "sees Robin at weekends", "came to the review."}},
		{name: "PDF lines with no full stop between, a person the record names only there",
			text: "2. Family\nGail Fell — mother — 20/05/1985 — lives with Marcus\nPetra Orme (Pet) — cousin — 04/04/1990 — asthma and eczema, Robin's main support at weekends\n" +
				"Ann Quarley — paternal grandmother — 12/11/1971 — lives on Wrenfold Lane, Dunthorpe\n3. Robin's history\n" +
				"Robin came into care at 13. She lived with her aunt.\n",
			format: record.FormatPDF, lines: true,
			cover: []string{"Ann Quarley", "12/11/1971", "lives on Wrenfold Lane, Dunthorpe"}, keep: []string{"2. Family", "3. Robin's history"}},
	})
}

// TestPlaceAfterName: a town written just after a third party's name
// ("<name> in <town>") is where they are, covered with the name; the
// requester's own town, a month or an organisation after "in" are not.
func TestPlaceAfterName(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "a cousin's town", text: "Robin would like to visit her cousin Petra Orme in Harrowby next summer.\n" +
			"Robin moved to a flat in Harrowby. Gail Fell in March said Robin was well. Robin met Gail Fell in Harrowby Library.",
			cover: []string{"Petra Orme in Harrowby"},
			keep:  []string{"Robin moved to a flat in Harrowby.", "in March said", "in Harrowby Library"}},
	})
}

// TestRequesterReports: "He said <sibling> …" after a sentence about the
// requester is the requester's own account, not another person's account
// of a third party; the same words after a relative is named are flagged.
func TestRequesterReports(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "the requester said", text: "Met Robin at the flat. He said Petra Orme had been staying over and he walks her to school on Mondays.",
			keep: []string{"had been staying over and he walks her to school on Mondays."}},
		{name: "a relative said", text: "Met Robin at the flat. Marcus Venn rang later. He said Petra Orme had been drinking again.",
			cover: []string{"Petra Orme had been drinking again."}},
	})
}

// TestPlaceNamedHeadFirst: Welsh, Gaelic and Irish put an organisation's
// head word first ("Ysgol <Name> <Word>"); a given name just after one is
// the place's, not a person's. The same pair with no head word is a person.
// The names are invented.
func TestPlaceNamedHeadFirst(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "nursery, college, school", text: "Robin is on placement at Meithrinfa Tamsin Fach and studies childcare at Coleg Priya Goch.\n" +
			"Her cousin's school, Scoil Rufus Naofa, sent a card. Tamsin Quarrie visited Robin on Monday.",
			cover: []string{"Tamsin Quarrie"},
			keep:  []string{"Meithrinfa Tamsin Fach", "Coleg Priya Goch", "Scoil Rufus Naofa"}},
	})
}

// TestInitialsWithAge: a household list that gives people only as
// initials with ages puts them in the register; their initials are theirs
// wherever the recordings write them, and a sentence about one of them
// alone is theirs. The names are invented.
func TestInitialsWithAge(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "household", text: "Household: GF, MV, S.Q’D. (13), T.Q’D. (9)\n" +
			"03/03/2017 Robin did her spellings.\n04/03/2017 T.Q’D. helped Robin with the model.\n" +
			"05/03/2017 S.Q’D. has started seeing a counsellor at school about self-harm.",
			cover: []string{"GF", "S.Q’D.", "T.Q’D.", "has started seeing a counsellor at school about self-harm"},
			keep:  []string{"Robin did her spellings.", "helped Robin with the model."}},
	})
}

// TestNameBeforeUnlistedJobTitle: a name whose given name no list knows,
// written before a job title no list holds, is another organisation's
// officer; a heading before such words is not a person. Invented names.
func TestNameBeforeUnlistedJobTitle(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "housing officer", text: "Robin has applied for a flat. Robin must finish a course first. Contact: Hesketh Quarmby, Tenancy Sustainment Officer.",
			cover: []string{"Hesketh Quarmby"}, keep: []string{"Robin must finish a course first."}},
	})
}

// TestRecordingTableAndSemicolon: in a recording table the name in the
// "By" column is the row's author, not whom its sentences are about; a
// pronoun after a semicolon carries on the clause's subject, a third party
// whose gender no list knows. Invented names.
func TestRecordingTableAndSemicolon(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "semicolon", text: "Household: GF, MV, S.Q’D. (13), T.Q’D. (9)\nRobin said her tummy hurt. T.Q’D. helped her with the model.\n" +
			"T.Q’D. wet the bed again and was upset; she has a GP appointment about it on Tuesday.",
			cover: []string{"she has a GP appointment about it on Tuesday."}, keep: []string{"Robin said her tummy hurt."}},
	})
	d := doc("g1", "Date\nBy\nRecording\n03/03/2017\nGF\nS.Q’D. has started seeing a counsellor about self-harm.\n")
	d.Blocks = []record.Block{
		{Start: 0, End: 4, Kind: record.BlockTableCell, Label: "t1/r1c1"},
		{Start: 5, End: 7, Kind: record.BlockTableCell, Label: "t1/r1c2"},
		{Start: 8, End: 17, Kind: record.BlockTableCell, Label: "t1/r1c3"},
		{Start: 18, End: 28, Kind: record.BlockTableCell, Label: "t1/r2c1"},
		{Start: 29, End: 31, Kind: record.BlockTableCell, Label: "t1/r2c2"},
		{Start: 32, End: len(d.Text) - 1, Kind: record.BlockTableCell, Label: "t1/r2c3"},
	}
	res, err := Suggest(generalRecord(d, doc("g2", "Household: GF, MV, S.Q’D. (13), T.Q’D. (9)")), mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range res.Suggestions {
		if strings.Contains(s.Text, "counsellor") {
			if s.PersonLabel == "" || strings.Contains(s.Why, "Mother") {
				t.Errorf("the counselling sentence is given to the row's author: %s", s.Why)
			}
			return
		}
	}
	t.Error("the counselling sentence about another child is not suggested")
}

// TestRelativeByPetName: a relative the text calls by a pet name of a
// known relative's given name ("his mum Dottie" when the mother is
// Dorothy) is that relative, not a second mother, though the pet name is
// a given name too: "Mum" stays hers. Invented names.
func TestRelativeByPetName(t *testing.T) {
	rec := &record.Record{
		Subject:   record.Subject{Name: "Robin Fell", DOB: "2007-02-11"},
		Persons:   []record.Person{{Name: "Dorothy Orme", Role: "parent", Relationship: "mother"}},
		Documents: []record.Document{doc("p1", "Robin stays with his mum Dottie at weekends.\nPlan\nMum to restart her medication and attend her GP.")},
	}
	res, err := Suggest(rec, mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Register {
		if p.Name == "Dottie" {
			t.Errorf("a second person %q (%s) for the mother's pet name", p.Name, p.Label)
		}
	}
	text := rec.Documents[0].Text
	want := strings.Index(text, "Mum to restart her medication")
	ok := false
	for _, s := range res.Suggestions {
		if s.RuleID == "about-health" && s.Start <= want && s.End >= want+len("Mum to restart her medication") {
			ok = true
		}
	}
	if !ok {
		t.Errorf("the mother's medication is not redacted from her first mention:\n%s", listSuggestions(res))
	}
}

// TestOtherChildrenListed: a line labelled as the other children of a
// placement names people though no list knows their given names; their
// given names, initials (a hyphenated surname's, and before a possessive)
// and what the log says of them go. Invented names.
func TestOtherChildrenListed(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "a residential log",
			text: "Other young people in placement: Corvin Ashdale, Tamsin Voyle-Birch\n\n" +
				"Corvin came back late and CA was arrested for criminal damage.\n" +
				"Robin stayed in his room.\nTVB's social worker was told.",
			cover: []string{"Corvin Ashdale", "Tamsin Voyle-Birch", "Corvin", "CA", "TVB", "arrested for criminal damage"},
			keep:  []string{"Robin stayed in his room."}},
		{name: "an incident report's young people, the requester among them",
			text: "Incident Report\nYoung people involved: Robin Fell; Corvin Ashdale\n\n" +
				"Robin was asked to hand in her phone and refused.\nCorvin joined in, threw a plate at the wall and was held by two staff.\n",
			cover: []string{"Corvin Ashdale", "threw a plate at the wall and was held by two staff"},
			keep:  []string{"Robin was asked to hand in her phone and refused."}},
	})
}

// What someone said or knows is about its own subject: a relative named
// by role after a verb of saying ("Robin said his mum has relapsed"), a
// name after a verb of knowing ("just to let you know Petra was …"); a
// relative's move is where they live; irregular verb forms the inflector
// cannot reach are in the lexicon ("drank heavily"); a relative clause
// ("<name>, who has …") is about the person named before it.
func TestReportedClauses(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "role after said", text: "Robin meets his mum for lunch. Robin said his mum has relapsed and is drinking again.",
			cover: []string{"has relapsed and is drinking again"}, keep: []string{"Robin meets his mum for lunch.", "Robin said his "}},
		{name: "role after said that", text: "Robin said that his stepdad is drinking heavily again.",
			cover: []string{"is drinking heavily again"}, keep: []string{"Robin said that his "}},
		{name: "told me, then a name", text: "Robin told me Petra has been drinking again and missed her appointments. Robin told us he is happy at college.",
			cover: []string{"has been drinking again"}, keep: []string{"Robin told us he is happy at college."}},
		{name: "let you know", text: "Just to let you know Petra was permanently excluded from school on Monday after a fight.",
			cover: []string{"was permanently excluded from school on Monday after a fight"}, keep: []string{"Just to let you know "}},
		{name: "a relative's move", text: "Robin has not seen Petra since 2019; the Ormes have moved to Carlisle.",
			cover: []string{"Carlisle"}, keep: []string{"Robin has not seen "}},
		{name: "the requester's own move", text: "Robin moved to his new flat in Carlisle in May and likes it.",
			keep: []string{"Robin moved to his new flat in Carlisle in May and likes it."}},
		{name: "asked whether", text: "Gail rang. She asked whether Robin could move to foster carers for a while.",
			keep: []string{"She asked whether Robin could move to foster carers for a while."}},
		{name: "a parent's programme", text: "Robin is settled. Marcus agreed to attend a parenting programme at the family centre.",
			cover: []string{"attend a parenting programme at the family centre"}, keep: []string{"Robin is settled."}},
		{name: "the requester's own programme", text: "Robin has started an anger management course and says it helps.",
			keep: []string{"Robin has started an anger management course and says it helps."}},
		{name: "threats", text: "Robin may move near Petra, who has made threats towards Robin in the past.",
			cover: []string{"has made threats towards Robin in the past"}},
		{name: "told about", text: "Robin asked me not to tell his stepdad about the court case.",
			keep: []string{"Robin asked me not to tell his stepdad about the court case."}},
		{name: "the requester's relative clause", text: "Robin, who has asthma, went to camp with his inhaler.",
			keep: []string{"Robin, who has asthma, went to camp with his inhaler."}},
		{name: "a relative's drinking", text: "Gail told me her father drank heavily when she was young.",
			cover: []string{"father drank heavily"}},
	})
}

// TestWrappedLineEndingInComma: a PDF line that ends with a comma runs on
// into the next, so an address broken over two lines is one sentence
// about where the person lives.
func TestWrappedLineEndingInComma(t *testing.T) {
	text := "4. Family\nGail Fell lives at 9 Quarry Row, Hobb End,\nHarrowby, with her new partner.\nRobin likes her room."
	d := doc("w1", text)
	d.Format = record.FormatPDF
	for i := range d.Blocks {
		d.Blocks[i].Kind = record.BlockLine
	}
	res, err := Suggest(generalRecord(d), mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkCoverKeep(t, text, res, []string{"Harrowby, with her new partner"}, []string{"Robin likes her room."}, true)
}

// TestWrappedRecordRows: a genogram laid out as PDF lines has long rows,
// yet each row is a sentence of its own: one relative's conviction does
// not take in the requester's row below it.
func TestWrappedRecordRows(t *testing.T) {
	runGeneral(t, []generalCase{{name: "genogram", format: record.FormatPDF, lines: true,
		text: "2. Genogram (as recorded)\n" +
			"Marcus Venn — stepfather — 1978 — convicted of burglary in 2019 and on licence until the spring\n" +
			"Robin Fell — subject — 11/02/2007 — started college in September and loves the drama group\n" +
			"Gail Fell — mother — 1980 — lives with Robin, works at the bakery on the corner of the high street\n",
		cover: []string{"convicted of burglary in 2019"}, keep: []string{"started college in September and loves the drama group"}}})
}

// TestTribunalDecision: a tribunal's decision is a court paper, withheld
// whole; a note that mentions the tribunal is not.
func TestTribunalDecision(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "decision", text: "First-tier Tribunal (Immigration and Asylum Chamber)\nReasons\n1. Robin Fell's appeal was heard on 3 May.\n2. The appeal is allowed.",
			cover: []string{"The appeal is allowed."}},
		{name: "a note about it", text: "Robin told me his appeal to the First-tier Tribunal was allowed and he is very happy.",
			keep: []string{"Robin told me his appeal to the First-tier Tribunal was allowed and he is very happy."}},
	})
}

// TestFamilyPluralIsNoShe: a family named in the plural is a "they": the
// "she" of the next sentence is someone else (here the requester).
func TestFamilyPluralIsNoShe(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "the next sentence's she", text: "Robin went back to the Ormes' house after the review. She showed me her new trainers and her drawings.",
			cover: []string{"Ormes"}, keep: []string{"She showed me her new trainers and her drawings."}},
	})
}

// TestCareStatusAndSchooling: another young person's care status, their
// schooling and the outcome of their asylum claim are their own record,
// and a parent's work and money their own; the requester's are theirs.
func TestCareStatusAndSchooling(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "a cousin's", text: "Robin's cousin Petra Orme, now 20, is a care leaver in the next county. Petra has been missing school since the spring. Robin's brother was granted protection in Spain last year.",
			cover: []string{"is a care leaver in the next county", "has been missing school since the spring", "was granted protection in Spain last year"}},
		{name: "a parent's work and money", text: "Gail said Marcus Venn has been away for work on the rigs since March. Gail said money is tight this winter. Robin works in a café on Saturdays.",
			cover: []string{"has been away for work on the rigs since March", "money is tight this winter"}, keep: []string{"Robin works in a café on Saturdays."}},
		{name: "a mother's schooling, a brother's suspension, another resident restrained", text: "Gail Fell left school at fourteen and cannot read well. Robin's brother got suspended last week for swearing at a teacher. Petra was restrained in the hallway by two night staff.",
			cover: []string{"left school at fourteen and cannot read well", "got suspended last week for swearing at a teacher", "was restrained in the hallway by two night staff"}},
		{name: "the requester's own", text: "Robin has been in care since 2015 and says she likes her carers. Robin is a care leaver and has her own flat. " +
			"Robin is kind and tries to look after her little brother when mum is tired.",
			keep: []string{"Robin has been in care since 2015 and says she likes her carers.", "Robin is a care leaver and has her own flat.",
				"Robin is kind and tries to look after her little brother when mum is tired."}},
	})
}

// A name after "a man called" or in "one of them, <Name>," is a person's
// whether or not a list of given names knows it.
func TestCalledNames(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "a man called", text: "At the border a man called Zerhat took money to hide boys in lorries.",
			cover: []string{"Zerhat"}, keep: []string{"At the border a man called"}},
		{name: "a woman named", text: "A woman named Brevka drove Robin to the station.", cover: []string{"Brevka"},
			keep: []string{"drove Robin to the station."}},
		{name: "one of them", text: "Robin said two other boys slept there. One of them, Tesfai, is fifteen.",
			cover: []string{"Tesfai"}, keep: []string{"Robin said two other boys slept there."}},
		{name: "a place called is no person", text: "Robin lived in a village called Marrow Dene for a year.",
			keep: []string{"Marrow Dene"}},
		{name: "the requester called by name", text: "A boy called Robin was at the door.", keep: []string{"Robin was at the door."}},
	})
}

// "Both" opening a sentence after one that named two third parties, and
// not the requester, stands for them.
func TestBothAfterTwoNamed(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "two men named", text: "Robin was found at 4am by police.\nShe was with two men, Dale Hurst and Wayne Brannan. Both were arrested on suspicion of abduction.",
			cover: []string{"Both were arrested on suspicion of abduction."}, keep: []string{"Robin was found at 4am by police."}},
		{name: "the requester among them", text: "Robin and Petra Orme were at the shop. Both were arrested for shoplifting.",
			keep: []string{"Both were arrested for shoplifting."}},
	})
}

// A name written right after a job title in lower case is a person at
// work: another organisation's when the title is no council one.
func TestNameAfterJobTitle(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "an interpreter", text: "Confirmed: Amharic interpreter Tsegereda Haileyesus is booked for Robin's review.",
			cover: []string{"Tsegereda Haileyesus"}, keep: []string{"is booked for Robin's review."}},
		{name: "the council's social worker stays", text: "Robin met her social worker Owen Tallis at the office.",
			keep: []string{"Owen Tallis"}},
	})
}

// A heading that is an organisation's name the document gives with an
// organisation word, numbered and with its speaker in brackets, heads that
// organisation's section of the minutes.
func TestOrganisationHeading(t *testing.T) {
	minutes := "Strategy Meeting\nChild Robin Fell\n1. Children's Social Care (Owen Tallis)\nRobin has told her social worker she feels safe at home.\n2. Brightwater Project (Wendel Quorn)\nRobin has attended three of five sessions and talks more openly now.\nOutcome\nRobin to stay at home."
	runGeneral(t, []generalCase{
		{name: "a project's section", text: minutes,
			cover: []string{"Robin has attended three of five sessions and talks more openly now."},
			keep:  []string{"Robin has told her social worker she feels safe at home.", "Robin to stay at home."}},
	})
}

// In minutes that give each contribution after its speaker's name and a
// colon, what a partner agency's officer said is withheld; what the
// council's social worker said stays.
func TestPartnerSpeakerLabels(t *testing.T) {
	minutes := "Strategy Meeting Record\nChild: Robin Fell\nPresent: Owen Tallis (Social Worker); PC Hollin (Southshire Police).\nPolice information\nPC Hollin: Robin was found in a flat tenanted by an adult whose home had been taken over.\nOwen Tallis: Robin has told me she wants to move away and feels safe with her aunt.\nDecisions\n1. Robin to stay with her aunt."
	runGeneral(t, []generalCase{
		{name: "an officer's contribution", text: minutes,
			cover: []string{"PC Hollin: Robin was found in a flat tenanted by an adult whose home had been taken over."},
			keep:  []string{"Robin has told me she wants to move away and feels safe with her aunt.", "1. Robin to stay with her aunt."}},
	})
}

// An agency in the possessive before what it wrote ("the college's report
// states") passes on what it knows; under a bare heading the council
// shares, the requester's own words after it are the council's record.
func TestPossessiveAgencyReport(t *testing.T) {
	review := "Review\nEducation\nThe college's report states: attendance this year is 90 per cent and Robin is a keen learner. Robin said she is proud of her spoken English.\nDecisions\n1. Robin to stay at college."
	runGeneral(t, []generalCase{
		{name: "a college's report in a review", text: review,
			cover: []string{"The college's report states: attendance this year is 90 per cent and Robin is a keen learner."},
			keep:  []string{"Robin said she is proud of her spoken English.", "1. Robin to stay at college."}},
		{name: "a GP's letter", text: "Robin is well. The GP's letter says Robin's asthma is under control.",
			cover: []string{"The GP's letter says Robin's asthma is under control."}, keep: []string{"Robin is well."}},
	})
}

// The requester's own child, listed in persons.json as their daughter or
// son, is their story: named in the bundle, no third party. Someone else's
// daughter stays a third party.
func TestRequesterOwnChild(t *testing.T) {
	res := suggestWith(t, "Robin brought Merryn to the review. Merryn is walking now. Kerra Bowe, the carers' daughter, babysat.",
		[]record.Person{{Name: "Merryn Fell", Role: "other", Relationship: "subject's daughter"},
			{Name: "Kerra Bowe", Role: "other", Relationship: "foster carers' daughter"}},
		[]string{"Kerra Bowe"}, []string{"Robin brought Merryn to the review.", "Merryn is walking now."}, true)
	for _, p := range res.Register {
		if p.Name == "Merryn Fell" && (p.Role != RoleOwnChild || !p.Kept()) {
			t.Errorf("the requester's daughter is %q, want %q and kept", p.Role, RoleOwnChild)
		}
	}
	// Their child's birth is their story too; a carer's child's is not.
	suggestWith(t, "Merryn Fell was born on 14/08/2025 at 04:10, weighing 6lb 9oz. Kerra Bowe's birthday is 02/03/2009.",
		[]record.Person{{Name: "Merryn Fell", Role: "other", Relationship: "subject's daughter", DOB: "2025-08-14"},
			{Name: "Kerra Bowe", Role: "other", Relationship: "foster carers' daughter", DOB: "2009-03-02"}},
		[]string{"02/03/2009"}, []string{"Merryn Fell was born on 14/08/2025 at 04:10"}, true)
}

// TestHeadingSaysNothing: a heading that names a relative by a role
// ("5. The stepfather") says nothing of them; the sentences under it do.
func TestHeadingSaysNothing(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "a role heading", text: "Assessment\n4. Robin's views\nRobin wants to stay where she is.\n5. The stepfather\nHe has been in prison twice.",
			cover: []string{"has been in prison twice"}, keep: []string{"5. The stepfather"}},
	})
}

// TestDoneToRequester: what a third party did to the requester — the
// requester the object straight after the act — is the requester's own
// story; the same act done to someone else is the doer's criminal record.
func TestDoneToRequester(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "the requester hit", text: "Marcus Venn punched Robin in the face on Friday. Marcus Venn punched Petra Orme in the face on Saturday.",
			cover: []string{"Marcus Venn", "punched Petra Orme in the face on Saturday"}, keep: []string{"punched Robin in the face on Friday"}},
		{name: "the requester's initials in an incident report", text: "Incident report\nYoung people: Robin Fell (RF), Jethro Wendle (JW)\nJW threw a mug, which hit RF on the arm. Later JW slapped RF across the face.",
			cover: []string{"Jethro Wendle"}, keep: []string{"which hit RF on the arm", "slapped RF across the face"}},
		{name: "a relative's illness shown to the requester", text: "Robin went to see his grandmother on the ward. Gail Fell did not recognise him and asked the nurse who he was.",
			cover: []string{"did not recognise him and asked the nurse who he was"}},
	})
}

// TestFoundByWordsGender: a relative found in the text by a family word
// ("Nanna <name>") has that word's gender, so a "her" later in the sentence
// is theirs before the requester's; a child named as "another child" is
// someone else, not a group with the requester; and the requester's
// clause joined by "and" is theirs though it takes the other person as its
// object ("and <requester> watched her").
func TestFoundByWordsGender(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "a grandmother's own trouble", text: "Saw Robin at home after her dental appointment. She was tired and playing cards. Nanna Joss came by but could not find the front door and a neighbour had to walk her round.",
			cover: []string{"could not find the front door and a neighbour had to walk her round"}, keep: []string{"She was tired and playing cards."}},
		{name: "another child, named", text: "Robin's second week at Ottery Lodge. She went to the pictures on Friday. Another child, Nell Rook, was crying in the dining room and Robin sat beside her quietly.",
			cover: []string{"was crying in the dining room"}, keep: []string{"Robin sat beside her quietly."}},
	})
}

// TestSeparationAndThat: a parent's separation is their private life, and
// a second thing said of the requester after "and that" is the requester's.
func TestSeparationAndThat(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "said two things", text: "Part 3: what the family told us\nMarcus Venn told the review he has been bringing up the children alone since his separation and that Robin practises the piano every night.",
			cover: []string{"since his separation"}, keep: []string{"Robin practises the piano every night."}},
	})
}

// TestStrangulationIsViolence: strangulation, an offence of its own, is a
// third party's criminal record in either reading of a sentence.
func TestStrangulationIsViolence(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{{name: "strangulation",
		doc:   doc("st1", "Robin is settled. Marcus Venn admitted the non-fatal strangulation of his ex-partner in 2019."),
		cover: map[string]string{"the non-fatal strangulation of his ex-partner": "about-criminal", "Marcus Venn admitted the non-fatal strangulation": "tp-criminal"},
		keep:  []string{"Robin is settled."}}})
}

// TestDescribingClause: a clause set off by commas that says who a person
// is (", who shares the unit with <requester>,") does not make what the
// sentence says of them the requester's.
func TestDescribingClause(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "who shares a landing with the requester", text: "Robin has had a good term. Last week Jethro Wendle, who shares a landing with Robin, smashed a window and ran off. Robin told the night staff.",
			cover: []string{"smashed a window and ran off"}, keep: []string{"Robin told the night staff."}},
	})
}

// TestEverydayGivenPair: a given name that is more often a word ("Kit",
// "Mark") with a surname, where a person stands, is a person; the word
// alone, or before an everyday word, is not.
func TestEverydayGivenPair(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "where a person stands", text: "Robin met Kit Arden at the park. Last Tuesday Mark Skelby, who shares the unit with Robin, smashed the window.",
			cover: []string{"Kit Arden", "Mark Skelby"}},
		{name: "words", text: "Robin packed her PE kit and made her mark on the wall. She has hope. She went to Rose Cottage with Mark Street staff.",
			keep: []string{"Robin packed her PE kit and made her mark on the wall. She has hope."}},
	})
}

// TestGroupCompound: "child" in "the child protection register" names a
// thing, not the children of the record, so a parent's own childhood on the
// register is theirs; "the children" are still a group with the requester.
func TestGroupCompound(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{
		{name: "a parent's childhood", doc: doc("gc1", "Birth mother\nGail Fell is Robin's birth mother.\nHer own childhood was hard: she had a child protection plan at seven after her father left."),
			cover: map[string]string{"she had a child protection plan at seven after her father left": "about-relative-story"}},
		{name: "the children", doc: doc("gc2", "Gail Fell and the children went to the park on Sunday."),
			keep: []string{"went to the park on Sunday"}},
	})
}

// TestShortNamesAndSelling: a double given name with a short part
// ("Stacey-Jo") is a given name; selling drugs is dealing them.
func TestShortNamesAndSelling(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{
		{name: "a double name", doc: doc("sn1", "Robin is well. Dad's new partner Lacey-Jo moved in last week."),
			cover: map[string]string{"Lacey-Jo": "tp-name-known"}, keep: []string{"Robin is well."}},
		{name: "selling", doc: doc("sn2", "Robin is well. Marcus Venn has been selling cannabis from the flat."),
			cover: map[string]string{"has been selling cannabis from the flat": "about-criminal"}, keep: []string{"Robin is well."}},
	})
}

// TestTitledRelativeSharingSurname: "Mrs <given> <requester's surname>"
// with a given name no one known has is another member of the family, not
// the requester or a known relative; the requester's own name stays.
func TestTitledRelativeSharingSurname(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{
		{name: "a grandmother", doc: doc("ts1", "I spoke with Robin's grandmother, Mrs Iris Fell, about the plan. Robin Fell was happy with it."),
			cover: map[string]string{"Mrs Iris Fell": "tp-name-known"}, keep: []string{"Robin Fell was happy with it."}},
	})
}

// TestProbedForms: forms found by probing the detector with invented
// sentences — a social media handle, a title with a surname's initial, a
// given name that is also a word owning a relative, drug slang and selling
// sex.
func TestProbedForms(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{
		{name: "a handle", doc: doc("pf1", "Robin is well. Marcus's Snapchat is @mvenn_88 and he has been messaging Robin."),
			cover: map[string]string{"@mvenn_88": "id-social-handle"}, keep: []string{"Robin is well."}},
		{name: "a title and an initial", doc: doc("pf2", "Robin told me about her old foster carer, Mrs P, who used to shout."),
			cover: map[string]string{"Mrs P": "tp-name-known"}},
		{name: "an owner of a relative", doc: doc("pf3", "Robin stayed at the flat. Hazel's mum is a prostitute, Robin said."),
			cover: map[string]string{"Hazel": "tp-name-known", "mum is a prostitute": "about-private-life"}},
		{name: "a mate's life in the requester's own message", doc: emailDoc("Robin Fell <robin.fell@example.com>", "Owen Tallis <owen.tallis@northtown.gov.uk>",
			"hi owen\nmy mate shannon got kicked out by her dad and is sofa surfing. i got my exam results today.\nrobin"),
			cover: map[string]string{"got kicked out by her dad and is sofa surfing": "about-private-life"}, keep: []string{"i got my exam results today."}},
		{name: "slang", doc: doc("pf4", "Robin is well. Marcus Venn was off his face on ket at the party."),
			cover: map[string]string{"was off his face on ket at the party": "about-health"}, keep: []string{"Robin is well."}},
	})
}

// TestOfficerFromAgencyCalledToSay: what a partner agency's officer,
// named with where they are from, rang or called to say is the agency's.
func TestOfficerFromAgencyCalledToSay(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{
		{name: "called to say", doc: doc("oc1", "Robin is settled. PC Gethin Penhale from Northshire Police called to say that officers attended the house after neighbours reported shouting."),
			cover: map[string]string{"officers attended the house after neighbours reported shouting": "pa-attribution"}, keep: []string{"Robin is settled."}},
		{name: "rang to report, an officer of a service", doc: doc("oc2", "Robin is settled. Dr Jo Bell of Fellside Surgery rang to report that the results are back."),
			cover: map[string]string{"the results are back": "pa-attribution"}, keep: []string{"Robin is settled."}},
		{name: "a comma after the agency", doc: doc("oc3", "Robin is settled. PC Gethin Penhale of Northshire Police, rang to say that a car was seen outside."),
			cover: map[string]string{"a car was seen outside": "pa-attribution"}, keep: []string{"Robin is settled."}},
	})
}

// TestParticlesAndMarks: a surname runs on through its particles ("Ní",
// "Mac", "van der"), so its end is not left behind the redaction of its
// start; a given name written with its marks is found though the list
// holds it in plain letters; a police paper's "SURNAME Given" is a person.
func TestParticlesAndMarks(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{
		{name: "particles", doc: doc("pm1", "Robin met Siobhán Ní Bhriain at the centre. Seán Mac Giolla Phádraig came later. Mr van der Berg complained."),
			cover: map[string]string{"Siobhán Ní Bhriain": "tp-name-known", "Seán Mac Giolla Phádraig": "tp-name-known", "Mr van der Berg": "tp-name-known"}},
		{name: "marks", doc: doc("pm2", "Robin stayed with Małgorzata Wiśniewska on Friday. Ms Le was interpreting. Anfonwyd at y Tîm Gofal yn Ysgol y Dref."),
			cover: map[string]string{"Małgorzata Wiśniewska": "tp-name-known", "Ms Le": "tp-name-known"}, keep: []string{"Tîm Gofal"}},
		{name: "a surname first in capitals", doc: doc("pm3", "Robin told staff. TREWIN Callan was arrested at the flat on Friday. TREWIN was bailed. FELL Robin was not. The NHS Trust and CAMHS Kirsty were told."),
			cover: map[string]string{"TREWIN": "tp-name-known", "Callan": "tp-name-known"}, keep: []string{"FELL Robin", "NHS Trust", "CAMHS"}},
	})
}

// TestKnownAs: people a note knows only by a street name ("two men known
// only as <Name> and <Name>") are people; a building known as one is not.
func TestKnownAs(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{
		{name: "known only as", doc: doc("ka1", "Robin was with two men known only as Smiley and Gizmo. The flat is known as Ottery Lodge."),
			cover: map[string]string{"Smiley": "tp-name-known", "Gizmo": "tp-name-known"}, keep: []string{"Ottery Lodge"}},
	})
}

// TestSomeoneElsesChild: "their daughter <Name>, who has cerebral palsy":
// someone else's child is a person though their name is also a word, the
// relative clause after the name is about them, and the condition is
// health.
func TestSomeoneElsesChild(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{
		{name: "the carers' daughter", doc: doc("sc1", "Robin spent Christmas with the Pellings and their daughter Juniper, who has cerebral palsy."),
			cover: map[string]string{"Juniper": "tp-name-known", "who has cerebral palsy": "about-health"}, keep: []string{"Robin spent Christmas with the Pellings"}},
	})
}

// TestEponymIsNoPerson: a given name between an article and a noun names a
// kind of thing ("a Moses basket"), not a person; a name alone is one.
func TestEponymIsNoPerson(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "a basket and a sponge", text: "Robin's baby sleeps in a Moses basket and she bakes a Victoria sponge every Sunday.",
			keep: []string{"a Moses basket", "a Victoria sponge"}},
		{name: "a person", text: "Robin went to the park with Moses.", cover: []string{"Moses"}},
	})
}

// A name with a school's or a clinic's title after it ("Designated
// Teacher", "Looked After Children Nurse") is another organisation's
// officer, and what they report is their agency's.
func TestTeacherAndNurseTitles(t *testing.T) {
	review := "Review\nReports received: Mrs Ondine Prass, Designated Teacher, Kelby Academy; Noor Vesey, Looked After Children Nurse.\nEducation\nMrs Prass reports that Robin's attendance is 95% this term.\nHealth\nNoor Vesey reports that Robin's immunisations are up to date.\nDecisions\n1. Robin to stay in her placement."
	runGeneral(t, []generalCase{
		{name: "a designated teacher and a looked-after children's nurse", text: review,
			cover: []string{"Mrs Prass reports that Robin's attendance is 95% this term.", "Noor Vesey reports that Robin's immunisations are up to date."},
			keep:  []string{"1. Robin to stay in her placement."}},
	})
}

// "Class A." before a word that opens sentences ends the sentence: the
// letter is no initial, and a third party's arrest after it is no part of
// the requester's.
func TestLetterBeforeSentenceOpener(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "class A", text: "Robin was arrested at 23:10 for possession of Class A. Also arrested: Wayne Brannan (19), who was remanded in custody.",
			cover: []string{"Wayne Brannan"}, keep: []string{"Robin was arrested at 23:10 for possession of Class A."}},
		{name: "an initial before a surname stays", text: "Robin saw M. Venn at the shop. Also there was Petra.", cover: []string{"M. Venn"}},
	})
}

// TestCareAcronymsAreNoInitials: a care record's acronyms for services,
// orders and assessments (the packs' initialisms) are no one's initials,
// even where a person would stand ("EDT agreed …").
func TestCareAcronymsAreNoInitials(t *testing.T) {
	runGeneral(t, []generalCase{{name: "acronyms in a person's place",
		text: "EDT agreed Robin must stay with his carers tonight. OOH rang back at 02:00. DSL confirmed the plan.",
		keep: []string{"EDT agreed Robin must stay with his carers tonight.", "OOH rang back at 02:00.", "DSL confirmed the plan."}},
		{name: "a school subject and a CV",
			text: "Robin wrote: My best lessons are art, DT and Urdu. He is writing a CV and needs a DBS check.",
			keep: []string{"art, DT and Urdu", "writing a CV and needs a DBS check"}}})
}

// TestClippedBalticName: a relative with a Lithuanian given name called by
// its clipped form, ending kept ("Tautvydas" → "Tautas"), is that
// relative: suggested, as the packs' short forms are, for the officer to
// confirm.
func TestClippedBalticName(t *testing.T) {
	text := "Robin visited his mum. Tautvydas (10) was there after school.\nGail said Tautas has been excluded twice this year."
	r := generalRecord(doc("c1", text))
	r.Persons = append(r.Persons, record.Person{Name: "Tautvydas Venn", Role: "sibling", Relationship: "half-brother"})
	res, err := Suggest(r, mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkCoverKeep(t, text, res, []string{"Tautvydas"}, []string{"Robin visited his mum."}, true)
	label := ""
	for _, s := range res.Suggestions {
		if s.Text == "Tautvydas" {
			label = s.PersonLabel
		}
	}
	ok := false
	for _, s := range res.Suggestions {
		ok = ok || s.Text == "Tautas" && s.PersonLabel == label && label != ""
	}
	if !ok {
		t.Errorf("the clipped name is not suggested as the half-brother's:\n%s", listSuggestions(res))
	}
}
