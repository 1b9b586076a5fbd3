package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"sort"
	"strings"
	"time"

	"github.com/disclose-sar/disclose/internal/bundle"
	"github.com/disclose-sar/disclose/internal/extract"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/release"
)

const benchBundleUsage = `usage: disclose bench bundle --pdfs DIR --terms terms.txt [--out bundle.pdf]
       [--layout original|reading] [--ocr-check=false]

Times Disclose on the same job as bench/mupdf-compare.sh gives MuPDF: read
every PDF in DIR, redact every occurrence of each line of terms.txt, and
write one bundle: laid out (by default each page rendered with its boxes
burned in), stamped, AES-256 encrypted and leak-checked (by default with
OCR of every page image).
Prints input pages, seconds and pages/s, with and without the PDF engine's
one-off start-up (a server keeps one engine per process).

` + benchPagesUsage

// benchBundle is the Disclose side of the MuPDF comparison.
func benchBundle(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("bench bundle", benchBundleUsage, stderr)
	dir := fs.String("pdfs", "", "folder of PDFs")
	termsFile := fs.String("terms", "", "file of strings to redact, one a line")
	out := fs.String("out", "", "bundle to write (default: discarded)")
	layout := fs.String("layout", bundle.LayoutOriginal, "original or reading")
	ocrCheck := fs.Bool("ocr-check", true, "the leak check reads page images by OCR")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the timed part here")
	sizes := fs.String("pages", "", "generate synthetic records of these sizes and run disclose bundle on them (see below)")
	fs.Int64("seed", 1, "with --pages: generator seed")
	fs.Bool("keep", false, "with --pages: keep the records and bundles")
	fs.String("memprofile", "", "with --pages: heap profile of the last size")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *sizes != "" {
		return benchBundlePages(ctx, args, stdout, stderr)
	}
	if *dir == "" || *termsFile == "" {
		fs.Usage()
		return 2
	}
	tb, err := os.ReadFile(*termsFile)
	if err != nil {
		fmt.Fprintf(stderr, "disclose bench bundle: %v\n", err)
		return 2
	}
	var terms []string
	for _, t := range strings.Split(string(tb), "\n") {
		if t = strings.TrimSpace(t); t != "" {
			terms = append(terms, t)
		}
	}
	entries, err := os.ReadDir(*dir)
	if err != nil {
		fmt.Fprintf(stderr, "disclose bench bundle: %v\n", err)
		return 2
	}
	var files []string
	for _, e := range entries {
		if !e.IsDir() && strings.EqualFold(filepath.Ext(e.Name()), ".pdf") {
			files = append(files, e.Name())
		}
	}
	sort.Strings(files)
	t0 := time.Now()
	x := extract.New(extract.Options{NoOCR: true})
	defer x.Close()
	// Warm the engine (its start-up is paid once per process).
	if len(files) > 0 {
		x.File(ctx, *dir, files[0])
	}
	startup := time.Since(t0)
	t1 := time.Now()
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintf(stderr, "disclose bench bundle: %v\n", err)
			return 2
		}
		defer f.Close()
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	var in bundle.Input
	pages, problems := 0, 0
	for _, f := range files {
		docs, errs := x.File(ctx, *dir, f)
		problems += len(errs)
		for i := range docs {
			d := &docs[i]
			pages += max(d.Pages, 1)
			in.Redactions = append(in.Redactions, termRedactions(d, terms)...)
			in.Docs = append(in.Docs, *d)
		}
	}
	opts := bundle.Options{Reference: "BENCH", Password: "bench-password", Layout: *layout, PDFText: x.PDFText,
		PageImage: x.PageImager(release.FolderSource(*dir))}
	if *ocrCheck {
		opts.PageOCR = x.PageOCR
	}
	res, err := bundle.Write(ctx, io.Discard, in, opts)
	if err != nil {
		fmt.Fprintf(stderr, "disclose bench bundle: %v\n", err)
		return 1
	}
	el := time.Since(t1)
	if problems > 0 {
		fmt.Fprintf(stderr, "disclose bench bundle: %d problems reading the PDFs (scanned pages without text are not OCR'd here)\n", problems)
	}
	if *out != "" {
		bundle.WriteFile(ctx, *out, in, opts)
	}
	fmt.Fprintf(stdout, "disclose: %d input pages, %d bundle pages (%d shown as original pages), %d redactions, %s\n",
		pages, res.Pages, len(res.Originals), res.Redactions, res.Certificate.Summary())
	fmt.Fprintf(stdout, "disclose: %.2f s (%.1f pages/s); with engine start-up %.2f s: %.2f s (%.1f pages/s)\n",
		el.Seconds(), float64(pages)/el.Seconds(), startup.Seconds(), (el + startup).Seconds(), float64(pages)/(el+startup).Seconds())
	fmt.Fprintf(stdout, "pages_per_second=%.1f\n", float64(pages)/el.Seconds())
	return 0
}

// termRedactions redacts every case-insensitive occurrence of each term, as
// the MuPDF peer's page.search does.
func termRedactions(d *record.Document, terms []string) []record.Redaction {
	var out []record.Redaction
	low := strings.ToLower(d.Text)
	for _, t := range terms {
		lt := strings.ToLower(t)
		if len(lt) != len(t) {
			continue
		}
		for off := 0; ; {
			i := strings.Index(low[off:], lt)
			if i < 0 {
				break
			}
			s := off + i
			out = append(out, record.Redaction{DocID: d.ID, Start: s, End: s + len(t), Code: "TP", RuleID: "bench-term", Decider: "auto", Text: d.Text[s : s+len(t)]})
			off = s + len(t)
		}
	}
	return out
}
