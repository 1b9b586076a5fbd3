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
	RoleOwnChild     = "own child" // the requester's own son or daughter: their story, kept
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
	named     string // the word a person found in the text was named by ("nanna", "girlfriend", "man"): it may give their gender
	nicknames []string
	address   string // persons.json: matched as literal variants
	phone     string
	nameW     []string // r.nameWords(Name), cached: Name is fixed once the person is in the register
	first     int      // order of first appearance (doc index << 32 | offset); -1 never seen
	// initialsOnly: the person is known by initials alone ("NO'K" for
	// "N.O'K. (13)"): their only name forms are those initials.
	initialsOnly string
}

// Staff reports whether the person is council staff acting in their role.
func (p *Person) Staff() bool { return p.Role == RoleProfessional }

// Kept reports whether the person's name stays in the bundle: council
// staff, and the requester's own child, whose life is their parent's story
// too.
func (p *Person) Kept() bool { return p.Staff() || p.Role == RoleOwnChild }

// stemRole is the role of a relationship word's label stem: a partner, a
// neighbour or a friend is someone else, a carer a carer, any other
// relation family.
func stemRole(stem string) string {
	switch stem {
	case "Partner", "Neighbour", "Person":
		return RoleOther
	case "Foster carer":
		return RoleCarer
	}
	return RoleFamily
}

// roleFor reads a persons.json entry's role and relationship. The role is
// read loosely ("Foster Carer", "foster-carer"); the relationship by the
// packs' family words, the most specific first ("mother's partner
// (stepfather)" is a stepfather: a word ending in 's names someone else).
// A role the export spells its own way ("social worker", "IRO") is read
// as a job title, and anyone with an agency and no family word is staff.
func roleFor(v *rules.People, p record.Person, home string) (role, stem string) {
	pr := strings.NewReplacer(" ", "_", "-", "_").Replace(strings.ToLower(strings.TrimSpace(p.Role)))
	switch pr {
	case record.RoleSubject:
		return RoleSubject, ""
	case record.RoleProfessional, "staff", "worker", "practitioner":
		role, stem := staffRole(v, p.Agency, home)
		// A partner's title (an IDVA, a GP, a detective) with an agency
		// that is not the council's is that agency's officer, whatever its
		// name: a domestic abuse project, a surgery named for its street.
		if _, partner := jobTitleKind(v, p.Relationship); role == RoleProfessional && partner &&
			strings.TrimSpace(p.Agency) != "" && (home == "" || !sameOrgName(strings.ToLower(strings.TrimSpace(p.Agency)), home)) {
			return RolePartnerStaff, "Professional"
		}
		return role, stem
	case record.RoleFosterCarer, "carer", "kinship_carer":
		return RoleCarer, "Foster carer"
	case record.RoleOtherChild:
		return RoleOtherChild, "Other child"
	case record.RoleSibling:
		return RoleFamily, "Sibling"
	}
	if stem := relationStem(v, p.Relationship); stem != "" {
		if role := stemRole(stem); role == RoleCarer {
			return role, "Carer"
		} else {
			return role, stem
		}
	}
	switch pr {
	case record.RoleParent:
		return RoleFamily, "Parent"
	case record.RoleRelative:
		return RoleFamily, "Relative"
	case record.RoleOther, "":
		return RoleOther, "Person"
	}
	// A role of the export's own: a job title, or someone with an agency.
	if council, partner := jobTitleKind(v, p.Role); council || partner {
		if partner {
			return RolePartnerStaff, "Professional"
		}
		return staffRole(v, p.Agency, home)
	}
	if council, partner := jobTitleKind(v, p.Relationship); council || partner || strings.TrimSpace(p.Agency) != "" {
		if partner {
			return RolePartnerStaff, "Professional"
		}
		return staffRole(v, p.Agency, home)
	}
	return RoleOther, "Person"
}

// staffRole is a professional's role by their agency: the council's staff,
// or another agency's.
func staffRole(v *rules.People, agency, home string) (role, stem string) {
	if partnerAgency(v, agency, home) {
		return RolePartnerStaff, "Professional"
	}
	return RoleProfessional, ""
}

// stemRank orders the family words' labels from the most specific.
var stemRank = map[string]int{"Stepfather": 1, "Stepmother": 1, "Mother": 2, "Father": 2, "Sibling": 3,
	"Relative": 4, "Partner": 5, "Neighbour": 6, "Foster carer": 7, "Person": 8}

// relationStem reads a relationship ("maternal grandmother; kinship carer",
// "mother's partner (stepfather)") by the packs' family words and returns
// the most specific label it names, or "".
func relationStem(v *rules.People, rel string) string {
	best := ""
	words := strings.FieldsFunc(strings.ToLower(rel), func(r rune) bool {
		return !isWordRune(r) && r != '-' && r != '\'' && r != '’'
	})
	for _, w := range words {
		if possessive(w) {
			continue // "mother's partner": the mother is someone else
		}
		w = strings.Trim(w, "-'’")
		if st := v.Family[w]; st != "" && (best == "" || stemRank[st] < stemRank[best]) {
			best = st
		}
	}
	return best
}

// partnerAgency reports whether an agency (persons.json) is another
// organisation than the council: a word of its name is one of the
// partner-words, or it is another council.
func partnerAgency(v *rules.People, agency, home string) bool {
	a := strings.ToLower(strings.TrimSpace(agency))
	if a == "" || home != "" && sameOrgName(a, home) {
		return false
	}
	for _, w := range strings.FieldsFunc(a, func(r rune) bool { return !isWordRune(r) }) {
		if v.PartnerWords[w] {
			return true
		}
	}
	// Another council is a partner agency too.
	return councilName(v, a) && home != "" && !sameCouncil(a, strings.ToLower(home))
}

// councilName reports whether an agency's name names a local authority by
// the packs' council-words ("Westshire Council", "Cyngor Sir …").
func councilName(v *rules.People, agency string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(agency), func(r rune) bool { return !isWordRune(r) }) {
		if v.CouncilWords[w] {
			return true
		}
	}
	return false
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
