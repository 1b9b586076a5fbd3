package ingest

import (
	"testing"

	"github.com/disclose-sar/disclose/internal/record"
)

// TestSubjectEntryGivesContact: the requester's own persons.json entry is
// not a third party, and its contact details fill what subject.json left
// empty.
func TestSubjectEntryGivesContact(t *testing.T) {
	s := record.Subject{Name: "Robin Fell", Phone: ""}
	ps := withoutSubject([]record.Person{
		{Name: "Robin Fell", Role: record.RoleSubject, Phone: "07700 900561", Address: "3 Lark Rise", Email: "robin@example.org"},
		{Name: "Gail Fell", Role: "parent", Phone: "07700 900562"},
	}, &s)
	if len(ps) != 1 || ps[0].Name != "Gail Fell" {
		t.Fatalf("persons = %+v, want only Gail Fell", ps)
	}
	if s.Phone != "07700 900561" || s.Address != "3 Lark Rise" || s.Email != "robin@example.org" {
		t.Errorf("subject = %+v, want the entry's phone, address and e-mail", s)
	}
}
