package suggest

import (
	"regexp"
	"strings"
)

var (
	// quotedFrom is a "From:" line of a forwarded or quoted message; the
	// address is in angle brackets or bare.
	quotedFrom = regexp.MustCompile(`(?m)^[ \t>]*From:[^\n]*?(` + emailAddr + `)`)
	// emailIn finds an e-mail address in a line.
	emailIn = regexp.MustCompile(emailAddr)
	// quoteStart ends a quoted message: the next one's separator or header.
	quoteStart = regexp.MustCompile(`(?mi)^[ \t>]*(?:` + forwardSepAlt + `|From:[ \t]|On [^\n]{4,120} wrote:[ \t]*$)`)
)

// emailAddr is an e-mail address.
const emailAddr = `[A-Za-z0-9._%+\-']+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}`

// quotedName returns the display name of a quoted "From:" line up to its
// address ("From: Oakfield School Office <" → "Oakfield School Office").
func quotedName(head string) string {
	_, after, _ := strings.Cut(head, "From:")
	return strings.Trim(strings.TrimSpace(after), "<\"'")
}

// quotedPartner proposes withholding a forwarded or quoted message inside a
// council e-mail when that message was sent from a partner agency's domain
// (police, NHS, school…) or another public body's gov.uk domain (a
// district council's housing team, the DWP), or named as an agency by its
// sender name or domain: what the partner wrote is theirs to disclose, as
// the whole e-mail would be had it arrived directly (DPA 2018 Sch 2 para 16;
// the ICO's SAR guidance on information from other organisations). The
// council's own covering text above it stays.
func (c *docCtx) quotedPartner() {
	text := c.d.Text
	if !strings.Contains(text, "From:") {
		return
	}
	rule := c.e.prov.sender
	if rule == nil {
		return
	}
	ms := quotedFrom.FindAllStringSubmatchIndex(text, -1)
	for k, m := range ms {
		if k == 0 && c.d.Email != nil && m[0] < 400 {
			continue // the message's own header, judged by documentRules
		}
		addr := strings.ToLower(text[m[2]:m[3]])
		if c.e.subjectEmails[addr] || c.e.reg.homeDomain != "" && domainOf(addr) == c.e.reg.homeDomain {
			continue
		}
		why := c.e.partnerSender(rule, addr)
		if why != "" {
			why = "forwarded message " + why
		} else {
			t, ok := c.e.set.Agencies.Sender(quotedName(text[m[0]:m[2]]), addr)
			if !ok {
				continue
			}
			why = agencyWhy("forwarded message sent by a partner agency", t)
		}
		end := len(text)
		lineEnd := m[1]
		if nl := strings.IndexByte(text[lineEnd:], '\n'); nl >= 0 {
			lineEnd += nl
		}
		if n := quoteStart.FindStringIndex(text[lineEnd:]); n != nil {
			end = lineEnd + n[0]
		}
		c.add(rule, m[0], end, ScopeSection, -1, why, 0, "")
	}
}
