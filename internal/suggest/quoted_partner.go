package suggest

import (
	"regexp"
	"strings"

	"github.com/disclose-sar/disclose/internal/rules"
)

var (
	// quotedFrom is a "From:" line of a forwarded or quoted message; the
	// address is in angle brackets or bare.
	quotedFrom = regexp.MustCompile(`(?m)^[ \t>]*From:[^\n]*?([A-Za-z0-9._%+\-']+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,})`)
	// quoteStart ends a quoted message: the next one's separator or header.
	quoteStart = regexp.MustCompile(`(?m)^[ \t>]*(?:-{2,}[ \t]*(?:Original Message|Forwarded message)[ \t]*-{2,}|From:[ \t]|On [^\n]{4,120} wrote:[ \t]*$)`)
)

// quotedPartner proposes withholding a forwarded or quoted message inside a
// council e-mail when that message was sent from a partner agency's domain
// (police, NHS, school…): what the partner wrote is theirs to disclose, as
// the whole e-mail would be had it arrived directly (DPA 2018 Sch 2 para 16;
// the ICO's SAR guidance on information from other organisations). The
// council's own covering text above it stays.
func (c *docCtx) quotedPartner() {
	text := c.d.Text
	if !strings.Contains(text, "From:") {
		return
	}
	var rule *rules.Rule
	for _, r := range c.e.docRules {
		if r.Detector.Kind == rules.KindSenderDomain {
			rule = r
			break
		}
	}
	if rule == nil {
		return
	}
	ms := quotedFrom.FindAllStringSubmatchIndex(text, -1)
	for k, m := range ms {
		if k == 0 && c.d.Email != nil && m[0] < 400 {
			continue // the message's own header, judged by documentRules
		}
		if !c.e.partnerDomain(strings.ToLower(text[m[2]:m[3]])) {
			continue
		}
		end := len(text)
		lineEnd := m[1]
		if nl := strings.IndexByte(text[lineEnd:], '\n'); nl >= 0 {
			lineEnd += nl
		}
		if n := quoteStart.FindStringIndex(text[lineEnd:]); n != nil {
			end = lineEnd + n[0]
		}
		c.add(rule, m[0], end, ScopeSection, -1, "forwarded message sent from a partner agency's email domain", 0, "")
	}
}
