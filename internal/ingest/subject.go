package ingest

import (
	"cmp"
	"fmt"
	"os"
	"strings"

	"github.com/disclose-sar/disclose/internal/extract"
	"github.com/disclose-sar/disclose/internal/record"
)

// readSubject reads subject.json. A request without a named subject cannot
// be answered, so a missing or nameless file is an error naming the file.
func readSubject(p string) (record.Subject, error) {
	if _, err := os.Stat(p); err != nil {
		return record.Subject{}, fmt.Errorf("ingest: the record has no readable %s (%s)", SubjectFile, p)
	}
	s, err := extract.ReadSubject(p)
	if err != nil {
		return s, fmt.Errorf("ingest: %w", err)
	}
	return s, nil
}

// readPersons reads a persons.json; its error leaves out the path, which
// the report line already shows.
func readPersons(p string) ([]record.Person, error) {
	ps, err := extract.ReadPersons(p)
	if err != nil {
		return nil, fmt.Errorf("%s", strings.TrimPrefix(err.Error(), p+": "))
	}
	return ps, nil
}

// withoutSubject drops the subject's own entry: record.Persons lists the
// other people (the third parties and staff the suggestion engine weighs).
// The entry's contact details fill what subject.json left empty.
func withoutSubject(ps []record.Person, s *record.Subject) []record.Person {
	names := map[string]bool{}
	for _, n := range s.Names() {
		names[strings.ToLower(strings.TrimSpace(n))] = true
	}
	out := ps[:0:0]
	for _, p := range ps {
		if p.Role == record.RoleSubject || names[strings.ToLower(strings.TrimSpace(p.Name))] {
			s.Phone = cmp.Or(s.Phone, strings.TrimSpace(p.Phone))
			s.Address = cmp.Or(s.Address, strings.TrimSpace(p.Address))
			s.Email = cmp.Or(s.Email, strings.TrimSpace(p.Email))
			continue
		}
		out = append(out, p)
	}
	return out
}
