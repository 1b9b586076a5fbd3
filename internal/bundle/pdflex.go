package bundle

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// The lexer pdfReader reads a PDF with: tokens and values from a stream.

// lexer reads PDF tokens and values from a stream.
type lexer struct {
	br  *bufio.Reader
	pos int64
	// tokens read ahead and given back, the next one last
	back []string
}

func newLexer(r io.Reader) *lexer { return &lexer{br: bufio.NewReaderSize(r, 64<<10)} }

func (lx *lexer) readByte() (byte, error) {
	c, err := lx.br.ReadByte()
	if err == nil {
		lx.pos++
	}
	return c, err
}

func (lx *lexer) unread() {
	lx.br.UnreadByte()
	lx.pos--
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool { return strings.IndexByte("()<>[]{}/%", c) >= 0 }

// token reads a bare token or a delimiter: "<<", ">>", "[", "]", "(", "<",
// "/", "{", "}".
func (lx *lexer) token() (string, error) {
	if n := len(lx.back); n > 0 {
		t := lx.back[n-1]
		lx.back = lx.back[:n-1]
		return t, nil
	}
	for {
		c, err := lx.readByte()
		if err != nil {
			return "", err
		}
		if isSpace(c) {
			continue
		}
		if c == '%' {
			for c != '\n' && c != '\r' {
				if c, err = lx.readByte(); err != nil {
					return "", err
				}
			}
			continue
		}
		switch c {
		case '<', '>':
			n, err := lx.readByte()
			if err == nil && n == c {
				return string([]byte{c, c}), nil
			}
			if err == nil {
				lx.unread()
			}
			return string(c), nil
		case '[', ']', '(', '/', '{', '}', ')':
			return string(c), nil
		}
		var sb strings.Builder
		sb.WriteByte(c)
		for {
			c, err := lx.readByte()
			if err != nil {
				return sb.String(), nil
			}
			if isSpace(c) || isDelim(c) {
				lx.unread()
				return sb.String(), nil
			}
			sb.WriteByte(c)
		}
	}
}

func (lx *lexer) peekToken() (string, error) {
	t, err := lx.token()
	if err != nil {
		return "", err
	}
	lx.back = append(lx.back, t)
	return t, nil
}

// value reads one value: numbers and references become int, float64 or
// pdfRef; strings []byte; names pdfName; arrays []any; dictionaries
// pdfDict.
func (lx *lexer) value() (any, error) {
	t, err := lx.token()
	if err != nil {
		return nil, err
	}
	switch t {
	case "<<":
		d := pdfDict{}
		for {
			k, err := lx.token()
			if err != nil {
				return nil, err
			}
			if k == ">>" {
				return d, nil
			}
			if k != "/" {
				return nil, fmt.Errorf("dictionary key %q", k)
			}
			name, err := lx.name()
			if err != nil {
				return nil, err
			}
			v, err := lx.value()
			if err != nil {
				return nil, err
			}
			d[name] = v
		}
	case "[":
		var a []any
		for {
			if t, err := lx.peekToken(); err != nil {
				return nil, err
			} else if t == "]" {
				lx.token()
				return a, nil
			}
			v, err := lx.value()
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
	case "(":
		return lx.literal()
	case "<":
		return lx.hex()
	case "/":
		n, err := lx.name()
		return pdfName(n), err
	case "true", "false":
		return t == "true", nil
	case "null":
		return nil, nil
	}
	if n, err := strconv.Atoi(t); err == nil {
		// "n g R" is a reference.
		if g, err := lx.peekToken(); err == nil {
			if gn, err := strconv.Atoi(g); err == nil {
				lx.token()
				if r, err := lx.peekToken(); err == nil && r == "R" {
					lx.token()
					return pdfRef{n, gn}, nil
				}
				// Two numbers in a row (an array): give the second back.
				lx.back = append(lx.back, g)
			}
		}
		return n, nil
	}
	if f, err := strconv.ParseFloat(t, 64); err == nil {
		return f, nil
	}
	return nil, fmt.Errorf("unexpected %q at byte %d", t, lx.pos)
}

// name reads a name's characters after "/", decoding #xx.
func (lx *lexer) name() (string, error) {
	var sb strings.Builder
	for {
		c, err := lx.readByte()
		if err != nil {
			return sb.String(), nil
		}
		if isSpace(c) || isDelim(c) {
			lx.unread()
			return sb.String(), nil
		}
		if c == '#' {
			h := make([]byte, 2)
			h[0], _ = lx.readByte()
			h[1], _ = lx.readByte()
			if v, err := strconv.ParseUint(string(h), 16, 8); err == nil {
				sb.WriteByte(byte(v))
				continue
			}
			sb.WriteByte('#')
			sb.Write(h)
			continue
		}
		sb.WriteByte(c)
	}
}

// literal reads a (string) after its "(", unescaped.
func (lx *lexer) literal() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('(')
	depth := 1
	for depth > 0 {
		c, err := lx.readByte()
		if err != nil {
			return nil, err
		}
		buf.WriteByte(c)
		switch c {
		case '\\':
			n, err := lx.readByte()
			if err != nil {
				return nil, err
			}
			buf.WriteByte(n)
		case '(':
			depth++
		case ')':
			depth--
		}
	}
	ss := pdfStrings(buf.Bytes())
	if len(ss) == 0 {
		return []byte{}, nil
	}
	return ss[0], nil
}

// hex reads a <hex string> after its "<".
func (lx *lexer) hex() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('<')
	for {
		c, err := lx.readByte()
		if err != nil {
			return nil, err
		}
		buf.WriteByte(c)
		if c == '>' {
			break
		}
	}
	ss := pdfStrings(buf.Bytes())
	if len(ss) == 0 {
		return []byte{}, nil
	}
	return ss[0], nil
}

// indirect reads "n g obj value".
func (lx *lexer) indirect() (int, any, error) {
	a, _ := lx.token()
	lx.token()
	if t, _ := lx.token(); t != "obj" {
		return 0, nil, fmt.Errorf("not an object")
	}
	n, _ := strconv.Atoi(a)
	v, err := lx.value()
	return n, v, err
}

// streamStart skips the end of line after "stream".
func (lx *lexer) streamStart() error {
	c, err := lx.readByte()
	if err != nil {
		return err
	}
	if c == '\r' {
		if c, err = lx.readByte(); err != nil {
			return err
		}
	}
	if c != '\n' {
		return fmt.Errorf("stream keyword not followed by an end of line")
	}
	return nil
}

// readN reads the next n bytes. Its buffer grows as they come, so a
// length no file holds fails at the file's end instead of asking for
// that much memory first.
func (lx *lexer) readN(n int) ([]byte, error) {
	b := make([]byte, min(n, 1<<20))
	got := 0
	for {
		k, err := io.ReadFull(lx.br, b[got:])
		got += k
		lx.pos += int64(k)
		if err != nil {
			return nil, err
		}
		if got == n {
			return b, nil
		}
		b = append(b, make([]byte, min(n-got, len(b)))...)
	}
}

func (lx *lexer) discard(n int) error {
	d, err := lx.br.Discard(n)
	lx.pos += int64(d)
	return err
}
