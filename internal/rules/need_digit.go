package rules

import (
	"regexp/syntax"
)

// minDigits is the fewest ASCII digits any text the pattern src matches
// holds. A window of a long text with fewer digits than that cannot hold a
// match, so FindNear skips it: an address line starts with its house
// number, whatever street word opened the window, and an NHS number's ten
// digits are not in a window around a date's eight.
func minDigits(src string) int {
	re, err := syntax.Parse(src, syntax.Perl)
	if err != nil {
		return 0
	}
	return digitsIn(re.Simplify())
}

func digitsIn(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpLiteral:
		n := 0
		for _, r := range re.Rune {
			if r >= '0' && r <= '9' {
				n++
			}
		}
		return n
	case syntax.OpCharClass:
		if len(re.Rune) == 0 {
			return 0
		}
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i] < '0' || re.Rune[i+1] > '9' {
				return 0
			}
		}
		return 1
	case syntax.OpCapture, syntax.OpPlus:
		return digitsIn(re.Sub[0])
	case syntax.OpRepeat:
		return re.Min * digitsIn(re.Sub[0])
	case syntax.OpConcat:
		n := 0
		for _, s := range re.Sub {
			n += digitsIn(s)
		}
		return n
	case syntax.OpAlternate:
		n := -1
		for _, s := range re.Sub {
			if k := digitsIn(s); n < 0 || k < n {
				n = k
			}
		}
		return max(n, 0)
	}
	return 0
}

// countDigits is how many ASCII digits s holds, counting no further than
// enough.
func countDigits(s string, enough int) int {
	n := 0
	for i := 0; i < len(s) && n < enough; i++ {
		if c := s[i]; c >= '0' && c <= '9' {
			n++
		}
	}
	return n
}

// startsAtLine reports whether every match of the pattern src starts at
// the start of a line: it opens, in every alternative, with a multi-line
// "^".
func startsAtLine(src string) bool {
	re, err := syntax.Parse(src, syntax.Perl)
	if err != nil {
		return false
	}
	return opensWithLine(re.Simplify())
}

func opensWithLine(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpBeginLine:
		return true
	case syntax.OpCapture:
		return opensWithLine(re.Sub[0])
	case syntax.OpConcat:
		return len(re.Sub) > 0 && opensWithLine(re.Sub[0])
	case syntax.OpAlternate:
		for _, s := range re.Sub {
			if !opensWithLine(s) {
				return false
			}
		}
		return len(re.Sub) > 0
	}
	return false
}
