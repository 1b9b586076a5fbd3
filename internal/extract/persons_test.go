package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/samples"
	"github.com/google/go-cmp/cmp"
)

func TestReadPersons(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "persons.json")
	body := `[
  {"name": "Jordan Testperson", "role": "subject", "relationship": "self", "dob": "2006-01-02", "address": "", "phone": "", "agency": ""},
  {"name": " Alex Example ", "role": "Parent", "relationship": "mother", "dob": null, "address": "1 Any Street", "phone": 7700900000,
   "agency": "", "nicknames": ["Lexi", ""], "email": "alex@example.org", "notes": {"free": "text"}},
  {"name": "", "role": "other"},
  {"name": "Nul\u0000Byte", "role": "other"}
]`
	if err := os.WriteFile(p, []byte("\uFEFF"+body), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := ReadPersons(p)
	if err != nil {
		t.Fatalf("ReadPersons: %v", err)
	}
	want := []record.Person{
		{Name: "Jordan Testperson", Role: "subject", Relationship: "self", DOB: "2006-01-02"},
		{Name: "Alex Example", Role: "parent", Relationship: "mother", Address: "1 Any Street", Phone: "7700900000",
			Email: "alex@example.org", Nicknames: []string{"Lexi"}},
		{Name: "Nul Byte", Role: "other"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ReadPersons (-want +got):\n%s", diff)
	}
}

func TestReadPersonsErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "persons.json")
	os.WriteFile(bad, []byte("[\n  {\"name\": \"A\"},\n  {\"name\": \"B\",,}\n]"), 0o644)
	_, err := ReadPersons(bad)
	if err == nil || !strings.Contains(err.Error(), "persons.json") || !strings.Contains(err.Error(), "line 3") {
		t.Errorf("ReadPersons(bad JSON) = %v, want an error naming the file and line 3", err)
	}
	_, err = ReadPersons(filepath.Join(dir, "missing.json"))
	if err == nil || !strings.Contains(err.Error(), "missing.json") {
		t.Errorf("ReadPersons(missing) = %v, want an error naming the file", err)
	}
	obj := filepath.Join(dir, "wrapped.json")
	os.WriteFile(obj, []byte(`{"persons": [{"name": "C D", "role": "sibling"}]}`), 0o644)
	if ps, err := ReadPersons(obj); err != nil || len(ps) != 1 || ps[0].Name != "C D" {
		t.Errorf("ReadPersons(wrapped) = %v, %v; want one person", ps, err)
	}
}

func TestReadSubject(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "subject.json")
	os.WriteFile(p, []byte(`{"name": "Jordan Testperson", "aliases": ["JT", "Jordan Other"], "dob": "2006-01-02",
	  "identifiers": {"case_number": "X-1", "nhs_number": 9990000000}, "extra": true}`), 0o644)
	got, err := ReadSubject(p)
	if err != nil {
		t.Fatalf("ReadSubject: %v", err)
	}
	want := record.Subject{Name: "Jordan Testperson", Aliases: []string{"JT", "Jordan Other"}, DOB: "2006-01-02",
		Identifiers: map[string]string{"case_number": "X-1", "nhs_number": "9990000000"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ReadSubject (-want +got):\n%s", diff)
	}
	os.WriteFile(p, []byte(`{"aliases": []}`), 0o644)
	if _, err := ReadSubject(p); err == nil || !strings.Contains(err.Error(), "name") {
		t.Errorf("ReadSubject(no name) = %v, want an error about the name", err)
	}
	os.WriteFile(p, []byte("{\n\"name\": \"x\"\n"), 0o644)
	if _, err := ReadSubject(p); err == nil || !strings.Contains(err.Error(), "subject.json") {
		t.Errorf("ReadSubject(truncated) = %v, want an error naming the file", err)
	}
}

func TestSampleRecordPersons(t *testing.T) {
	sampleRoot := samples.Record(t)
	if s, err := ReadSubject(filepath.Join(sampleRoot, "subject.json")); err != nil || s.Name == "" {
		t.Errorf("ReadSubject(sample) = %v, %v", s.Name != "", err)
	}
	ps, err := ReadPersons(filepath.Join(sampleRoot, "case-system-export", "persons.json"))
	if err != nil || len(ps) < 2 {
		t.Errorf("ReadPersons(sample) = %d people, %v", len(ps), err)
	}
}
