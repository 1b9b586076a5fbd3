package suggest

import (
	"strings"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/rules"
)

// Register roles.
const (
	RoleSubject      = "subject"
	RoleFamily       = "family"
	RoleOtherChild   = "other child"
	RoleCarer        = "carer"
	RoleProfessional = "professional"         // council staff acting in their role
	RolePartnerStaff = "partner-agency staff" // police, health, school, court, other councils
	RoleOther        = "other"
)

// Person is one entry of the record's person register.
type Person struct {
	Key           string   `json:"key"`   // stable within a record: "p" + order of first appearance
	Name          string   `json:"name"`  // canonical name
	Role          string   `json:"role"`  // one of the Role* constants
	Label         string   `json:"label"` // pseudonym printed in place of the name: "Mother", "Sibling A"
	Kind          string   `json:"kind"`  // Kind.ID: what the person is, finer than Role ("sibling", "foster carer")
	Relationship  string   `json:"relationship,omitempty"`
	Agency        string   `json:"agency,omitempty"`
	Source        string   `json:"source"` // "persons.json", "email header", "signature", "text: title"...
	Variants      []string `json:"variants"`
	DOB           string   `json:"dob,omitempty"`
	KindByOfficer bool     `json:"kind_by_officer,omitempty"` // an officer chose Kind (Options.Kinds)

	labelStem string
	nicknames []string
	address   string // persons.json: matched as literal variants
	phone     string
	nameW     []string // r.nameWords(Name), cached: Name is fixed once the person is in the register
	first     int      // order of first appearance (doc index << 32 | offset); -1 never seen
}

// Staff reports whether the person is council staff acting in their role.
func (p *Person) Staff() bool { return p.Role == RoleProfessional }

// roleFor maps a persons.json role and relationship to a register role and
// label stem. Relationship words are matched generically, so any record's
// "birth mother", "half-sister" or "step-dad" lands in the right place.
func roleFor(v *rules.People, p record.Person, home string) (role, stem string) {
	rel := strings.ToLower(p.Relationship)
	has := func(ws ...string) bool {
		for _, w := range ws {
			if strings.Contains(rel, w) {
				return true
			}
		}
		return false
	}
	switch p.Role {
	case record.RoleSubject:
		return RoleSubject, ""
	case record.RoleProfessional:
		if partnerAgency(v, p.Agency, home) {
			return RolePartnerStaff, "Professional"
		}
		return RoleProfessional, ""
	case record.RoleFosterCarer:
		return RoleCarer, "Foster carer"
	case record.RoleOtherChild:
		return RoleOtherChild, "Other child"
	case record.RoleSibling:
		return RoleFamily, "Sibling"
	}
	switch {
	case has("stepfather", "step-father", "stepdad", "step-dad", "(stepfather"):
		return RoleFamily, "Stepfather"
	case has("stepmother", "step-mother", "stepmum", "step-mum"):
		return RoleFamily, "Stepmother"
	case strings.HasPrefix(rel, "mother") || has("birth mother") || rel == "mum":
		return RoleFamily, "Mother"
	case strings.HasPrefix(rel, "father") || has("birth father") || rel == "dad":
		return RoleFamily, "Father"
	case has("brother", "sister", "sibling"):
		return RoleFamily, "Sibling"
	case has("grand", "aunt", "uncle", "cousin", "nan", "niece", "nephew", "relative", "guardian"):
		return RoleFamily, "Relative"
	case has("boyfriend", "girlfriend", "partner", "husband", "wife"):
		return RoleOther, "Partner"
	case has("neighbour", "neighbor"):
		return RoleOther, "Neighbour"
	case has("carer"):
		return RoleCarer, "Carer"
	}
	switch p.Role {
	case record.RoleParent:
		return RoleFamily, "Parent"
	case record.RoleRelative:
		return RoleFamily, "Relative"
	}
	return RoleOther, "Person"
}

// partnerAgency reports whether an agency (persons.json) is another
// organisation than the council: a word of its name is one of the
// partner-words, or it is another council.
func partnerAgency(v *rules.People, agency, home string) bool {
	a := strings.ToLower(strings.TrimSpace(agency))
	if a == "" || (home != "" && a == strings.ToLower(home)) {
		return false
	}
	for _, w := range strings.FieldsFunc(a, func(r rune) bool { return !isWordRune(r) }) {
		if v.PartnerWords[w] {
			return true
		}
	}
	// Another council is a partner agency too.
	return (strings.Contains(a, "council") || strings.Contains(a, "borough")) && home != "" && !sameCouncil(a, strings.ToLower(home))
}

// sameCouncil compares the first distinctive word of two council names
// ("Westshire County Council", "Westshire Fostering Service").
func sameCouncil(a, b string) bool {
	fa, fb := strings.Fields(a), strings.Fields(b)
	return len(fa) > 0 && len(fb) > 0 && fa[0] == fb[0]
}

func roleOfStem(stem string) string {
	switch stem {
	case "Mother", "Father", "Stepfather", "Stepmother", "Sibling", "Relative", "Parent":
		return RoleFamily
	case "Foster carer", "Carer":
		return RoleCarer
	case "Other child":
		return RoleOtherChild
	case "Professional":
		return RolePartnerStaff
	}
	return RoleOther
}
