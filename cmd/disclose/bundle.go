package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/disclose-sar/disclose/internal/bundle"
	"github.com/disclose-sar/disclose/internal/extract"
	"github.com/disclose-sar/disclose/internal/ingest"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/release"
	"github.com/disclose-sar/disclose/internal/review"
	"github.com/disclose-sar/disclose/internal/rules"
	"github.com/disclose-sar/disclose/internal/suggest"
)

const bundleUsage = `usage: disclose bundle --record DIR --out bundle.pdf [--password P] [--schedule schedule.csv]
       [--schedule-pdf annex.pdf] [--order chronological|location] [--layout original|reading]
       [--large-print] [--no-encrypt]
       [--rules DIR] [--reference REF] [--font-dir DIR] [--council NAME] [--council-address LINES]

The batch path: reads the record folder, suggests redactions, applies every
redaction and withholding (flagged items are withheld: nothing unreviewed
goes out), and writes the disclosure bundle. The original layout (the
default) shows every page of a PDF as that page, the redactions burned
into its pixels, with a text layer of what remains; --layout reading
typesets every document as plain text in date order. The bundle is
reopened and searched — its text, its objects and its page images by
OCR — for every redacted string before it is kept; any hit deletes it and
exits 1. Without --password a password is generated and printed once on
stderr: send it separately from the bundle. --no-encrypt is for internal
drafts only. The schedule (CSV, or a PDF annex) is for legal services and
the regulator, never the requester. The council's name, address (lines
separated by "|"), support text and contact details for the cover letter
come from --council, --council-address or DISCLOSE_COUNCIL_NAME,
DISCLOSE_COUNCIL_ADDRESS, DISCLOSE_COUNCIL_PHONE, DISCLOSE_COUNCIL_EMAIL
and DISCLOSE_COUNCIL_SUPPORT.
`

func runBundle(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	var f recordFlags
	var out, password, schedule, schedulePDF, order, layout, rulesDir, reference, fontDir, council, councilAddress string
	var largePrint, noEncrypt bool
	fs := newFlagSet("bundle", bundleUsage, stderr)
	f.register(fs)
	fs.StringVar(&out, "out", "", "bundle PDF to write")
	fs.StringVar(&password, "password", "", "password to open the bundle (default: generated, printed once)")
	fs.StringVar(&schedule, "schedule", "", "redaction schedule CSV to write")
	fs.StringVar(&schedulePDF, "schedule-pdf", "", "redaction schedule PDF annex to write")
	fs.StringVar(&order, "order", bundle.OrderChronological, "document order: chronological or location")
	fs.StringVar(&layout, "layout", bundle.LayoutOriginal, "original (PDF pages as they are, redactions burned in) or reading (all typeset)")
	fs.BoolVar(&largePrint, "large-print", false, "16 pt text instead of 11 pt")
	fs.BoolVar(&noEncrypt, "no-encrypt", false, "do not encrypt (internal drafts only)")
	fs.StringVar(&rulesDir, "rules", "", "directory of *.yaml rule packs (default: the embedded packs)")
	fs.StringVar(&reference, "reference", "", "request reference stamped on every page (default: from the subject's case number)")
	fs.StringVar(&fontDir, "font-dir", os.Getenv("DISCLOSE_FONT_DIR"), "directory holding LiberationSans-Regular.ttf and -Bold.ttf")
	fs.StringVar(&council, "council", os.Getenv("DISCLOSE_COUNCIL_NAME"), "the council's name for the cover letter")
	fs.StringVar(&councilAddress, "council-address", os.Getenv("DISCLOSE_COUNCIL_ADDRESS"), `the council's address, lines separated by "|"`)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if f.record == "" || out == "" || fs.NArg() > 0 || (order != bundle.OrderChronological && order != bundle.OrderLocation) ||
		(layout != bundle.LayoutOriginal && layout != bundle.LayoutReading) {
		fs.Usage()
		return 2
	}
	start := time.Now()
	set, err := loadRules(rulesDir)
	if err != nil {
		fmt.Fprintf(stderr, "disclose bundle: %v\n", err)
		return 2
	}
	job := batchBundle{Record: f.record, Out: out, Ingest: f.ingestOptions(), NoOCR: f.noOCR, Rules: set,
		Reference: reference, Council: councilFromConfig(council, councilAddress), Order: order, Layout: layout,
		LargePrint: largePrint, Password: password, NoEncrypt: noEncrypt, FontDir: fontDir}
	res, in, bopts, err := job.run(ctx)
	if err != nil {
		var le *bundle.LeakError
		if errors.As(err, &le) {
			// The operator's terminal may see what leaked; logs never do.
			fmt.Fprintf(stderr, "disclose bundle: LEAK CHECK FAILED: %d redacted strings are in the bundle; it was deleted:\n", len(le.Leaks))
			for _, l := range le.Leaks {
				fmt.Fprintf(stderr, "  document %d (%s, %s) in %s: %q\n", l.DocNumber, l.Code, l.Kind, l.Where, l.Text)
			}
			return 1
		}
		fmt.Fprintf(stderr, "disclose bundle: %v\n", err)
		if errors.Is(err, bundle.ErrFont) {
			return 2
		}
		return 1
	}
	if res.Password != "" {
		fmt.Fprintf(stderr, "password (shown once; send it separately from the bundle): %s\n", res.Password)
	}
	if schedule != "" {
		if err := writeFileWith(schedule, func(w io.Writer) error { return bundle.WriteScheduleCSV(w, res.Schedule, res.Certificate) }); err != nil {
			fmt.Fprintf(stderr, "disclose bundle: schedule: %v\n", err)
			return 1
		}
	}
	if schedulePDF != "" {
		if err := writeFileWith(schedulePDF, func(w io.Writer) error { return bundle.WriteSchedulePDF(w, res.Schedule, res.Certificate, bopts) }); err != nil {
			fmt.Fprintf(stderr, "disclose bundle: schedule PDF: %v\n", err)
			return 1
		}
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(stderr, "warning: %s\n", w)
	}
	el := time.Since(start)
	fmt.Fprintf(stdout, "bundle: %s: %d pages, %d documents, %d redactions, %d withheld, %d files could not be read\n",
		out, res.Pages, res.Documents, res.Redactions, res.Withheld, len(in.Unreadable))
	fmt.Fprintf(stdout, "%s\n", res.Certificate.Summary())
	fmt.Fprintf(stdout, "time: %.1f s (%.0f pages/s)\n", el.Seconds(), float64(res.Pages)/el.Seconds())
	return 0
}

// writeFileWith creates path and writes it with fn.
func writeFileWith(p string, fn func(io.Writer) error) error {
	f, err := os.OpenFile(p, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if err := fn(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// councilFromConfig builds the cover letter's sender; empty fields fall back
// to bundle.DefaultCouncil.
func councilFromConfig(name, address string) bundle.Council {
	c := bundle.Council{
		Name:    strings.TrimSpace(name),
		Phone:   os.Getenv("DISCLOSE_COUNCIL_PHONE"),
		Email:   os.Getenv("DISCLOSE_COUNCIL_EMAIL"),
		Support: os.Getenv("DISCLOSE_COUNCIL_SUPPORT"),
		// How long the council keeps records, for "About your information".
		Retention: os.Getenv("DISCLOSE_COUNCIL_RETENTION"),
	}
	for _, l := range strings.Split(address, "|") {
		if l = strings.TrimSpace(l); l != "" {
			c.Address = append(c.Address, l)
		}
	}
	return c
}

// batchMemoryLimit is the soft limit of the Go runtime's memory while the
// batch command runs, unless GOMEMLIMIT sets one: the collector works
// harder as the heap nears it instead of letting it grow to twice what is
// live, so the process's resident memory follows what the pipeline holds
// (the goal is under 1 GiB; PDFium's compiled code and the binary are
// outside it: ~100 MiB). A pipeline holding more than this still runs,
// with more time collecting. At 50,000 pages (live heap ~300 MB) 600 MiB
// against 800 MiB: peak RSS 804 against 960 MiB, for 6% more CPU (issue 16).
const batchMemoryLimit = 600 << 20

// batchBundle is the batch path from a record folder to a checked bundle
// file: `disclose bundle` and `disclose bench bundle --pages` run it.
type batchBundle struct {
	Record     string
	Out        string
	Ingest     ingest.Options
	NoOCR      bool
	Rules      *rules.Set
	Reference  string // empty: release.DefaultReference
	Council    bundle.Council
	Order      string
	Layout     string
	LargePrint bool
	Password   string
	NoEncrypt  bool
	FontDir    string
	// NoOCROnCheck leaves the OCR of page images out of the leak check
	// (benchmarks only: the command never does).
	NoOCROnCheck bool
	// Ingested, when set, is told the ingest report as soon as the record
	// has been read (the benchmark's phase times).
	Ingested func(*ingest.Report)
	// KeepRefused: benchmarks only (bundle.Options.KeepRefused).
	KeepRefused string
}

// run reads and suggests on the record, applies every suggestion as
// suggested, and writes the bundle through the one pipeline to a file
// created only once the bundle has passed its leak check.
func (j batchBundle) run(ctx context.Context) (*bundle.Result, *bundle.Input, bundle.Options, error) {
	if os.Getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(batchMemoryLimit))
	}
	x := extract.New(extract.Options{NoOCR: j.NoOCR})
	defer x.Close()
	// Character and word boxes go to a spool file as each file is read:
	// only the bundle needs them, a document at a time.
	spool, err := release.NewSpool("")
	if err != nil {
		return nil, nil, bundle.Options{}, err
	}
	defer spool.Close()
	opts := j.Ingest
	opts.Extractor = x
	opts.Made = func(docs []record.Document) {
		for i := range docs {
			// Character boxes are needed only to burn pages (scanned ones,
			// and every PDF page in the original layout).
			if !burnable(j.Layout, &docs[i]) {
				docs[i].Glyphs = nil
			}
			compact(&docs[i])
		}
		spool.Take(docs)
	}
	rec, rep, err := ingest.Run(ctx, j.Record, opts)
	if err != nil {
		return nil, nil, bundle.Options{}, err
	}
	if err := spool.Err(); err != nil {
		return nil, nil, bundle.Options{}, err
	}
	if j.Ingested != nil {
		j.Ingested(rep)
	}
	kept, err := suggest.SuggestKept(rec, j.Rules, suggest.Options{})
	if err != nil {
		return nil, nil, bundle.Options{}, err
	}
	reference := j.Reference
	if reference == "" {
		reference = release.DefaultReference(rec, time.Now())
	}
	// The batch policy: every suggestion applied as suggested.
	outcome, watching, sres := release.ApplyKept(rec, kept, review.PolicyFrom(j.Rules))
	src := release.Source{Record: rec, Suggested: sres, Outcome: outcome, Watching: watching,
		Problems: release.ProblemsOf(rep), Rules: j.Rules, AsSuggested: true}
	settings := release.Settings{
		Reference: reference, Council: j.Council, Date: time.Now(), Order: j.Order, Layout: j.Layout,
		LargePrint: j.LargePrint, Password: j.Password, NoEncrypt: j.NoEncrypt, FontDir: j.FontDir,
		PageImage: x.PageImager(release.FolderSource(rec.Dir)), Paginate: x.WordPages(release.FolderSource(rec.Dir)),
		PDFText: x.PDFText, PageOCR: x.PageOCR, PDFTextAt: x.PDFTextAt, PageOCRAt: x.PageOCRAt, Boxes: spool.Boxes,
		KeepRefused: j.KeepRefused,
	}
	if j.NoOCROnCheck {
		settings.PageOCR, settings.PageOCRAt = nil, nil
	}
	bopts := release.Options(src, settings)
	// Nothing here refers to the suggestions or the record after this: the
	// one pipeline lets each go as soon as it has what it needs of it.
	res, in, err := writeBundleFile(ctx, j.Out, src, settings)
	return res, in, bopts, err
}

// compact keeps a document's text and blocks at their own length: they
// are built by appending, which leaves up to as much room again unused, and
// every document's are held until the bundle is written (issue 16). The
// title, author and type are copied too, as they may be cut from the text.
func compact(d *record.Document) {
	d.Text = strings.Clone(d.Text)
	d.Title, d.Author, d.Type = strings.Clone(d.Title), strings.Clone(d.Author), strings.Clone(d.Type)
	if len(d.Blocks) < cap(d.Blocks) {
		d.Blocks = slices.Clone(d.Blocks)
	}
	if len(d.PageInfo) < cap(d.PageInfo) {
		d.PageInfo = slices.Clone(d.PageInfo)
	}
}

// burnable reports whether a document's pages may be burned as images in
// the layout: scanned pages always, every PDF page in the original layout.
func burnable(layout string, d *record.Document) bool {
	if layout == bundle.LayoutOriginal && (d.Format == record.FormatPDF || d.Format == record.FormatScan) {
		return true
	}
	for _, pi := range d.PageInfo {
		if pi.Scanned {
			return true
		}
	}
	return false
}

// writeBundleFile writes the bundle through the one pipeline to a file
// created only once the bundle has passed its leak check.
// The input returned holds only the unreadable files' notices: the rest
// (every document, every redaction) goes as the bundle is written.
func writeBundleFile(ctx context.Context, out string, src release.Source, s release.Settings) (*bundle.Result, *bundle.Input, error) {
	opts := release.Options(src, s)
	in, err := release.Prepare(src)
	if err != nil {
		return nil, nil, err
	}
	unreadable := in.Unreadable
	res, err := bundle.WriteFile(ctx, out, in, opts)
	return res, &bundle.Input{Unreadable: unreadable}, err
}
