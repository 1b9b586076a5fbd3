package extract

import (
	"testing"
	"time"
)

func TestParsePDFDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // RFC 3339, "" = not a date
	}{
		{"D:20140305103000Z", "2014-03-05T10:30:00Z"},
		{"D:20140305103000+01'00'", "2014-03-05T10:30:00+01:00"},
		{"D:20140305103000-05'30", "2014-03-05T10:30:00-05:30"},
		{"D:2014", "2014-01-01T00:00:00Z"},
		{"20131104", "2013-11-04T00:00:00Z"},
		{"D:20141340", ""},
		{"yesterday", ""},
	}
	for _, tc := range tests {
		got, ok := parsePDFDate(tc.in)
		if s := got.Format(time.RFC3339); ok != (tc.want != "") || (ok && s != tc.want) {
			t.Errorf("parsePDFDate(%q) = %s, %v; want %q", tc.in, s, ok, tc.want)
		}
	}
}

func TestMachineTitle(t *testing.T) {
	for in, want := range map[string]bool{
		"Microsoft Word - letter to mother.docx": true,
		"scan0001":                               true,
		"Untitled":                               true,
		"---":                                    true,
		"Care Plan":                              false,
		"Scanned placement records":              false,
	} {
		if got := machineTitle(in); got != want {
			t.Errorf("machineTitle(%q) = %v, want %v", in, got, want)
		}
	}
}
