package suggest

import (
	"strings"
	"testing"

	"github.com/disclose-sar/disclose/internal/record"
)

func TestSpellKey(t *testing.T) {
	for _, tt := range []struct{ a, b string }{
		{"faadumo", "fadumo"}, {"nuur", "nur"}, {"noor", "nur"}, {"cali", "ali"}, {"cabdi", "abdi"},
		{"xasan", "hassan"}, {"nadeem", "nadim"}, {"fatimah", "fatima"}, {"mahmoud", "mahmud"}, {"mohammed", "mohamed"},
		{"selamawayt", "selamawait"}, {"macquorrie", "mcquorrie"}, {"mackellan", "mckellan"},
	} {
		if !sameSpelling(tt.a, tt.b) {
			t.Errorf("sameSpelling(%q, %q) = false (%q, %q), want true", tt.a, tt.b, spellKey(tt.a), spellKey(tt.b))
		}
	}
	for _, tt := range []struct{ a, b string }{{"lee", "li"}, {"hussain", "hassan"}, {"anna", "anne"}, {"jo", "joo"}, {"mohamed", "muhammad"}, {"machin", "mchin"}, {"macey", "mcey"}} {
		if sameSpelling(tt.a, tt.b) {
			t.Errorf("sameSpelling(%q, %q) = true, want false", tt.a, tt.b)
		}
	}
	for _, tt := range []struct{ a, b string }{{"tewoldebrhan", "tewoldebirhan"}, {"ghebrekidan", "gebrekidan"}, {"okbazghi", "okbazgi"}, {"haftamu", "heftamu"}} {
		if !sameSkeleton(tt.a, tt.b) {
			t.Errorf("sameSkeleton(%q, %q) = false (%q, %q), want true", tt.a, tt.b, skeleton(tt.a), skeleton(tt.b))
		}
	}
	for _, tt := range []struct{ a, b string }{{"dan", "don"}, {"hussain", "hassan"}, {"mabel", "mobile"}, {"tewolde", "tewoldebrhan"}} {
		if sameSkeleton(tt.a, tt.b) {
			t.Errorf("sameSkeleton(%q, %q) = true, want false", tt.a, tt.b)
		}
	}
	if got := spellKey("robin"); got != "robin" {
		t.Errorf("spellKey(robin) = %q, want it unchanged", got)
	}
}

// TestNameSpelledAnotherWay: a register name is found however the writer
// spelled it from another script — and a name so written with a family word
// is that person, not somebody new.
func TestNameSpelledAnotherWay(t *testing.T) {
	checkSpelled(t, "Home visit. Present: Faadumo Cali Nuur (aunt), Robin.\nFaadumo said the rent is late. Mrs Noor will call.",
		record.Person{Name: "Fadumo Ali Nur", Role: "relative", Relationship: "aunt"},
		[]string{"Faadumo Cali Nuur", "Faadumo", "the rent is late", "Mrs Noor"}, []string{"Robin."}, false)
}

// checkSpelled runs a document naming the aunt p as written another way:
// cover and keep hold (checkCoverKeep), and the first of cover, the name
// as written, is p, not a second person in the register.
func checkSpelled(t *testing.T, text string, p record.Person, cover, keep []string, exact bool) {
	t.Helper()
	res := suggestWith(t, text, []record.Person{p}, cover, keep, exact)
	for _, q := range res.Register {
		if q.Name == cover[0] {
			t.Errorf("%q written another way is a second person in the register: %+v", p.Name, q)
		}
	}
}

// suggestWith suggests for a document in the invented record with more
// people in its persons.json, checks cover and keep (checkCoverKeep) and
// returns the result.
func suggestWith(t *testing.T, text string, persons []record.Person, cover, keep []string, exact bool) *Result {
	t.Helper()
	rec := generalRecord(doc("sw", text))
	rec.Persons = append(rec.Persons, persons...)
	res, err := Suggest(rec, mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkCoverKeep(t, text, res, cover, keep, exact)
	return res
}

// TestNameWithOtherVowels: a register name heard with other vowels
// ("Tewoldebirhan Woldemichael" for Tewoldebrhan Weldemichael) or a y for an i is
// found.
func TestNameWithOtherVowels(t *testing.T) {
	text := "Robin rang Tewoldebirhan Woldemichael on Sunday about the visit. Selamawayt sent a photo."
	rec := generalRecord(doc("sk1", text))
	rec.Persons = append(rec.Persons,
		record.Person{Name: "Tewoldebrhan Weldemichael", Role: "relative", Relationship: "uncle"},
		record.Person{Name: "Selamawait Orme", Role: "relative", Relationship: "cousin"})
	res, err := Suggest(rec, mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkCoverKeep(t, text, res, []string{"Tewoldebirhan Woldemichael", "Selamawayt"}, []string{"Robin rang"}, true)
}

// TestMacAndMc: a register surname written "Mac" is found written "Mc", as
// that person, not somebody new.
func TestMacAndMc(t *testing.T) {
	checkSpelled(t, "Robin stayed with Isla McQuorrie over the summer. Mrs McQuorrie is unwell.",
		record.Person{Name: "Isla MacQuorrie", Role: "relative", Relationship: "aunt"},
		[]string{"Isla McQuorrie", "Mrs McQuorrie"}, []string{"Robin stayed with"}, true)
}

// TestMonthIsNoName: a given name that is a month's ("May", "June") is the
// month where a date puts it.
func TestMonthIsNoName(t *testing.T) {
	text := "Robin has not seen her aunt since May. June Quarry rang Robin on 3 June and again in July.\nJune said she would visit."
	rec := generalRecord(doc("mo1", text))
	rec.Persons = append(rec.Persons, record.Person{Name: "June Quarry", Role: "relative", Relationship: "aunt"},
		record.Person{Name: "Mayleen Orme", Role: "relative", Relationship: "cousin", Nicknames: []string{"May"}})
	res, err := Suggest(rec, mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkCoverKeep(t, text, res, []string{"June Quarry"}, []string{"since May.", "on 3 June and again in July."}, true)
	at := strings.Index(text, "\nJune said") + 1
	covered := false
	for _, sg := range res.Suggestions {
		covered = covered || sg.Start <= at && at+4 <= sg.End
	}
	if !covered {
		t.Errorf("June written alone as a name is not covered")
	}
}
