package bundle

import (
	"bytes"
	"strings"
	"unicode/utf16"
)

// latin1 maps bytes to runes one to one so binary never breaks decoding.
func latin1(b []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(b))
	for _, c := range b {
		if c < 0x80 {
			out.WriteByte(c)
		} else {
			out.WriteRune(rune(c))
		}
	}
	return out.Bytes()
}

// contentText decodes the string operands of a content stream (literal and
// hex) as UTF-16BE when they look like it, else byte for byte, joined by
// spaces in stream order.
func contentText(b []byte) string {
	var sb strings.Builder
	for _, s := range pdfStrings(b) {
		sb.WriteString(decodeOperand(s))
		sb.WriteByte(' ')
	}
	return sb.String()
}

func decodeOperand(s []byte) string {
	if len(s) >= 2 && len(s)%2 == 0 {
		zeros := 0
		for i := 0; i < len(s); i += 2 {
			if s[i] == 0 {
				zeros++
			}
		}
		if zeros*2 >= len(s)/2 {
			u := make([]uint16, len(s)/2)
			for i := range u {
				u[i] = uint16(s[2*i])<<8 | uint16(s[2*i+1])
			}
			return string(utf16.Decode(u))
		}
	}
	return string(latin1(s))
}

// pdfStrings returns the literal "(...)" and hex "<...>" strings of a
// content stream, unescaped.
func pdfStrings(b []byte) [][]byte {
	var out [][]byte
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '(':
			depth, j := 1, i+1
			var buf []byte
			for ; j < len(b) && depth > 0; j++ {
				c := b[j]
				if c == '\\' && j+1 < len(b) {
					j++
					switch n := b[j]; n {
					case 'n':
						buf = append(buf, '\n')
					case 'r':
						buf = append(buf, '\r')
					case 't':
						buf = append(buf, '\t')
					case 'b':
						buf = append(buf, '\b')
					case 'f':
						buf = append(buf, '\f')
					case '\r', '\n':
					default:
						if n >= '0' && n <= '7' {
							v, k := 0, 0
							for ; k < 3 && j < len(b) && b[j] >= '0' && b[j] <= '7'; k++ {
								v = v*8 + int(b[j]-'0')
								j++
							}
							j--
							buf = append(buf, byte(v))
						} else {
							buf = append(buf, n)
						}
					}
					continue
				}
				if c == '(' {
					depth++
				} else if c == ')' {
					depth--
					if depth == 0 {
						break
					}
				}
				buf = append(buf, c)
			}
			out = append(out, buf)
			i = j
		case '<':
			if i+1 < len(b) && b[i+1] == '<' {
				i++
				continue
			}
			j := bytes.IndexByte(b[i:], '>')
			if j < 0 {
				return out
			}
			hx := b[i+1 : i+j]
			var buf []byte
			var hi, have = byte(0), false
			ok := true
			for _, c := range hx {
				var v byte
				switch {
				case c >= '0' && c <= '9':
					v = c - '0'
				case c >= 'a' && c <= 'f':
					v = c - 'a' + 10
				case c >= 'A' && c <= 'F':
					v = c - 'A' + 10
				case c == ' ' || c == '\n' || c == '\r' || c == '\t':
					continue
				default:
					ok = false
				}
				if !ok {
					break
				}
				if have {
					buf = append(buf, hi<<4|v)
					have = false
				} else {
					hi, have = v, true
				}
			}
			if ok {
				out = append(out, buf)
			}
			i += j
		}
	}
	return out
}
