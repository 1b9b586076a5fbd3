package extract

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/disclose-sar/disclose/internal/record"
)

// pdfMeta keeps the document information dictionary in Meta and uses its
// title and author when they look like a person wrote them.
func (x *Extractor) pdfMeta(d *record.Document, info map[string]string) {
	keys := map[string]string{"Title": "title", "Author": "author", "Subject": "subject",
		"Creator": "creator", "Producer": "producer", "CreationDate": "created", "ModDate": "modified"}
	for k, v := range info {
		v = strings.TrimSpace(v)
		if v == "" || keys[k] == "" {
			continue
		}
		if k == "CreationDate" || k == "ModDate" {
			if t, ok := parsePDFDate(v); ok {
				v = t.Format(time.RFC3339)
			}
		}
		if d.Meta == nil {
			d.Meta = map[string]string{}
		}
		d.Meta[keys[k]] = v
	}
	if t := d.Meta["title"]; t != "" && !machineTitle(t) {
		d.Title = t
	}
	if a := d.Meta["author"]; a != "" && !machineAuthor(a) {
		d.Author = a
	}
}

// machineAuthor reports author fields that programs and scanners fill in
// rather than a person ("anonymous", "Administrator", "Scanner").
func machineAuthor(a string) bool {
	switch strings.Trim(strings.ToLower(a), "() ") {
	case "anonymous", "unknown", "user", "admin", "administrator", "owner", "scanner", "author", "none", "n/a":
		return true
	}
	return !strings.ContainsFunc(a, unicode.IsLetter)
}

// machineTitle reports titles that programs write for themselves
// ("Microsoft Word - letter.docx", "untitled", "scan0001.tif").
func machineTitle(t string) bool {
	l := strings.ToLower(t)
	for _, p := range []string{"microsoft word -", "untitled", "scan0", "img_", "image0"} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	for _, s := range []string{".doc", ".docx", ".pdf", ".tif", ".tiff", ".jpg", ".png", ".rtf", ".odt"} {
		if strings.HasSuffix(l, s) {
			return true
		}
	}
	return !strings.ContainsFunc(t, unicode.IsLetter)
}

var pdfDateRE = regexp.MustCompile(`^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+\-])?(\d{2})?'?(\d{2})?'?`)

// parsePDFDate reads a PDF date string, D:YYYYMMDDHHmmSSOHH'mm' (PDF 1.7
// §7.9.4), every part after the year optional.
func parsePDFDate(s string) (time.Time, bool) {
	m := pdfDateRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return time.Time{}, false
	}
	n := func(i, def int) int {
		if m[i] == "" {
			return def
		}
		v, _ := strconv.Atoi(m[i])
		return v
	}
	loc := time.UTC
	if m[7] == "+" || m[7] == "-" {
		off := n(8, 0)*3600 + n(9, 0)*60
		if m[7] == "-" {
			off = -off
		}
		loc = time.FixedZone("", off)
	}
	mo, dd := n(2, 1), n(3, 1)
	if mo < 1 || mo > 12 || dd < 1 || dd > 31 || n(1, 0) < 1900 || n(1, 0) > 2200 {
		return time.Time{}, false
	}
	return time.Date(n(1, 0), time.Month(mo), dd, n(4, 0), n(5, 0), n(6, 0), 0, loc), true
}

// runningHeads marks lines that repeat at the same height on most pages in
// the top or bottom band of the page as running heads and feet; page
// numbers differ from page to page, so digits are ignored in the match.
func runningHeads(pages []*pdfPage) [][]record.BlockKind {
	kinds := make([][]record.BlockKind, len(pages))
	type key struct {
		text string
		y    int
	}
	count := map[key]int{}
	keyOf := func(p *pdfPage, l pdfLine) (key, record.BlockKind) {
		if len(l.boxes) == 0 || p.height <= 0 {
			return key{}, ""
		}
		y := l.boxes[0].Y0
		var kind record.BlockKind
		switch {
		case y < p.height*0.12:
			kind = record.BlockHeader
		case y > p.height*0.88:
			kind = record.BlockFooter
		default:
			return key{}, ""
		}
		t := strings.Map(func(r rune) rune {
			if unicode.IsDigit(r) {
				return '#'
			}
			return unicode.ToLower(r)
		}, string(l.runes))
		return key{t, int(math.Round(float64(y) / 3))}, kind
	}
	for _, p := range pages {
		seen := map[key]bool{}
		for _, l := range p.lines {
			if k, kind := keyOf(p, l); kind != "" && !seen[k] {
				seen[k] = true
				count[k]++
			}
		}
	}
	need := max(2, int(math.Ceil(0.6*float64(len(pages)))))
	for i, p := range pages {
		kinds[i] = make([]record.BlockKind, len(p.lines))
		for j, l := range p.lines {
			kinds[i][j] = record.BlockLine
			if k, kind := keyOf(p, l); kind != "" && count[k] >= need {
				kinds[i][j] = kind
			}
		}
	}
	return kinds
}
