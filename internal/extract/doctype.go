package extract

import (
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/disclose-sar/disclose/internal/record"
)

// typeWords maps words found in a title or file name to a document type,
// most specific first: "review of the care plan" is a review, a "referral
// record" a referral.
var typeWords = []struct{ words, typ string }{
	{"court order", "court order"}, {"care order", "court order"}, {"supervision order", "court order"},
	{"placement order", "court order"}, {"protection order", "court order"}, {"judgment", "court order"},
	{"minutes", "minutes"}, {"chronology", "chronology"}, {"referral", "referral"},
	{"assessment", "assessment"}, {"review", "review"}, {"plan", "plan"}, {"agreement", "agreement"},
	{"statement", "statement"}, {"letter", "letter"}, {"report", "report"}, {"notes", "notes"},
	{"record", "record"}, {"interview", "record"}, {"meeting", "minutes"}, {"email", "email"},
}

// DocType names a document's type in plain words ("letter", "minutes",
// "assessment", "review", "plan", "referral", "court order", "chronology",
// "record", "notes", "report"…) from its title and file name, then from its
// opening text; "document" when nothing says.
func DocType(title, name, opening string) string {
	base := path.Base(strings.ReplaceAll(name, "\\", "/"))
	base = strings.TrimSuffix(base, path.Ext(base))
	if t := typeFromWords(wordsOf(title + " " + base)); t != "" {
		return t
	}
	opening = opening[:min(len(opening), 400)]
	if strings.HasPrefix(strings.TrimSpace(strings.ToLower(opening)), "dear ") ||
		strings.Contains(opening, "\nDear ") || strings.Contains(opening, "Yours sincerely") {
		return "letter"
	}
	if t := typeFromWords(wordsOf(firstLine(opening))); t != "" {
		return t
	}
	return "document"
}

func typeFromWords(w string) string {
	for _, tw := range typeWords {
		if strings.Contains(w, " "+tw.words+" ") {
			return tw.typ
		}
		if !strings.Contains(tw.words, " ") && !strings.HasSuffix(tw.words, "s") &&
			strings.Contains(w, " "+tw.words+"s ") {
			return tw.typ
		}
	}
	return ""
}

// wordsOf lower-cases s and turns every run of non-letters into one space,
// with a space at each end, so phrases match on word boundaries.
func wordsOf(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte(' ')
	space := true
	for _, r := range s {
		if unicode.IsLetter(r) {
			b.WriteRune(unicode.ToLower(r))
			space = false
		} else if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	if !space {
		b.WriteByte(' ')
	}
	return b.String()
}

// maxTitle bounds a title taken from text (bytes, cut at a word).
const maxTitle = 120

// titleFromBlocks is the first heading, else the first line of the first
// body block (headers, footers and fields are passed over).
func titleFromBlocks(text string, blocks []record.Block) string {
	for _, b := range blocks {
		if b.Kind == record.BlockHeading && b.End <= len(text) && b.Start <= b.End {
			if t := clipTitle(firstLine(text[b.Start:b.End])); t != "" {
				return t
			}
		}
	}
	for _, b := range blocks {
		switch b.Kind {
		case record.BlockParagraph, record.BlockTableCell, record.BlockLine:
		default:
			continue
		}
		if b.End <= len(text) && b.Start <= b.End {
			if t := clipTitle(firstLine(text[b.Start:b.End])); t != "" {
				return t
			}
		}
	}
	return ""
}

func firstLine(s string) string {
	s = strings.TrimLeft(s, " \t\r\n")
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

// clipTitle trims s and cuts it to maxTitle bytes at a word boundary.
func clipTitle(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= maxTitle {
		return s
	}
	cut := maxTitle
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if i := strings.LastIndexByte(s[:cut], ' '); i > maxTitle/2 {
		cut = i
	}
	return strings.TrimRight(s[:cut], " ,;:-") + "…"
}

// nameTitle is a file name without its folder and extension.
func nameTitle(name string) string {
	base := path.Base(strings.ReplaceAll(name, "\\", "/"))
	return strings.TrimSpace(strings.TrimSuffix(base, path.Ext(base)))
}
