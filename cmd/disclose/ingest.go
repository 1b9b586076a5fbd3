package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/disclose-sar/disclose/internal/extract"
	"github.com/disclose-sar/disclose/internal/ingest"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/search"
)

const ingestUsage = `usage: disclose ingest --record DIR [--json] [--data DIR] [--workers N] [--no-ocr] [--no-index]

Reads every file of the record folder DIR (subject.json at the top, one folder
per location), marks duplicates, builds the search index under --data and
prints the ingest report: counts per location and format, pages, OCR'd pages,
duplicates, and every unsupported, failed or skipped file with the reason.
Exit 0 when the record was read (bad files are in the report), 1 when it
could not be (no subject.json), 2 on bad usage.
`

// recordFlags are the flags ingest, search and bench share.
type recordFlags struct {
	record  string
	data    string
	workers int
	noOCR   bool
}

func (f *recordFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.record, "record", "", "record folder (subject.json and one folder per location)")
	fs.StringVar(&f.data, "data", defaultDataDir(), "data directory for search indexes ($DISCLOSE_DATA)")
	fs.IntVar(&f.workers, "workers", 0, "files extracted at once (default: number of CPUs)")
	fs.BoolVar(&f.noOCR, "no-ocr", false, "do not OCR image pages; list them as needing OCR")
}

func defaultDataDir() string {
	if d := os.Getenv("DISCLOSE_DATA"); d != "" {
		return d
	}
	return "data"
}

func (f *recordFlags) ingestOptions() ingest.Options {
	return ingest.Options{Workers: f.workers, Extract: extract.Options{NoOCR: f.noOCR}}
}

// indexOptions wires the search index for a record: the people facet comes
// from the subject's names and the persons lists. fp is the record folder's
// ingest.Fingerprint (taken before reading it), which keys the cache; it
// covers subject.json and persons.json, so no salt is needed with it.
func indexOptions(data string, rec *record.Record, fp string) search.Options {
	o := search.Options{DataDir: data, Fingerprint: fp}
	if rec != nil {
		o.People = search.KnownPeople(rec.Subject, rec.Persons)
		if fp == "" {
			var names []string
			for _, p := range rec.Persons {
				names = append(names, p.Name)
			}
			o.Salt = strings.Join(append(rec.Subject.Names(), names...), "\x00")
		}
	}
	return o
}

// newFlagSet returns a flag set that reports to stderr and prints usage on -h.
func newFlagSet(name, usage string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	return fs
}

func runIngest(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	var f recordFlags
	var asJSON, noIndex bool
	fs := newFlagSet("ingest", ingestUsage, stderr)
	f.register(fs)
	fs.BoolVar(&asJSON, "json", false, "print the report as JSON")
	fs.BoolVar(&noIndex, "no-index", false, "do not build the search index")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if f.record == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "disclose ingest: --record DIR is required and takes no other arguments")
		return 2
	}
	fp, _ := ingest.Fingerprint(f.record) // "" on error: the cache then keys by content
	rec, rep, err := ingest.Run(ctx, f.record, f.ingestOptions())
	if err != nil {
		fmt.Fprintf(stderr, "disclose ingest: %v\n", err)
		return 1
	}
	indexNote := ""
	if !noIndex {
		x, built, err := search.Open(ctx, rec, indexOptions(f.data, rec, fp))
		if err != nil {
			fmt.Fprintf(stderr, "disclose ingest: %v\n", err)
			return 1
		}
		x.Close()
		indexNote = "Search index reused: " + x.Path
		if built {
			indexNote = "Search index built: " + x.Path
		}
	}
	if asJSON {
		err = rep.WriteJSON(stdout)
	} else {
		err = rep.WriteText(stdout)
		if indexNote != "" {
			fmt.Fprintln(stdout, indexNote)
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "disclose ingest: %v\n", err)
		return 1
	}
	return 0
}
