package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Common UK first names and surnames, chosen freely: none is drawn from any
// real or sample record.
var (
	femaleNames = []string{
		"Isla", "Olivia", "Amelia", "Ava", "Mia", "Ivy", "Lily", "Freya", "Evie", "Grace",
		"Poppy", "Ella", "Rosie", "Millie", "Daisy", "Esme", "Phoebe", "Matilda", "Imogen", "Ellie",
		"Florence", "Bethany", "Chloe", "Megan", "Leah", "Abigail", "Naomi", "Priya", "Zara", "Aisha",
	}
	maleNames = []string{
		"Oliver", "George", "Harry", "Jack", "Charlie", "Alfie", "Freddie", "Archie", "Leo", "Oscar",
		"Henry", "Noah", "Arthur", "Nathan", "Liam", "Callum", "Kieran", "Dylan", "Yusuf", "Rhys",
	}
	surnames = []string{
		"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
		"Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Hughes",
		"Edwards", "Turner", "Hill", "Moore", "Cooper", "Ward", "Morris", "King", "Watson", "Harrison",
		"Morgan", "Baker", "Patel", "Young", "Allen", "Mitchell", "Lee", "Carter", "Phillips", "Parker",
		"Bennett", "Cook", "Shaw", "Lloyd", "Fletcher", "Pearson", "Marsh", "Begum", "Khan", "Murray",
	}
	streets   = []string{"Alder Road", "Beech Grove", "Cedar Walk", "Elm Terrace", "Hazel Court", "Maple Drive", "Rowan Way", "Willow Street"}
	towns     = []string{"Northfield", "Eastbrook", "Southmere", "Westvale"}
	staffRole = []string{"social worker", "team manager", "independent reviewing officer", "personal adviser", "family support worker"}
)

// Person is one invented person of a synthetic record.
type Person struct {
	Name         string `json:"name"`
	Role         string `json:"role"` // persons.json role
	Relationship string `json:"relationship,omitempty"`
	DOB          string `json:"dob,omitempty"`
	Address      string `json:"address,omitempty"`
	Phone        string `json:"phone,omitempty"`
	NHS          string `json:"nhs_number,omitempty"`
	Email        string `json:"email,omitempty"`
}

func (p Person) first() string { return strings.Fields(p.Name)[0] }

// cast is everyone in one synthetic record.
type cast struct {
	subject Person
	family  []Person // third parties: relatives, carers, neighbours
	staff   []Person // council staff acting in their role
	hard    hardCast // the people and places of the hard kinds (hard.go)
}

// Indexes of family: who each relative is.
const (
	famMother = iota
	famFather
	famBrother
	famSister
	famNan
	famFosterCarer
	famNeighbour
	famFriend
	famPartner // the mother's partner: an apostrophe surname
	famAunt    // a hyphenated surname
	famUncle   // a middle name, so three initials
)

// namer picks invented names, never the same first name twice.
type namer struct {
	r    *rand.Rand
	used map[string]bool
}

// name picks an unused first name (female or male as the relationship
// needs; "" for either) and the given or a random surname.
func (n *namer) name(sex, surname string) string {
	firsts := append(append([]string(nil), femaleNames...), maleNames...)
	switch sex {
	case "f":
		firsts = femaleNames
	case "m":
		firsts = maleNames
	}
	return n.from(firsts, surname)
}

// from picks an unused first name of firsts with the given or a random surname.
func (n *namer) from(firsts []string, surname string) string {
	for {
		s := surname
		if s == "" {
			s = surnames[n.r.IntN(len(surnames))]
		}
		name := firsts[n.r.IntN(len(firsts))] + " " + s
		if first := strings.Fields(name)[0]; !n.used[name] && !n.used[first] {
			n.used[name] = true
			n.used[first] = true
			return name
		}
	}
}

func newCast(r *rand.Rand) cast {
	nm := &namer{r: r, used: map[string]bool{}}
	family := surnames[r.IntN(len(surnames))]
	c := cast{subject: Person{Name: nm.name("f", family), Role: "subject", Relationship: "self", DOB: dob(r, 2004, 2008), NHS: nhsNumber(r)}}
	// The grandmother has a formal given name the record shortens.
	nan := nm.from(formalFemale, "")
	for _, rel := range []struct{ role, relationship, sex, surname, name string }{
		{"parent", "mother", "f", family, ""}, {"parent", "father", "m", "", ""}, {"sibling", "brother", "m", family, ""},
		{"sibling", "sister", "f", family, ""}, {"relative", "grandmother", "f", "", nan}, {"foster_carer", "foster carer", "", "", ""},
		{"other", "neighbour", "", "", ""}, {"other_child", "friend from school", "", "", ""},
		{"other", "mother's partner", "m", apostropheSurnames[r.IntN(len(apostropheSurnames))], ""},
		{"relative", "aunt", "f", hyphenSurnames[r.IntN(len(hyphenSurnames))], ""},
		{"relative", "uncle", "", "", nm.from(formalMale, middleNames[r.IntN(len(middleNames))]+" "+surnames[r.IntN(len(surnames))])},
	} {
		n := rel.name
		if n == "" {
			n = nm.name(rel.sex, rel.surname)
		}
		p := Person{Name: n, Role: rel.role, Relationship: rel.relationship,
			DOB: dob(r, 1950, 2010), Address: address(r), Phone: phone(r), NHS: nhsNumber(r)}
		c.family = append(c.family, p)
	}
	for i := 0; i < 6; i++ {
		n := nm.name("", "")
		c.staff = append(c.staff, Person{Name: n, Role: "professional", Relationship: staffRole[i%len(staffRole)],
			Email: strings.ToLower(strings.ReplaceAll(n, " ", ".")) + "@council.example.org"})
	}
	c.hard = newHardCast(r, nm, &c)
	return c
}

func dob(r *rand.Rand, from, to int) string {
	return fmt.Sprintf("%04d-%02d-%02d", from+r.IntN(to-from+1), 1+r.IntN(12), 1+r.IntN(28))
}

// phone returns a number from Ofcom's ranges reserved for drama: mobiles
// 07700 900000–900999 and Sheffield-style 01632 960000–960999.
func phone(r *rand.Rand) string {
	if r.IntN(2) == 0 {
		return fmt.Sprintf("07700 900%03d", r.IntN(1000))
	}
	return fmt.Sprintf("01632 960%03d", r.IntN(1000))
}

// nhsNumber returns a 999-range (never issued) NHS number whose tenth digit
// is the valid modulus-11 check digit, in the 3-3-4 form.
func nhsNumber(r *rand.Rand) string {
	for {
		d := []int{9, 9, 9}
		for len(d) < 9 {
			d = append(d, r.IntN(10))
		}
		sum := 0
		for i, v := range d {
			sum += v * (10 - i)
		}
		check := 11 - sum%11
		if check == 11 {
			check = 0
		}
		if check == 10 {
			continue // no valid check digit: such numbers are never issued
		}
		s := ""
		for _, v := range append(d, check) {
			s += fmt.Sprint(v)
		}
		return s[:3] + " " + s[3:6] + " " + s[6:]
	}
}

// ValidNHS reports whether s (digits, spaces allowed) is a ten-digit NHS
// number with a valid modulus-11 check digit.
func ValidNHS(s string) bool {
	s = strings.ReplaceAll(s, " ", "")
	if len(s) != 10 {
		return false
	}
	sum := 0
	for i := 0; i < 9; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
		sum += int(s[i]-'0') * (10 - i)
	}
	check := 11 - sum%11
	if check == 11 {
		check = 0
	}
	return check != 10 && int(s[9]-'0') == check
}

func postcode(r *rand.Rand) string {
	const letters = "ABDEFGHJLNPQRSTUWXYZ"
	l := func() byte { return letters[r.IntN(len(letters))] }
	return fmt.Sprintf("%c%c%d %d%c%c", "BDHLNS"[r.IntN(6)], "ENRLTW"[r.IntN(6)], 1+r.IntN(9), r.IntN(10), l(), l())
}

func address(r *rand.Rand) string {
	return fmt.Sprintf("%d %s, %s %s", 1+r.IntN(120), streets[r.IntN(len(streets))], towns[r.IntN(len(towns))], postcode(r))
}
