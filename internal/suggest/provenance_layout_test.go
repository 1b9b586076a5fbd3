package suggest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/disclose-sar/disclose/internal/record"
)

// Minutes of multi-agency meetings set out by label, by a line ending in a
// colon, or as a table: what each agency said goes, the council's own
// sections stay. The texts are invented and differ from what the
// synthetic generator writes.
func TestMinutesLayouts(t *testing.T) {
	labels := "Core group meeting\n" +
		"Attendees: Owen Tallis (Social Worker), PC Dana Ruell (Eastshire Police), Kit Arlow (School Nurse)\n" +
		"Social work: Robin has started a drama club and says it is fun.\n" +
		"Eastshire Police: Two reports of a car parked outside at night were received in March.\n" +
		"The registration was traced to a hire firm in another county.\n" +
		"Health: Robin was weighed and measured in May and his eyesight was checked.\n" +
		"Robin's views: Robin asked for more pocket money and a later bedtime.\n" +
		"Decision: The plan continues unchanged until the next meeting."
	colons := "Strategy meeting\nDate: 4 June\nVenue: Northtown office\nChair: Owen Tallis\n" +
		"Present: Owen Tallis (Social Worker), DS Ula Brent (Eastshire Police), Mr Ivo Pask (Head of Year)\n" +
		"Eastshire Police:\nA neighbour called about raised voices on a Sunday evening in June.\n" +
		"Education:\nRobin has missed eleven sessions this half term, mostly on Fridays.\n" +
		"Outcome:\nRobin will be seen at home within a week by the allocated worker."
	review := "Looked after review\n" +
		"Present: Owen Tallis (Social Worker), Kit Arlow (School Nurse)\n" +
		"Health\nRobin's dental check is booked and his inhalers are in date.\n" +
		"Education\nRobin is moving up to the top set for English next term.\n" +
		"Decisions\nThe placement continues."
	runGeneral(t, []generalCase{
		{name: "labels: the paragraphs after an agency's label, a bare word in minutes set out by agency", text: labels,
			cover: []string{"Two reports of a car parked", "The registration was traced to a hire firm in another county.",
				"Robin was weighed and measured in May and his eyesight was checked."},
			keep: []string{"Robin has started a drama club and says it is fun.", "Robin asked for more pocket money and a later bedtime.",
				"The plan continues unchanged until the next meeting."}},
		{name: "a label alone on its line heads its section, and the next one ends it", text: colons,
			cover: []string{"A neighbour called about raised voices on a Sunday evening in June.",
				"Robin has missed eleven sessions this half term, mostly on Fridays."},
			keep: []string{"Robin will be seen at home within a week by the allocated worker."}},
		{name: "a review's fields lay nothing out: an agency's paragraph holds only itself", text: "Looked after review\n" +
			"Chair: Owen Tallis, Social Worker\n" +
			"Present: Robin; Kit Arlow, School Nurse\n" +
			"The school's report says: Robin has settled in Year 9.\n" +
			"Staying safe\n" +
			"Police update: officers are still looking into the flat above the bookmaker and two other boys were found there.\n" +
			"Robin has joined the boxing club and goes twice a week.\n" +
			"Decisions\nThe placement continues.",
			cover: []string{"officers are still looking into the flat above the bookmaker"},
			keep:  []string{"Robin has joined the boxing club and goes twice a week."}},
		{name: "a form's part named for the requester's health is theirs", text: "Child Permanence Report\nPart A: About Robin\nRobin loves the swings.\n" +
			"Part B: Robin's health\nRobin's asthma is well controlled with an inhaler.\nHer eyes were tested in March.\nPart C: Robin's development\nRobin is reading on her own now.",
			keep: []string{"Robin's asthma is well controlled with an inhaler.", "Her eyes were tested in March."}},
		{name: "a review's own Health section stays though a nurse attended", text: review,
			keep: []string{"Robin's dental check is booked and his inhalers are in date.", "Robin is moving up to the top set for English next term.",
				"The placement continues."}},
	})
}

// A table of agencies and what each said: the cell after the agency's
// name is the agency's; a cell after a name is no one's contribution.
func TestMinutesTableOfAgencies(t *testing.T) {
	rows := [][2]string{
		{"Kit Arlow", "School Nurse"},
		{"Agency", "Information shared"},
		{"Eastshire Police (not for onward sharing)", "Officers visited twice in April and found no one at home."},
		{"Social work", "Robin is happy at home and has joined a choir."},
	}
	var b strings.Builder
	b.WriteString("Strategy meeting record\n")
	d := record.Document{ID: "t1", Location: "loc", Path: "t1.docx", Format: record.FormatText}
	for r, row := range rows {
		for c, cell := range row {
			s := b.Len()
			b.WriteString(cell)
			d.Blocks = append(d.Blocks, record.Block{Kind: record.BlockTableCell, Start: s, End: b.Len(), Label: "r" + string(rune('1'+r)) + "c" + string(rune('1'+c))})
			b.WriteByte('\n')
		}
	}
	d.Blocks = append([]record.Block{{Kind: record.BlockHeading, Start: 0, End: len("Strategy meeting record")}}, d.Blocks...)
	s := b.Len()
	b.WriteString("Decision: the plan stays as it is.")
	d.Blocks = append(d.Blocks, record.Block{Kind: record.BlockParagraph, Start: s, End: b.Len()})
	d.Text = b.String()
	res, err := Suggest(generalRecord(d), mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkCoverKeep(t, d.Text, res, []string{"Officers visited twice in April and found no one at home."},
		[]string{"Robin is happy at home and has joined a choir.", "School Nurse"}, false)
}

// A PDF's lines have no blank line between an attendance list and the
// next section: the list ends at the heading, and a sentence is no
// attendee's name.
func TestAttendeesOfWrappedLines(t *testing.T) {
	text := "Review record\nPresent\nRobin (first hour), Owen Tallis (Social Worker), Kit Arlow (School Nurse),\n" +
		"form tutor (by phone). Gail Fell sent apologies.\nHealth\nAn eye test was done at school on the second visit and glasses\n" +
		"were ordered.\nEducation\nRobin sat his mock exams in the hall with extra time."
	d := doc("w1", text)
	for i := range d.Blocks {
		d.Blocks[i].Kind = record.BlockLine
	}
	e := newEngine(generalRecord(d), mustRules(t), Options{})
	c := &docCtx{e: e, idx: 0, d: &e.rec.Documents[0]}
	got := c.attendees()
	if len(got["health"]) != 1 || got["health"][0] != "Kit Arlow" || len(got["education"]) != 0 {
		t.Errorf("attendees() = %q, want only Kit Arlow, for health", got)
	}
	for _, tc := range []struct{ item, term, want string }{
		{"Mrs J. Okoro (Designated Safeguarding Lead", "designated safeguarding lead", "Mrs J. Okoro"},
		{"An eye test was done at school on the second visit", "school", ""},
		{"Health Visitor Jo Lo", "health visitor", "Jo Lo"},
	} {
		if got := attendeeName(tc.item, tc.term); got != tc.want {
			t.Errorf("attendeeName(%q) = %q, want %q", tc.item, got, tc.want)
		}
	}
}

func TestLabelledAndColonHeadings(t *testing.T) {
	for _, tc := range []struct {
		s             string
		label, header bool
	}{
		{"Decision: the plan continues.", true, false},
		{"Robin's views: wants a bike.", true, false},
		{"Outcome:", false, true},
		{"Police:", false, true},
		{"At 10:30 the meeting ended.", false, false},
		{"Robin said that the plan was fine for now:", false, false},
		{"Section C - Virtual School (Owen Tallis)", false, true},
		{"Robin went to the dentist (again)", false, true},
		{"He said he was fine (he was not).", false, false},
		{"He went home (with mum, at last)", false, false},
	} {
		if got := labelled(tc.s); got != tc.label {
			t.Errorf("labelled(%q) = %v, want %v", tc.s, got, tc.label)
		}
		if got := headingLike(tc.s, ""); got != tc.header {
			t.Errorf("headingLike(%q) = %v, want %v", tc.s, got, tc.header)
		}
	}
}

// A youth justice report with no letterhead is the service's by its
// signer's title, in the forms services use for their officers.
func TestYouthJusticeSignerTitles(t *testing.T) {
	for _, title := range []string{"YOT Officer", "Youth Justice Officer", "Youth Offending Team Officer"} {
		d := doc("yj1", "Panel progress report\nYoung person: Robin Fell\nRobin has finished the victim awareness sessions.\n\nTam Ridley\n"+title)
		whole, _ := provenanceDoc(t, d)
		if len(whole) == 0 {
			t.Errorf("report signed %q not withheld as a partner's document", title)
		}
	}
}

// TestAttendanceTable: minutes that list who attended in a table ("Name |
// Role | Agency") with no "Present:" label: an officer of a partner agency
// in it is partner staff, and the bare heading of their agency's kind in
// minutes set out by agency is that agency's section. Every name is
// invented.
func TestAttendanceTable(t *testing.T) {
	var b strings.Builder
	d := record.Document{ID: "t2", Location: "loc", Path: "t2.docx", Format: record.FormatText}
	para := func(kind record.BlockKind, s string) {
		st := b.Len()
		b.WriteString(s)
		d.Blocks = append(d.Blocks, record.Block{Kind: kind, Start: st, End: b.Len()})
		b.WriteByte('\n')
	}
	para(record.BlockHeading, "Strategy discussion")
	for r, row := range [][3]string{{"Name", "Role", "Agency"}, {"Owen Tallis", "Social Worker", "Northtown Council"},
		{"Hester Quarmby", "Headteacher", "Larchfield Primary School"}, {"DC Amos Verity", "Detective Constable", "Eastshire Police"}} {
		for c, cell := range row {
			st := b.Len()
			b.WriteString(cell)
			d.Blocks = append(d.Blocks, record.Block{Kind: record.BlockTableCell, Start: st, End: b.Len(), Label: fmt.Sprintf("r%dc%d", r+1, c+1)})
			b.WriteByte('\n')
		}
	}
	para(record.BlockHeading, "Police")
	para(record.BlockParagraph, "Officers attended the address twice in May and spoke to both adults.")
	para(record.BlockHeading, "Education")
	para(record.BlockParagraph, "Robin's attendance is 88% and she is often late on Mondays.")
	para(record.BlockHeading, "Decision")
	para(record.BlockParagraph, "Robin will stay with her aunt while enquiries continue.")
	d.Text = b.String()
	res, err := Suggest(generalRecord(d), mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkCoverKeep(t, d.Text, res, []string{"Hester Quarmby", "Robin's attendance is 88% and she is often late on Mondays."},
		[]string{"Robin will stay with her aunt while enquiries continue.", "Owen Tallis"}, false)
}

// TestHeadingNamesWhereAndWho: a form's section headed by a partner's
// officer's report, with the school and the officer after a comma, is
// withheld up to the next section's heading, which names its writer in
// brackets; the requester's own section and the council's stay.
func TestHeadingNamesWhereAndWho(t *testing.T) {
	runGeneral(t, []generalCase{{
		name: "education plan",
		text: "PERSONAL EDUCATION PLAN\nSection A - Pupil voice\nI like art and football.\n" +
			"Section B - Designated Teacher report, Quillerby Academy (Ann Brodie)\n" +
			"Attendance this year is 91% with two exclusions. Robin is working at grade 5 in maths.\n" +
			"Section C - Virtual School (Owen Tallis)\nThe Virtual School will fund a laptop.\n",
		cover: []string{"Attendance this year is 91% with two exclusions.", "Robin is working at grade 5 in maths."},
		keep:  []string{"I like art and football.", "The Virtual School will fund a laptop."},
	}})
}
