package extract

import (
	"path"
	"strings"
	"time"
)

const (
	labelScan = 3000 // bytes of opening text searched for a labelled date
	firstScan = 1500 // bytes of opening text searched for any date
)

// FindDate finds a document's own date in its opening text: a labelled
// date ("Date:", "Date of meeting:", "Date of visit", "Dated") first, else
// the first date in the first ~1500 bytes. Dates of birth are passed over:
// they date a person, not the document.
func FindDate(text string) (time.Time, bool) {
	if t, ok := labelledDate(text); ok {
		return t, true
	}
	return firstDate(text, firstScan)
}

// DateFromName reads a date from a file name such as
// "lac-review-2014-09-30.pdf", "LAC review 30.09.14.pdf" or
// "2013-01-10 ICPC arrangements.eml".
func DateFromName(name string) (time.Time, bool) {
	base := path.Base(strings.ReplaceAll(name, "\\", "/"))
	base = strings.TrimSuffix(base, path.Ext(base))
	return firstDate(strings.ReplaceAll(base, "_", "-"), len(base))
}

// firstDate returns the first date starting in s[:limit] that is not a
// date of birth or a date to come ("next review 01/09/2014").
func firstDate(s string, limit int) (time.Time, bool) {
	limit = min(limit, len(s))
	lastEnd := 0 // context of one date stops at the previous one
	for i := 0; i < limit; i++ {
		c := s[i]
		if !isDigit(c) && !isLetter(c) {
			continue
		}
		if i > 0 && (isDigit(s[i-1]) || isLetter(s[i-1])) {
			continue
		}
		t, end, ok := scanDate(s, i)
		if !ok {
			if isLetter(c) { // skip the rest of the word
				for i+1 < limit && isLetter(s[i+1]) {
					i++
				}
			}
			continue
		}
		before := s[max(lastEnd, i-24):i]
		if j := strings.LastIndexByte(before, '\n'); j >= 0 {
			before = before[j+1:]
		}
		after := s[end:min(len(s), end+30)]
		if j := strings.IndexByte(after, '\n'); j >= 0 {
			after = after[:j]
		}
		if otherDate(before, after) {
			i, lastEnd = end-1, end
			continue
		}
		return t, true
	}
	return time.Time{}, false
}

// otherDate reports whether the text just before or after a date on its
// line says it is a date of birth ("born 3/4/06", "3/4/06 Sam born") or
// one to come ("next review", "due").
func otherDate(before, after string) bool {
	b, a := strings.ToLower(before), strings.ToLower(after)
	return strings.Contains(b, "born") || strings.Contains(b, "birth") ||
		strings.Contains(b, "dob") || strings.Contains(b, "d.o.b") ||
		strings.Contains(b, "next") || strings.Contains(b, "due") ||
		strings.Contains(a, "born")
}

// labelledDate looks through the opening lines for "Date…: value" or a
// line holding only a date label followed by a line holding the date (a
// two-column table in a form).
func labelledDate(text string) (time.Time, bool) {
	s := text[:min(len(text), labelScan)]
	lower := strings.ToLower(s)
	pendingLabel := false
	for off := 0; off < len(s); {
		end := strings.IndexByte(s[off:], '\n')
		if end < 0 {
			end = len(s)
		} else {
			end += off
		}
		line, low := s[off:end], lower[off:end]
		off = end + 1
		if strings.TrimSpace(line) == "" {
			continue
		}
		if pendingLabel {
			pendingLabel = false
			if t, ok := dateNear(line); ok {
				return t, true
			}
		}
		for p := 0; p < len(low); {
			q := strings.Index(low[p:], "date")
			if q < 0 {
				break
			}
			q += p
			p = q + 4
			if q > 0 && isLetter(low[q-1]) || notDocumentDate(low[:q]) {
				continue
			}
			rest := low[q+4:]
			if strings.HasPrefix(rest, "d") { // "Dated 3 March 2014"
				if t, ok := dateNear(line[q+5:]); ok {
					return t, true
				}
				continue
			}
			if len(rest) > 0 && isLetter(rest[0]) {
				continue // "dates", "dateline"
			}
			label := rest
			value := ""
			if c := strings.IndexByte(rest[:min(len(rest), 40)], ':'); c >= 0 {
				label, value = rest[:c], line[q+4+c+1:]
			} else if i := strings.IndexFunc(rest, func(r rune) bool { return r >= '0' && r <= '9' }); i >= 0 && i <= 40 {
				label, value = rest[:i], line[q+4+i:]
			}
			if strings.Contains(label, "birth") || strings.Contains(label, "dob") {
				continue
			}
			if strings.TrimSpace(value) == "" {
				if len(strings.TrimSpace(label)) <= 30 && strings.TrimSpace(low[:q]) == "" {
					pendingLabel = true
				}
				continue
			}
			if t, ok := dateNear(value); ok {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

// notDocumentDate reports label words before "date" on its line that name
// some other date than the document's own ("next review date", "due date").
func notDocumentDate(before string) bool {
	if len(before) > 40 {
		before = before[len(before)-40:]
	}
	w := wordsOf(before)
	for _, x := range []string{" next ", " due ", " end ", " expiry ", " target ", " closure ", " start ", " birth "} {
		if strings.Contains(w, x) {
			return true
		}
	}
	return false
}

// dateNear returns a date starting within the first 40 bytes of s.
func dateNear(s string) (time.Time, bool) {
	return firstDate(s, 40)
}
