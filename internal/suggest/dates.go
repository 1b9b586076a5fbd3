package suggest

import (
	"regexp"
	"strconv"
	"strings"
)

// dateRe finds dates as UK records write them: 02/07/1987, 2.7.87,
// 2 July 1987, 2nd Jul 1987, July 2, 1987, 1987-07-02.
var dateRe = regexp.MustCompile(`(?i)\b(?:\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})\b`)

// dayMonthRe is a day and month written without a year ("the 2nd of
// December", "21 June"), as a birthday is.
var dayMonthRe = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b`)

// subjectsBirth reports whether a date-of-birth finding is the
// requester's own: their date of birth, or its day and month where a
// birthday is written without its year, or the date their own child was
// born (a care leaver's baby is their story).
func (e *engine) subjectsBirth(s string) bool {
	sub := normDate(e.subjectDOB)
	if dm := dateRe.FindString(s); dm != "" {
		n := normDate(dm)
		return n != "" && (n == sub || e.ownChildBirth[n])
	}
	if sub == "" {
		return false
	}
	m := dayMonthRe.FindStringSubmatch(s)
	if m == nil {
		return false
	}
	d, _ := strconv.Atoi(m[1])
	return sub[5:] == two(months[strings.ToLower(m[2])])+"-"+two(d)
}

var months = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

// normDate turns a matched date into YYYY-MM-DD, or "" if it is not one.
// Two-digit years are read as the nearest century to a birth (19xx above 30).
func normDate(s string) string {
	s = strings.ToLower(s)
	if len(s) == 10 && s[4] == '-' && s[7] == '-' {
		return s
	}
	var d, m, y int
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '.' || r == '-' || r == ' ' || r == ',' })
	var nums []int
	for _, f := range fields {
		f = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(f, "st"), "nd"), "rd"), "th")
		if n, err := strconv.Atoi(f); err == nil {
			nums = append(nums, n)
			continue
		}
		if len(f) >= 3 {
			if mm, ok := months[f[:3]]; ok {
				m = mm
			}
		}
	}
	switch {
	case m == 0 && len(nums) == 3:
		d, m, y = nums[0], nums[1], nums[2]
	case m != 0 && len(nums) == 2:
		d, y = nums[0], nums[1]
		if d > 31 {
			d, y = y, d
		}
	default:
		return ""
	}
	if y < 100 {
		if y > 30 {
			y += 1900
		} else {
			y += 2000
		}
	}
	if d < 1 || d > 31 || m < 1 || m > 12 {
		return ""
	}
	return strconv.Itoa(y) + "-" + two(m) + "-" + two(d)
}

func two(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
