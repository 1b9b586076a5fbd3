package suggest

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// registerPerson returns the register entry with the name.
func registerPerson(t *testing.T, res *Result, name string) Person {
	t.Helper()
	for _, p := range res.Register {
		if p.Name == name {
			return p
		}
	}
	t.Fatalf("%s is not in the register", name)
	return Person{}
}

// TestRegisterKinds: every register person has the kind their role and
// label say, finer than the role: a foster carer is a foster carer, a
// half-brother a sibling, staff are staff.
func TestRegisterKinds(t *testing.T) {
	res, err := Suggest(synthRecord(), mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	type rk struct{ Role, Kind, Label string }
	for name, want := range map[string]rk{
		"Robin Arncliffe Fell": {RoleSubject, "subject", "You"},
		"Gail Fell":            {RoleFamily, "mother", "Mother"},
		"Dominic Pryor":        {RoleFamily, "sibling", "Sibling A"},
		"Norma Quill":          {RoleCarer, "foster carer", "Foster carer 1"},
		"Owen Tallis":          {RoleProfessional, "council staff", "Council staff"},
	} {
		p := registerPerson(t, res, name)
		if diff := cmp.Diff(want, rk{p.Role, p.Kind, p.Label}); diff != "" {
			t.Errorf("register %s (-want +got):\n%s", name, diff)
		}
		if p.KindByOfficer {
			t.Errorf("register %s: KindByOfficer with no Options.Kinds", name)
		}
	}
	for _, p := range res.Register {
		if _, ok := KindByID(p.Kind); !ok && p.Kind != "subject" {
			t.Errorf("register %s has kind %q, which is no Kind", p.Key, p.Kind)
		}
	}
}

// TestOptionsKinds: a kind an officer chose wins over persons.json and
// the text, changes the label and what is suggested, and a name no longer
// in the register or an unknown kind changes nothing.
func TestOptionsKinds(t *testing.T) {
	set := mustRules(t)
	res, err := Suggest(synthRecord(), set, Options{Kinds: map[string]string{
		"Norma Quill":   "relative",      // foster carer → relative
		"Gail Fell":     "council staff", // mother → staff: her name is kept
		"Owen Tallis":   "neighbour",     // staff → third party: his name is redacted
		"Dominic Pryor": "no such kind",
		"Nobody Here":   "sibling",
	}})
	if err != nil {
		t.Fatal(err)
	}
	type rk struct {
		Role, Kind, Label string
		ByOfficer         bool
	}
	for name, want := range map[string]rk{
		"Norma Quill":   {RoleFamily, "relative", "Relative 2", true}, // Vernon Shaw, an uncle, comes first
		"Gail Fell":     {RoleProfessional, "council staff", "Council staff", true},
		"Owen Tallis":   {RoleOther, "neighbour", "Neighbour 1", true},
		"Dominic Pryor": {RoleFamily, "sibling", "Sibling A", false},
	} {
		p := registerPerson(t, res, name)
		if diff := cmp.Diff(want, rk{p.Role, p.Kind, p.Label, p.KindByOfficer}); diff != "" {
			t.Errorf("register %s (-want +got):\n%s", name, diff)
		}
	}
	named := map[string]Suggestion{}
	for _, s := range res.Suggestions {
		named[s.Text] = s
	}
	if s, ok := named["Gail Fell"]; ok {
		t.Errorf("Gail Fell made staff by an officer is still suggested (rule %s)", s.RuleID)
	}
	s, ok := named["Owen Tallis"]
	if !ok {
		t.Fatalf("Owen Tallis made a neighbour by an officer is not suggested")
	}
	if s.PersonLabel != "Neighbour 1" || s.PersonRole != RoleOther {
		t.Errorf("Owen Tallis suggested as %q, %q; want Neighbour 1, %q", s.PersonLabel, s.PersonRole, RoleOther)
	}
}
