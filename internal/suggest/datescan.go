package suggest

// findDates finds every date in text — the same matches, in the same
// order, as dateRe over the whole text (TestFindDatesMatchesRegexp holds
// the two together) — by a scanner: the case-insensitive alternation is the
// slowest pattern suggest ran, and dates are on nearly every page.
func findDates(text string) [][2]int {
	var out [][2]int
	for i := 0; i < len(text); i++ {
		c := text[i]
		if i > 0 && isWordByte(text[i-1]) || !isDigit(c) && !isASCIILetter(c) {
			continue
		}
		e := -1
		if isDigit(c) {
			if e = numericDate(text, i); e < 0 {
				if e = isoDate(text, i); e < 0 {
					e = dayMonthYear(text, i)
				}
			}
		} else {
			e = monthDayYear(text, i)
		}
		if e > i {
			out = append(out, [2]int{i, e})
			i = e - 1
		}
	}
	return out
}

func isDigit(c byte) bool       { return c >= '0' && c <= '9' }
func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isWordByte(c byte) bool    { return isDigit(c) || isASCIILetter(c) || c == '_' }
func isSpaceByte(c byte) bool   { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// boundary is \b after a match ending at e (the match ends in a word byte).
func boundary(t string, e int) bool { return e >= len(t) || !isWordByte(t[e]) }

// digits is the number of digits from i, at most max.
func digits(t string, i, max int) int {
	n := 0
	for i+n < len(t) && n < max && isDigit(t[i+n]) {
		n++
	}
	return n
}

// dateSep reports whether t[i] is one of / . -
func dateSep(t string, i int) bool { return i < len(t) && (t[i] == '/' || t[i] == '.' || t[i] == '-') }

// numericDate: \d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})\b, greedy first.
func numericDate(t string, i int) int {
	for _, d1 := range []int{2, 1} {
		if digits(t, i, d1) != d1 || !dateSep(t, i+d1) {
			continue
		}
		j := i + d1 + 1
		for _, d2 := range []int{2, 1} {
			if digits(t, j, d2) != d2 || !dateSep(t, j+d2) {
				continue
			}
			k := j + d2 + 1
			for _, y := range []int{4, 2} {
				if digits(t, k, y) == y && boundary(t, k+y) {
					return k + y
				}
			}
		}
	}
	return -1
}

// isoDate: \d{4}-\d{2}-\d{2}\b.
func isoDate(t string, i int) int {
	if digits(t, i, 4) == 4 && i+4 < len(t) && t[i+4] == '-' && digits(t, i+5, 2) == 2 && i+7 < len(t) && t[i+7] == '-' &&
		digits(t, i+8, 2) == 2 && boundary(t, i+10) {
		return i + 10
	}
	return -1
}

// dayMonthYear: \d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?MONTH[a-z]*\.?,?\s+\d{4}\b.
func dayMonthYear(t string, i int) int {
	n := digits(t, i, 3)
	if n == 0 || n > 2 {
		return -1
	}
	j := ordinal(t, i+n)
	if j = spaces(t, j); j < 0 {
		return -1
	}
	if j+2 < len(t) && lowerByte(t[j]) == 'o' && lowerByte(t[j+1]) == 'f' && isSpaceByte(t[j+2]) {
		j = spaces(t, j+2)
	}
	if j = monthWord(t, j); j < 0 {
		return -1
	}
	if j < len(t) && t[j] == '.' {
		j++
	}
	if j < len(t) && t[j] == ',' {
		j++
	}
	return year(t, spaces(t, j))
}

// monthDayYear: MONTH[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b.
func monthDayYear(t string, i int) int {
	j := monthWord(t, i)
	if j < 0 {
		return -1
	}
	if j < len(t) && t[j] == '.' {
		j++
	}
	if j = spaces(t, j); j < 0 {
		return -1
	}
	n := digits(t, j, 3)
	if n == 0 || n > 2 {
		return -1
	}
	j = ordinal(t, j+n)
	if j < len(t) && t[j] == ',' {
		j++
	}
	return year(t, spaces(t, j))
}

// year: \d{4}\b at i (i < 0: no match).
func year(t string, i int) int {
	if i >= 0 && digits(t, i, 4) == 4 && boundary(t, i+4) {
		return i + 4
	}
	return -1
}

// spaces skips \s+ from i, or -1 when there is none.
func spaces(t string, i int) int {
	if i < 0 || i >= len(t) || !isSpaceByte(t[i]) {
		return -1
	}
	for i < len(t) && isSpaceByte(t[i]) {
		i++
	}
	return i
}

// ordinal skips an ordinal suffix (st, nd, rd, th; any case) at i.
func ordinal(t string, i int) int {
	if i+1 < len(t) {
		switch string([]byte{lowerByte(t[i]), lowerByte(t[i+1])}) {
		case "st", "nd", "rd", "th":
			return i + 2
		}
	}
	return i
}

// monthWord: a month's first three letters then any letters, any case.
func monthWord(t string, i int) int {
	if i < 0 || i+3 > len(t) {
		return -1
	}
	if _, ok := months[string([]byte{lowerByte(t[i]), lowerByte(t[i+1]), lowerByte(t[i+2])})]; !ok {
		return -1
	}
	j := i + 3
	for j < len(t) && isASCIILetter(t[j]) {
		j++
	}
	return j
}

func lowerByte(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
