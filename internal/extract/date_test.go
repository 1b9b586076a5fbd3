package extract

import (
	"testing"
	"time"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time // zero: not a date
	}{
		{"03/03/2014", day(2014, 3, 3)},
		{"3/3/14", day(2014, 3, 3)},
		{"30.09.14", day(2014, 9, 30)},
		{"1.2.2015", day(2015, 2, 1)},
		{"14-03-2006", day(2006, 3, 14)},
		{"02/07/87", day(1987, 7, 2)},
		{"2014-09-30", day(2014, 9, 30)},
		{"3rd March 2014", day(2014, 3, 3)},
		{"3 March 2014", day(2014, 3, 3)},
		{"21st of June 2019", day(2019, 6, 21)},
		{"March 3, 2014", day(2014, 3, 3)},
		{"March 3rd 2014", day(2014, 3, 3)},
		{"3 Mar 2014", day(2014, 3, 3)},
		{"3 Sept. 2014", day(2014, 9, 3)},
		{"Monday 3 March 2014", day(2014, 3, 3)},
		{"Monday, 3rd March 2014", day(2014, 3, 3)},
		{"Tue 4 Mar 2014", day(2014, 3, 4)},
		{"  29/02/2016 ", day(2016, 2, 29)},
		{"29/02/2015", time.Time{}},
		{"31/02/2014", time.Time{}},
		{"31/04/2014", time.Time{}},
		{"13/13/2014", time.Time{}},
		{"00/01/2014", time.Time{}},
		{"2014-13-01", time.Time{}},
		{"1/2/3", time.Time{}},
		{"12.50", time.Time{}},
		{"1.2.345", time.Time{}},
		{"3 Smarch 2014", time.Time{}},
		{"March 2014", time.Time{}},
		{"03/03/2014 and more", time.Time{}},
		{"", time.Time{}},
		{"Monday", time.Time{}},
	}
	for _, tt := range tests {
		got, ok := ParseDate(tt.in)
		if ok != !tt.want.IsZero() || !got.Equal(tt.want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", tt.in, got, ok, tt.want)
		}
	}
}

func TestFindDate(t *testing.T) {
	tests := []struct {
		name, text string
		want       time.Time
	}{
		{"labelled after birth date", "Child: A Person, born 14/03/2006\nDate: 15/01/2013\n", day(2013, 1, 15)},
		{"label then value line", "Child\nA Person\nDate of birth\n14/03/2006\nDate of visit\n22/10/2014\n", day(2014, 10, 22)},
		{"dated", "Some heading\nDated 3rd March 2014\n", day(2014, 3, 3)},
		{"date of meeting", "Minutes\nDate of meeting: Monday 3 March 2014\nNext review date: 01/09/2014", day(2014, 3, 3)},
		{"next review is not the date", "Next review date: 01/09/2014\nWe met on 02/03/2014.", day(2014, 3, 2)},
		{"first date", "Letter\n\nWe met on 2 March 2014 to talk.", day(2014, 3, 2)},
		{"dob skipped", "DOB 01/01/2001. Seen 05/06/2012.", day(2012, 6, 5)},
		{"born after", "01/01/2001 Child born\n05/06/2012 Home visit", day(2012, 6, 5)},
		{"none", "No dates here, only 12.50 and 2014.", time.Time{}},
	}
	for _, tt := range tests {
		got, ok := FindDate(tt.text)
		if ok != !tt.want.IsZero() || !got.Equal(tt.want) {
			t.Errorf("%s: FindDate(%q) = %v, %v; want %v", tt.name, tt.text, got, ok, tt.want)
		}
	}
}

func TestDateFromName(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{"lac-review-2014-09-30.pdf", day(2014, 9, 30)},
		{"reviews/LAC review 30.09.14.pdf", day(2014, 9, 30)},
		{"2013-01-10 ICPC arrangements.eml", day(2013, 1, 10)},
		{"visit_05_06_2012.docx", day(2012, 6, 5)},
		{"later-life-letter-2016.docx", time.Time{}},
		{"scan0001.pdf", time.Time{}},
	}
	for _, tt := range tests {
		got, ok := DateFromName(tt.in)
		if ok != !tt.want.IsZero() || !got.Equal(tt.want) {
			t.Errorf("DateFromName(%q) = %v, %v; want %v", tt.in, got, ok, tt.want)
		}
	}
}

func TestDocType(t *testing.T) {
	tests := []struct{ title, name, opening, want string }{
		{"", "interim-care-order-2014-07-18.pdf", "", "court order"},
		{"ICPC minutes", "x.docx", "", "minutes"},
		{"", "strategy-meeting-2012-10-09.pdf", "", "minutes"},
		{"Review of the care plan", "x.docx", "", "review"},
		{"Contact and Referral Record", "x.docx", "", "referral"},
		{"", "gp-letters.pdf", "", "letter"},
		{"Northbridge Council", "x.pdf", "Northbridge Council\nDear Ms Smith,\n", "letter"},
		{"", "notes.txt", "", "notes"},
		{"Something", "x.docx", "Something else entirely", "document"},
	}
	for _, tt := range tests {
		if got := DocType(tt.title, tt.name, tt.opening); got != tt.want {
			t.Errorf("DocType(%q, %q, %q) = %q, want %q", tt.title, tt.name, tt.opening, got, tt.want)
		}
	}
}

func TestClipTitle(t *testing.T) {
	long := "word " + string(make([]byte, 0))
	for len(long) < 300 {
		long += "wörd "
	}
	got := clipTitle(long)
	if len(got) > maxTitle+len("…") {
		t.Errorf("clipTitle: %d bytes, want ≤ %d", len(got), maxTitle+3)
	}
	if got := clipTitle("  A  short\ttitle "); got != "A short title" {
		t.Errorf("clipTitle = %q, want %q", got, "A short title")
	}
}

func BenchmarkFindDate(b *testing.B) {
	text := "Northbridge Borough Council\nChildren's Services\nThis is a long opening paragraph with no dates in it at all, " +
		"only words, numbers like 12.50 and 2014 and a reference WBC-0412877, repeated to fill the scan window. "
	for len(text) < 2000 {
		text += text
	}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		FindDate(text)
	}
}
