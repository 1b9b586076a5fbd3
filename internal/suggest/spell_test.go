package suggest

import (
	"testing"

	"github.com/disclose-sar/disclose/internal/record"
)

func TestSpellKey(t *testing.T) {
	for _, tt := range []struct{ a, b string }{
		{"faadumo", "fadumo"}, {"nuur", "nur"}, {"noor", "nur"}, {"cali", "ali"}, {"cabdi", "abdi"},
		{"xasan", "hassan"}, {"nadeem", "nadim"}, {"fatimah", "fatima"}, {"mahmoud", "mahmud"}, {"mohammed", "mohamed"},
		{"selamawayt", "selamawait"},
	} {
		if !sameSpelling(tt.a, tt.b) {
			t.Errorf("sameSpelling(%q, %q) = false (%q, %q), want true", tt.a, tt.b, spellKey(tt.a), spellKey(tt.b))
		}
	}
	for _, tt := range []struct{ a, b string }{{"lee", "li"}, {"hussain", "hassan"}, {"anna", "anne"}, {"jo", "joo"}, {"mohamed", "muhammad"}} {
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
	rec := generalRecord(doc("sp1", "Home visit. Present: Faadumo Cali Nuur (aunt), Robin.\nFaadumo said the rent is late. Mrs Noor will call."))
	rec.Persons = append(rec.Persons, record.Person{Name: "Fadumo Ali Nur", Role: "relative", Relationship: "aunt"})
	res, err := Suggest(rec, mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := rec.Documents[0].Text
	checkCoverKeep(t, text, res, []string{"Faadumo Cali Nuur", "Faadumo", "the rent is late", "Mrs Noor"}, []string{"Robin."}, false)
	for _, p := range res.Register {
		if p.Name == "Faadumo Cali Nuur" {
			t.Errorf("the aunt spelled another way is a second person in the register: %+v", p)
		}
	}
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
