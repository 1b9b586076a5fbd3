package extract

import (
	"bytes"
	"context"
	"fmt"

	"github.com/disclose-sar/disclose/internal/record"
)

// mbox splits a Unix mailbox into messages and reads each as an email with
// Part "message-N". A message starts at a "From " line at the top of the
// file or after a blank line (requiring the blank line keeps an unquoted
// "From " in a body from splitting it); ">From " lines are unquoted
// (mboxrd). A file with no "From " line is read as one message.
func (x *Extractor) mbox(ctx context.Context, rel, part string, data []byte) ([]record.Document, []error) {
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	msgs := splitMbox(data)
	if len(msgs) == 0 {
		return nil, []error{fileError(rel, ErrEmpty, "%sno messages", partPrefix(part))}
	}
	var (
		docs []record.Document
		errs []error
	)
	for i, m := range msgs {
		if err := ctx.Err(); err != nil {
			return docs, append(errs, err)
		}
		p := joinPart(part, fmt.Sprintf("message-%d", i+1))
		d, e := x.fromBytes(ctx, rel, p, p+".eml", unquoteFrom(m))
		docs = append(docs, d...)
		errs = append(errs, e...)
	}
	return docs, errs
}

// splitMbox returns each message's bytes without its "From " line.
func splitMbox(data []byte) [][]byte {
	if !bytes.HasPrefix(data, []byte("From ")) {
		if len(bytes.TrimSpace(data)) == 0 {
			return nil
		}
		return [][]byte{data}
	}
	var msgs [][]byte
	start := -1
	for off := 0; off < len(data); {
		end := bytes.IndexByte(data[off:], '\n')
		if end < 0 {
			end = len(data)
		} else {
			end += off
		}
		if bytes.HasPrefix(data[off:end], []byte("From ")) && (off == 0 || (off >= 2 && data[off-2] == '\n')) {
			if start >= 0 {
				msgs = appendMsg(msgs, data[start:off])
			}
			start = min(end+1, len(data))
		}
		off = end + 1
	}
	if start >= 0 {
		msgs = appendMsg(msgs, data[start:])
	}
	return msgs
}

func appendMsg(msgs [][]byte, m []byte) [][]byte {
	if len(bytes.TrimSpace(m)) == 0 {
		return msgs
	}
	return append(msgs, m)
}

// unquoteFrom removes one ">" from lines matching ^>+From (mboxrd).
func unquoteFrom(m []byte) []byte {
	if !bytes.Contains(m, []byte(">From ")) {
		return m
	}
	out := make([]byte, 0, len(m))
	for off := 0; off < len(m); {
		end := bytes.IndexByte(m[off:], '\n')
		if end < 0 {
			end = len(m)
		} else {
			end++
			end += off
		}
		line := m[off:end]
		if i := bytes.IndexFunc(line, func(r rune) bool { return r != '>' }); i > 0 && bytes.HasPrefix(line[i:], []byte("From ")) {
			line = line[1:]
		}
		out = append(out, line...)
		off = end
	}
	return out
}
