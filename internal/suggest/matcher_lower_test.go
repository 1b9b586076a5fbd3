package suggest

import "testing"

func TestMatcherLowerCaseNames(t *testing.T) {
	m := newMatcher(mustRules(t).People)
	m.add("Priyanka", 1, vFirst)
	m.add("Mason", 2, vFirst)
	m.add("Dimmo", 3, vShort)
	m.add("Ebrilla", 4, vFirst)
	m.add("Quennells", 5, vPlural)
	tests := []struct {
		text string
		want int
	}{
		{"went to see priyanka today", 1},
		{"went to see Priyanka today", 1},
		{"a mason built the wall", 0},
		{"Mason came round", 1},
		{"dimmo was there", 0},
		{"i stayed at ebrillas for a week", 1},
		{"what they wrote about me at the quennells", 1},
		{"the gloves were wet", 0},
	}
	for _, tc := range tests {
		if got := len(m.find(tc.text, tokenize(tc.text))); got != tc.want {
			t.Errorf("find(%q) = %d matches, want %d", tc.text, got, tc.want)
		}
	}
}
