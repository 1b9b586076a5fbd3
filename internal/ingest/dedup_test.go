package ingest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/disclose-sar/disclose/internal/extract"
	"github.com/disclose-sar/disclose/internal/record"
)

// doc makes a test document the way extract would fill it.
func doc(path, text string) record.Document {
	loc := path[:strings.IndexByte(path, '/')]
	return record.Document{
		ID: extract.DocID(path, ""), Location: loc, Path: path, Format: record.FormatText,
		Text: text, TextHash: extract.TextHash(text),
		Blocks: []record.Block{{Kind: record.BlockParagraph, Start: 0, End: len(text)}},
	}
}

// email makes a message document: header fields as field blocks, then body.
func email(path, msgID, inReplyTo, subject, from string, date time.Time, body string) record.Document {
	head := "From: " + from + "\nSubject: " + subject
	text := head + "\n" + body
	d := doc(path, text)
	d.Format = record.FormatEmail
	d.Date = date
	d.Blocks = []record.Block{
		{Kind: record.BlockField, Start: 0, End: len("From: " + from), Label: "From"},
		{Kind: record.BlockField, Start: len("From: "+from) + 1, End: len(head), Label: "Subject"},
		{Kind: record.BlockParagraph, Start: len(head) + 1, End: len(text)},
	}
	d.Email = &record.Email{Subject: subject, MessageID: msgID, InReplyTo: inReplyTo, From: []record.Address{{Email: from}}}
	return d
}

// words returns n invented sentences, distinct for each seed.
func words(seed, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "Visit %d of series %d went ahead at the family centre and the plan item %d was reviewed. ", i, seed, i*7+seed)
	}
	return b.String()
}

func TestDedup(t *testing.T) {
	day := time.Date(2019, 4, 3, 10, 0, 0, 0, time.UTC)
	long := words(1, 40)
	// One word changed in 40 sentences: well above 95% shingle overlap.
	nearly := strings.Replace(long, "series 1 went", "series 1 had gone", 1)
	first := "Please can you confirm the time of the review meeting next week for the young person."
	reply := "Yes, it is at ten in the morning.\n\nOn Tuesday Sam Fielding wrote:\n> Please can you confirm the time of the\n> review meeting next week for the young person."
	type want struct{ dropped, kept, why string }
	tests := []struct {
		name string
		docs []record.Document
		want []want
	}{
		{
			name: "identical text keeps the case system copy",
			docs: []record.Document{
				doc("b-drive/report.txt", long),
				doc("case-system-export/report.txt", long),
				doc("a-drive/report copy.txt", long),
			},
			want: []want{
				{"a-drive/report copy.txt", "case-system-export/report.txt", "identical text"},
				{"b-drive/report.txt", "case-system-export/report.txt", "identical text"},
			},
		},
		{
			name: "near-identical text",
			docs: []record.Document{doc("x/a.txt", long), doc("y/b.txt", nearly), doc("z/c.txt", words(2, 40))},
			want: []want{{"y/b.txt", "x/a.txt", "near-identical text"}},
		},
		{
			name: "same email in two mailboxes by Message-ID",
			docs: []record.Document{
				email("mailbox-b/m.eml", "<m1@example.org>", "", "Plans", "sam@example.org", day, first),
				email("mailbox-a/m.eml", "<M1@example.org>", "", "Plans", "sam@example.org", day, first+"\n[scanned by the mail gateway]"),
			},
			want: []want{{"mailbox-b/m.eml", "mailbox-a/m.eml", "same email (Message-ID)"}},
		},
		{
			name: "same email without Message-ID",
			docs: []record.Document{
				email("mailbox-b/m.eml", "", "", "Plans", "sam@example.org", day, first+"\n(sent from phone)"),
				email("mailbox-a/m.eml", "", "", "RE: Plans", "sam@example.org", day, first+"\n(sent from phone)"),
			},
			want: []want{{"mailbox-b/m.eml", "mailbox-a/m.eml", "same email (subject, date, sender and body)"}},
		},
		{
			name: "thread at its fullest",
			docs: []record.Document{
				email("mailbox-a/1.eml", "<q@x>", "", "Review time", "sam@example.org", day, first),
				email("mailbox-b/2.eml", "<r@x>", "<q@x>", "RE: Review time", "kim@example.org", day.Add(time.Hour), reply),
			},
			want: []want{{"mailbox-a/1.eml", "mailbox-b/2.eml", "earlier message of a thread"}},
		},
		{
			name: "empty texts are not copies",
			docs: []record.Document{doc("a/scan1.pdf", ""), doc("b/scan2.pdf", "")},
		},
		{
			name: "different documents stay",
			docs: []record.Document{doc("a/1.txt", words(3, 30)), doc("b/2.txt", words(4, 30))},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dups := Dedup(tt.docs)
			byPath := map[string]*record.Document{}
			for i := range tt.docs {
				byPath[tt.docs[i].Path] = &tt.docs[i]
			}
			var got []want
			for _, d := range dups {
				why := d.Why
				for _, w := range tt.want {
					if strings.HasPrefix(d.Why, w.why) {
						why = w.why
					}
				}
				got = append(got, want{d.Dropped.Path, d.Kept.Path, why})
				if byPath[d.Dropped.Path].DuplicateOf != byPath[d.Kept.Path].ID {
					t.Errorf("%s.DuplicateOf = %q, want %q", d.Dropped.Path, byPath[d.Dropped.Path].DuplicateOf, byPath[d.Kept.Path].ID)
				}
			}
			if diff := cmp.Diff(tt.want, got, cmp.Transformer("sort", sortWants[want])); diff != "" {
				t.Errorf("Dedup duplicates (-want +got):\n%s", diff)
			}
			marked := 0
			for _, d := range tt.docs {
				if d.DuplicateOf != "" {
					marked++
				}
			}
			if marked != len(tt.want) {
				t.Errorf("%d documents marked DuplicateOf, want %d", marked, len(tt.want))
			}
		})
	}
}

func sortWants[T any](in []T) []string {
	// A sorted string form: the order duplicates are found in does not matter.
	out := make([]string, len(in))
	for i, w := range in {
		out[i] = fmt.Sprint(w)
	}
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func TestJaccardAndShingles(t *testing.T) {
	a := shingles(extract.NormaliseText(words(5, 20)))
	if got := jaccard(a, a); got != 1 {
		t.Errorf("jaccard(a, a) = %v, want 1", got)
	}
	b := shingles(extract.NormaliseText(words(6, 20)))
	if got := jaccard(a, b); got > 0.5 {
		t.Errorf("jaccard(different) = %v, want < 0.5", got)
	}
	if got := shingles("too short"); got != nil {
		t.Errorf("shingles(short) = %v, want nil", got)
	}
}

func TestThreadSubject(t *testing.T) {
	for in, want := range map[string]string{
		"RE: Fwd: Re[2]:  Review  Time": "review time",
		"FW: housing":                   "housing",
		"Refund request":                "refund request",
	} {
		if got := threadSubject(in); got != want {
			t.Errorf("threadSubject(%q) = %q, want %q", in, got, want)
		}
	}
}
