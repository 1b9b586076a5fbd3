package synth

import (
	"fmt"
	"os"
	"strings"
)

// hardPages is about how many pages the hard documents of a record of
// pages pages take: one set of them per 150 pages, and a smaller set for a
// record of fewer than 40.
func hardPages(pages int) int {
	if pages < 40 {
		return 3
	}
	return 9 * max(1, pages/150)
}

// hard writes the hard documents: per set, the minutes of a multi-agency
// meeting with partner agencies' sections, partner agencies' own documents,
// a third party's e-mail about their own life and an assessment with a
// genogram. The first set has every kind of partner document.
func (g *gen) hard(pages int, mailbox string) error {
	for _, d := range []string{locShared + "/meetings", locShared + "/partner-info"} {
		if err := os.MkdirAll(g.path(d), 0o755); err != nil {
			return err
		}
	}
	sets := max(1, pages/150)
	small := pages < 40
	for i := 0; i < sets; i++ {
		if err := g.minutes(i); err != nil {
			return err
		}
		kinds := []int{i % 3}
		if i == 0 && !small {
			kinds = []int{0, 1, 2}
		}
		for _, k := range kinds {
			if err := g.partnerDoc(i, k); err != nil {
				return err
			}
		}
		if err := g.thirdPartyEmail(i, mailbox); err != nil {
			return err
		}
		if !small {
			if err := g.relativeLetter(i); err != nil {
				return err
			}
			if err := g.genogram(i); err != nil {
				return err
			}
		}
	}
	return nil
}

// Partner documents: a school's report to conference, a clinical
// psychologist's assessment and a youth justice report, filed where the
// council keeps its own papers (and one in a folder kept for partners'),
// headed or signed in one of several ways. Withheld as a whole.
func (g *gen) partnerDoc(set, kind int) error {
	h := g.c.hard
	s := g.c.subject
	sf := s.first()
	date := g.date(g.r.IntN(100), 100)
	pick := func(opts ...string) string { return opts[g.r.IntN(len(opts))] }
	locs := []string{locShared + "/reviews", locLegal, locShared + "/family time", locShared + "/partner-info", locCase}
	loc := locs[(set+kind)%len(locs)]
	var head, body []string
	var title, ext string
	switch kind {
	case 0: // a school's report to conference
		ext = ".pdf"
		title = pick("Report to the Initial Child Protection Conference", "School report for the child protection review", "Report for the review conference")
		head = []string{pick(h.school, h.school+" - report to conference", "")}
		body = pickSome(g, schoolReport, 4)
		head = append(head, "Pupil: "+s.Name)
		body = append(body, "", h.dsl.Name, pick("Designated Safeguarding Lead", "Head of Year", "Headteacher"))
	case 1: // a clinical psychologist's assessment
		ext = ".docx"
		title = pick("Psychological assessment", "Clinical psychology assessment report", "Assessment of emotional wellbeing")
		head = []string{pick(h.town+" CAMHS - Clinical Psychology", "Clinical Psychology Service, "+h.town+" General Hospital", ""),
			pick("Assessment by Dr "+h.psych.Name+", Clinical Psychologist", "Prepared by: Dr "+h.psych.Name, "Name: "+s.Name)}
		body = pickSome(g, psychReport, 4)
		body = append(body, "Dr "+h.psych.Name, pick("Clinical Psychologist", "Consultant Clinical Psychologist"))
	default: // a youth justice report
		ext = ".pdf"
		title = pick("Referral order panel report", "Report to the youth court", "Progress report - referral order")
		head = []string{pick(h.town+" Youth Justice Service", h.town+" Youth Offending Team", ""),
			pick("Report author: "+h.yj.Name+", Youth Justice Worker", "Young person: "+s.Name)}
		body = pickSome(g, yjReport, 4)
		body = append(body, "", h.yj.Name, pick("Youth Justice Worker", "Youth Offending Team Officer"))
	}
	name := fmt.Sprintf("%s %s%s", strings.ToLower(title), date.Format("2006-01-02"), ext)
	rel := g.rel(loc, name)
	w := g.writer(rel)
	for i, b := range body {
		if strings.HasSuffix(b, ".") {
			body[i] = w.redact(fill(b, sf, g.r.IntN(8)+2, date.AddDate(0, -1, 0).Format("2 January 2006")), catPartner)
		}
	}
	// The letterhead, when there is one, tops the page; the title follows.
	first, paras := title, append([]string{}, head[1:]...)
	if head[0] != "" {
		first, paras = head[0], append([]string{title}, paras...)
	}
	paras = append(paras, body...)
	if ext == ".pdf" {
		got, err := writePDF(g.path(rel), first, paras)
		if err != nil {
			return err
		}
		g.wrote("pdf", got, textLen(paras))
		return nil
	}
	if err := writeDOCX(g.path(rel), first, paras, nil); err != nil {
		return err
	}
	g.wrote("docx", pagesOf(textLen(paras)), textLen(paras))
	return nil
}

func pickSome(g *gen, pool []string, n int) []string {
	var out []string
	for _, i := range g.r.Perm(len(pool))[:min(n, len(pool))] {
		out = append(out, pool[i])
	}
	return out
}

var (
	schoolReport = []string{
		"Attendance this academic year is {pct}% and most absences follow weekends.",
		"{first} is working at the expected standard in maths and below it in reading comprehension.",
		"She is often tired in the morning and has fallen asleep in lessons {n} times since {date}.",
		"She has a small group of friends and has joined the lunchtime art club.",
		"The school will continue to offer breakfast club and a weekly session with the learning mentor.",
		"Her behaviour is good in class but she becomes upset when plans change at short notice.",
	}
	psychReport = []string{
		"{first} presents with symptoms consistent with generalised anxiety and low self-esteem.",
		"On the standardised measures her scores fell in the clinical range for anxiety and the normal range for mood.",
		"She described intrusive memories of arguments at home and avoids talking about them.",
		"I recommend {n} sessions of cognitive behavioural therapy with a review after six.",
		"Her carers would benefit from advice on helping her settle at bedtime.",
	}
	yjReport = []string{
		"{first} has attended {n} of the ten reparation sessions and completed her work at the community garden.",
		"She accepts responsibility for the damage to the bus shelter and has written a letter of apology.",
		"The assessment scores her likelihood of reoffending as low.",
		"The service recommends that the order is allowed to run to its end without further conditions.",
		"She has kept every appointment with her case worker since {date}.",
	}
)

// thirdPartyEmail writes a message a relative sent the social worker about
// their own health and life, from their own address: theirs to withhold,
// though it ends with a word for the requester.
func (g *gen) thirdPartyEmail(set int, mailbox string) error {
	from := g.c.family[[]int{famMother, famNan, famAunt}[set%3]]
	sw := g.c.staff[0]
	sf := g.c.subject.first()
	local := strings.ToLower(strings.NewReplacer("'", "", "-", "").Replace(from.first() + "." + surname(from.Name)))
	m := message{
		from: Person{Name: from.Name, Email: fmt.Sprintf("%s%02d@mail.example.com", local, g.r.IntN(100))},
		to:   sw, date: g.date(g.r.IntN(100), 100),
		subject: []string{"Saturday", "sorry about today", "the meeting", "not coming"}[g.r.IntN(4)],
		id:      fmt.Sprintf("tp-%d-%d@mail.example.com", set, g.r.IntN(1e9)),
	}
	rel := g.rel(mailbox, fmt.Sprintf("%s %s.eml", m.date.Format("2006-01-02"), m.subject))
	w := g.writer(rel)
	health := pickSome(g, ownHealth, 2)
	life := pickSome(g, ownLife, 1)
	for i := range health {
		w.redact(health[i], catHealth)
	}
	w.redact(life[0], catOther)
	m.body = "Hi " + sw.first() + ",\n\n" + strings.Join(health, " ") + "\n\n" + life[0] +
		"\n\nCan you tell " + sf + " I love her and I'll ring her on Sunday.\n\n" + from.first()
	if err := writeEML(g.path(rel), m); err != nil {
		return err
	}
	g.wrote("eml", 1, len(m.body))
	return nil
}

// relativeLetter writes a letter a relative sent the social worker, typed
// up on the shared drive: signed at its foot, no header saying who wrote
// it, about their own health and life.
func (g *gen) relativeLetter(set int) error {
	from := g.c.family[[]int{famNan, famFather, famAunt}[set%3]]
	sw := g.c.staff[0]
	sf := g.c.subject.first()
	date := g.date(g.r.IntN(100), 100)
	if err := os.MkdirAll(g.path(locShared+"/letters"), 0o755); err != nil {
		return err
	}
	rel := g.rel(locShared+"/letters", fmt.Sprintf("letter received %s.txt", date.Format("2006-01-02")))
	w := g.writer(rel)
	health := pickSome(g, ownHealth, 2)
	life := pickSome(g, ownLife, 1)
	for i := range health {
		w.redact(health[i], catHealth)
	}
	w.redact(life[0], catOther)
	sign := []string{"Love from", "Yours sincerely,", "Thanks,", "Best wishes"}[g.r.IntN(4)]
	body := fmt.Sprintf("%s\n\nDear %s,\n\nI am writing because I could not get through on the phone.\n\n%s\n\n%s\n\nI still want to see %s at Easter if that is allowed.\n\n%s\n%s\n",
		date.Format("2 January 2006"), sw.first(), strings.Join(health, " "), life[0], sf, sign, from.first())
	if err := os.WriteFile(g.path(rel), []byte(body), 0o644); err != nil {
		return err
	}
	g.wrote("txt", 1, len(body))
	return nil
}

// What a relative writes of their own life, in the first person.
var (
	ownHealth = []string{
		"I've been in a bad way with my nerves since Christmas and the doctor has signed me off work for another month.",
		"I'm on sertraline now and it's starting to help a bit.",
		"I had a fall in the bathroom last week and I'm on crutches till the fracture clinic sees me again.",
		"The hospital found a lump and I'm waiting on the biopsy results.",
		"I've not had a drink for six weeks and I go to my meeting every Thursday.",
	}
	ownLife = []string{
		"Me and my partner have split up for good and he's moved back in with his mum.",
		"I've had to go to the council about the rent arrears and they say we might be evicted.",
		"My sister won't speak to me since the christening and I've nobody to help with the little ones.",
	}
)

// genogram writes an assessment whose family composition lists each
// person with their date of birth and health: the requester's line stays,
// every other line's name, date and conditions go.
func (g *gen) genogram(set int) error {
	s := g.c.subject
	sf := s.first()
	st := g.c.staff[g.r.IntN(len(g.c.staff))]
	date := g.date(g.r.IntN(100), 100)
	title := []string{"Single assessment", "Kinship assessment", "Parenting assessment"}[set%3]
	rel := g.rel(locCase, fmt.Sprintf("%s %s genogram.docx", strings.ToLower(title), date.Format("2006-01-02")))
	w := g.writer(rel)
	// A line a person ("Name — relationship — dob … — conditions"), with
	// or without the relationship, or a table of name, relationship, date
	// of birth and health.
	form := g.r.IntN(3)
	line := func(p Person, relationship, cond string) string {
		if form == 2 {
			return rowMark + strings.Join([]string{p.Name, relationship, dmy(p.DOB), cond}, "\t")
		}
		parts := []string{p.Name}
		if form == 0 {
			parts = append(parts, relationship)
		}
		return strings.Join(append(parts, "dob "+dmy(p.DOB), cond), " — ")
	}
	subjHealth := subjectHealth[g.r.IntN(len(subjectHealth))]
	subj := line(s, "subject", subjHealth)
	if form == 2 {
		w.gold.keep(rel, subjHealth)
	} else {
		w.gold.keep(rel, subj)
	}
	paras := []string{
		w.keepText(fmt.Sprintf("This assessment was completed by %s over four visits.", st.Name)),
		w.story(),
		headingMark + []string{"Genogram", "Family composition", "Family tree and health"}[g.r.IntN(3)],
	}
	if form == 2 {
		paras = append(paras, rowMark+"Name\tRelationship\tDate of birth\tHealth")
	}
	paras = append(paras, subj)
	conds := g.r.Perm(len(familyHealth))
	for k, i := range []int{famMother, famFather, famNan, famBrother} {
		p := g.c.family[i]
		cond := familyHealth[conds[k]]
		paras = append(paras, line(p, p.Relationship, cond))
		w.redact(p.Name, catName)
		w.redact(dmy(p.DOB), catIdentifier)
		w.redact(cond, catHealth)
	}
	paras = append(paras, headingMark+"Analysis", w.story()+" "+w.story(),
		w.keepText(fmt.Sprintf("%s is doing well in her placement and the plan is for her to stay there.", sf)))
	table := [][2]string{{"Child", s.Name}, {"Date", date.Format("02/01/2006")}, {"Worker", st.Name + ", " + st.Relationship}}
	if err := writeDOCX(g.path(rel), title, paras, table); err != nil {
		return err
	}
	g.wrote("docx", pagesOf(textLen(paras)), textLen(paras))
	return nil
}

// dmy turns YYYY-MM-DD into DD/MM/YYYY.
func dmy(iso string) string {
	p := strings.Split(iso, "-")
	if len(p) != 3 {
		return iso
	}
	return p[2] + "/" + p[1] + "/" + p[0]
}

var (
	subjectHealth = []string{"asthma, well controlled", "eczema, uses creams", "no health concerns", "short-sighted, wears glasses"}
	familyHealth  = []string{
		"depression and anxiety, prescribed sertraline", "type 2 diabetes and high blood pressure",
		"angina; hip replacement in 2016", "alcohol dependency, in recovery since 2019",
		"epilepsy, controlled with medication", "COPD, on oxygen at night",
		"bipolar disorder, under the community mental health team", "ADHD; attends a specialist school",
	}
)
