package ingest

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/disclose-sar/disclose/internal/record"
)

// readSubject reads subject.json. A request without a named subject cannot
// be answered, so a missing or nameless file is an error naming the file.
func readSubject(p string) (record.Subject, error) {
	var s record.Subject
	b, err := os.ReadFile(p)
	if err != nil {
		return s, fmt.Errorf("ingest: the record has no readable %s: %w", SubjectFile, err)
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return s, fmt.Errorf("ingest %s: not valid JSON: %w", p, err)
	}
	if strings.TrimSpace(s.Name) == "" {
		return s, fmt.Errorf("ingest %s: no \"name\" for the data subject", p)
	}
	return s, nil
}

// readPersons reads a persons.json: a list of people, or an object holding
// one under "persons".
func readPersons(p string) ([]record.Person, error) {
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, fmt.Errorf("cannot read: %w", err)
	}
	var ps []record.Person
	if err := json.Unmarshal(b, &ps); err != nil {
		var wrapped struct {
			Persons []record.Person `json:"persons"`
		}
		if err2 := json.Unmarshal(b, &wrapped); err2 != nil || wrapped.Persons == nil {
			return nil, fmt.Errorf("persons list is not valid JSON: %v", err)
		}
		ps = wrapped.Persons
	}
	return ps, nil
}

// withoutSubject drops the subject's own entry: record.Persons lists the
// other people (the third parties and staff the suggestion engine weighs).
func withoutSubject(ps []record.Person, s record.Subject) []record.Person {
	names := map[string]bool{}
	for _, n := range s.Names() {
		names[strings.ToLower(strings.TrimSpace(n))] = true
	}
	out := ps[:0:0]
	for _, p := range ps {
		if p.Role == record.RoleSubject || names[strings.ToLower(strings.TrimSpace(p.Name))] {
			continue
		}
		out = append(out, p)
	}
	return out
}
