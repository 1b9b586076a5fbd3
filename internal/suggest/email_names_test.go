package suggest

import (
	"testing"

	"github.com/disclose-sar/disclose/internal/record"
)

func TestEmailDisplayNames(t *testing.T) {
	r := newRegister(&record.Record{Subject: record.Subject{Name: "Robin Ashford-Vale", Aliases: []string{"Robbie Vale"}}})
	r.setWords(mustRules(t).People)
	tests := []struct {
		name            string
		subject, mailbx bool
	}{
		{"Robin AV", true, false},
		{"Robbie V", true, false},
		{"Robin Ashford-Vale", true, false},
		{"Robin Quill", false, false},
		{"Dana Quill", false, false},
		{"Northvale Duty Team", false, true},
		{"East MASH", false, true},
		{"Children's Services", false, true},
		{"Clearword Interpreting Bookings", false, true},
		{"Eastvale Homes Lettings", false, true},
	}
	for _, tc := range tests {
		if got := r.subjectShortName(tc.name); got != tc.subject {
			t.Errorf("subjectShortName(%q) = %v, want %v", tc.name, got, tc.subject)
		}
		if got := mailboxName(mustRules(t).People, tc.name); got != tc.mailbx {
			t.Errorf("mailboxName(%q) = %v, want %v", tc.name, got, tc.mailbx)
		}
	}
}
