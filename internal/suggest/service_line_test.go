package suggest

import (
	"regexp"
	"testing"
)

func TestServiceLine(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"If you need us, ring 01632 960555 and ask for the duty team.", true},
		{"Please call the duty team on 01632 960555.", true},
		{"Switchboard: 01632 960555", true},
		{"Main office 01632 960555 (switchboard)", true},
		{"Her mum rang from 07700 900555 to ask if she was safe.", false},
		{"Mrs Ash (07700 900555) asked for a call back.", false},
		{"His aunt rang the duty team from 07700 900555.", false},
		{"Tel 07700 900555.\nAnd ask for help next time.", false},
	}
	sl := newServiceLines(mustRules(t).People.ServiceLines)
	for _, tt := range tests {
		m := phoneForTest.FindStringIndex(tt.text)
		if m == nil {
			t.Fatalf("no phone in %q", tt.text)
		}
		if got := sl.is(tt.text, m[0], m[1]); got != tt.want {
			t.Errorf("serviceLine(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

var phoneForTest = regexp.MustCompile(`0\d{4} ?\d{6}`)
