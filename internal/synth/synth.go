// Package synth writes synthetic records for benchmarks and tests: a record
// folder in the shape the sample record's README defines (subject.json, a
// case-system export with case_notes.csv and persons.json, DOCX and text
// PDFs on a shared drive and in legal, emails in two mailboxes), full of
// invented people, Ofcom drama-range phone numbers, 999-range NHS numbers
// with valid check digits, postcodes and family words near names, so the
// detectors and the bundle have real work — and the hard kinds that leak on
// records nobody tuned the product to (hard.go: initials, short forms,
// partner agencies' sections and documents, relatives' own messages,
// genogram lines, with the requester's own story beside them). The same
// seed gives the same bytes. Beside the folder it writes a gold file of
// what it planted.
package synth

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// CharsPerPage is the amount of text a synthetic page holds.
const CharsPerPage = 2500

// Stats describe a written record.
type Stats struct {
	Pages    int            `json:"pages"` // pages as ingest counts them (a note or email is one)
	Files    int            `json:"files"` // files written in the record folder
	Chars    int            `json:"chars"` // characters of document text planted
	ByFormat map[string]int `json:"by_format"`
	GoldPath string         `json:"gold_path"`
}

// Write writes a synthetic record of about pages pages into dir (created if
// needed) and its gold file to dir+".gold.json".
func Write(dir string, pages int, seed int64) (Stats, error) {
	if pages < 1 {
		pages = 1
	}
	g := &gen{
		dir:   dir,
		r:     rand.New(rand.NewPCG(uint64(seed), 0x5EED5EED)),
		gold:  &goldSet{seen: map[string]bool{}},
		stats: Stats{ByFormat: map[string]int{}},
	}
	g.c = newCast(g.r)
	if err := g.write(pages); err != nil {
		return g.stats, fmt.Errorf("synth %s: %w", dir, err)
	}
	g.stats.GoldPath = filepath.Clean(dir) + ".gold.json"
	if g.gold.g.Duplicates == nil {
		g.gold.g.Duplicates = [][2]string{}
	}
	if err := writeJSON(g.stats.GoldPath, g.gold.g); err != nil {
		return g.stats, fmt.Errorf("synth %s: %w", dir, err)
	}
	return g.stats, nil
}

type gen struct {
	dir   string
	r     *rand.Rand
	c     cast
	gold  *goldSet
	stats Stats
}

// Locations of a synthetic record.
const (
	locCase   = "case-system-export"
	locShared = "shared-drive"
	locLegal  = "legal"
)

func (g *gen) write(pages int) error {
	mailA := "mailbox-" + strings.ToLower(strings.Fields(g.c.staff[0].Name)[1])
	mailB := "mailbox-" + strings.ToLower(strings.Fields(g.c.staff[3].Name)[1]) + "2"
	for _, d := range []string{locCase, locShared + "/reviews", locShared + "/family time", locLegal, mailA, mailB} {
		if err := os.MkdirAll(filepath.Join(g.dir, filepath.FromSlash(d)), 0o755); err != nil {
			return err
		}
	}
	if err := g.people(); err != nil {
		return err
	}
	notes := max(1, pages*15/100)
	emails := max(2, pages*15/100)
	docxPages := max(1, pages*30/100)
	pdfPages := max(1, pages-notes-emails-docxPages-hardPages(pages))
	if err := g.notes(notes); err != nil {
		return err
	}
	if err := g.emails(emails, mailA, mailB); err != nil {
		return err
	}
	if err := g.docx(docxPages); err != nil {
		return err
	}
	if err := g.pdfs(pdfPages); err != nil {
		return err
	}
	return g.hard(pages, mailA)
}

func (g *gen) rel(parts ...string) string { return strings.Join(parts, "/") }

func (g *gen) path(rel string) string { return filepath.Join(g.dir, filepath.FromSlash(rel)) }

func (g *gen) writer(rel string) *writer { return &writer{r: g.r, c: g.c, gold: g.gold, doc: rel} }

func (g *gen) wrote(format string, pages, chars int) {
	g.stats.Files++
	g.stats.Pages += pages
	g.stats.Chars += chars
	g.stats.ByFormat[format]++
}

// date returns the i-th of n dates spread over the years of the record.
func (g *gen) date(i, n int) time.Time {
	start := time.Date(2012, 1, 9, 9, 0, 0, 0, time.UTC)
	span := 12 * 365 * 24 * time.Hour
	t := start.Add(time.Duration(float64(span) * float64(i) / float64(max(n, 1))))
	return t.Add(time.Duration(g.r.IntN(8*60)) * time.Minute)
}

func (g *gen) people() error {
	s := g.c.subject
	nhs := strings.ReplaceAll(s.NHS, " ", "")
	subject := map[string]any{
		"name":        s.Name,
		"aliases":     []string{s.first() + " " + strings.Fields(g.c.family[1].Name)[1]},
		"dob":         s.DOB,
		"identifiers": map[string]string{"case_number": fmt.Sprintf("SYN-%07d", g.r.IntN(10000000)), "nhs_number": nhs},
	}
	if err := writeJSON(g.path("subject.json"), subject); err != nil {
		return err
	}
	type pj struct {
		Name         string `json:"name"`
		Role         string `json:"role"`
		Relationship string `json:"relationship"`
		DOB          string `json:"dob"`
		Address      string `json:"address"`
		Phone        string `json:"phone"`
		Agency       string `json:"agency"`
	}
	var list []pj
	for _, p := range append(append([]Person{s}, g.c.family...), g.c.staff...) {
		agency := ""
		if p.Role == "professional" {
			agency = "Children's Services"
		}
		list = append(list, pj{p.Name, p.Role, p.Relationship, p.DOB, p.Address, p.Phone, agency})
	}
	return writeJSON(g.path(g.rel(locCase, "persons.json")), list)
}

func (g *gen) notes(n int) error {
	rel := g.rel(locCase, "case_notes.csv")
	w := g.writer(rel)
	kinds := []string{"Home visit", "Telephone call", "Statutory visit", "Supervision", "Management decision"}
	notes := make([]note, n)
	chars := 0
	for i := range notes {
		st := g.c.staff[g.r.IntN(len(g.c.staff))]
		hard := ""
		if n >= 4 && i%4 == 0 {
			// Every fourth note opens with one of the hard kinds.
			hard = w.hardNote(i/4) + "\n"
		}
		text := hard + strings.Join(w.text(1500-len(hard)), "\n")
		chars += len(text)
		notes[i] = note{
			id: fmt.Sprintf("N%06d", i+1), date: g.date(i, n).Format("02/01/2006"), author: st.Name,
			role: st.Relationship, kind: kinds[g.r.IntN(len(kinds))], title: fmt.Sprintf("Note %d", i+1),
			text: text, restricted: g.r.IntN(20) == 0 && hard == "", // a restricted note is withheld whole: its story would not be kept
		}
	}
	g.wrote("csv", n, chars)
	g.stats.Files++ // persons.json
	g.stats.Files++ // subject.json
	return writeNotes(g.path(rel), notes)
}

func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}
