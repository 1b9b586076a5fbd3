package suggest

import (
	"maps"
	"strings"
	"testing"

	"github.com/disclose-sar/disclose/internal/record"
)

func TestAgencySections(t *testing.T) {
	minute := "Northtown Council Children's Services\nCore Group Minute\nSocial work report\nRobin is settled and eating well. Robin told me he likes his new room.\n" +
		"Southshire Police\nSouthshire Police have recorded four incidents at the address. Officers found the children alone.\n" +
		"Health\nThe health visitor reported that the baby missed two checks.\n" +
		"Education\nThe deputy head reported that Robin was late on 20 days.\n" +
		"Robin's views\nRobin said he wants to see his mum on Sundays.\nDecision\nA referral will be made to CAMHS."
	review := "Looked After Review\nHealth\nRobin's health assessment is up to date. He asked to see someone about his worries.\n" +
		"Education\nRobin is in Year 9 at Westbrook Academy and enjoys drama.\nDecisions\nA referral to CAMHS will be discussed with Robin's GP."
	chron := "Chronology\n03/02/2015 SOUTHSHIRE POLICE: officers attend a disturbance; Marcus Venn arrested.\n04/02/2015 Robin moves to his aunt.\n05/02/2015 Health visitor: baby weighed and well."
	runGeneral(t, []generalCase{
		{name: "agency headings in minutes", text: minute,
			cover: []string{"Officers found the children alone.", "the baby missed two checks.", "Robin was late on 20 days."},
			keep:  []string{"Robin is settled and eating well.", "Robin told me he likes his new room.", "Robin said he wants to see his mum on Sundays.", "A referral will be made to CAMHS."}},
		{name: "council's own generic headings", text: review,
			keep: []string{"Robin's health assessment is up to date.", "Robin is in Year 9 at Westbrook Academy and enjoys drama.", "A referral to CAMHS will be discussed with Robin's GP."}},
		{name: "speaker labels after dates", text: chron,
			cover: []string{"officers attend a disturbance", "baby weighed and well."},
			keep:  []string{"04/02/2015 Robin moves to his aunt."}},
	})
}

func TestAgencySectionNotInTableCells(t *testing.T) {
	d := cellsDoc("g1", "Core Group Minute\nDate\n3 May 2022\nPresent\nPolice Scotland\nDC 4410\nHealth visitor\nNorthtown Trust\nSummary\nRobin is doing well at home.", 4, 8)
	res, err := Suggest(generalRecord(d), mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range res.Suggestions {
		if s.Category == "partner_agency" {
			t.Errorf("attendee table: %s suggested %q", s.RuleID, s.Text)
		}
	}
}

func TestAttributionFrames(t *testing.T) {
	text := "Home visit\nRobin showed me his room. The GP practice confirmed that Gail Fell is prescribed a daily dose. " +
		"Her teacher says Robin is much more settled. Police were told about the move. " +
		"A referral to CAMHS will be discussed with Robin's GP.\nthe school say he is often hungry."
	runGeneral(t, []generalCase{
		{name: "frames", text: text,
			cover: []string{"The GP practice confirmed that Gail Fell is prescribed a daily dose.", "the school say he is often hungry."},
			keep:  []string{"Robin showed me his room.", "Her teacher says Robin is much more settled.", "Police were told about the move.", "A referral to CAMHS will be discussed with Robin's GP."}},
		{name: "after a note's lead-in and a colon", text: "Note of a call with the Westbrook SENCO: school report that Robin has been late four times.\nNext visit: Robin wants to bake.",
			cover: []string{"school report that Robin has been late four times."},
			keep:  []string{"Note of a call with the Westbrook SENCO", "Next visit: Robin wants to bake."}},
	})
}

// provenanceDoc runs one invented document through Suggest and returns the
// partner-agency suggestions of whole-document scope.
func provenanceDoc(t *testing.T, d record.Document, more ...record.Document) (whole []Suggestion, res *Result) {
	t.Helper()
	res, err := Suggest(generalRecord(append([]record.Document{d}, more...)...), mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range res.Suggestions {
		if s.DocID == d.ID && s.Scope == ScopeDocument && s.Category == "partner_agency" {
			whole = append(whole, s)
		}
	}
	return whole, res
}

// emailToOwen is an e-mail to the invented social worker of generalRecord.
func emailToOwen(id, name, addr, body string) record.Document {
	d := doc(id, "From: "+name+" <"+addr+">\nTo: Owen Tallis <owen.tallis@northtown.gov.uk>\nSubject: Robin\n"+body)
	d.Format = record.FormatEmail
	d.Email = &record.Email{From: []record.Address{{Name: name, Email: addr}}, To: []record.Address{{Name: "Owen Tallis", Email: "owen.tallis@northtown.gov.uk"}}}
	return d
}

func TestDocumentSource(t *testing.T) {
	email := emailToOwen
	council := email("c1", "Owen Tallis", "owen.tallis@northtown.gov.uk", "Robin is well.")
	tests := []struct {
		name  string
		d     record.Document
		whole bool
	}{
		{"school letterhead", doc("d1", "Westbrook Academy – CONFIDENTIAL\nPupil report\nRobin's attendance is 80%."), true},
		{"footer names a hospital", func() record.Document {
			d := doc("d2", "Assessment\nRobin presents with low mood.\nClinical Psychology, Westbrook Royal Infirmary")
			d.Blocks[len(d.Blocks)-1].Kind = record.BlockFooter
			return d
		}(), true},
		{"council head before a school's name", doc("d3", "Northtown Council Children's Services\nWestbrook Academy – visit notes\nRobin likes maths."), false},
		{"school named in a sentence", doc("d4", "Visit notes\nRobin started at Westbrook Academy in May."), false},
		{"sender named as a school", email("e1", "Westbrook Primary School Office", "office@westbrook-primary.example.org", "Robin came without lunch."), true},
		{"sender's domain names the NHS", email("e2", "Clinic Admin", "clinic.admin@nhs-southshire.example", "Robin was seen."), true},
		{"a relative's own address", email("e3", "Petra Orme", "petra.orme@example.net", "Robin can stay with me."), false},
		{"partner folder", func() record.Document {
			d := doc("d5", "Notes\nRobin was seen.")
			d.Path = "shared/partner-info/notes.txt"
			return d
		}(), true},
		{"review folder", func() record.Document {
			d := doc("d6", "Notes\nRobin was seen.")
			d.Path = "shared/reviews/notes.txt"
			return d
		}(), false},
		// A looked-after child's health assessment on a health letterhead
		// is health information from a health professional, by default
		// (TestCarePlanHealthAssessment: a council may list its title).
		{"health assessment on a health letterhead", func() record.Document {
			d := doc("d7", "Westbrook University Health Board - Children's Health Team\nReview Health Assessment\nRobin is growing well.")
			d.Path = "shared/health/rha.txt"
			return d
		}(), true},
		// A spreadsheet's rows are records: one that mentions a surgery's
		// letter is no letterhead; a title row of one cell can be.
		{"chronology row mentions a surgery", sheetDoc("s1", "Sheet: Chronology",
			"Date: 02/03/2016; Event: Letter from Dr Hale, Westbrook Surgery, about Robin's asthma",
			"Date: 05/05/2016; Event: Robin started at the youth club"), false},
		{"sheet titled by a force", sheetDoc("s2", "Sheet: Log",
			"Westbrook Police – incident log", "Date: 02/03/2016; Event: call to the house"), true},
		{"a GP's letter in the same folder", func() record.Document {
			d := doc("d8", "Westbrook University Health Board\nLetter from the GP\nRobin was seen.")
			d.Path = "shared/health/gp.txt"
			return d
		}(), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			whole, _ := provenanceDoc(t, tt.d, council)
			if got := len(whole) > 0; got != tt.whole {
				t.Errorf("withheld whole = %v, want %v (%v)", got, tt.whole, whole)
			}
		})
	}
}

func TestAgencySenderIsNoPerson(t *testing.T) {
	d := doc("e1", "From: Southshire CAMHS Team <camhs.team@nhs-southshire.example>\nSubject: Robin\nPlease find the report attached.")
	d.Format = record.FormatEmail
	d.Email = &record.Email{From: []record.Address{{Name: "Southshire CAMHS Team", Email: "camhs.team@nhs-southshire.example"}}}
	note := doc("n1", "Review\nRobin was referred to Southshire CAMHS and goes every week.")
	_, res := provenanceDoc(t, d, note)
	for _, p := range res.Register {
		if strings.Contains(p.Name, "CAMHS") {
			t.Errorf("register holds the agency %q as a person", p.Name)
		}
	}
	for _, s := range res.Suggestions {
		if s.DocID == "n1" {
			t.Errorf("council note: %s suggested %q", s.RuleID, s.Text)
		}
	}
}

func TestQuotedAgencyMessage(t *testing.T) {
	fw := "From: Owen Tallis <owen.tallis@northtown.gov.uk>\nSubject: FW: Robin\n\nSee below.\nI will see Robin on Friday.\n\n" +
		"-----Original Message-----\nFrom: Westbrook High School Office <office@westbrook-high.example.org>\nSent: 3 May 2022\n\nRobin has missed nine days this term."
	runGeneral(t, []generalCase{
		{name: "forwarded school message", text: fw,
			cover: []string{"Robin has missed nine days this term."},
			keep:  []string{"I will see Robin on Friday."}},
	})
}

// Who wrote a document, read from its words: an author line or sign-off
// naming a partner officer makes it that agency's; in minutes, a bare
// heading of an agency whose officer attended and speaks first under it is
// that agency's contribution, and the council's own topic heading stays
// though the same agency attended.
func TestAuthorsAndAttendees(t *testing.T) {
	expert := "ASSESSMENT OF ATTACHMENT\nconcerning Robin Fell\nby Dr Ines Pardo, Clinical Psychologist\n\n1. Findings\nRobin presents as anxious in new places."
	letter := "Westgate Learning Trust\n\n12 March 2019\n\nDear Ms Fell\n\nRobin was sent home for two days after a fight at lunch.\n\nYours sincerely\n\nT Abbot\nDesignated Safeguarding Lead"
	councilLetter := "Northtown Council Children's Services\n\nDear Robin\n\nWe met the school about your plan.\n\nOwen Tallis\nSocial Worker\ncc: Designated Safeguarding Lead"
	minute := "Strategy Discussion\nPresent: Owen Tallis (SW), DC Lake (Police), Health Visitor Una Moss, Mrs Ivey (School)\n\n" +
		"Health (shared by the health visitor)\nUna Moss reported the baby missed two checks.\n\n" +
		"School\nMrs Ivey said Robin's attendance has dropped to 75%.\n\nDecision\nOwen Tallis will visit Robin at school tomorrow."
	review := "Looked After Review\nPresent: Robin, Owen Tallis (SW), Mrs Ivey (School), carers\n\n" +
		"School\nRobin is in Year 5 and enjoys reading with her carer.\n\nPlan\nRobin will keep her place at the school."
	runGeneral(t, []generalCase{
		{name: "expert's report", text: expert, cover: []string{"Robin presents as anxious in new places."}},
		{name: "letter signed by a school's officer", text: letter, cover: []string{"Robin was sent home for two days"}},
		{name: "a council letter copied to an officer", text: councilLetter, keep: []string{"We met the school about your plan."}},
		{name: "minutes: each agency's section", text: minute,
			cover: []string{"the baby missed two checks.", "attendance has dropped to 75%."},
			keep:  []string{"Owen Tallis will visit Robin at school tomorrow."}},
		{name: "review: the council's own school section", text: review,
			keep: []string{"Robin is in Year 5 and enjoys reading with her carer.", "Robin will keep her place at the school."}},
	})
}

// Multi-agency meetings on domestic abuse are the police's partnership:
// their minutes are withheld as theirs.
func TestMultiAgencyRiskMinutes(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "risk conference minutes", text: "MARAC Meeting Minutes\nCase 9\nRisk level: high\nActions: the IDVA will contact the victim.",
			cover: []string{"Actions: the IDVA will contact the victim."}},
	})
}

// TestAuthorByWhoTheyAre: a document is a partner agency's when its author
// cue stands alone with the author on the next line (a form's cells), or
// when its sign-off names someone the register knows as a partner
// officer, though the line gives no title; a section whose heading
// credits an agency ("(completed by school)") is the agency's, table and
// all, and so is one headed by an officer's comments. Invented names.
func TestAuthorByWhoTheyAre(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "author cue alone on its line",
			text:  "Report to Review Conference\nPrepared by\nDr Ines Pardo, Clinical Psychologist\nDate\n3 May 2016\nFindings\nRobin presents as anxious in new places.",
			cover: []string{"Robin presents as anxious in new places."}},
		{name: "an officer's comments",
			text:  "Personal Education Plan\nSection 1: Robin's views\nI like drama and art.\nSection 2: Designated teacher's comments\nRobin's attendance this term is 91%.\nSection 3: Actions\nRobin to join the drama club.",
			cover: []string{"Robin's attendance this term is 91%."},
			keep:  []string{"I like drama and art.", "Robin to join the drama club."}},
	})

	d := cellsDoc("c1", "Personal Education Plan\nSection 1: Robin's views\nI like drama and art.\nSection 2: Progress (completed by school)\nSubject\nGrade\nMaths\nGrade 4, working well\nSection 3: Actions\nRobin to join the drama club.", 4, 8)
	res, err := Suggest(generalRecord(d), mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	covered := func(phrase string) bool {
		i := strings.Index(d.Text, phrase)
		for _, s := range res.Suggestions {
			if s.Category == "partner_agency" && s.Start <= i && i+len(phrase) <= s.End {
				return true
			}
		}
		return false
	}
	if !covered("Grade 4, working well") {
		t.Errorf("credited section's table not withheld:\n%s", listSuggestions(res))
	}
	for _, k := range []string{"I like drama and art.", "Robin to join the drama club."} {
		if covered(k) {
			t.Errorf("%q withheld as partner material", k)
		}
	}

	rec := generalRecord(doc("s1", "Exclusion\n\n12 March 2019\n\nDear Ms Fell\n\nRobin was sent home for two days after a fight at lunch.\n\nYours sincerely\n\nTamsin Abbot"))
	rec.Persons = append(rec.Persons, record.Person{Name: "Tamsin Abbot", Role: "professional", Relationship: "Designated Safeguarding Lead", Agency: "Our Lady of the Vale Catholic Primary School"})
	res, err = Suggest(rec, mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	whole := false
	for _, s := range res.Suggestions {
		whole = whole || s.Scope == ScopeDocument && s.Category == "partner_agency"
	}
	if !whole {
		t.Errorf("a letter signed by a known partner officer is not withheld:\n%s", listSuggestions(res))
	}
}

// cellsDoc is doc with blocks [from, to) made table cells.
func cellsDoc(id, text string, from, to int) record.Document {
	d := doc(id, text)
	for i := from; i < to && i < len(d.Blocks); i++ {
		d.Blocks[i].Kind = record.BlockTableCell
	}
	return d
}

// An e-mail from a partner agency's worker whom the register knows is
// their agency's, though the address is on a domain no pack names.
func TestPartnerWorkerSender(t *testing.T) {
	email := emailToOwen
	for _, tc := range []struct {
		name  string
		d     record.Document
		whole bool
	}{
		{"a health visitor on an unlisted domain", email("e1", "Nia Pell", "nia.pell@mail.example.org", "I visited today; the baby has lost weight."), true},
		{"the council's own worker", email("e2", "Owen Tallis", "owen.tallis@northtown.gov.uk", "Robin is well."), false},
		{"a relative", email("e3", "Petra Orme", "petra.orme@mail.example.org", "Robin can stay with me."), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := generalRecord(tc.d, email("c1", "Owen Tallis", "owen.tallis@northtown.gov.uk", "Robin is well."))
			rec.Persons = append(rec.Persons, record.Person{Name: "Nia Pell", Role: "professional", Relationship: "Health Visitor", Agency: "Westbrook Health Board"})
			res, err := Suggest(rec, mustRules(t), Options{})
			if err != nil {
				t.Fatal(err)
			}
			whole := false
			for _, s := range res.Suggestions {
				whole = whole || s.DocID == tc.d.ID && s.Scope == ScopeDocument && s.Category == "partner_agency"
			}
			if whole != tc.whole {
				t.Errorf("withheld whole = %v, want %v", whole, tc.whole)
			}
		})
	}
}

// A looked-after child's health assessment on a health letterhead is
// health information from a health professional: by default it is
// withheld whole for the council to consult them. A council that lists the
// assessment's title in care-plan-titles gives it as the child's own care
// record: the child's story stays, their relatives' health and the staff's
// names go one by one.
func TestCarePlanHealthAssessment(t *testing.T) {
	text := "Westbrook University Health Board - Children's Health Team\nInitial Health Assessment\n" +
		"Assessed by: Nerys Oakhill, Children's Nurse\nFamily history\nMother: depression. Stepfather: alcohol dependence.\n" +
		"Robin\nRobin had eczema as a baby and uses a cream when it flares.\nRobin said he gets headaches when he is worried.\n" +
		"Recommendations\nRegister with a dentist.\nNerys Oakhill RGN"
	d := doc("h1", text)
	d.Path = "shared/health/iha.txt"
	res, err := Suggest(generalRecord(d), mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	whole := false
	for _, s := range res.Suggestions {
		whole = whole || s.Scope == ScopeDocument && s.Category == "partner_agency" && s.Action == ActionWithhold
	}
	if !whole {
		t.Errorf("by default the health assessment is not withheld whole: %v", res.Suggestions)
	}

	set := *mustRules(t)
	set.Lists = maps.Clone(set.Lists)
	set.Lists["care-plan-titles"] = []string{"initial health assessment", "review health assessment"}
	res, err = Suggest(generalRecord(d), &set, Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkCoverKeep(t, text, res, []string{"Nerys Oakhill", "depression", "alcohol dependence"},
		[]string{"Robin had eczema as a baby and uses a cream when it flares.", "Robin said he gets headaches when he is worried.", "Register with a dentist."}, false)
}

// An agency's staff titles (the partner-agencies pack's agency-staff
// lists) make a person another organisation's, even where a council title
// is a prefix of theirs ("Head of Year" against the council's "Head of").
func TestAgencyStaffTitleMakesPartnerStaff(t *testing.T) {
	text := "Strategy meeting\nPresent\nMr Gareth Rowse, Head of Year 9, Westbrook High School\nOwen Tallis, Social Worker\nRobin is attending school most days."
	res, err := Suggest(generalRecord(doc("m1", text)), mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkCoverKeep(t, text, res, []string{"Gareth Rowse"}, []string{"Owen Tallis, Social Worker", "Robin is attending school most days."}, true)
}

// sheetDoc makes a spreadsheet's document: a heading naming the sheet,
// then one table-cell block a row, as the workbook reader writes them.
func sheetDoc(id, heading string, rows ...string) record.Document {
	d := doc(id, heading+"\n"+strings.Join(rows, "\n"))
	d.Format = record.FormatSpreadsheet
	d.Blocks = []record.Block{{Kind: record.BlockHeading, Start: 0, End: len(heading)}}
	at := len(heading) + 1
	for _, r := range rows {
		d.Blocks = append(d.Blocks, record.Block{Kind: record.BlockTableCell, Start: at, End: at + len(r)})
		at += len(r) + 1
	}
	return d
}
