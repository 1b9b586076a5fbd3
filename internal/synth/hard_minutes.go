package synth

import (
	"fmt"
	"strings"
)

// Heading forms of minutes: a Word heading, a line of its own, a label
// the section's first paragraph opens with, a line ending in a colon, a
// numbered line, or a table of agencies and what each said (Word only).
const (
	headStyled = iota
	headLine
	headLabel
	headColon
	headNumbered
	headTable
)

// section is one heading of the minutes and its paragraphs.
type section struct {
	heading string
	paras   []string
}

// render lays the sections out in one of the heading forms.
func render(secs []section, form int) []string {
	var out []string
	if form == headTable {
		out = append(out, rowMark+"Agency\tInformation shared")
	}
	for i, s := range secs {
		switch form {
		case headStyled:
			out = append(out, headingMark+s.heading)
			out = append(out, s.paras...)
		case headLine:
			out = append(out, s.heading)
			out = append(out, s.paras...)
		case headLabel:
			out = append(out, s.heading+": "+s.paras[0])
			out = append(out, s.paras[1:]...)
		case headColon:
			out = append(out, s.heading+":")
			out = append(out, s.paras...)
		case headNumbered:
			out = append(out, fmt.Sprintf("%d. %s", i+1, s.heading))
			out = append(out, s.paras...)
		default:
			out = append(out, rowMark+s.heading+"\t"+strings.Join(s.paras, " "))
		}
	}
	return out
}

// minutes writes the minutes of a strategy discussion or conference:
// the council's sections stay, the sections under a partner agency's
// heading — however it is written — go.
func (g *gen) minutes(set int) error {
	h := g.c.hard
	s := g.c.subject
	sf := s.first()
	date := g.date(g.r.IntN(100), 100)
	title := []string{"Strategy discussion - minutes", "Initial child protection conference - minutes",
		"Review child protection conference - minutes", "Strategy meeting record"}[g.r.IntN(4)]
	pdf := set%2 == 1
	loc := locCase
	name := fmt.Sprintf("%s %s.docx", strings.ToLower(strings.TrimSuffix(title, " - minutes")), date.Format("2006-01-02"))
	if pdf {
		loc = locShared + "/meetings"
		name = fmt.Sprintf("%s %s.pdf", title, date.Format("02.01.06"))
	}
	rel := g.rel(loc, name)
	w := g.writer(rel)
	chair, sw := g.c.staff[2], g.c.staff[0]
	present := fmt.Sprintf("Present: %s (Chair, Independent Reviewing Officer), %s (Social Worker, Children's Services), DC %s (%s Police), %s (Health Visitor), %s (Designated Safeguarding Lead, %s)",
		chair.Name, sw.Name, h.police.Name, h.town, h.hv.Name, h.dsl.Name, h.school)
	w.gold.keep(rel, chair.Name)
	w.gold.keep(rel, sw.Name)

	// partner is what an agency said: n sentences in one or two paragraphs.
	partner := func(pool []string, n int) []string {
		var out []string
		for _, i := range g.r.Perm(len(pool))[:n] {
			out = append(out, w.redact(fill(pool[i], sf, g.r.IntN(9)+2, date.AddDate(0, -1-g.r.IntN(3), 0).Format("2 January")), catPartner))
		}
		if g.r.IntN(2) == 0 {
			return []string{strings.Join(out[:1], " "), strings.Join(out[1:], " ")}
		}
		return []string{strings.Join(out, " ")}
	}
	// keep is the council's own paragraph: what it minuted and the
	// requester's story (stories alone: her views).
	keep := func(n int, views bool) []string {
		var out []string
		for i := 0; i < n; i++ {
			if i%2 == 0 || views {
				out = append(out, w.story())
			} else {
				out = append(out, w.keepText(fill(councilMinutes[g.r.IntN(len(councilMinutes))], sf, 0, "")))
			}
		}
		return []string{strings.Join(out, " ")}
	}
	pick := func(opts ...string) string { return opts[g.r.IntN(len(opts))] }
	secs := []section{
		{pick("Purpose of the meeting", "Background", "Reason for the meeting"), keep(1, false)},
		{pick("Children's Social Care", "Social work update", "Children's Services"), keep(3, false)},
		{pick("Police (not to be disclosed without police consent)", h.town+" Police", "Police update", "POLICE", "Police",
			"Police information (not for further sharing)", "Police - confidential"), partner(policeSays, 3)},
		{pick("Health", "HEALTH", "Health visitor", "GP", "School nurse", "Health (shared by the health visitor)", "Health update",
			"GP surgery"), partner(healthSays, 3)},
		{pick("School", "SCHOOL", "Education", h.school, "Information from the school", "School update", "Education (school)"),
			partner(schoolSays, 3)},
		{sf + "'s views", keep(2, true)},
		{pick("Decision", "Outcome", "Decisions"), keep(1, false)},
		{pick("Actions agreed", "Next steps"), []string{w.keepText(fill(councilActions[g.r.IntN(len(councilActions))], sf, 0, ""))}},
	}
	form := g.r.IntN(headTable + 1)
	if pdf {
		form = g.r.IntN(headTable)
	}
	paras := append([]string{present}, render(secs, form)...)
	full := title + " for " + s.Name
	if pdf {
		got, err := writePDF(g.path(rel), full, paras)
		if err != nil {
			return err
		}
		g.wrote("pdf", got, textLen(paras))
		return nil
	}
	table := [][2]string{{"Child", s.Name}, {"Date", date.Format("02/01/2006")}, {"Chair", chair.Name}}
	if err := writeDOCX(g.path(rel), full, paras, table); err != nil {
		return err
	}
	g.wrote("docx", pagesOf(textLen(paras)), textLen(paras))
	return nil
}

// fill puts the requester's first name, a number (and a percentage made
// from it) and a date into a template's {first}, {n}, {pct} and {date}.
func fill(t, first string, n int, date string) string {
	return strings.NewReplacer("{first}", first, "{n}", fmt.Sprint(n), "{pct}", fmt.Sprint(70+2*n), "{date}", date).Replace(t)
}

func textLen(paras []string) int {
	n := 0
	for _, p := range paras {
		n += len(p) + 1
	}
	return n
}

func pagesOf(chars int) int { return max(1, (chars+CharsPerPage-1)/CharsPerPage) }

// What partner agencies contribute to a meeting: about the requester and
// her household, naming no one else, so only withholding the section
// keeps it out.
var (
	policeSays = []string{
		"There have been {n} calls to the address since the spring, two of them after neighbours reported shouting late at night.",
		"Officers attended on {date} and found the front door damaged and the kitchen window broken.",
		"A domestic abuse risk assessment was completed after the last call-out and graded as medium risk.",
		"The force holds intelligence that the flat has been used by older teenagers to drink on weekend nights.",
		"No one has been charged and the last incident is recorded as no further action.",
		"{first} was reported missing for {n} hours in the summer and was found at the bus station by a patrol.",
	}
	healthSays = []string{
		"{first} is up to date with her immunisations but missed {n} dental appointments this year.",
		"She was seen at the walk-in centre on {date} with a sprained wrist after a fall at the park.",
		"Her weight is on the twenty-fifth centile and has been steady since the last check.",
		"The practice has no record of a hearing test since she was seven and will book one.",
		"The school nursing team saw her {n} times this term about headaches and poor sleep.",
	}
	schoolSays = []string{
		"Attendance this term is {pct}% with {n} late marks, most of them on Monday mornings.",
		"{first} is working at the expected standard in reading and slightly below it in writing.",
		"Staff have noticed that she often arrives without breakfast and is given toast at the breakfast club.",
		"She was upset in class twice on the week of {date} and was supported by the learning mentor.",
		"Her form tutor has moved her seat so she can sit with a friend in most lessons.",
	}
	councilMinutes = []string{
		"The meeting agreed that {first} will remain subject to a child protection plan under the category of neglect.",
		"The social worker has visited {first} every two weeks and has seen her alone at each visit.",
		"The purpose of the meeting was to share information and decide whether enquiries should continue.",
		"The chair thanked everyone for their reports and reminded the meeting that the minutes are confidential.",
	}
	councilActions = []string{
		"The social worker will visit {first} within ten working days and update the plan.",
		"The core group will meet in four weeks and the chair will review the plan in three months.",
		"The social worker will share these minutes with {first} in a way she can understand.",
	}
)
