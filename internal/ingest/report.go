package ingest

import (
	"encoding/json"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/disclose-sar/disclose/internal/record"
)

// File statuses in the report: every file of the record has exactly one.
const (
	StatusIngested    = "ingested"    // read in full
	StatusPartial     = "partial"     // read, with problems in some parts (Problem says which)
	StatusUnsupported = "unsupported" // a file type Disclose does not read
	StatusFailed      = "failed"      // could not be read (Problem says why)
	StatusSkipped     = "skipped"     // hidden file or folder, link, device
	StatusSubject     = "subject"     // subject.json
	StatusPersons     = "persons"     // a persons.json list of people
)

// Report accounts for every file of a record. Its JSON form (disclose ingest
// --json) is a stable interface; field names:
//
//	record             absolute path of the record folder
//	files              every file and folder entry seen, one per path (see FileEntry)
//	documents          documents extracted (emails, attachments, case notes count singly)
//	pages              pages over all documents (a document without pages counts 1)
//	ocr_pages          pages whose text came from OCR
//	persons            people read from persons.json files, subject excluded
//	locations, formats per-group counts: name, files, documents, pages
//	duplicates         documents marked as copies: kept, dropped (path, part, id), why
//	unsupported, failed, needs_ocr, skipped: {path, problem} lines
//	elapsed_seconds    wall time of the run
type Report struct {
	Record     string      `json:"record"`
	Files      []FileEntry `json:"files"`
	Documents  int         `json:"documents"`
	Pages      int         `json:"pages"`
	OCRPages   int         `json:"ocr_pages"`
	Persons    int         `json:"persons"`
	Locations  []Count     `json:"locations"`
	Formats    []Count     `json:"formats"`
	Duplicates []Duplicate `json:"duplicates"`

	Unsupported []Problem `json:"unsupported"`
	Failed      []Problem `json:"failed"`
	NeedsOCR    []Problem `json:"needs_ocr"`
	Skipped     []Problem `json:"skipped"`

	Elapsed time.Duration `json:"-"`
}

// FileEntry is what became of one file.
type FileEntry struct {
	Path      string `json:"path"`
	Status    string `json:"status"` // one of the Status* constants
	Documents int    `json:"documents"`
	NeedsOCR  bool   `json:"needs_ocr,omitempty"`
	Problem   string `json:"problem,omitempty"` // safe to show: never document text
}

// Count is one row of a per-location or per-format table.
type Count struct {
	Name      string `json:"name"`
	Files     int    `json:"files"`
	Documents int    `json:"documents"`
	Pages     int    `json:"pages"`
}

// Problem is one report line about a file.
type Problem struct {
	Path    string `json:"path"`
	Problem string `json:"problem"`
}

// DocRef names a document in the report.
type DocRef struct {
	ID   string `json:"id"`
	Path string `json:"path"`
	Part string `json:"part,omitempty"`
}

// Duplicate says which copy of a document is kept and why the other is not.
// Matched is the document Dropped was found to copy when that is not Kept
// itself (an email identical to one that a later reply quotes whole).
type Duplicate struct {
	Kept    DocRef  `json:"kept"`
	Dropped DocRef  `json:"dropped"`
	Matched *DocRef `json:"matched,omitempty"`
	Why     string  `json:"why"`
}

func (r *Report) addFile(e FileEntry) { r.Files = append(r.Files, e) }

// count fills the totals and problem lists from the files and documents.
func (r *Report) count(rec *record.Record) {
	sort.SliceStable(r.Files, func(i, j int) bool { return r.Files[i].Path < r.Files[j].Path })
	r.Persons = len(rec.Persons)
	loc := map[string]*Count{}
	format := map[string]*Count{}
	get := func(m map[string]*Count, name string) *Count {
		if m[name] == nil {
			m[name] = &Count{Name: name}
		}
		return m[name]
	}
	filesSeen := map[string]bool{}
	for _, d := range rec.Documents {
		pages := max(d.Pages, 1)
		r.Documents++
		r.Pages += pages
		r.OCRPages += d.OCRPages
		for _, c := range []*Count{get(loc, locationName(d.Location)), get(format, string(d.Format))} {
			c.Documents++
			c.Pages += pages
			if !filesSeen[c.Name+"\x00"+d.Path] {
				filesSeen[c.Name+"\x00"+d.Path] = true
				c.Files++
			}
		}
	}
	for _, f := range r.Files {
		p := Problem{Path: f.Path, Problem: f.Problem}
		switch f.Status {
		case StatusUnsupported:
			r.Unsupported = append(r.Unsupported, p)
			get(loc, locationName(location(f.Path))).Files++
		case StatusFailed:
			r.Failed = append(r.Failed, p)
			get(loc, locationName(location(f.Path))).Files++
		case StatusPartial:
			r.Failed = append(r.Failed, p)
		case StatusSkipped:
			r.Skipped = append(r.Skipped, p)
		}
		if f.NeedsOCR {
			r.NeedsOCR = append(r.NeedsOCR, Problem{Path: f.Path, Problem: "image pages not read: OCR needed"})
		}
	}
	// Empty lists are [] in JSON, never null: scripts read them without checks.
	for _, l := range []*[]Problem{&r.Unsupported, &r.Failed, &r.NeedsOCR, &r.Skipped} {
		if *l == nil {
			*l = []Problem{}
		}
	}
	if r.Duplicates == nil {
		r.Duplicates = []Duplicate{}
	}
	r.Locations = sorted(loc)
	r.Formats = sorted(format)
}

func location(rel string) string {
	if i := strings.IndexByte(rel, '/'); i >= 0 {
		return rel[:i]
	}
	if isArchive(rel) {
		return rel
	}
	return ""
}

// isArchive says whether a file at the top of a record is a zip archive,
// which is read as a location of its own (a partner's papers sent zipped).
func isArchive(rel string) bool {
	return strings.EqualFold(path.Ext(rel), ".zip")
}

func locationName(l string) string {
	if l == "" {
		return "(top level)"
	}
	return l
}

func sorted(m map[string]*Count) []Count {
	out := make([]Count, 0, len(m))
	for _, c := range m {
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// WriteJSON writes the report as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	type alias Report
	v := struct {
		*alias
		ElapsedSeconds float64 `json:"elapsed_seconds"`
	}{(*alias)(r), r.Elapsed.Seconds()}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// WriteText writes the report as aligned tables for a person to read.
func (r *Report) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "Record %s\n", r.Record)
	fmt.Fprintf(w, "%d files, %d documents, %d pages (%d OCR'd), %d people listed, %d duplicates, in %.1fs\n\n",
		len(r.Files), r.Documents, r.Pages, r.OCRPages, r.Persons, len(r.Duplicates), r.Elapsed.Seconds())
	for _, t := range []struct {
		title string
		rows  []Count
	}{{"location", r.Locations}, {"format", r.Formats}} {
		fmt.Fprintf(tw, "%s\t%9s\t%9s\t%9s\n", t.title, "files", "documents", "pages")
		for _, c := range t.rows {
			fmt.Fprintf(tw, "  %s\t%9d\t%9d\t%9d\n", c.Name, c.Files, c.Documents, c.Pages)
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(r.Duplicates) > 0 {
		fmt.Fprintf(w, "Duplicates (%d): the first copy is kept\n", len(r.Duplicates))
		for _, d := range r.Duplicates {
			why := d.Why
			if d.Matched != nil {
				why += ": " + refText(*d.Matched)
			}
			fmt.Fprintf(w, "  keep %s  drop %s  (%s)\n", refText(d.Kept), refText(d.Dropped), why)
		}
		fmt.Fprintln(w)
	}
	for _, l := range []struct {
		title string
		ps    []Problem
	}{{"Unsupported", r.Unsupported}, {"Failed or partly read", r.Failed}, {"Needs OCR", r.NeedsOCR}, {"Skipped", r.Skipped}} {
		if len(l.ps) == 0 {
			continue
		}
		fmt.Fprintf(w, "%s (%d)\n", l.title, len(l.ps))
		for _, p := range l.ps {
			fmt.Fprintf(w, "  %s: %s\n", p.Path, p.Problem)
		}
		fmt.Fprintln(w)
	}
	return nil
}

func refText(d DocRef) string {
	if d.Part == "" {
		return d.Path
	}
	return d.Path + " [" + d.Part + "]"
}
