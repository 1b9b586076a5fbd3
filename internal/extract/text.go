package extract

import (
	"bytes"
	"strings"
	uc "unicode"
	"unicode/utf8"

	"github.com/disclose-sar/disclose/internal/record"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// text reads a .txt or .md file. UTF-8 is expected; a byte-order mark is
// dropped, UTF-16 with a mark (or recognisably without one) is decoded, and anything else that is not
// valid UTF-8 is read as Windows-1252 (what Notepad on a council PC
// saved for years) and says so in Meta["encoding"] rather than failing.
// Paragraphs are runs of lines between blank lines; Markdown "#" lines
// are headings.
func (x *Extractor) text(rel string, data []byte) ([]record.Document, []error) {
	doc := record.Document{Format: record.FormatText}
	s, enc, err := decodeText(data)
	if err != nil {
		return nil, []error{fileError(rel, ErrCorrupt, "%s text could not be decoded", enc)}
	}
	if enc != "utf-8" {
		doc.Meta = map[string]string{"encoding": enc}
	}
	md := strings.HasSuffix(strings.ToLower(rel), ".md")
	var b textBuilder
	addParagraphs(&b, s, md, true)
	b.fill(&doc)
	if len(doc.Blocks) == 0 {
		return nil, []error{fileError(rel, ErrEmpty, "no text")}
	}
	return []record.Document{doc}, nil
}

// decodeText returns data as UTF-8 with CRLF and CR line ends made LF, and
// the encoding it was read as.
func decodeText(data []byte) (string, string, error) {
	enc := "utf-8"
	switch {
	case bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")):
		data = data[3:]
	case bytes.HasPrefix(data, []byte("\xFF\xFE")), bytes.HasPrefix(data, []byte("\xFE\xFF")):
		enc = "utf-16"
		d, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return "", enc, err
		}
		data = d
	default:
		if e := utf16Unmarked(data); e != nil {
			enc = "utf-16"
			d, err := unicode.UTF16(*e, unicode.IgnoreBOM).NewDecoder().Bytes(data)
			if err != nil {
				return "", enc, err
			}
			data = d
		}
	}
	if !utf8.Valid(data) {
		enc = "windows-1252"
		d, err := charmap.Windows1252.NewDecoder().Bytes(data)
		if err != nil {
			return "", enc, err
		}
		data = d
	}
	s := string(data)
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	if strings.IndexByte(s, 0) >= 0 {
		s = strings.ReplaceAll(s, "\x00", "")
	}
	return s, enc, nil
}

// utf16Unmarked recognises UTF-16 saved without a byte-order mark by its
// zero bytes: text in Latin script has a zero in every other byte, odd
// ones for little-endian, even ones for big-endian. A text in UTF-8 or
// Windows-1252 has none.
func utf16Unmarked(data []byte) *unicode.Endianness {
	n := min(len(data), 4096) &^ 1
	if n < 4 {
		return nil
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
	}
	half := n / 2
	switch {
	case odd*10 >= half*7 && even*10 < half:
		e := unicode.LittleEndian
		return &e
	case even*10 >= half*7 && odd*10 < half:
		e := unicode.BigEndian
		return &e
	}
	return nil
}

// addParagraphs adds s's paragraphs (separated by blank lines) as blocks.
// With md, a line starting "#" is a heading block of its own.
func addParagraphs(b *textBuilder, s string, md, headings bool) {
	start := -1 // start of the current paragraph in s
	flush := func(end int) {
		if start >= 0 {
			p := strings.TrimLeft(s[start:end], " \t\n")
			if md || headings {
				// A typed note's headings sit on the first line of a
				// paragraph ("Police\nOfficers attended…"): each is a
				// heading block of its own, as in a Word document.
				for {
					nl := strings.IndexByte(p, '\n')
					if nl < 0 || !headingLine(p[:nl], p[nl+1:]) {
						break
					}
					b.add(record.BlockHeading, 0, "", strings.TrimSpace(p[:nl]))
					p = strings.TrimLeft(p[nl+1:], " \t\n")
				}
			}
			if strings.TrimSpace(p) != "" {
				b.add(record.BlockParagraph, 0, "", p)
			}
			start = -1
		}
	}
	for off := 0; off < len(s); {
		end := strings.IndexByte(s[off:], '\n')
		if end < 0 {
			end = len(s)
		} else {
			end += off
		}
		line := s[off:end]
		switch {
		case isBlank(line):
			flush(off)
		case md && strings.HasPrefix(line, "#"):
			flush(off)
			b.add(record.BlockHeading, 0, "", strings.TrimSpace(strings.TrimLeft(line, "#")))
		case start < 0:
			start = off
		}
		off = end + 1
	}
	flush(len(s))
}

// headingLine reports whether line, the first of a paragraph that goes on
// with next, is a heading: a few words that end no sentence and set out
// no "label: value" field, followed by a line that starts anew.
func headingLine(line, next string) bool {
	line, next = strings.TrimSpace(line), strings.TrimSpace(next)
	// A qualifier in brackets or after a dash does not count: "Police
	// (not to be shared without police consent)" and "3. Police - not to
	// be disclosed without consent" are headings of one word.
	bare := line
	if i := strings.IndexByte(bare, '('); i > 0 && strings.HasSuffix(bare, ")") {
		bare = bare[:i]
	}
	for _, dash := range []string{" - ", " – ", " — "} {
		// a qualifier is words in lower case, no date or number: not a
		// record line's fields ("Jo Smith - 21/06/2005 - well")
		if i := strings.Index(bare, dash); i > 0 {
			if q := bare[i+len(dash):]; q != "" && uc.IsLower([]rune(q)[0]) && !strings.ContainsAny(q, "0123456789") {
				bare = bare[:i]
			}
		}
	}
	if line == "" || next == "" || len(bare) > 70 || len(line) > 120 || len(strings.Fields(bare)) > 8 {
		return false
	}
	if strings.IndexByte(".,;!?", line[len(line)-1]) >= 0 || strings.Contains(line, ": ") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(line)
	n, _ := utf8.DecodeRuneInString(next)
	return !uc.IsLower(r) && (uc.IsUpper(n) || uc.IsDigit(n) || strings.ContainsRune("•-*(", n))
}

func isBlank(line string) bool {
	for i := 0; i < len(line); i++ {
		if c := line[i]; c != ' ' && c != '\t' && c != '\f' && c != '\v' {
			return false
		}
	}
	return true
}
