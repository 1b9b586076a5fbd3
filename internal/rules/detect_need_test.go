package rules

import (
	"slices"
	"strings"
	"testing"
)

// TestNeedPositionsWords: a word list's positions are every place one of
// its words is written as a word of its own or its plural ("Orchard" in
// "Orchards"), in order, as searching for each word in turn would; a word
// inside a longer one ("St" in "Stanmoor") is none.
func TestNeedPositionsWords(t *testing.T) {
	text := "Lives at 4 The Orchards, Stanmoor. St Anne's Street is near. ORCHARD LANE"
	need := "Street|St|Orchard|ORCHARD|LANE"
	want := []int{15, 35, 45, 61, 69} // Orchards, St, Street, ORCHARD, LANE: not "St" in "Stanmoor"
	if got := needPositions(text, need); !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	if got := needPositions("a 12 b 3", "digit"); !slices.Equal(got, []int{2, 3, 7}) {
		t.Errorf("digits at %v", got)
	}
	if got := needPositions("x@y @@", "@"); !slices.Equal(got, []int{1, 4, 5}) {
		t.Errorf("@ at %v", got)
	}
}

// TestMinDigits: the fewest digits a pattern's match holds is known, so
// FindNear skips the windows with fewer.
func TestMinDigits(t *testing.T) {
	for src, want := range map[string]int{
		`\b\d{1,4} [A-Z][a-z]+ (?:Road|Lane)\b`:                 1,
		`(?:Flat \d+, )?\d+ [A-Z][a-z]+ Road`:                   1,
		`(?:Flat \d+, )?[A-Z][a-z]+ Road`:                       0,
		`[A-Z][a-z]+ (?:Road|Lane)(?:, [A-Z]{2}\d \d[A-Z]{2})?`: 0,
		`(?i)room 7|suite 42`:                                   1,
		`room 7|suite`:                                          0,
		`[0-9A-Z]{3}`:                                           0,
		`(\d)?x`:                                                0,
		`x\d*`:                                                  0,
		`x\d{0,2}`:                                              0,
		`x(?:\d{2})+`:                                           2,
		`\b\d{3}[ \-]?\d{3}[ \-]?\d{4}\b`:                       10,
		`(?:\+44 ?|0)\d{4} ?\d{6}`:                              11,
		`\p{Nd}{4}`:                                             0,
	} {
		if got := minDigits(src); got != want {
			t.Errorf("minDigits(%q) = %d, want %d", src, got, want)
		}
	}
}

// TestLineAnchoredSameAsScan: a pattern whose matches all start at a line
// start finds, tried anchored at each line start, exactly what scanning
// every byte finds — on every such pack rule, over its own examples laid
// out as lines, indented, run together and between ordinary sentences.
func TestLineAnchoredSameAsScan(t *testing.T) {
	set, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range set.Rules {
		d := r.Detector
		if d.lineRe == nil {
			continue
		}
		n++
		var lines []string
		for _, ex := range append(append([]string{}, r.Examples.ShouldMatch...), r.Examples.ShouldNotMatch...) {
			lines = append(lines, ex, "  "+ex, "The visit went well. "+ex, ex+" and more words follow", "")
		}
		for _, text := range []string{strings.Join(lines, "\n"), strings.Join(lines, "\r\n"), strings.Join(lines, "\n") + "\n", strings.Join(lines, " ")} {
			var want [][]int
			if d.Group > 0 {
				want = d.re.FindAllStringSubmatchIndex(text, -1)
			} else {
				want = d.re.FindAllStringIndex(text, -1)
			}
			if got := d.findAll(text); !slices.EqualFunc(got, want, slices.Equal[[]int]) {
				t.Errorf("%s: anchored %v, scan %v", r.ID, got, want)
			}
		}
	}
	if n == 0 {
		t.Fatal("no pack rule is read at line starts")
	}
	for src, want := range map[string]bool{
		`(?m)^[ \t]*Police\b`: true, `(?m)^(?:Health|School):`: true, `(?m)(?:^Health|School)`: false,
		`^Police`: false, `Police$`: false, `(?m)(^a|^b)c`: true,
	} {
		if got := startsAtLine(src); got != want {
			t.Errorf("startsAtLine(%q) = %v, want %v", src, got, want)
		}
	}
}
