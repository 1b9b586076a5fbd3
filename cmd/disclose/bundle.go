package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"image"
	_ "image/jpeg" // scanned images in a record
	_ "image/png"
	"io"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/disclose-sar/disclose/internal/bundle"
	"github.com/disclose-sar/disclose/internal/extract"
	"github.com/disclose-sar/disclose/internal/ingest"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/review"
	"github.com/disclose-sar/disclose/internal/rules"
	"github.com/disclose-sar/disclose/internal/suggest"
)

const bundleUsage = `usage: disclose bundle --record DIR --out bundle.pdf [--password P] [--schedule schedule.csv]
       [--schedule-pdf annex.pdf] [--order chronological|location] [--large-print] [--no-encrypt]
       [--rules DIR] [--reference REF] [--font-dir DIR] [--council NAME] [--council-address LINES]

The batch path: reads the record folder, suggests redactions, applies every
redaction and withholding (flagged items are withheld: nothing unreviewed
goes out), and writes the disclosure bundle. The bundle is reopened and
searched for every redacted string before it is kept; any hit deletes it
and exits 1. Without --password a password is generated and printed once on
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
	var out, password, schedule, schedulePDF, order, rulesDir, reference, fontDir, council, councilAddress string
	var largePrint, noEncrypt bool
	fs := newFlagSet("bundle", bundleUsage, stderr)
	f.register(fs)
	fs.StringVar(&out, "out", "", "bundle PDF to write")
	fs.StringVar(&password, "password", "", "password to open the bundle (default: generated, printed once)")
	fs.StringVar(&schedule, "schedule", "", "redaction schedule CSV to write")
	fs.StringVar(&schedulePDF, "schedule-pdf", "", "redaction schedule PDF annex to write")
	fs.StringVar(&order, "order", bundle.OrderChronological, "document order: chronological or location")
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
	if f.record == "" || out == "" || fs.NArg() > 0 || (order != bundle.OrderChronological && order != bundle.OrderLocation) {
		fs.Usage()
		return 2
	}
	start := time.Now()
	set, err := loadRules(rulesDir)
	if err != nil {
		fmt.Fprintf(stderr, "disclose bundle: %v\n", err)
		return 2
	}
	x := extract.New(extract.Options{NoOCR: f.noOCR})
	defer x.Close()
	opts := f.ingestOptions()
	opts.Extractor = x
	rec, rep, err := ingest.Run(ctx, f.record, opts)
	if err != nil {
		fmt.Fprintf(stderr, "disclose bundle: %v\n", err)
		return 1
	}
	sres, err := suggest.Suggest(rec, set, suggest.Options{})
	if err != nil {
		fmt.Fprintf(stderr, "disclose bundle: %v\n", err)
		return 1
	}
	// Character boxes are needed only to burn scanned pages; the rest can
	// go before the bundle is laid out (they are most of a record's memory).
	for i := range rec.Documents {
		d := &rec.Documents[i]
		scanned := false
		for _, pi := range d.PageInfo {
			scanned = scanned || pi.Scanned
		}
		if !scanned {
			d.Glyphs = nil
		}
	}
	in := bundleInput(rec, rep, set, sres)
	sres = nil
	runtime.GC()
	if reference == "" {
		reference = defaultReference(rec)
	}
	bopts := bundle.Options{
		Reference: reference, SubjectName: rec.Subject.Name, Date: time.Now(), Order: order,
		LargePrint: largePrint, Password: password, NoEncrypt: noEncrypt, FontDir: fontDir,
		PageImage: pageImager(x, rec.Dir), PDFText: x.PDFText,
		Council: councilFromConfig(council, councilAddress),
	}
	res, err := bundle.WriteFile(ctx, out, in, bopts)
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

// bundleInput decides every suggestion as batch mode does and gathers what
// the bundle explains: the codes, the labels and the files not read.
func bundleInput(rec *record.Record, rep *ingest.Report, set *rules.Set, sres *suggest.Result) bundle.Input {
	reds := review.Batch(sres.Suggestions)
	docs := make(map[string]*record.Document, len(rec.Documents))
	var kept []record.Document
	for i := range rec.Documents {
		d := &rec.Documents[i]
		docs[d.ID] = d
		if d.DuplicateOf == "" {
			kept = append(kept, *d)
		}
	}
	// Spans whose text review left empty take it from the documents.
	for i := range reds {
		r := &reds[i]
		if d := docs[r.DocID]; d != nil && r.Text == "" && !r.Withhold && r.End > r.Start && r.End <= len(d.Text) {
			r.Text = d.Text[r.Start:r.End]
		}
	}
	in := bundle.Input{Docs: kept, Redactions: reds, Reasons: map[string]bundle.Reason{}, Keep: rec.Subject.Names()}
	for code, c := range set.Codes {
		in.Reasons[code] = bundle.Reason{Code: c.Code, Title: c.Title, Law: c.Law, Plain: c.Plain}
	}
	for _, p := range sres.Register {
		if p.Label == "" || p.Role == suggest.RoleSubject || p.Staff() {
			continue
		}
		in.Labels = append(in.Labels, bundle.Label{Label: p.Label, Meaning: labelMeaning(&p)})
	}
	if rep != nil {
		for _, pr := range append(append([]ingest.Problem{}, rep.Failed...), rep.Unsupported...) {
			in.Unreadable = append(in.Unreadable, bundle.Unreadable{Description: fileDescription(pr.Path), Reason: "the file could not be opened"})
		}
	}
	return in
}

// labelMeaning says who a label stands for without saying who they are.
func labelMeaning(p *suggest.Person) string {
	switch p.Role {
	case suggest.RoleFamily:
		return "a member of your family"
	case suggest.RoleOtherChild:
		return "another child mentioned in your record"
	case suggest.RoleCarer:
		return "someone who looked after you, such as a foster carer"
	case suggest.RolePartnerStaff:
		return "someone who works for another organisation, such as the police, the NHS or a school"
	}
	return "another person mentioned in your record"
}

// fileDescription describes a source file without its name: its kind and
// where it was kept.
func fileDescription(rel string) string {
	ext := strings.ToUpper(strings.TrimPrefix(path.Ext(rel), "."))
	loc, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
	kind := "A file"
	if ext != "" && len(ext) <= 5 {
		kind = "A " + ext + " file"
	}
	return kind + " from " + bundle.LocationName(loc)
}

// defaultReference is the subject's case number, or a dated reference.
func defaultReference(rec *record.Record) string {
	if n := rec.Subject.Identifiers["case_number"]; n != "" {
		return "SAR-" + n
	}
	return "SAR-" + time.Now().Format("20060102")
}

// pageImager renders a scanned page from the document's source file: a PDF
// page through PDFium, an image file decoded. The last file read is kept,
// since a scanned document's pages are asked for in turn.
func pageImager(x *extract.Extractor, root string) func(context.Context, *record.Document, int, int) (image.Image, error) {
	var mu sync.Mutex
	var lastPath string
	var lastData []byte
	return func(ctx context.Context, d *record.Document, page, dpi int) (image.Image, error) {
		mu.Lock()
		defer mu.Unlock()
		p := filepath.Join(root, filepath.FromSlash(d.Path))
		if p != lastPath {
			b, err := os.ReadFile(p)
			if err != nil {
				return nil, fmt.Errorf("read source of document %s: %w", d.ID, err)
			}
			lastPath, lastData = p, b
		}
		if strings.EqualFold(filepath.Ext(p), ".pdf") {
			return x.RenderPage(ctx, lastData, page, dpi)
		}
		// Only single-page formats are decoded here: burning page N's word
		// boxes into page 1's pixels would leave page N's words readable.
		if page != 1 {
			return nil, fmt.Errorf("document %s: page %d of an image file cannot be rendered", d.ID, page)
		}
		cfg, _, err := image.DecodeConfig(bytes.NewReader(lastData))
		if err != nil {
			return nil, err
		}
		if int64(cfg.Width)*int64(cfg.Height) > maxScanPixels {
			return nil, fmt.Errorf("document %s: image of %dx%d pixels is too large to render", d.ID, cfg.Width, cfg.Height)
		}
		img, _, err := image.Decode(bytes.NewReader(lastData))
		return img, err
	}
}

// maxScanPixels bounds a scanned image decoded for burning: an A3 page at
// 600 dpi is ~70 M pixels; a header claiming more is a decompression bomb.
const maxScanPixels = 100 << 20

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
	}
	for _, l := range strings.Split(address, "|") {
		if l = strings.TrimSpace(l); l != "" {
			c.Address = append(c.Address, l)
		}
	}
	return c
}
