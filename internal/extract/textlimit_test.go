package extract

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestTextLimits(t *testing.T) {
	// Text that reads like notes: words drawn at random, so it compresses
	// as prose does.
	r := rand.New(rand.NewPCG(1, 2))
	words := strings.Fields("the visit school family carer review plan meeting agreed said home contact week health worker spoke about")
	prose := func(n int) string {
		var b strings.Builder
		for b.Len() < n {
			b.WriteString(words[r.IntN(len(words))])
			if r.IntN(12) == 0 {
				b.WriteString(".\n")
			} else {
				b.WriteByte(' ')
			}
		}
		return b.String()
	}
	para := func(s string) string {
		var b strings.Builder
		for _, l := range strings.Split(s, "\n") {
			fmt.Fprintf(&b, "<w:p><w:r><w:t>%s</w:t></w:r></w:p>", l)
		}
		return b.String()
	}
	doc := func(body string) []byte {
		return mustDOCX(t, `<w:document `+wNS+`><w:body>`+body+`</w:body></w:document>`, "")
	}
	for _, tt := range []struct {
		name, file string
		data       []byte
		msg        string // "" = read
	}{
		{"prose under the limit", "a.txt", []byte(prose(900 << 10)), ""},
		{"text file over the limit", "a.txt", []byte(prose(1200 << 10)), "more text than the 1 MiB"},
		{"docx over the limit, stopped while inflating", "a.docx", doc(para(prose(1300 << 10))), "word/document.xml holds more text than that"},
		{"repeated text under the limit", "a.txt", []byte(strings.Repeat("the same line again\n", 50000)), "repeats itself"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			x := New(Options{MaxText: 1 << 20, NoOCR: true})
			defer x.Close()
			docs, errs := x.fromBytes(context.Background(), "loc/"+tt.file, "", tt.file, tt.data)
			if tt.msg == "" {
				if len(errs) > 0 || len(docs) != 1 {
					t.Fatalf("%d docs, errors %v", len(docs), errs)
				}
				return
			}
			if len(docs) != 0 || len(errs) != 1 || !errors.Is(errs[0], ErrTooLarge) || !strings.Contains(errs[0].Error(), tt.msg) || !strings.Contains(errs[0].Error(), "loc/"+tt.file) {
				t.Errorf("%d docs, errors %v; want it refused saying %q", len(docs), errs, tt.msg)
			}
		})
	}
}
