package suggest

import "strings"

// Kind is what a register person is, as an officer chooses it on the
// People page: the register role, which decides what is suggested for
// them (council staff kept, partner-agency staff withheld for
// consultation, everyone else redacted), and the stem their label is
// numbered from ("Sibling A", "Foster carer 2").
type Kind struct {
	ID    string `json:"id"`    // "sibling", "foster carer", "council staff"...
	Title string `json:"title"` // "Sibling", "Foster carer", "Council staff"...
	Role  string `json:"role"`  // one of the Role* constants
	stem  string
}

// kinds are every kind a third party or member of staff can be, in the
// order the People page offers them. The subject is no choice: their
// other names are merged into them instead.
var kinds = []Kind{
	{ID: "mother", Title: "Mother", Role: RoleFamily, stem: "Mother"},
	{ID: "father", Title: "Father", Role: RoleFamily, stem: "Father"},
	{ID: "stepmother", Title: "Stepmother", Role: RoleFamily, stem: "Stepmother"},
	{ID: "stepfather", Title: "Stepfather", Role: RoleFamily, stem: "Stepfather"},
	{ID: "parent", Title: "Parent", Role: RoleFamily, stem: "Parent"},
	{ID: "sibling", Title: "Sibling", Role: RoleFamily, stem: "Sibling"},
	{ID: "relative", Title: "Relative", Role: RoleFamily, stem: "Relative"},
	{ID: "foster carer", Title: "Foster carer", Role: RoleCarer, stem: "Foster carer"},
	{ID: "carer", Title: "Carer", Role: RoleCarer, stem: "Carer"},
	{ID: "other child", Title: "Other child", Role: RoleOtherChild, stem: "Other child"},
	{ID: "partner", Title: "Partner", Role: RoleOther, stem: "Partner"},
	{ID: "neighbour", Title: "Neighbour", Role: RoleOther, stem: "Neighbour"},
	{ID: "other", Title: "Other person", Role: RoleOther, stem: "Person"},
	{ID: "own child", Title: "The requester's child", Role: RoleOwnChild, stem: ""},
	{ID: "council staff", Title: "Council staff", Role: RoleProfessional, stem: ""},
	{ID: "partner-agency staff", Title: "Partner-agency staff", Role: RolePartnerStaff, stem: "Professional"},
}

// kindSubject is the requester's own kind; it is never offered.
var kindSubject = Kind{ID: "subject", Title: "The requester", Role: RoleSubject}

// Kinds returns the kinds an officer can give a register person.
func Kinds() []Kind { return append([]Kind(nil), kinds...) }

// KindByID returns the kind with the id; false when there is none.
func KindByID(id string) (Kind, bool) {
	for _, k := range kinds {
		if k.ID == id {
			return k, true
		}
	}
	return Kind{}, false
}

// kindOf names what a register role and label stem make: the kind with
// both, else the first kind with the role.
func kindOf(role, stem string) Kind {
	if role == RoleSubject {
		return kindSubject
	}
	first := -1
	for i, k := range kinds {
		if k.Role != role {
			continue
		}
		if k.stem == stem {
			return k
		}
		if first < 0 {
			first = i
		}
	}
	if first >= 0 {
		return kinds[first]
	}
	other, _ := KindByID("other") // an unknown role is no reason to keep a name
	return other
}

// setKinds applies the kinds an officer chose (Options.Kinds, by person
// name) to the people of the register, before their name forms are built:
// whether a person is staff decides which forms of their name are theirs.
// A name no longer in the register is ignored (its documents went).
func (r *register) setKinds(byName map[string]string) {
	for name, id := range byName {
		k, ok := KindByID(id)
		if !ok {
			continue
		}
		i, found := r.byName[plainKey(strings.Join(r.nameWords(name), " "))]
		if !found || i == subjectIdx {
			continue
		}
		p := r.people[i]
		p.Role, p.labelStem, p.KindByOfficer = k.Role, k.stem, true
	}
}
