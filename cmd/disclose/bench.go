package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/disclose-sar/disclose/internal/extract"
	"github.com/disclose-sar/disclose/internal/ingest"
	"github.com/disclose-sar/disclose/internal/search"
	"github.com/disclose-sar/disclose/internal/synth"
)

const benchUsage = `usage: disclose bench <kind> [flags]

kinds:
  ingest --pages 1000,5000 [--keep] [--workers N] [--seed N]
      generate a synthetic record of each size (DOCX, text PDF, EML, case
      notes; no OCR), then ingest and index it; prints pages, seconds,
      pages/s and peak memory per size, so linearity shows.
  bundle --pdfs DIR --terms terms.txt [--out bundle.pdf]
      redact the terms in the PDFs of DIR and write one encrypted,
      leak-checked bundle (the Disclose side of bench/mupdf-compare.sh).
  bundle --pages 5000,20000 [--layout reading|original] [--ocr-check=false]
      generate a synthetic record of each size and run disclose bundle on
      it; prints pages/s, CPU time / wall and peak RSS.
` + benchServeUsage + benchOCRUsage

func runBench(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(stderr, benchUsage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	switch args[0] {
	case "ingest":
		return benchIngest(ctx, args[1:], stdout, stderr)
	case "bundle":
		return benchBundle(ctx, args[1:], stdout, stderr)
	case "serve":
		return benchServe(ctx, args[1:], stdout, stderr)
	case "ocr":
		return benchOCR(ctx, args[1:], stdout, stderr)
	default:
		fmt.Fprintf(stderr, "disclose bench: unknown kind %q\n", args[0])
		fmt.Fprint(stderr, benchUsage)
		return 2
	}
}

// benchIngest measures ingest + index on generated records: the goal
// is ≥ 200 pages/s on the 2-core machine with peak memory under 1 GiB.
func benchIngest(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("bench ingest", benchUsage, stderr)
	sizes := fs.String("pages", "1000,5000", "record sizes in pages, comma-separated")
	keep := fs.Bool("keep", false, "keep the generated records and indexes (their folder is printed)")
	workers := fs.Int("workers", 0, "files extracted at once (default: number of CPUs)")
	seed := fs.Int64("seed", 1, "generator seed")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	pages, ok := benchSizes("bench ingest", *sizes, stderr)
	if !ok {
		return 2
	}
	tmp, done, err := benchDir("disclose-bench-", "records and indexes", *keep, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "disclose bench ingest: %v\n", err)
		return 1
	}
	defer done()
	x := extract.New(extract.Options{NoOCR: true})
	defer x.Close()
	// The PDF engine starts once per process (seconds): start it on a small
	// record first so the sizes below measure throughput, and say what it cost.
	warm, err := benchOne(ctx, x, filepath.Join(tmp, "warm-up"), 10, *seed, *workers)
	if err != nil {
		fmt.Fprintf(stderr, "disclose bench ingest: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "start-up (engine + 10-page record): %.2f s\n", (warm.ingest + warm.index).Seconds())
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "pages\tread\tfiles\tdocuments\tnot read\tingest s\tindex s\ttotal s\tpages/s\tCPU s\tpeak RSS MiB\t")
	for i, n := range pages {
		fmt.Fprintf(stderr, "generating and ingesting %d pages...\n", n)
		r, err := benchOne(ctx, x, filepath.Join(tmp, fmt.Sprintf("run%d-p%d", i+1, n)), n, *seed, *workers)
		if err != nil {
			fmt.Fprintf(stderr, "disclose bench ingest: %v\n", err)
			return 1
		}
		total := r.ingest + r.index
		fmt.Fprintf(tw, "%d\t%d\t%d\t%d\t%d\t%.2f\t%.2f\t%.2f\t%.0f\t%.2f\t%d\t\n", r.pages, r.read, r.files, r.docs, r.failed,
			r.ingest.Seconds(), r.index.Seconds(), total.Seconds(), float64(r.pages)/total.Seconds(), r.cpu.Seconds(), peakRSS()>>20)
	}
	tw.Flush()
	fmt.Fprintln(stdout, "pages: the record's pages; read: pages a reader extracted; not read: unsupported or failed files;")
	fmt.Fprintln(stdout, "CPU s: user+system time of ingest and index (steadier than wall time on a busy machine)")
	return 0
}

type benchResult struct {
	pages, read, files, docs, failed int
	ingest, index, cpu               time.Duration
}

// benchOne generates a record (not timed) and times ingest and indexing.
func benchOne(ctx context.Context, x *extract.Extractor, dir string, pages int, seed int64, workers int) (benchResult, error) {
	st, err := synth.Write(filepath.Join(dir, "record"), pages, seed)
	if err != nil {
		return benchResult{}, err
	}
	cpu0 := cpuTime()
	start := time.Now()
	rec, rep, err := ingest.Run(ctx, filepath.Join(dir, "record"), ingest.Options{Workers: workers, Extractor: x})
	if err != nil {
		return benchResult{}, err
	}
	mid := time.Now()
	idx, err := search.Build(ctx, filepath.Join(dir, "index"), rec.Documents, search.KnownPeople(rec.Subject, rec.Persons))
	if err != nil {
		return benchResult{}, err
	}
	idx.Close()
	end := time.Now()
	cpu := cpuTime() - cpu0
	return benchResult{
		pages: st.Pages, read: rep.Pages, files: len(rep.Files), docs: rep.Documents, failed: len(rep.Failed) + len(rep.Unsupported),
		ingest: mid.Sub(start), index: end.Sub(mid), cpu: cpu,
	}, nil
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// peakRSS is the process's high-water resident set size in bytes (Linux
// VmHWM), or 0 where /proc is not available.
func peakRSS() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// benchSizes reads a --pages list of record sizes ("1000,5000"), saying
// which entry is bad.
func benchSizes(cmd, list string, stderr io.Writer) ([]int, bool) {
	var pages []int
	for _, s := range strings.Split(list, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			fmt.Fprintf(stderr, "disclose %s: bad --pages %q\n", cmd, s)
			return nil, false
		}
		pages = append(pages, n)
	}
	return pages, true
}

// benchDir makes a benchmark's working folder; done removes it unless keep
// is set, in which case where it is kept is printed (what names its
// contents).
func benchDir(prefix, what string, keep bool, stdout io.Writer) (string, func(), error) {
	dir, err := os.MkdirTemp("", prefix)
	if err != nil {
		return "", nil, err
	}
	if keep {
		fmt.Fprintf(stdout, "%s kept in %s\n", what, dir)
		return dir, func() {}, nil
	}
	return dir, func() { os.RemoveAll(dir) }, nil
}
