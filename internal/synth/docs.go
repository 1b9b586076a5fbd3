package synth

import (
	"fmt"
	"os"
	"strings"
	"time"
)

var emailSubjects = []string{"Visit update", "Review arrangements", "School meeting", "Family time plan", "Pathway plan actions", "Health assessment", "Placement stability meeting"}

// emails writes n messages across two mailboxes: every third is a reply
// quoting the one before (a thread), and one message is saved in both
// mailboxes (a duplicate the gold file lists).
func (g *gen) emails(n int, mailA, mailB string) error {
	var prev *message
	for i := 0; i < n; i++ {
		from, to := g.c.staff[g.r.IntN(len(g.c.staff))], g.c.staff[g.r.IntN(len(g.c.staff))]
		box := mailA
		if i%2 == 1 {
			box = mailB
		}
		m := message{
			from: from, to: to, date: g.date(i, n),
			subject: emailSubjects[g.r.IntN(len(emailSubjects))],
			id:      fmt.Sprintf("syn-%d-%d@council.example.org", i, g.r.IntN(1e9)),
		}
		rel := g.rel(box, fmt.Sprintf("%s %s.eml", m.date.Format("2006-01-02"), m.subject))
		w := g.writer(rel)
		body := "Hello " + strings.Fields(to.Name)[0] + ",\n\n" + strings.Join(w.text(1300), "\n\n") +
			"\n\n" + from.Name + "\n" + capital(from.Relationship) + ", Children's Services"
		g.gold.keep(rel, from.Name)
		if prev != nil && i%3 == 2 {
			m.subject = "RE: " + prev.subject
			m.replyTo = prev.id
			m.date = prev.date.Add(3 * time.Hour)
			rel = g.rel(box, fmt.Sprintf("%s %s reply.eml", m.date.Format("2006-01-02"), prev.subject))
			g.rekey(w.doc, rel)
			body += "\n\nOn " + prev.date.Format("2 Jan 2006") + ", " + prev.from.Name + " wrote:\n" + quote(prev.body)
		}
		m.body = body
		if err := writeEML(g.path(rel), m); err != nil {
			return err
		}
		g.wrote("eml", 1, len(body))
		if i == 1 {
			// The same message saved in the other mailbox too.
			copyRel := g.rel(mailA, "saved copy "+m.date.Format("2006-01-02")+".eml")
			if err := writeEML(g.path(copyRel), m); err != nil {
				return err
			}
			g.wrote("eml", 1, len(body))
			g.copyGold(rel, copyRel)
			g.gold.g.Duplicates = append(g.gold.g.Duplicates, [2]string{rel, copyRel})
		}
		mm := m
		prev = &mm
	}
	return nil
}

// rekey moves gold items recorded under one path to another (a file renamed
// after its text was written).
func (g *gen) rekey(from, to string) {
	for i := range g.gold.g.MustRedact {
		if g.gold.g.MustRedact[i].Doc == from {
			g.gold.g.MustRedact[i].Doc = to
		}
	}
	for i := range g.gold.g.MustKeep {
		if g.gold.g.MustKeep[i].Doc == from {
			g.gold.g.MustKeep[i].Doc = to
		}
	}
}

// copyGold repeats the gold items of one file for its copy.
func (g *gen) copyGold(from, to string) {
	for _, it := range g.gold.g.MustRedact {
		if it.Doc == from {
			g.gold.redact(to, it.Text, it.Category)
		}
	}
	for _, it := range g.gold.g.MustKeep {
		if it.Doc == from {
			g.gold.keep(to, it.Text)
		}
	}
}

func quote(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = "> " + l
	}
	return strings.Join(lines, "\n")
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

var docTitles = []string{"Single assessment", "Looked after review", "Care plan", "Family time record", "Pathway plan", "Placement plan", "Chronology"}

// docx writes Word documents of one to five pages until pages are used up,
// alternating between the case-system export and the shared drive, some
// with odd characters in their names.
func (g *gen) docx(pages int) error {
	for i := 0; pages > 0; i++ {
		n := min(pages, 1+g.r.IntN(5))
		pages -= n
		title := docTitles[g.r.IntN(len(docTitles))]
		date := g.date(g.r.IntN(100), 100)
		loc := locCase
		name := fmt.Sprintf("%s-%s-%d.docx", strings.ToLower(strings.ReplaceAll(title, " ", "-")), date.Format("2006-01-02"), i)
		if i%2 == 1 {
			loc = locShared + "/family time"
			name = fmt.Sprintf("%s – %s (v%d) & notes.docx", title, date.Format("2 Jan 2006"), i)
		}
		rel := g.rel(loc, name)
		w := g.writer(rel)
		f := g.c.family[g.r.IntN(len(g.c.family))]
		st := g.c.staff[g.r.IntN(len(g.c.staff))]
		w.gold.redact(rel, f.Name, catName)
		w.gold.redact(rel, f.Phone, catContact)
		w.gold.keep(rel, g.c.subject.Name)
		table := [][2]string{
			{"Child", g.c.subject.Name}, {"Date", date.Format("02/01/2006")},
			{"Worker", st.Name + ", " + st.Relationship}, {capital(f.Relationship), f.Name + ", " + f.Phone},
		}
		paras := w.text(n*CharsPerPage - 200)
		if err := writeDOCX(g.path(rel), title, paras, table); err != nil {
			return err
		}
		g.wrote("docx", n, n*CharsPerPage)
	}
	return nil
}

// pdfs writes text PDFs of one to six pages, each page about CharsPerPage
// characters, in the export, the shared drive and legal; the first is also
// saved, byte for byte, in the shared drive's reviews folder.
func (g *gen) pdfs(pages int) error {
	locs := []string{locCase, locShared, locLegal}
	for i := 0; pages > 0; i++ {
		n := min(pages, 1+g.r.IntN(6))
		pages -= n
		title := docTitles[g.r.IntN(len(docTitles))]
		date := g.date(g.r.IntN(100), 100)
		loc := locs[i%len(locs)]
		rel := g.rel(loc, fmt.Sprintf("%s %s %d.pdf", strings.ToLower(title), date.Format("2006-01-02"), i))
		w := g.writer(rel)
		w.gold.keep(rel, g.c.subject.Name)
		var paras []string
		for p := 0; p < n; p++ {
			paras = append(paras, pageBreak)
			paras = append(paras, w.text(CharsPerPage-150)...)
		}
		got, err := writePDF(g.path(rel), title+" for "+g.c.subject.Name, paras[1:])
		if err != nil {
			return err
		}
		g.wrote("pdf", got, n*CharsPerPage)
		if i == 0 {
			copyRel := g.rel(locShared, "reviews", "Copy of "+title+".pdf")
			b, err := os.ReadFile(g.path(rel))
			if err != nil {
				return err
			}
			if err := os.WriteFile(g.path(copyRel), b, 0o644); err != nil {
				return err
			}
			g.wrote("pdf", got, n*CharsPerPage)
			g.copyGold(rel, copyRel)
			g.gold.g.Duplicates = append(g.gold.g.Duplicates, [2]string{rel, copyRel})
		}
	}
	return nil
}
