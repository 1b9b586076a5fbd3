// Package ingest reads a subject's whole record folder — every location, any
// depth — into a record.Record: it walks the folder, extracts every file in
// parallel, marks duplicates and earlier messages of email threads, and
// accounts for every file in a Report.
//
// UK GDPR Art. 15 gives the requester "a copy of the personal data": the
// whole record, wherever it is kept. Nothing may be silently dropped, so
// every file ends up in the report as ingested, unsupported, failed, needing
// OCR or skipped, with the reason.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/disclose-sar/disclose/internal/extract"
	"github.com/disclose-sar/disclose/internal/record"
)

// SubjectFile is the name of the file at the top of a record folder that
// describes the data subject.
const SubjectFile = "subject.json"

// PersonsFile is the name of the case system's list of people; it may appear
// in any location.
const PersonsFile = "persons.json"

// Options tune a Run.
type Options struct {
	// Workers is how many files are extracted at once (default GOMAXPROCS).
	Workers int
	// Extractor is shared by all workers; when nil, Run creates one from
	// Extract and closes it before returning.
	Extractor *extract.Extractor
	// Extract are the limits used when Run creates the Extractor.
	Extract extract.Options
	// NoDedup leaves DuplicateOf unset (for measuring extraction alone).
	NoDedup bool
	// Made, when set, is given each file's documents as soon as they are
	// read, on the goroutine that read them (several at once), before Run
	// keeps them: it may take their character and word boxes (Glyphs,
	// Words), which nothing after reading needs but the bundle — the batch
	// command spools them to a file, so the record in memory is its text.
	Made func(docs []record.Document)
	// Files, when not nil, are the only record-relative files Run reads
	// and reports: one batch of a record read by several jobs (Plan). The
	// batch is not de-duplicated (duplicates span batches: Dedup once all
	// are stored) and the folder's own lines (skipped and unreadable
	// entries) are left to the report of Plan.
	Files []string
}

// Plan lists the files of the record folder dir to read, in batches
// (Batches), so that jobs on several nodes can share one record; and the
// folder's own report lines: entries skipped or not readable while
// listing it.
func Plan(dir string, batchFiles int, batchBytes int64) ([][]string, *Report, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("ingest %s: %w", dir, err)
	}
	rep := &Report{Record: abs}
	files, err := walk(abs, rep)
	if err != nil {
		return nil, nil, err
	}
	sized := make([]SizedFile, len(files))
	for i, rel := range files {
		sized[i].Path = rel
		if info, err := os.Stat(filepath.Join(abs, filepath.FromSlash(rel))); err == nil {
			sized[i].Size = info.Size()
		}
	}
	return Batches(sized, batchFiles, batchBytes), rep, nil
}

// SizedFile is a record-relative file and its size in bytes.
type SizedFile struct {
	Path string
	Size int64
}

// Batches splits files, in order, into batches of at most batchFiles
// files and batchBytes bytes (a larger file is a batch of its own).
func Batches(files []SizedFile, batchFiles int, batchBytes int64) [][]string {
	var batches [][]string
	var cur []string
	var size int64
	for _, f := range files {
		if len(cur) > 0 && (len(cur) >= batchFiles || size+f.Size > batchBytes) {
			batches = append(batches, cur)
			cur, size = nil, 0
		}
		cur, size = append(cur, f.Path), size+f.Size
	}
	if len(cur) > 0 {
		batches = append(batches, cur)
	}
	return batches
}

// Run reads the record folder dir. It fails only when the folder cannot be
// read or subject.json is missing or invalid (a request has no subject
// without it); a bad file never stops it and becomes a line of the Report.
func Run(ctx context.Context, dir string, opts Options) (*record.Record, *Report, error) {
	start := time.Now()
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("ingest %s: %w", dir, err)
	}
	subject, err := readSubject(filepath.Join(abs, SubjectFile))
	if err != nil {
		return nil, nil, err
	}
	rec := &record.Record{Dir: abs, Subject: subject}
	rep := &Report{Record: abs}

	files, err := walk(abs, rep)
	if err != nil {
		return nil, nil, err
	}
	if opts.Files != nil {
		files = slices.DeleteFunc(files, func(rel string) bool { return !slices.Contains(opts.Files, rel) })
		rep.Files = nil // the folder's own lines are Plan's
		opts.NoDedup = true
	}
	x := opts.Extractor
	if x == nil {
		x = extract.New(opts.Extract)
		defer x.Close()
	}
	results := extractAll(ctx, x, abs, files, opts.Workers, opts.Made)
	if err := ctx.Err(); err != nil {
		return nil, nil, fmt.Errorf("ingest %s: %w", abs, err)
	}
	for i, rel := range files {
		if filepath.Base(rel) == PersonsFile {
			ps, err := readPersons(filepath.Join(abs, filepath.FromSlash(rel)))
			if err != nil {
				rep.addFile(FileEntry{Path: rel, Status: StatusFailed, Problem: err.Error()})
				continue
			}
			rec.Persons = append(rec.Persons, withoutSubject(ps, &rec.Subject)...)
			rep.addFile(FileEntry{Path: rel, Status: StatusPersons, Documents: 0})
			continue
		}
		r := results[i]
		r.docs, r.errs = keepStorable(rel, r.docs, r.errs)
		for j := range r.docs {
			if !strings.Contains(r.docs[j].Path, "/") && !isArchive(r.docs[j].Path) {
				r.docs[j].Location = "" // a loose file at the top belongs to no location
			}
		}
		rec.Documents = append(rec.Documents, r.docs...)
		rep.addFile(fileEntry(rel, r))
	}
	// Deterministic order whatever the workers did: by path, and within a
	// file in the order the extractor found the parts (note order, message
	// order), which the stable sort keeps.
	sort.SliceStable(rec.Documents, func(i, j int) bool {
		return rec.Documents[i].Path < rec.Documents[j].Path
	})
	if !opts.NoDedup {
		rep.Duplicates = Dedup(rec.Documents)
	}
	rep.count(rec)
	rep.Elapsed = time.Since(start)
	return rec, rep, nil
}

// walk lists the record's files, record-relative with forward slashes, in
// lexical order. Hidden entries and links are listed in the report as skipped.
func walk(root string, rep *Report) ([]string, error) {
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if p == root {
			return err
		}
		rel, rerr := filepath.Rel(root, p)
		if rerr != nil {
			return rerr
		}
		rel = filepath.ToSlash(rel)
		if err != nil {
			rep.addFile(FileEntry{Path: rel, Status: StatusFailed, Problem: "cannot read: " + osProblem(err)})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		name := d.Name()
		switch {
		case strings.HasPrefix(name, "."):
			what := "hidden file"
			if d.IsDir() {
				what = "hidden folder"
			}
			rep.addFile(FileEntry{Path: rel, Status: StatusSkipped, Problem: what})
			if d.IsDir() {
				return fs.SkipDir
			}
		case d.IsDir():
		case d.Type()&fs.ModeSymlink != 0:
			rep.addFile(FileEntry{Path: rel, Status: StatusSkipped, Problem: "symbolic link not followed"})
		case !d.Type().IsRegular():
			rep.addFile(FileEntry{Path: rel, Status: StatusSkipped, Problem: "not a regular file"})
		case rel == SubjectFile:
			rep.addFile(FileEntry{Path: rel, Status: StatusSubject})
		case name == extract.CaseNotesMapping:
			// Settings for reading the exports beside it, not a document.
			rep.addFile(FileEntry{Path: rel, Status: StatusSkipped, Problem: "the column mapping of the case-notes exports beside it"})
		case !utf8.ValidString(rel):
			// PostgreSQL's text refuses the name, and a path is how the
			// file is found again: it fails alone, named safely.
			rep.addFile(FileEntry{Path: SafeName(rel), Status: StatusFailed, Problem: ProblemBadName})
		default:
			files = append(files, rel)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("ingest %s: %w", root, err)
	}
	return files, nil
}

type result struct {
	docs []record.Document
	errs []error
}

// extractAll extracts files with a pool of workers; results[i] belongs to
// files[i] so the outcome does not depend on scheduling.
func extractAll(ctx context.Context, x *extract.Extractor, root string, files []string, workers int, made func([]record.Document)) []result {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	results := make([]result, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if filepath.Base(files[i]) == PersonsFile {
					continue
				}
				results[i] = extractOne(ctx, x, root, files[i])
				if made != nil {
					made(results[i].docs)
				}
			}
		}()
	}
	for i := range files {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	return results
}

// extractOne runs the extractor on one file, turning a panic in a reader
// into a failure of that file alone.
func extractOne(ctx context.Context, x *extract.Extractor, root, rel string) (r result) {
	defer func() {
		if p := recover(); p != nil {
			// A runtime error says only where (an index, a nil pointer); any
			// other panic value could hold the text being read.
			msg := "reader crashed (a fault in Disclose; please report it)"
			if re, ok := p.(runtime.Error); ok {
				msg += ": " + re.Error()
			}
			r = result{errs: []error{&extract.Error{Path: rel, Kind: extract.ErrCorrupt, Msg: msg}}}
		}
	}()
	docs, errs := x.File(ctx, root, rel)
	return result{docs: docs, errs: errs}
}

// osProblem is a file-system error without the path the report already
// shows ("permission denied"); WalkDir's errors are usually *fs.PathError
// but need not be.
func osProblem(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// fileEntry classifies one extracted file for the report.
func fileEntry(rel string, r result) FileEntry {
	e := FileEntry{Path: rel, Documents: len(r.docs)}
	var problems []string
	unsupported := false
	for _, err := range r.errs {
		if errors.Is(err, extract.ErrUnsupported) {
			unsupported = true
		}
		problems = append(problems, problemText(rel, err))
	}
	e.Problem = strings.Join(problems, "; ")
	switch {
	case len(r.docs) == 0 && unsupported:
		e.Status = StatusUnsupported
	case len(r.docs) == 0:
		e.Status = StatusFailed
		if e.Problem == "" {
			e.Problem = "no documents found"
		}
	case len(r.errs) > 0:
		e.Status = StatusPartial
	default:
		e.Status = StatusIngested
	}
	for _, d := range r.docs {
		if d.NeedsOCR {
			e.NeedsOCR = true
		}
	}
	return e
}

// problemText is the error without the path the report already shows.
func problemText(rel string, err error) string {
	var fe *extract.Error
	if errors.As(err, &fe) {
		if fe.Msg == "" {
			return fe.Kind.Error()
		}
		return fe.Kind.Error() + ": " + fe.Msg
	}
	return strings.TrimPrefix(err.Error(), rel+": ")
}
