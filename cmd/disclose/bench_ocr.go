package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/disclose-sar/disclose/internal/extract"
	"github.com/disclose-sar/disclose/internal/ingest"
)

const benchOCRUsage = `  ocr [--pages 40] [--files] [--workers N] [--keep]
      generate an image-only record (typed pages rendered at 200 dpi and
      kept as pictures alone: one scanned PDF, or one file a page with
      --files), then ingest it with OCR; prints pages, wall and CPU time
      (this process and its tesseract children) and CPU/wall, so whether
      every core was busy shows, with the machine's load average.
`

// benchOCR measures OCR of a scanned record: issue 16 asks for CPU time /
// wall ≥ 1.8 on 2 cores for 40 pages.
func benchOCR(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("bench ocr", benchUsage, stderr)
	pages := fs.Int("pages", 40, "pages in the record")
	perFile := fs.Bool("files", false, "one file a page instead of one scanned PDF")
	workers := fs.Int("workers", 0, "files extracted at once (default: number of CPUs)")
	keep := fs.Bool("keep", false, "keep the generated record (its folder is printed)")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if *pages < 1 {
		fmt.Fprintln(stderr, "disclose bench ocr: --pages must be 1 or more")
		return 2
	}
	dir, done, err := benchDir("disclose-bench-ocr-", "record", *keep, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "disclose bench ocr: %v\n", err)
		return 1
	}
	defer done()
	x := extract.New(extract.Options{})
	defer x.Close()
	if err := writeScanned(ctx, x, dir, *pages, *perFile); err != nil {
		fmt.Fprintf(stderr, "disclose bench ocr: %v\n", err)
		return 1
	}
	load0, _ := os.ReadFile("/proc/loadavg")
	sampled := make(chan []int, 1)
	stop := make(chan struct{})
	go func() { sampled <- sampleChildren("tesseract", stop) }()
	cpu0, start := cpuTimeWithChildren(), time.Now()
	_, rep, err := ingest.Run(ctx, dir, ingest.Options{Extractor: x, Workers: *workers, NoDedup: true})
	close(stop)
	if err != nil {
		fmt.Fprintf(stderr, "disclose bench ocr: %v\n", err)
		return 1
	}
	wall, cpu := time.Since(start), cpuTimeWithChildren()-cpu0
	load1, _ := os.ReadFile("/proc/loadavg")
	fmt.Fprintf(stdout, "pages %d (OCR'd %d), files %d: wall %.1f s, CPU %.1f s, CPU/wall %.2f, %.2f s a page\n",
		rep.Pages, rep.OCRPages, len(rep.Files), wall.Seconds(), cpu.Seconds(), cpu.Seconds()/wall.Seconds(),
		wall.Seconds()/float64(max(rep.Pages, 1)))
	// Other work on the machine lowers CPU/wall; how many OCR processes
	// ran at once says whether Disclose itself kept every core supplied.
	counts := <-sampled
	fmt.Fprintf(stdout, "tesseract processes at once, share of samples:")
	for n, c := range counts {
		fmt.Fprintf(stdout, " %d: %.0f%%", n, 100*float64(c)/float64(max(sum(counts), 1)))
	}
	fmt.Fprintf(stdout, "\nload average (1, 5, 15 min) before %s, after %s\n", loadavg(load0), loadavg(load1))
	return 0
}

// sampleChildren counts, every 100 ms until stop, this process's
// children named name; it returns how many samples saw 0, 1, 2… of them.
func sampleChildren(name string, stop <-chan struct{}) []int {
	var counts []int
	me := strconv.Itoa(os.Getpid())
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return counts
		case <-t.C:
		}
		stats, _ := filepath.Glob("/proc/[0-9]*/stat")
		n := 0
		for _, p := range stats {
			b, err := os.ReadFile(p)
			if err != nil {
				continue
			}
			// pid (comm) state ppid ...
			open, end := bytes.IndexByte(b, '('), bytes.LastIndexByte(b, ')')
			if open < 0 || end < open {
				continue
			}
			f := strings.Fields(string(b[end+1:]))
			if string(b[open+1:end]) == name && len(f) > 1 && f[1] == me {
				n++
			}
		}
		for len(counts) <= n {
			counts = append(counts, 0)
		}
		counts[n]++
	}
}

func sum(xs []int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}

func loadavg(b []byte) string {
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

// writeScanned writes subject.json and the scanned pages under dir/scans:
// typed text pages rendered by PDFium, each put back as a picture alone.
func writeScanned(ctx context.Context, x *extract.Extractor, dir string, pages int, perFile bool) error {
	words := []string{"visit", "school", "placement", "review", "meeting", "contact", "health", "carer", "report", "education", "support", "plan"}
	typed := fpdf.New("P", "pt", "A4", "")
	for i := range pages {
		typed.AddPage()
		typed.SetFont("Helvetica", "B", 16)
		typed.Text(72, 80, fmt.Sprintf("Case record page %d", i+1))
		typed.SetFont("Helvetica", "", 12)
		for l := range 40 {
			typed.Text(72, 120+float64(l)*17, fmt.Sprintf("%02d/%02d/2014 The officer noted the %s and the %s; Kim attended the %s with a %s.",
				1+(i+l)%28, 1+l%12, words[(i+l)%12], words[(i*3+l)%12], words[(i+2*l)%12], words[(l*5+i)%12]))
		}
	}
	var src bytes.Buffer
	if err := typed.Output(&src); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(dir, "scans"), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, ingest.SubjectFile), []byte(`{"name":"Kim Example"}`), 0o644); err != nil {
		return err
	}
	var out *fpdf.Fpdf
	for i := range pages {
		img, err := x.RenderPage(ctx, src.Bytes(), i+1, 200)
		if err != nil {
			return err
		}
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			return err
		}
		if out == nil || perFile {
			out = fpdf.New("P", "pt", "A4", "")
		}
		name := fmt.Sprintf("page%d", i+1)
		out.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "PNG"}, &b)
		out.AddPage()
		out.ImageOptions(name, 0, 0, 595.28, 841.89, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
		if perFile {
			if err := out.OutputFileAndClose(filepath.Join(dir, "scans", fmt.Sprintf("page%03d.pdf", i+1))); err != nil {
				return err
			}
		}
	}
	if !perFile {
		return out.OutputFileAndClose(filepath.Join(dir, "scans", "record.pdf"))
	}
	return nil
}

// cpuTimeWithChildren is the CPU time of this process and of its children
// that have ended (tesseract runs as a child per page).
func cpuTimeWithChildren() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru); err != nil {
		return cpuTime()
	}
	return cpuTime() + time.Duration(ru.Utime.Nano()+ru.Stime.Nano())
}
