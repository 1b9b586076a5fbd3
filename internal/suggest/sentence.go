package suggest

import "strings"

// sentences splits text[lo:hi] into sentence spans at ". ", "! ", "? "
// and line breaks; "; " is not a sentence end.
func sentences(text string, lo, hi int, titles map[string]bool) [][2]int {
	return splitSentences(text, lo, hi, false, titles)
}

// splitSentences is sentences; with wrapped set (PDF and OCR lines) a line
// break ends a sentence only after . ! ? or :. A full stop after one
// letter or one of titles (the packs' name-titles: "Dr.") ends none.
// maxSentence bounds a sentence's length in bytes, so a 10 MB paragraph
// without a full stop is still read in linear time.
const maxSentence = 1500

func splitSentences(text string, lo, hi int, wrapped bool, titles map[string]bool) [][2]int {
	var out [][2]int
	start := lo
	for i := lo; i < hi; i++ {
		c := text[i]
		end := -1
		if i-start > maxSentence && c == ' ' {
			end = i // a run-on text: cut it so work per sentence stays bounded
		}
		switch c {
		case '\n':
			if !wrapped || !continues(text, lo, i, hi) {
				end = i
			}
		case '.', '!', '?':
			// A closing quotation mark after the stop ends the sentence with
			// it: `… on Friday." I will …`.
			if q := closingQuote(text, i+1, hi); q > 0 && (i+1+q >= hi || text[i+1+q] == ' ' || text[i+1+q] == '\n') {
				end = i + 1 + q
				break
			}
			if i+1 >= hi || text[i+1] == ' ' || text[i+1] == '\n' {
				// "Dr. Smith", "J. Smith": an initial or title is not a sentence end.
				if c == '.' && i >= 1 && (i-start < 3 || isShortWordBefore(text, start, i, titles)) && !opensSentence(text, i+1, hi) {
					continue
				}
				// "K.S. stayed in": initials before a word in lower case
				// are a person, not a sentence end.
				if c == '.' && i+2 < hi && text[i+2] >= 'a' && text[i+2] <= 'z' && initialsBefore(text, start, i) {
					continue
				}
				end = i + 1
			}
		}
		if end >= 0 {
			if s, e := trimSpan(text, start, end); e > s {
				out = append(out, [2]int{s, e})
			}
			start = end
		}
	}
	if s, e := trimSpan(text, start, hi); e > s {
		out = append(out, [2]int{s, e})
	}
	return out
}

// sentenceOpeners are words that open a sentence and never follow an
// initial as a surname does: after "Class A." or "Plan B." they start the
// next sentence.
var sentenceOpeners = map[string]bool{"the": true, "he": true, "she": true, "they": true, "it": true, "we": true,
	"this": true, "that": true, "there": true, "his": true, "her": true, "their": true, "also": true, "an": true,
	"on": true, "in": true, "at": true, "when": true, "after": true, "then": true, "but": true, "and": true, "so": true}

// opensSentence reports whether the word after the space at text[i] is one
// of the sentenceOpeners, capitalised.
func opensSentence(text string, i, hi int) bool {
	for i < hi && text[i] == ' ' {
		i++
	}
	j := i
	for j < hi && (text[j] >= 'a' && text[j] <= 'z' || text[j] >= 'A' && text[j] <= 'Z') {
		j++
	}
	w := text[i:j]
	return len(w) >= 2 && w[0] >= 'A' && w[0] <= 'Z' && sentenceOpeners[strings.ToLower(w)]
}

func isShortWordBefore(text string, lo, i int, titles map[string]bool) bool {
	j := i
	for j > lo && text[j-1] != ' ' && text[j-1] != '\n' {
		j--
	}
	w := strings.ToLower(text[j:i])
	return len(w) == 1 || titles[w]
}

func trimSpan(text string, s, e int) (int, int) {
	for s < e && (text[s] == ' ' || text[s] == '\n' || text[s] == '\t' || text[s] == '\r') {
		s++
	}
	for e > s && (text[e-1] == ' ' || text[e-1] == '\n' || text[e-1] == '\t' || text[e-1] == '\r') {
		e--
	}
	return s, e
}

// clauseBreaks split a sentence into clauses, so a flag covers the part
// about the third party and leaves the requester's own story.
var clauseBreaks = []string{", ", "; ", " because ", " but ", " after ", " when ", " while ", " although ", " so ", ": ",
	",\n", ";\n", ":\n"}

// clauseAround returns the clause of text[s:e] (a sentence) that holds
// [ms, me).
func clauseAround(text string, s, e, ms, me int) (int, int) {
	cs, ce := s, e
	for _, b := range clauseBreaks {
		if i := strings.LastIndex(text[s:ms], b); i >= 0 && s+i+len(b) > cs {
			cs = s + i + len(b)
		}
		if i := strings.Index(text[me:e], b); i >= 0 && me+i < ce {
			ce = me + i
		}
	}
	return cs, ce
}

// pronounStart reports whether a sentence starts (after a connective) with a
// third-person pronoun that may point back at the previous sentence's person.
func pronounStart(sent string) (int, bool) {
	off := 0
	for _, c := range []string{"However ", "However, ", "But ", "Also ", "And "} {
		if strings.HasPrefix(sent, c) {
			off = len(c)
			break
		}
	}
	rest := sent[off:]
	for _, p := range []string{"she ", "he ", "She ", "He ", "They ", "they ", "His ", "Her ", "his ", "her "} {
		if strings.HasPrefix(rest, p) {
			return off, true
		}
	}
	return 0, false
}

// bothStart reports whether sent opens with "Both" standing for people
// ("Both were arrested", "Both of them have"), not before a noun ("Both
// children"), and where it starts.
func bothStart(sent string) (int, bool) {
	for _, p := range []string{"Both were ", "Both are ", "Both have ", "Both had ", "Both will ", "Both of them "} {
		if strings.HasPrefix(sent, p) {
			return 0, true
		}
	}
	return 0, false
}

// continues reports whether a wrapped line ending at text[i] ('\n') runs
// on into the next: it does not end a sentence and either the next line
// starts in lower case, the line ends with a comma (a clause or an address
// going on: "Mum lives at 4 Pit Row,\nHarrowby HB1 2AB, with …"), or
// the line is long (a full line of a paragraph, not a table cell or
// heading).
func continues(text string, lo, i, hi int) bool {
	if i == lo || strings.IndexByte(".!?:", text[i-1]) >= 0 || i+1 >= hi {
		return false
	}
	ls := strings.LastIndexByte(text[lo:i], '\n') + 1 + lo
	next := text[i+1]
	if next >= 'a' && next <= 'z' || text[i-1] == ',' {
		return true
	}
	if i-ls < 75 {
		return false
	}
	// A long line is a paragraph's full line, unless it and the next are
	// rows of a record written as lines ("<name> — <relation> — <date> —
	// <conditions>"): each row is a sentence of its own, however long.
	ne := strings.IndexByte(text[i+1:hi], '\n')
	if ne < 0 {
		ne = hi - i - 1
	}
	return !(recordRow(text[ls:i]) && recordRow(text[i+1:i+1+ne]))
}

// recordRow reports whether a line is a row of fields set apart by dashes
// or bars: two separators or more ("<name> — <date> — <conditions>").
func recordRow(line string) bool {
	n := 0
	for _, sep := range []string{" — ", " – ", " | "} {
		n += strings.Count(line, sep)
	}
	return n >= 2
}

// initialsBefore reports whether the word ending at the full stop at i is
// initials joined by full stops ("K.S", "J.P.R", "N.O'K", "A.R-W").
func initialsBefore(text string, lo, i int) bool {
	j := i
	for j > lo && text[j-1] != ' ' && text[j-1] != '\n' && text[j-1] != '(' {
		j--
	}
	w := text[j:i]
	return strings.Contains(w, ".") && leadingInitials(w) == len(w)
}

// closingQuote returns the length of a closing quotation mark at text[i:]
// (", ” or ’), or 0.
func closingQuote(text string, i, hi int) int {
	if i >= hi {
		return 0
	}
	if text[i] == '"' {
		return 1
	}
	for _, q := range []string{"”", "’"} {
		if i+len(q) <= hi && text[i:i+len(q)] == q {
			return len(q)
		}
	}
	return 0
}
