package suggest

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/rules"
)

// Provenance: every document, section and sentence has a source — the
// council, or a partner agency that supplied it (police, health, school,
// court…). What a partner supplied is withheld until the partner has been
// consulted (DPA 2018 Sch 2 Pt 3 para 16; the ICO's SAR guidance on
// information from other organisations), at the smallest scope that holds
// it: the whole document (letterhead, sender, the folder it was filed in),
// a section (a heading or speaker label naming the agency), or a sentence
// (an attribution frame: "the GP practice confirmed that…"). The council's
// own account of the requester, which may mention an agency ("a referral to
// CAMHS will be discussed"), keeps the council as its source.
//
// The agencies, their staff and the verbs of attribution are the packs'
// vocabulary (rules.Agencies); the rules below are found by detector kind
// and, where a pack gives them, by the agency kinds they cover (roles:).

// provenanceRules are the rules the provenance pass reads, by kind.
type provenanceRules struct {
	letterhead, heading, attribution, folder []*rules.Rule
	sender                                   *rules.Rule     // the sender_domain rule, for quoted messages
	org                                      *regexp.Regexp  // organisations named in a document (provenance_local.go)
	orgWords, headWords                      map[string]bool // organisation-words and agency-heading-words, folded
	carePlan                                 []string        // care-plan-titles, folded
}

func newProvenanceRules(set *rules.Set) *provenanceRules {
	p := &provenanceRules{org: orgPattern(set), orgWords: foldedSet(set.List("organisation-words")),
		headWords: foldedSet(set.List("agency-heading-words"))}
	for _, t := range set.List("care-plan-titles") {
		p.carePlan = append(p.carePlan, fold(strings.TrimSpace(t)))
	}
	for _, r := range set.Rules {
		switch r.Detector.Kind {
		case rules.KindAgencyLetterhead:
			p.letterhead = append(p.letterhead, r)
		case rules.KindAgencyHeading:
			p.heading = append(p.heading, r)
		case rules.KindAttribution:
			p.attribution = append(p.attribution, r)
		case rules.KindFolder:
			p.folder = append(p.folder, r)
		case rules.KindSenderDomain:
			if p.sender == nil {
				p.sender = r
			}
		}
	}
	return p
}

// forAgency picks the rule covering an agency kind: the first whose roles
// list the kind, else the first with no roles (any agency).
func forAgency(rs []*rules.Rule, kind string) *rules.Rule {
	var any *rules.Rule
	for _, r := range rs {
		if len(r.Detector.Roles) == 0 {
			if any == nil {
				any = r
			}
			continue
		}
		for _, k := range r.Detector.Roles {
			if k == kind {
				return r
			}
		}
	}
	return any
}

// agencyWhy names the agency a suggestion is for, by its kind and the
// vocabulary entry that matched (never the text around it).
func agencyWhy(what string, t rules.AgencyTerm) string {
	switch {
	case t.Kind != "" && t.Kind != t.Term:
		return fmt.Sprintf("%s (%s: %q)", what, t.Kind, t.Term)
	case t.Term != "":
		return fmt.Sprintf("%s (%q)", what, t.Term)
	}
	return what
}

// provenance runs every source detector over the document: the pack's
// document markers, then letterhead, sender and folder, then sections,
// attributions and quoted messages.
func (c *docCtx) provenance() {
	council := c.councilHead()
	c.carePlan = c.carePlanHead()
	c.documentRules(council || c.carePlan > 0)
	if c.carePlan == 0 {
		c.documentSource(council)
	}
	if c.d.Text == "" {
		return
	}
	c.sections()
	c.agencySections()
	c.speakerSections()
	c.attributions()
	c.quotedPartner()
	c.forwardedSenders()
}

// documentSource withholds a whole document an agency wrote: one whose
// sender (display name or domain) is an agency, whose first lines, page
// header or footer name one, or that was filed in a folder kept for
// partner papers. The requester's own messages and the council's are
// never an agency's, and a head that names the council's own service
// says the council wrote it.
func (c *docCtx) documentSource(council bool) {
	d, a, p := c.d, c.e.set.Agencies, c.e.prov
	c.folderSource()
	if a.Empty() || len(p.letterhead) == 0 || d.Format == record.FormatCaseNote {
		return
	}
	if d.Email != nil {
		if len(d.Email.From) == 0 {
			return
		}
		f := d.Email.From[0]
		addr := strings.ToLower(f.Email)
		if c.e.subjectEmails[addr] || c.e.reg.homeDomain != "" && domainOf(addr) == c.e.reg.homeDomain {
			return
		}
		if t, ok := a.Sender(f.Name, addr); ok {
			c.addPartnerMessage(forAgency(p.letterhead, t.Kind), agencyWhy("sent by a partner agency", t))
		} else if t, ok := c.partnerStaffSender(f.Name); ok {
			c.addPartnerMessage(forAgency(p.letterhead, t.Kind), agencyWhy("sent by a partner agency's worker", t))
		}
		return
	}
	if council {
		return
	}
	var found *rules.AgencyTerm
	for _, line := range c.headLines() {
		if t, ok := a.Letterhead(line); ok && found == nil {
			found = &t
		}
	}
	if found != nil {
		c.add(forAgency(p.letterhead, found.Kind), 0, len(d.Text), ScopeDocument, -1, agencyWhy("letterhead names a partner agency", *found), 0, "")
		return
	}
	c.authorSource(council)
}

// councilHead reports whether the document's head, page header or footer
// names the council's own service, or the record holder by name (a Health
// and Social Care Trust: home.go), as its author: then an agency named near
// the top is a heading or recipient of the council's document.
func (c *docCtx) councilHead() bool {
	a := c.e.set.Agencies
	for _, line := range c.headLines() {
		if a.Council(line) || c.e.reg.namesHome(line) {
			return true
		}
	}
	return false
}

// carePlanHead returns the end of the document's title when it is one of
// a statutory assessment the council arranges for the requester's care
// plan (the packs' "care-plan-titles": a looked-after child's health
// assessment), or 0. Such a document is the requester's own record,
// whoever wrote it: it is not withheld whole for its letterhead, sender
// or folder, and the letterhead above the title opens no partner section;
// sections, attributions and other people's details below it are read as
// in any other document.
func (c *docCtx) carePlanHead() int {
	titles := c.e.prov.carePlan
	if len(titles) == 0 {
		return 0
	}
	at := 0
	for n, rest := 0, c.d.Text; n < 3 && rest != ""; {
		line, after, _ := strings.Cut(rest, "\n")
		end := at + len(line)
		rest, at = after, end+1
		if l := strings.TrimSpace(line); l != "" {
			n++
			fl := fold(l)
			for _, t := range titles {
				if strings.HasPrefix(fl, t) || strings.HasSuffix(fl, t) {
					return end
				}
			}
		}
	}
	return 0
}

// headLines returns the lines that say who wrote a document: its page
// headers and footers and its first two non-blank lines (a title or
// letterhead; an address block below it names the recipient, not the
// writer). A spreadsheet's rows are records, like case notes, whatever
// they mention ("GP letter from <surgery>" in a chronology): of a sheet,
// only its name and a row of one cell (a title) can say who wrote it.
func (c *docCtx) headLines() []string {
	t := c.d.Text
	var out []string
	for _, b := range c.d.Blocks {
		if b.Kind == record.BlockHeader || b.Kind == record.BlockFooter {
			out = append(out, t[b.Start:b.End])
		}
	}
	sheet := c.d.Format == record.FormatSpreadsheet
	for n, off, rest := 0, 0, t; n < 2 && rest != ""; {
		line, after, _ := strings.Cut(rest, "\n")
		at := off
		off += len(line) + 1
		rest = after
		if strings.TrimSpace(line) == "" {
			continue
		}
		n++
		if sheet && c.sheetRecordRow(at) {
			continue
		}
		out = append(out, line)
	}
	return out
}

// sheetRecordRow reports whether the spreadsheet line at off is a row of
// more than one filled cell.
func (c *docCtx) sheetRecordRow(off int) bool {
	for _, b := range c.d.Blocks {
		if b.Start <= off && off < b.End {
			return b.Kind == record.BlockTableCell && strings.Contains(c.d.Text[b.Start:b.End], "; ")
		}
	}
	return false
}

// folderSource withholds a document filed in a folder named for partner
// papers or an agency.
func (c *docCtx) folderSource() {
	if len(c.e.prov.folder) == 0 {
		return
	}
	dirs := strings.Split(strings.ReplaceAll(c.d.Path, "\\", "/"), "/")
	dirs = append(dirs[:len(dirs)-1], c.d.Location)
	for _, r := range c.e.prov.folder {
		for _, dir := range dirs {
			if dir != "" && r.Detector.Matches(dir) {
				c.add(r, 0, len(c.d.Text), ScopeDocument, -1, "filed in a folder kept for partner agencies' papers", 0, "")
				return
			}
		}
	}
}

// dropAgencySenders takes out of the register the email display names that
// name an agency rather than a person ("Oakfield Primary School Office",
// "CAMHS Clinical Psychology"): the agency is the message's source, and
// its name is no person's to redact wherever the text mentions the agency.
// It runs before any later step holds a register index.
func dropAgencySenders(reg *register, a *rules.Agencies) {
	if a.Empty() {
		return
	}
	newIdx := make([]int, len(reg.people))
	kept := reg.people[:0]
	for i, p := range reg.people {
		newIdx[i] = -1
		if p.Source == "email header" {
			if t, ok := a.Sender(p.Name, ""); ok && !t.Staff {
				continue
			}
		}
		newIdx[i] = len(kept)
		kept = append(kept, p)
	}
	if len(kept) == len(newIdx) {
		return
	}
	reg.people = kept
	for k, i := range reg.byName {
		if newIdx[i] < 0 {
			delete(reg.byName, k)
		} else {
			reg.byName[k] = newIdx[i]
		}
	}
}

// partnerStaffSender reports whether an e-mail's sender, by a name the
// register holds, is a partner agency's worker whose agency the packs know
// ("Cwm Rhydwen Health Board", a health visitor's): what they wrote is
// their agency's, wherever their address is hosted.
func (c *docCtx) partnerStaffSender(name string) (rules.AgencyTerm, bool) {
	j := c.e.reg.senderPerson(displayName(name))
	if j < 0 || j == subjectIdx {
		return rules.AgencyTerm{}, false
	}
	p := c.e.reg.people[j]
	if p.Role != RolePartnerStaff || p.Agency == "" {
		return rules.AgencyTerm{}, false
	}
	a := c.e.set.Agencies
	if a.Council(p.Agency) || c.e.reg.namesHome(p.Agency) {
		return rules.AgencyTerm{}, false
	}
	if t, ok := a.Letterhead(p.Agency); ok {
		return t, true
	}
	return a.Sender(p.Agency, "")
}
