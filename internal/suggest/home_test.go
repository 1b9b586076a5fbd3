package suggest

import (
	"testing"

	"github.com/disclose-sar/disclose/internal/record"
)

func TestSameOrgName(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Westvale HSC Trust", "Westvale Health and Social Care Trust", true},
		{"WHSCT", "Westvale Health and Social Care Trust", true},
		{"Westvale Health & Social Care Trust", "Westvale Health and Social Care Trust", true},
		{"westvale health and social care trust", "Westvale Health and Social Care Trust", true},
		{"Northtown Borough Council", "Northtown Borough Council", true},
		{"Northtown Community College", "Northtown County Council", false},
		{"Northtown Police", "Northtown Council", false},
		{"Eastvale Health and Social Care Trust", "Westvale Health and Social Care Trust", false},
		{"Westvale", "Westvale Health and Social Care Trust", false},
	}
	for _, tt := range tests {
		if got := sameOrgName(tt.a, tt.b); got != tt.want {
			t.Errorf("sameOrgName(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// trustRecord is an invented Northern Irish record: the requester Aine
// Corr; the trust's social worker Cathal Breen and personal adviser Nuala
// Rooney (who writes the trust's name short); a designated teacher of a
// school.
func trustRecord(docs ...record.Document) *record.Record {
	return &record.Record{
		Subject: record.Subject{Name: "Aine Corr", DOB: "2006-05-04"},
		Persons: []record.Person{
			{Name: "Bronagh Corr", Role: "parent", Relationship: "mother"},
			{Name: "Cathal Breen", Role: "professional", Relationship: "Social Worker", Agency: "Westvale Health and Social Care Trust"},
			{Name: "Nuala Rooney", Role: "professional", Relationship: "Personal Adviser", Agency: "Westvale HSC Trust"},
			{Name: "Orla Tumelty", Role: "professional", Relationship: "Designated Teacher", Agency: "Glenbrook High School"},
		},
		Documents: docs,
	}
}

// TestHomeTrust: in Northern Ireland the record holder is a Health and
// Social Care Trust. Its own letterhead, headings and staff's messages are
// its account, not a health service's to consult; another trust's are.
func TestHomeTrust(t *testing.T) {
	mail := func(id, name, addr, body string) record.Document {
		d := doc(id, "From: "+name+" <"+addr+">\nTo: Cathal Breen <cathal.breen@westvaletrust.hscni.net>\nSubject: Aine\n"+body)
		d.Format = record.FormatEmail
		d.Email = &record.Email{From: []record.Address{{Name: name, Email: addr}},
			To: []record.Address{{Name: "Breen, Cathal", Email: "cathal.breen@westvaletrust.hscni.net"}}}
		return d
	}
	own := mail("e0", "Rooney, Nuala", "nuala.rooney@westvaletrust.hscni.net", "Aine came to the review and spoke for herself.")
	tests := []struct {
		name  string
		d     record.Document
		whole bool
	}{
		{"trust letterhead", doc("d1", "Westvale Health and Social Care Trust\nFamily and Childcare\nAssessment\nAine likes drama and wants to act."), false},
		{"trust named short", doc("d2", "Westvale HSC Trust – Looked After Children Team\nReview\nAine wants to stay at home."), false},
		{"another trust's letterhead", doc("d3", "Eastvale Health and Social Care Trust\nPaediatric clinic letter\nAine was seen in clinic."), true},
		{"court order naming the trust as a party", doc("d4", "Order\nRecord number 16/00123\nBetween Westvale Health and Social Care Trust (Applicant) and Bronagh Corr\nAine is to live with her aunt."), false},
		{"a staff member's message", own, false},
		{"another trust's message", mail("e1", "Clinic Office", "clinic.office@eastvaletrust.hscni.net", "Aine missed the appointment."), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs := []record.Document{tt.d}
			if tt.d.ID != own.ID {
				docs = append(docs, own)
			}
			res, err := Suggest(trustRecord(docs...), mustRules(t), Options{})
			if err != nil {
				t.Fatal(err)
			}
			whole := false
			for _, s := range res.Suggestions {
				whole = whole || s.DocID == tt.d.ID && s.Category == "partner_agency" && (s.Scope == ScopeDocument || s.Scope == ScopeSection)
			}
			if whole != tt.whole {
				t.Errorf("withheld = %v, want %v", whole, tt.whole)
			}
			for _, p := range res.Register {
				if (p.Name == "Nuala Rooney" || p.Name == "Cathal Breen") && p.Role != RoleProfessional {
					t.Errorf("%s is %q, want the trust's own staff", p.Name, p.Role)
				}
				if p.Name == "Orla Tumelty" && p.Role != RolePartnerStaff {
					t.Errorf("the school's teacher is %q, want partner-agency staff", p.Role)
				}
			}
		})
	}
}

// TestHomeDomainFromCaseNoteAuthors: the domain the case notes' authors
// write from is the record holder's, though persons.json lists none of
// its staff.
func TestHomeDomainFromCaseNoteAuthors(t *testing.T) {
	note := doc("n1", "Visit to Aine. She wants to stay at school.")
	note.Format = record.FormatCaseNote
	note.Author = "Cathal Breen"
	note.Meta = map[string]string{"author_role": "Social Worker"}
	mail := doc("e1", "From: Cathal Breen <cathal.breen@westvaletrust.hscni.net>\nSubject: Aine\nAine came to the review and spoke for herself.")
	mail.Format = record.FormatEmail
	mail.Email = &record.Email{From: []record.Address{{Name: "Breen, Cathal", Email: "cathal.breen@westvaletrust.hscni.net"}}}
	rec := &record.Record{Subject: record.Subject{Name: "Aine Corr", DOB: "2006-05-04"}, Documents: []record.Document{note, mail}}
	res, err := Suggest(rec, mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range res.Suggestions {
		if s.DocID == "e1" && s.Category == "partner_agency" {
			t.Errorf("the social worker's own e-mail is suggested as a partner's: %s %s", s.RuleID, s.Why)
		}
	}
}
