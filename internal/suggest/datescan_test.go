package suggest

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

// TestFindDatesMatchesRegexp: the scanner finds what dateRe finds over the
// whole text, on texts built at random from the pieces dates are made of.
func TestFindDatesMatchesRegexp(t *testing.T) {
	pieces := []string{"1", "12", "123", "2019", "20199", "07", "/", "-", ".", ",", " ", "  ", "\n", "\t", "st", "Nd", "th", "of ",
		"jan", "Jan", "JANUARY", "Sept", "sep", "december", "Mayor", "x", "_", "a", "é", "2019-05-12", "3rd", "on ", "(", ")"}
	rng := rand.New(rand.NewSource(1))
	fixed := []string{"born 12/05/2019 and 1.2.19", "on 3rd of March, 2020.", "March 3rd, 2020 and Sept. 4 2021", "2019-05-123 2019-05-12x 2019-05-12",
		"x12/05/2019", "12/05/20199", "1/123/2019", "12th of  December   1999", "jan 123 2019", "Dec 5, 2011"}
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for k := rng.Intn(12) + 1; k > 0; k-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		fixed = append(fixed, b.String())
	}
	matched := 0
	for _, s := range fixed {
		var want [][2]int
		for _, m := range dateRe.FindAllStringIndex(s, -1) {
			want = append(want, [2]int{m[0], m[1]})
		}
		matched += len(want)
		if got := findDates(s); !reflect.DeepEqual(got, want) {
			t.Fatalf("findDates(%q) = %v, dateRe finds %v", s, got, want)
		}
	}
	if matched < 500 {
		t.Fatalf("only %d dates among the texts: the test says little", matched)
	}
}
