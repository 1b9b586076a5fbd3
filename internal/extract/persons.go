package extract

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"

	"github.com/disclose-sar/disclose/internal/record"
)

// ReadSubject reads a record's subject.json: {"name", "aliases", "dob",
// "identifiers"}. A request cannot be answered without the subject's name,
// so a file without one is an error.
func ReadSubject(path string) (record.Subject, error) {
	var s record.Subject
	obj, err := readJSONObject(path)
	if err != nil {
		return s, err
	}
	s.Name = jsonString(obj["name"])
	s.Aliases = jsonStrings(obj["aliases"])
	s.DOB = jsonString(obj["dob"])
	var ids map[string]json.RawMessage
	if raw, ok := obj["identifiers"]; ok && json.Unmarshal(raw, &ids) == nil {
		for k, v := range ids {
			if v := jsonString(v); v != "" {
				if s.Identifiers == nil {
					s.Identifiers = map[string]string{}
				}
				s.Identifiers[k] = v
			}
		}
	}
	if strings.TrimSpace(s.Name) == "" {
		return s, fmt.Errorf("%s: no \"name\" for the data subject", path)
	}
	return s, nil
}

// ReadPersons reads a case system's persons.json: a list of
// {"name","role","relationship","dob","address","phone","agency"} (or an
// object holding the list under "persons"). Extra keys are tolerated
// ("email", "nicknames" become fields; others are ignored), numbers are
// taken as text, and entries without a name are skipped.
func ReadPersons(path string) ([]record.Person, error) {
	b, err := readJSONFile(path)
	if err != nil {
		return nil, err
	}
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	var list []map[string]json.RawMessage
	if err := json.Unmarshal(b, &list); err != nil {
		var wrapped struct {
			Persons []map[string]json.RawMessage `json:"persons"`
		}
		if err2 := json.Unmarshal(b, &wrapped); err2 != nil || wrapped.Persons == nil {
			return nil, jsonError(path, b, err)
		}
		list = wrapped.Persons
	}
	out := make([]record.Person, 0, len(list))
	for _, o := range list {
		p := record.Person{
			Name:         strings.TrimSpace(jsonString(o["name"])),
			Role:         strings.ToLower(strings.TrimSpace(jsonString(o["role"]))),
			Relationship: jsonString(o["relationship"]),
			DOB:          jsonString(o["dob"]),
			Address:      jsonString(o["address"]),
			Phone:        jsonString(o["phone"]),
			Email:        jsonString(o["email"]),
			Agency:       jsonString(o["agency"]),
			Nicknames:    jsonStrings(o["nicknames"]),
		}
		if p.Name == "" {
			continue
		}
		out = append(out, p)
	}
	return out, nil
}

// maxJSONFile bounds subject.json and persons.json: a list of people is
// kilobytes; a file of this size is not one, and is not read into memory.
const maxJSONFile = 64 << 20

// readJSONFile reads a small JSON file of the record, refusing one past
// maxJSONFile. Errors name the file and the problem.
func readJSONFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read: %s", path, osProblem(err))
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxJSONFile+1))
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read: %s", path, osProblem(err))
	}
	if len(b) > maxJSONFile {
		return nil, fmt.Errorf("%s: larger than %d bytes: not a list of people", path, maxJSONFile)
	}
	return b, nil
}

// osProblem is a file-system error without its path ("permission denied").
func osProblem(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func readJSONObject(path string) (map[string]json.RawMessage, error) {
	b, err := readJSONFile(path)
	if err != nil {
		return nil, err
	}
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(b, &obj); err != nil {
		return nil, jsonError(path, b, err)
	}
	return obj, nil
}

// jsonError names the file and, for syntax and type errors, the line.
func jsonError(path string, b []byte, err error) error {
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
		err = fmt.Errorf("expected %s, found %s", te.Type, te.Value)
	}
	if off >= 0 && off <= int64(len(b)) {
		line := 1 + bytes.Count(b[:off], []byte("\n"))
		return fmt.Errorf("%s: not valid JSON at line %d: %v", path, line, err)
	}
	return fmt.Errorf("%s: not valid JSON: %v", path, err)
}

// jsonString reads a value leniently: a string as is (a "\u0000" escape,
// which PostgreSQL cannot store, as a space), a number or boolean as its
// text, null or anything else as "".
func jsonString(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return ""
	}
	switch raw[0] {
	case '"':
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return storable(s)
		}
	case 't', 'f':
		return string(raw)
	case 'n', '[', '{':
		return ""
	default:
		if _, err := strconv.ParseFloat(string(raw), 64); err == nil {
			return string(raw)
		}
	}
	return ""
}

// jsonStrings reads a list of strings, or one string as a list of one.
func jsonStrings(raw json.RawMessage) []string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil
	}
	if raw[0] != '[' {
		if s := strings.TrimSpace(jsonString(raw)); s != "" {
			return []string{s}
		}
		return nil
	}
	var items []json.RawMessage
	if json.Unmarshal(raw, &items) != nil {
		return nil
	}
	var out []string
	for _, it := range items {
		if s := strings.TrimSpace(jsonString(it)); s != "" {
			out = append(out, s)
		}
	}
	return out
}
