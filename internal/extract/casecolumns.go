package extract

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"unicode"

	"go.yaml.in/yaml/v3"
)

// CaseNotesMapping is the name of the optional file, beside a case-notes
// CSV in the record, that names the export's columns when none of the
// known header names fit: {"columns": {"text": "Entry Narrative",
// "date": "Logged", ...}}. Its columns are the keys of
// casenotes-columns.yaml.
const CaseNotesMapping = "casenotes-mapping.json"

// caseNoteRoles are the columns a case note has; the order is the order
// errors list them in.
var caseNoteRoles = []string{"text", "date", "author", "author_role", "note_type", "title", "restricted", "note_id"}

//go:embed casenotes-columns.yaml
var caseColumnsYAML []byte

// caseColumns is the header vocabulary of case-notes exports.
type caseColumns struct {
	byName        map[string]string // folded header name → column
	restrictedYes map[string]bool   // folded values meaning "restricted"
}

var (
	caseColumnsOnce sync.Once
	caseColumnsVal  *caseColumns
	caseColumnsErr  error
)

// defaultCaseColumns returns the embedded vocabulary, parsed once.
func defaultCaseColumns() (*caseColumns, error) {
	caseColumnsOnce.Do(func() {
		caseColumnsVal, caseColumnsErr = parseCaseColumns(caseColumnsYAML)
	})
	return caseColumnsVal, caseColumnsErr
}

// parseCaseColumns reads and validates a vocabulary: only known columns,
// every name non-empty after folding and under one column only, and a
// text column with at least one name.
func parseCaseColumns(b []byte) (*caseColumns, error) {
	var f struct {
		Columns       map[string][]string `yaml:"columns"`
		RestrictedYes []string            `yaml:"restricted_yes"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("case-notes columns: %w", err)
	}
	c := &caseColumns{byName: map[string]string{}, restrictedYes: map[string]bool{}}
	var errs []error
	for col := range f.Columns {
		if !slices.Contains(caseNoteRoles, col) {
			errs = append(errs, fmt.Errorf("unknown column %q (known: %s)", col, strings.Join(caseNoteRoles, ", ")))
		}
	}
	for _, col := range caseNoteRoles { // in this order, so errors are the same every run
		for _, n := range f.Columns[col] {
			k := foldHeader(n)
			if k == "" {
				errs = append(errs, fmt.Errorf("column %q: an empty name", col))
				continue
			}
			if prev, dup := c.byName[k]; dup && prev != col {
				errs = append(errs, fmt.Errorf("name %q is under both %q and %q", n, prev, col))
				continue
			}
			c.byName[k] = col
		}
	}
	if len(f.Columns["text"]) == 0 {
		errs = append(errs, errors.New("no names for the text column"))
	}
	for _, v := range f.RestrictedYes {
		c.restrictedYes[foldHeader(v)] = true
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("case-notes columns: %w", errors.Join(errs...))
	}
	return c, nil
}

// foldHeader folds a header name or value for comparison: lower case,
// each run of characters that are not letters or digits one space,
// trimmed ("Recorded_On " → "recorded on"). A byte-order mark or quotes
// left on a header fold away too.
func foldHeader(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		space = true
	}
	return b.String()
}

// csvKey names a column no case-note field takes, as a metadata key and
// (with spaces for underscores) a field label: trimmed, lower case,
// spaces and hyphens as underscores ("Child's Views" → "child's_views").
func csvKey(h string) string {
	h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF")))
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return '_'
		}
		return r
	}, h)
}

// columnMapping is a CaseNotesMapping file: column → the header, as the
// export spells it, that fills it.
type columnMapping struct {
	Columns map[string]string `json:"columns"`
}

// maxMappingSize bounds a mapping file: it names a few columns.
const maxMappingSize = 64 << 10

// readColumnMapping reads the mapping file at full, if there is one.
// name is how errors call it (record-relative). A missing file is no
// mapping and no error.
func readColumnMapping(full, name string) (*columnMapping, error) {
	f, err := os.Open(full)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxMappingSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(b) > maxMappingSize {
		return nil, fmt.Errorf("%s: larger than %d bytes", name, maxMappingSize)
	}
	var m columnMapping
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("%s: not a column mapping (%v); want {\"columns\": {\"text\": \"<header>\", ...}}", name, err)
	}
	for col, h := range m.Columns {
		if !slices.Contains(caseNoteRoles, col) {
			return nil, fmt.Errorf("%s: unknown column %q (known: %s)", name, col, strings.Join(caseNoteRoles, ", "))
		}
		if foldHeader(h) == "" {
			return nil, fmt.Errorf("%s: column %q names no header", name, col)
		}
	}
	return &m, nil
}

// mapHeader finds each column's field in a header row: first by the
// mapping file, then by the vocabulary; the first match wins. Fields that
// fill no column are returned in extra by their folded name, so they are
// still read as labelled fields.
func mapHeader(header []string, voc *caseColumns, m *columnMapping) (cols map[string]int, extra map[int]string) {
	cols = map[string]int{}
	extra = map[int]string{}
	byMapping := map[string]string{}
	if m != nil {
		for col, h := range m.Columns {
			byMapping[foldHeader(h)] = col
		}
	}
	for i, h := range header {
		k := foldHeader(h)
		col, ok := byMapping[k]
		if !ok && !mappedElsewhere(m, voc.byName[k]) {
			col, ok = voc.byName[k]
		}
		if ok {
			if _, dup := cols[col]; !dup {
				cols[col] = i
				continue
			}
		}
		if k != "" {
			extra[i] = csvKey(h)
		}
	}
	return cols, extra
}

// mappedElsewhere reports whether the mapping file gives col to a header
// of its own, so the vocabulary must not give it to another.
func mappedElsewhere(m *columnMapping, col string) bool {
	if m == nil || col == "" {
		return false
	}
	_, ok := m.Columns[col]
	return ok
}

// headerList quotes up to 30 header names, each clipped, for an error.
func headerList(header []string) string {
	var q []string
	for i, h := range header {
		if i == 30 {
			q = append(q, fmt.Sprintf("and %d more", len(header)-30))
			break
		}
		h = strings.Join(strings.Fields(h), " ")
		if r := []rune(h); len(r) > 40 {
			h = string(r[:40]) + "…"
		}
		q = append(q, fmt.Sprintf("%q", h))
	}
	return strings.Join(q, ", ")
}
