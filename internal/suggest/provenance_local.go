package suggest

import (
	"regexp"
	"strings"

	"github.com/disclose-sar/disclose/internal/rules"
)

// Organisations a document names by a proper name and an organisation word
// ("<Name> Young People's Service", "<Name> Project", "<Name> Trust"): a
// charity or commissioned service the packs cannot list, as every area has
// its own. A sentence that opens with such an organisation passing on what
// it knows ("<Name> will share …", "<Name>'s assessment: …") is that
// organisation's, as an attribution to a listed agency is. The
// organisation words are the packs' "organisation-words" list.

// orgPattern compiles the organisation finder from the pack's words: one
// to five capitalised words, then an organisation word capitalised.
func orgPattern(set *rules.Set) *regexp.Regexp {
	var heads []string
	for _, w := range set.List("organisation-words") {
		w = strings.TrimSpace(w)
		if w == "" {
			continue
		}
		heads = append(heads, regexp.QuoteMeta(strings.ToUpper(w[:1])+w[1:]))
	}
	if len(heads) == 0 {
		return nil
	}
	return regexp.MustCompile(`\b([A-Z][A-Za-z'’\-]+)((?:[ ]+[A-Z][A-Za-z'’\-]+){0,4})[ ]+(?:` + strings.Join(heads, "|") + `)\b`)
}

// localOrg reports whether the document names an organisation whose
// first word is w: w, up to four more capitalised words and an
// organisation word ("<w> Young People's Service"), that is no listed
// agency, council service or the record holder. Only w's own occurrences
// are read, and the answer is kept for the document.
func (c *docCtx) localOrg(w string) bool {
	re := c.e.prov.org
	if re == nil {
		return false
	}
	if v, ok := c.orgs[w]; ok {
		return v
	}
	if c.orgs == nil {
		c.orgs = map[string]bool{}
	}
	f := strings.ToLower(w)
	ws := c.e.reg.words
	found := false
	if !ws.Everyday[f] && !ws.Function[f] && !ws.Determiners[f] && !ws.Titles[f] && !ws.GivenNames[f] {
		text, a := c.d.Text, c.e.set.Agencies
		for off := 0; !found; {
			i := strings.Index(text[off:], w+" ")
			if i < 0 {
				break
			}
			i += off
			off = i + len(w)
			if i > 0 && isWordByte(text[i-1]) {
				continue
			}
			m := re.FindStringSubmatchIndex(text[i:min(len(text), i+160)])
			if m == nil || m[0] != 0 || text[i+m[2]:i+m[3]] != w {
				continue
			}
			name := text[i : i+m[1]]
			found = len(a.TermsIn(name)) == 0 && !c.e.reg.namesHome(name)
		}
	}
	c.orgs[w] = found
	return found
}

// localAttribution reads the sentence text[s:e] as one of the document's
// organisations passing on what it knows: its name, then a label ("'s
// assessment:") or an attribution verb ("will share", "reported").
func (c *docCtx) localAttribution(s, e int) (rules.AgencyTerm, bool) {
	text := strings.TrimPrefix(c.d.Text[s:e], "The ")
	k := 0
	for k < len(text) && (isWordByte(text[k]) || text[k] == '-') {
		k++
	}
	if k == 0 || k == len(text) || !capitalised(text[:k]) {
		return rules.AgencyTerm{}, false
	}
	w, rest := text[:k], text[k:]
	if !c.localOrg(w) {
		return rules.AgencyTerm{}, false
	}
	said := false
	if r, ok := cutPossessive(rest); ok && labelColon(r) {
		said = true
	} else if _, ok := c.e.set.Agencies.Reports(rest[:min(len(rest), 40)]); ok { // a verb among the next words
		said = true
	}
	if !said {
		return rules.AgencyTerm{}, false
	}
	return rules.AgencyTerm{Kind: "voluntary or commissioned service named in the document"}, true
}

// cutPossessive cuts a leading 's or ’s.
func cutPossessive(s string) (string, bool) {
	for _, p := range []string{"'s", "’s"} {
		if r, ok := strings.CutPrefix(s, p); ok {
			return r, true
		}
	}
	return s, false
}

// labelColon reports whether s is one or two lower-case words and a colon:
// " assessment:", " view of risk:".
func labelColon(s string) bool {
	head, _, ok := strings.Cut(s, ":")
	if !ok {
		return false
	}
	f := strings.Fields(head)
	return len(f) >= 1 && len(f) <= 3 && isLowerASCII(strings.Join(f, ""))
}

// foldedSet is a list's entries folded (rules.FoldWords), as a set.
func foldedSet(list []string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, w := range list {
		if w = strings.TrimSpace(w); w != "" {
			m[rules.FoldWords(w)] = true
		}
	}
	return m
}

// localLabel reads the opening of a block as a label saying that another
// organisation sent what follows its colon: "Update from <Name> Homes
// (housing association), 12/02/2024: …", "Feedback from <Name> Project:
// …", "<Name> Trust update: …". The organisation is one the document
// names with an organisation word (localOrg), one whose bracketed
// description ends in one ("<Name> (housing association)"), or a listed
// agency; never the council or the record holder. body is the offset in
// line where what the organisation sent starts.
func (c *docCtx) localLabel(line string) (rules.AgencyTerm, int, bool) {
	p := c.e.prov
	colon := strings.IndexByte(line, ':')
	if colon <= 0 || colon > 140 || len(p.headWords) == 0 {
		return rules.AgencyTerm{}, 0, false
	}
	head := line[:colon]
	if strings.Contains(head, ". ") || strings.ContainsAny(head, "!?;\n") {
		return rules.AgencyTerm{}, 0, false // a sentence, not a label
	}
	ws := strings.Fields(head)
	if len(ws) < 2 {
		return rules.AgencyTerm{}, 0, false
	}
	i, from := 0, false
	if p.headWords[rules.FoldWords(ws[0])] && len(ws) > 2 && strings.EqualFold(ws[1], "from") {
		i, from = 2, true
		if strings.EqualFold(ws[i], "the") {
			i++
		}
	}
	// the organisation's name: capitalised words, "&" and "of" inside it
	j := i
	for j < len(ws) && j-i < 6 && (capitalised(ws[j]) && !strings.HasPrefix(ws[j], "(") || j > i && (ws[j] == "&" || ws[j] == "of")) {
		if !from && p.headWords[rules.FoldWords(ws[j])] {
			break // "<Name> Trust update": the heading word ends the name
		}
		j++
	}
	if j == i {
		return rules.AgencyTerm{}, 0, false
	}
	name := strings.Join(ws[i:j], " ")
	k := j
	desc := ""
	if k < len(ws) && strings.HasPrefix(ws[k], "(") {
		for ; k < len(ws); k++ {
			desc += " " + ws[k]
			if strings.Contains(ws[k], ")") {
				k++
				break
			}
		}
	}
	if !from {
		if k >= len(ws) || !p.headWords[rules.FoldWords(strings.Trim(ws[k], ",–—-"))] {
			return rules.AgencyTerm{}, 0, false
		}
		k++
	}
	if len(ws)-k > 4 {
		return rules.AgencyTerm{}, 0, false // more than a date after it
	}
	for _, w := range ws[k:] {
		if w = strings.Trim(w, ",.–—-"); w != "" && !strings.ContainsAny(w, "0123456789") && monthWord(w, 0) != len(w) {
			return rules.AgencyTerm{}, 0, false
		}
	}
	a := c.e.set.Agencies
	if a.Council(name) || c.e.reg.namesHome(name) {
		return rules.AgencyTerm{}, 0, false
	}
	var t rules.AgencyTerm
	switch d := strings.Fields(strings.Trim(desc, " ()")); {
	case c.localOrg(ws[i]):
		t = rules.AgencyTerm{Kind: "voluntary or commissioned service named in the document"}
	case len(d) > 0 && p.orgWords[rules.FoldWords(strings.Trim(d[len(d)-1], "),"))]:
		t = rules.AgencyTerm{Kind: "organisation named in the document", Term: strings.Trim(desc, " ()")}
	default:
		ts := a.TermsIn(name + desc)
		if len(ts) == 0 || ts[0].Generic {
			return rules.AgencyTerm{}, 0, false
		}
		t = ts[0]
	}
	body := colon + 1
	for body < len(line) && (line[body] == ' ' || line[body] == '\t') {
		body++
	}
	if body >= len(line) {
		return rules.AgencyTerm{}, 0, false
	}
	return t, body, true
}

// orgHeading reads a heading line that is an organisation's name and
// nothing more but a number before it and a bracket after it ("5. <Name>
// Project (<speaker>)", "<Name> Young People's Service"): in minutes
// set out by who spoke, the section under it is that organisation's. The
// organisation is one the document names with an organisation word
// (localOrg), never the council or the record holder.
func (c *docCtx) orgHeading(line string) (rules.AgencyTerm, bool) {
	p := c.e.prov
	line = strings.TrimSpace(line)
	if len(line) > 120 || strings.ContainsAny(line, ":;!?") || len(p.orgWords) == 0 {
		return rules.AgencyTerm{}, false
	}
	if open := strings.IndexByte(line, '('); open > 0 {
		if !strings.HasSuffix(line, ")") {
			return rules.AgencyTerm{}, false
		}
		line = strings.TrimSpace(line[:open])
	}
	ws := strings.Fields(line)
	if len(ws) > 0 && strings.Trim(ws[0], "0123456789.)") == "" {
		ws = ws[1:] // "5." numbering the section
	}
	if len(ws) < 2 || len(ws) > 6 || !p.orgWords[rules.FoldWords(ws[len(ws)-1])] {
		return rules.AgencyTerm{}, false
	}
	for _, w := range ws {
		if !capitalised(w) && w != "&" && w != "of" {
			return rules.AgencyTerm{}, false
		}
	}
	name := strings.Join(ws, " ")
	if a := c.e.set.Agencies; a.Council(name) || c.e.reg.namesHome(name) || !c.localOrg(ws[0]) {
		return rules.AgencyTerm{}, false
	}
	return rules.AgencyTerm{Kind: "voluntary or commissioned service named in the document", Term: name}, true
}
