package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"runtime/pprof"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/disclose-sar/disclose/internal/bundle"
	"github.com/disclose-sar/disclose/internal/ingest"
	"github.com/disclose-sar/disclose/internal/synth"
)

const benchPagesUsage = `usage: disclose bench bundle --pages N[,N...] [--layout reading|original] [--ocr-check=false]
       [--seed N] [--keep] [--cpuprofile F] [--memprofile F]

Generates a synthetic record of N pages (internal/synth, as bench ingest
does; not timed), then runs what disclose bundle runs on it — ingest,
suggest, apply every suggestion, lay out, encrypt, leak-check, write — and
prints input pages, bundle pages, wall time, pages/s, CPU time (user +
system) / wall, and peak RSS of this process measured from just before the
pipeline (the process's VmHWM, reset first), and the CPU time of its child
processes (tesseract, LibreOffice) apart.
`

// benchBundlePages is bench bundle --pages: the batch command end to end on
// generated records of each size, so linearity, both cores and memory show.
func benchBundlePages(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("bench bundle", benchPagesUsage, stderr)
	sizes := fs.String("pages", "", "record sizes in pages, comma-separated")
	layout := fs.String("layout", bundle.LayoutReading, "reading or original")
	ocrCheck := fs.Bool("ocr-check", true, "the leak check reads page images by OCR (original layout)")
	seed := fs.Int64("seed", 1, "generator seed")
	keep := fs.Bool("keep", false, "keep the generated records and bundles (their folder is printed), and a bundle the leak check refused as refused.pdf")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the last size's pipeline here")
	memProfile := fs.String("memprofile", "", "write a heap profile (in use at its peak phase) of the last size here")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	pages, ok := benchSizes("bench bundle", *sizes, stderr)
	if !ok {
		return 2
	}
	if *layout != bundle.LayoutReading && *layout != bundle.LayoutOriginal {
		fs.Usage()
		return 2
	}
	set, err := loadRules("")
	if err != nil {
		fmt.Fprintf(stderr, "disclose bench bundle: %v\n", err)
		return 1
	}
	tmp, done, err := benchDir("disclose-bench-bundle-", "records and bundles", *keep, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "disclose bench bundle: %v\n", err)
		return 1
	}
	defer done()
	fmt.Fprintf(stdout, "layout %s, OCR leak check %v, %d CPUs, load average %s\n", *layout, *ocrCheck, runtime.NumCPU(), loadAverage())
	for i, n := range pages {
		dir := filepath.Join(tmp, fmt.Sprintf("run%d-p%d", i+1, n))
		fmt.Fprintf(stderr, "generating %d pages...\n", n)
		st, err := synth.Write(filepath.Join(dir, "record"), n, *seed)
		if err != nil {
			fmt.Fprintf(stderr, "disclose bench bundle: %v\n", err)
			return 1
		}
		last := i == len(pages)-1
		job := batchBundle{Record: filepath.Join(dir, "record"), Out: filepath.Join(dir, "bundle.pdf"), Rules: set,
			Reference: "BENCH", Order: bundle.OrderChronological, Layout: *layout, Password: "bench-password",
			NoOCROnCheck: !*ocrCheck}
		if *keep {
			// a bundle the leak check refuses is kept beside the record
			// (encrypted with the bench password) to see what it found
			job.KeepRefused = filepath.Join(dir, "refused.pdf")
		}
		var ingested time.Duration
		var t0 time.Time
		job.Ingested = func(*ingest.Report) { ingested = time.Since(t0) }
		var stopCPU func()
		if last && *cpuProfile != "" {
			f, err := os.Create(*cpuProfile)
			if err != nil {
				fmt.Fprintf(stderr, "disclose bench bundle: %v\n", err)
				return 2
			}
			pprof.StartCPUProfile(f)
			stopCPU = func() { pprof.StopCPUProfile(); f.Close() }
		}
		fmt.Fprintf(stderr, "bundling %d pages...\n", st.Pages)
		debug.FreeOSMemory() // what generating the record used goes back first
		resetPeakRSS()
		self0, kids0 := rusage(syscall.RUSAGE_SELF), rusage(syscall.RUSAGE_CHILDREN)
		var stopHeap func()
		if last && *memProfile != "" {
			stopHeap = heapAtPeak(*memProfile)
		}
		wait0 := runQueueWait()
		t0 = time.Now()
		res, _, _, err := job.run(ctx)
		waited := runQueueWait() - wait0
		if stopHeap != nil {
			stopHeap()
		}
		wall := time.Since(t0)
		self1, kids1 := rusage(syscall.RUSAGE_SELF), rusage(syscall.RUSAGE_CHILDREN)
		peak := peakRSS()
		if stopCPU != nil {
			stopCPU()
		}
		if err != nil {
			fmt.Fprintf(stderr, "disclose bench bundle: %d pages: %v\n", st.Pages, err)
			return 1
		}
		cpu := self1.cpu - self0.cpu
		kcpu := kids1.cpu - kids0.cpu
		// A child's own peak RSS cannot be told from getrusage here: a
		// child started by os/exec shares this process's memory until it
		// runs its program, and the kernel counts those pages as its peak.
		fmt.Fprintf(stdout, "%d input pages (%d files) -> %d bundle pages, %d redactions: %.1f s wall (ingest %.1f s), %.0f input pages/s; "+
			"CPU %.1f s = %.2f x wall; peak RSS %d MiB; child processes' CPU %.1f s (%.2f x wall; with ours %.2f x wall); bundle %d MiB\n",
			st.Pages, st.Files, res.Pages, res.Redactions, wall.Seconds(), ingested.Seconds(), float64(st.Pages)/wall.Seconds(),
			cpu.Seconds(), cpu.Seconds()/wall.Seconds(), peak>>20, kcpu.Seconds(), kcpu.Seconds()/wall.Seconds(), (cpu+kcpu).Seconds()/wall.Seconds(), res.Bytes>>20)
		fmt.Fprintf(stdout, "our threads also waited %.1f s, ready to run, for a core: CPU + that wait = %.2f x wall (the cores we kept busy or asked for; other work on the machine takes the rest)\n",
			waited.Seconds(), (cpu+waited).Seconds()/wall.Seconds())
		fmt.Fprintf(stdout, "%s\n", res.Certificate.Summary())
		if !*keep {
			os.RemoveAll(dir)
		}
	}
	fmt.Fprintf(stdout, "load average after: %s\n", loadAverage())
	return 0
}

type procUsage struct {
	cpu time.Duration
}

// rusage is getrusage(who): user + system time and the high-water RSS.
func rusage(who int) procUsage {
	var ru syscall.Rusage
	if err := syscall.Getrusage(who, &ru); err != nil {
		return procUsage{}
	}
	return procUsage{cpu: time.Duration(ru.Utime.Nano() + ru.Stime.Nano())}
}

// resetPeakRSS starts the process's high-water RSS (VmHWM) again from its
// present RSS (Linux clear_refs 5), so generating the record is not counted.
func resetPeakRSS() {
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// loadAverage is /proc/loadavg's first three fields.
func loadAverage() string {
	b, _ := os.ReadFile("/proc/loadavg")
	return loadavg(b)
}

// heapAtPeak writes a heap profile to path whenever the live heap (as of
// the last collection) is the largest seen so far, until stopped: the
// profile left is of the pipeline's peak.
func heapAtPeak(path string) func() {
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		var best uint64
		t := time.NewTicker(250 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
			}
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > best+best/20 {
				best = v
				if f, err := os.Create(path); err == nil {
					pprof.Lookup("heap").WriteTo(f, 0)
					f.Close()
				}
			}
		}
	}()
	return func() { close(stop); <-done }
}

// runQueueWait is how long this process's threads have waited, ready
// to run, for a core (Linux schedstat, summed over its threads). On a
// machine other work loads, CPU time / wall falls however well Disclose
// keeps every core supplied; CPU time plus this wait says how many cores
// it asked for.
func runQueueWait() time.Duration {
	stats, _ := filepath.Glob("/proc/self/task/[0-9]*/schedstat")
	var total int64
	for _, p := range stats {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		if f := strings.Fields(string(b)); len(f) >= 2 {
			n, _ := strconv.ParseInt(f[1], 10, 64)
			total += n
		}
	}
	return time.Duration(total)
}
