package suggest

import (
	"regexp"
	"sort"
	"strings"
)

// addressBlockRe finds a UK postcode ending a line: the end of a letter's
// address block.
var addressBlockRe = regexp.MustCompile(`(?m)\b(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})[ \t]*$`)

// titledNameRe is a name line with a title: "Mrs J Example", "Mr Example".
var titledNameRe = regexp.MustCompile(`^(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?[ \t]+\p{Lu}[\p{L}.'\-]*(?:[ \t]+\p{Lu}[\p{L}.'\-]*){0,3}$`)

// addressBlocks covers a letter's address block whole — the addressee's
// name line and the 2 to 6 short lines after it down to the postcode — when
// the addressee is a third party (a neighbour, a relative, a carer: their
// addresses are in no persons.json). The requester's own address and an
// organisation's letterhead stay (DPA 2018 Sch 2 Pt 3 para 16 covers only
// other individuals' data).
func (c *docCtx) addressBlocks() {
	r := c.e.addressRule
	text := c.d.Text
	if r == nil || !strings.ContainsAny(text, "0123456789") {
		return
	}
	for _, m := range addressBlockRe.FindAllStringIndex(text, -1) {
		if s, ok := c.blockStart(text, m[0]); ok {
			e := m[0] + len(strings.TrimRight(text[m[0]:m[1]], " \t"))
			c.add(r, s, e, ScopeSpan, -1, "address block of a letter to another person", 0, "")
		}
	}
}

// blockStart looks back from a postcode over at most 6 short lines for the
// name line that opens the block — the topmost, as a house name ("Bryn
// Awel") can read as a name too; it returns that line's start.
func (c *docCtx) blockStart(text string, pc int) (int, bool) {
	end, best := pc, -1
	for k := 0; k < 7; k++ {
		ls := strings.LastIndexByte(text[:end], '\n') + 1
		line := strings.TrimSpace(text[ls:end])
		if len(line) > 60 || k > 0 && line == "" || c.hasLetterhead(line) {
			break
		}
		if k >= 2 {
			switch c.nameLine(ls, ls+len(strings.TrimRight(text[ls:end], " \t\r"))) {
			case 1:
				best = ls
			case -1:
				return 0, false
			}
		}
		if ls == 0 {
			break
		}
		end = ls - 1
	}
	return best, best >= 0
}

// nameLine reports whether text[s:e] is a person's name line: 1 for a third
// party (known, or titled), -1 for the requester, 0 for no name.
func (c *docCtx) nameLine(s, e int) int {
	line := strings.TrimSpace(c.d.Text[s:e])
	if line == "" {
		return 0
	}
	if c.isProtected(s, e) {
		return -1 // the requester's own name: their own address stays
	}
	i := sort.Search(len(c.mentions), func(i int) bool { return c.mentions[i].start >= s })
	for ; i < len(c.mentions) && c.mentions[i].start < e; i++ {
		m := c.mentions[i]
		if m.end > e {
			continue // runs on past the line
		}
		if rest := strings.Trim(c.d.Text[s:m.start]+c.d.Text[m.end:e], " \t,."); len(rest) <= 12 {
			return 1 // a known third party, perhaps with a title or initial
		}
	}
	if titledNameRe.MatchString(line) {
		for _, m := range c.e.reg.m.find(line, tokenize(line)) {
			if p := c.e.reg.people[m.e.person]; p.Staff() && !c.e.opts.RedactStaff {
				return -1 // council staff at their office address
			}
		}
		return 1
	}
	return 0
}

// hasLetterhead reports whether a line is part of an organisation's
// address (the letterhead-words list).
func (c *docCtx) hasLetterhead(line string) bool {
	l := strings.ToLower(line)
	for _, w := range c.e.set.People.Letterhead {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}
