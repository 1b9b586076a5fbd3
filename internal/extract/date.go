package extract

import (
	"strings"
	"time"
)

// Two-digit years below this are read as 20yy, the rest as 19yy: a care
// leaver's record runs from the parents' births (1960s on) to the present.
const yearPivot = 40

var monthNames = map[string]time.Month{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
	"april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
	"august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10,
	"oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

var weekdayNames = map[string]bool{
	"monday": true, "mon": true, "tuesday": true, "tue": true, "tues": true,
	"wednesday": true, "wed": true, "thursday": true, "thu": true, "thur": true,
	"thurs": true, "friday": true, "fri": true, "saturday": true, "sat": true,
	"sunday": true, "sun": true,
}

// ParseDate reads a whole string as a date in one of the forms UK records
// use: dd/mm/yy, dd/mm/yyyy, d.m.yy, dd-mm-yyyy, yyyy-mm-dd, "3rd March
// 2014", "3 Mar 2014", "March 3, 2014", "Monday 3 March 2014". Day-first
// is assumed for numeric dates (UK usage). Impossible dates (31/02/2014)
// are refused.
func ParseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimRight(s, ".,;")
	t, end, ok := scanDate(s, 0)
	if !ok || end != len(s) {
		return time.Time{}, false
	}
	return t, true
}

// scanDate tries to read a date starting at s[i]. It returns the date and
// the offset just after it.
func scanDate(s string, i int) (time.Time, int, bool) {
	if i >= len(s) {
		return time.Time{}, 0, false
	}
	if isDigit(s[i]) {
		return scanNumericFirst(s, i)
	}
	if !isLetter(s[i]) {
		return time.Time{}, 0, false
	}
	w, j := word(s, i)
	if weekdayNames[w] {
		j = skipDot(s, j)
		j = skipSpaceComma(s, j)
		if j < len(s) && isDigit(s[j]) {
			return scanNumericFirst(s, j)
		}
		w, j = word(s, j)
	}
	m, ok := monthNames[w]
	if !ok {
		return time.Time{}, 0, false
	}
	// "March 3, 2014" / "March 3rd 2014"
	j = skipDot(s, j)
	j = skipSpace(s, j)
	d, j2, ok := number(s, j, 1, 2)
	if !ok {
		return time.Time{}, 0, false
	}
	j = skipOrdinal(s, j2)
	j = skipSpaceComma(s, j)
	y, j2, ok := number(s, j, 4, 4)
	if !ok {
		return time.Time{}, 0, false
	}
	return makeDate(y, m, d, j2)
}

// scanNumericFirst reads a date that starts with digits: dd/mm/yy[yy],
// yyyy-mm-dd or "3rd March 2014".
func scanNumericFirst(s string, i int) (time.Time, int, bool) {
	a, j, ok := number(s, i, 1, 4)
	if !ok {
		return time.Time{}, 0, false
	}
	if j < len(s) && isSep(s[j]) {
		sep := s[j]
		b, k, ok := number(s, j+1, 1, 2)
		if !ok || k >= len(s) || s[k] != sep {
			return time.Time{}, 0, false
		}
		c, end, ok := number(s, k+1, 2, 4)
		if !ok || end-(k+1) == 3 {
			return time.Time{}, 0, false
		}
		if end < len(s) && (isDigit(s[end]) || (s[end] == sep && end+1 < len(s) && isDigit(s[end+1]))) {
			return time.Time{}, 0, false // a longer number: a version, an identifier
		}
		if j-i == 4 { // yyyy-mm-dd
			if end-(k+1) > 2 {
				return time.Time{}, 0, false
			}
			return makeDate(a, time.Month(b), c, end)
		}
		if j-i > 2 {
			return time.Time{}, 0, false
		}
		if end-(k+1) == 2 {
			if c < yearPivot {
				c += 2000
			} else {
				c += 1900
			}
		}
		return makeDate(c, time.Month(b), a, end)
	}
	if j-i > 2 {
		return time.Time{}, 0, false
	}
	// "3rd March 2014", "3 Mar. 2014", "3rd of March 2014"
	j = skipOrdinal(s, j)
	j = skipSpace(s, j)
	w, k := word(s, j)
	if w == "of" {
		w, k = word(s, skipSpace(s, k))
	}
	m, ok := monthNames[w]
	if !ok || k == j {
		return time.Time{}, 0, false
	}
	k = skipDot(s, k)
	k = skipSpaceComma(s, k)
	y, end, ok := number(s, k, 4, 4)
	if !ok || (end < len(s) && isDigit(s[end])) {
		return time.Time{}, 0, false
	}
	return makeDate(y, m, a, end)
}

func makeDate(y int, m time.Month, d, end int) (time.Time, int, bool) {
	if y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > daysIn(m, y) {
		return time.Time{}, 0, false
	}
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), end, true
}

func daysIn(m time.Month, y int) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// number reads between minD and maxD ASCII digits at s[i].
func number(s string, i, minD, maxD int) (int, int, bool) {
	n, j := 0, i
	for j < len(s) && j-i < maxD && isDigit(s[j]) {
		n = n*10 + int(s[j]-'0')
		j++
	}
	if j-i < minD || (j < len(s) && isDigit(s[j])) {
		return 0, i, false
	}
	return n, j, true
}

// word reads a run of ASCII letters at s[i], lower-cased.
func word(s string, i int) (string, int) {
	j := i
	for j < len(s) && isLetter(s[j]) {
		j++
	}
	if j-i > 9 { // longer than any month or weekday
		return "", j
	}
	var buf [9]byte
	for k := i; k < j; k++ {
		buf[k-i] = s[k] | 0x20
	}
	return string(buf[:j-i]), j
}

func skipOrdinal(s string, i int) int {
	if i+2 <= len(s) {
		switch strings.ToLower(s[i : i+2]) {
		case "st", "nd", "rd", "th":
			if i+2 == len(s) || !isLetter(s[i+2]) {
				return i + 2
			}
		}
	}
	return i
}

func skipDot(s string, i int) int {
	if i < len(s) && s[i] == '.' {
		return i + 1
	}
	return i
}

func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

func skipSpaceComma(s string, i int) int {
	i = skipSpace(s, i)
	if i < len(s) && s[i] == ',' {
		i = skipSpace(s, i+1)
	}
	return i
}

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isSep(c byte) bool    { return c == '/' || c == '.' || c == '-' }
