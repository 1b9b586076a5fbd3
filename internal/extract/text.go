package extract

import (
	"bytes"
	"strings"
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
	addParagraphs(&b, s, md)
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
func addParagraphs(b *textBuilder, s string, md bool) {
	start := -1 // start of the current paragraph in s
	flush := func(end int) {
		if start >= 0 {
			b.add(record.BlockParagraph, 0, "", strings.TrimLeft(s[start:end], " \t\n"))
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

func isBlank(line string) bool {
	for i := 0; i < len(line); i++ {
		if c := line[i]; c != ' ' && c != '\t' && c != '\f' && c != '\v' {
			return false
		}
	}
	return true
}
