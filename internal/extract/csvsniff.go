package extract

import (
	"encoding/csv"
	"io"
	"strings"
)

// csvDelimiters are the separators case systems and spreadsheet programs
// write: comma, semicolon (Excel where the decimal mark is a comma), tab
// ("text, tab delimited") and pipe. Comma is first: it wins a tie.
var csvDelimiters = []rune{',', ';', '\t', '|'}

// sniffRows is how many rows the sniffer reads with each delimiter.
const sniffRows = 50

// sniffDelimiter picks the separator of a delimited text: an Excel
// "sep=X" first line says it outright (and is dropped from text);
// otherwise each candidate reads the first rows and the one whose header
// fills the text column, then fills most known columns, then splits most
// rows into as many fields as the header, then gives the most header
// fields, wins. Quoted fields are parsed as CSV, so a comma inside a
// quoted narrative does not count.
func sniffDelimiter(text string, voc *caseColumns, m *columnMapping) (rune, string) {
	if strings.HasPrefix(text, "sep=") {
		line, rest, _ := strings.Cut(text, "\n")
		if r := []rune(strings.TrimSpace(line[len("sep="):])); len(r) == 1 {
			return r[0], rest
		}
	}
	best, bestScore := csvDelimiters[0], [4]int{-1}
	for _, d := range csvDelimiters {
		s := delimiterScore(text, d, voc, m)
		if better(s, bestScore) {
			best, bestScore = d, s
		}
	}
	return best, text
}

func delimiterScore(text string, d rune, voc *caseColumns, m *columnMapping) [4]int {
	r := newCSVReader(strings.NewReader(text), d)
	header, err := r.Read()
	if err != nil {
		return [4]int{-1}
	}
	cols, _ := mapHeader(header, voc, m)
	hasText := 0
	if _, ok := cols["text"]; ok {
		hasText = 1
	}
	even := 0
	for range sniffRows {
		f, err := r.Read()
		if err == io.EOF {
			break
		}
		if err == nil && len(f) == len(header) {
			even++
		}
	}
	return [4]int{hasText, len(cols), even, len(header)}
}

// better compares scores in order of importance.
func better(a, b [4]int) bool {
	for i := range a {
		if a[i] != b[i] {
			return a[i] > b[i]
		}
	}
	return false
}

// newCSVReader reads fields separated by d, tolerant of stray quotes and
// of rows with a different number of fields (the caller reports those).
func newCSVReader(r io.Reader, d rune) *csv.Reader {
	cr := csv.NewReader(r)
	cr.Comma = d
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	return cr
}
