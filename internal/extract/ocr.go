package extract

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/disclose-sar/disclose/internal/record"
)

// ErrNeedsOCR marks a document with page images that were not read: the
// report must show it rather than skip it silently.
var ErrNeedsOCR = errors.New("needs OCR: tesseract not available")

// ocrTimeout bounds one tesseract run (a page takes ~1.5 s at 300 dpi).
const ocrTimeout = 3 * time.Minute

// tesseract returns the tesseract binary to run, or ErrNeedsOCR.
func (x *Extractor) tesseract() (string, error) {
	if x.opts.NoOCR {
		return "", &Error{Kind: ErrNeedsOCR, Msg: "OCR is switched off"}
	}
	name := x.opts.Tesseract
	if name == "" {
		name = "tesseract"
	}
	p, err := exec.LookPath(name)
	if err != nil {
		return "", &Error{Kind: ErrNeedsOCR, Msg: "tesseract not found"}
	}
	return p, nil
}

// ocrPage is one page of tesseract output: its size in pixels and its
// words grouped in lines, boxes in pixels.
type ocrPage struct {
	width, height int
	lines         [][]ocrText
}

// runOCR runs tesseract on the image file at path and parses its TSV. dpi,
// when not 0, tells tesseract the image's resolution (our own renders carry
// none). Text never reaches a log: stderr is kept only for its first line.
func runOCR(ctx context.Context, bin, path string, dpi int) ([]ocrPage, error) {
	ctx, cancel := context.WithTimeout(ctx, ocrTimeout)
	defer cancel()
	args := []string{path, "stdout", "--psm", "3"}
	if dpi > 0 {
		args = append(args, "--dpi", strconv.Itoa(dpi))
	}
	args = append(args, "tsv")
	cmd := exec.CommandContext(ctx, bin, args...)
	// Pages are OCR'd in parallel; one thread each avoids oversubscribing.
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("tesseract: %w", ctx.Err())
		}
		msg, _, _ := strings.Cut(strings.TrimSpace(stderr.String()), "\n")
		return nil, fmt.Errorf("tesseract: %v: %.200s", err, msg)
	}
	return parseTSV(stdout.Bytes())
}

// parseTSV reads tesseract's TSV: level 1 rows give each page's size in
// pixels, level 5 rows are words; block, paragraph and line numbers group
// words into lines.
func parseTSV(data []byte) ([]ocrPage, error) {
	var (
		pages   []ocrPage
		lastKey [3]int
	)
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	header := true
	for sc.Scan() {
		if header {
			header = false
			if !strings.HasPrefix(sc.Text(), "level") {
				return nil, errors.New("tesseract TSV: no header row")
			}
			continue
		}
		f := strings.SplitN(sc.Text(), "\t", 12)
		if len(f) < 11 {
			continue
		}
		var n [10]int
		for i := range n {
			n[i], _ = strconv.Atoi(f[i])
		}
		level := n[0]
		left, top, width, height := n[6], n[7], n[8], n[9]
		switch level {
		case 1:
			pages = append(pages, ocrPage{width: width, height: height})
			lastKey = [3]int{-1, -1, -1}
		case 5:
			text := ""
			if len(f) == 12 {
				text = strings.TrimSpace(f[11])
			}
			if text == "" || len(pages) == 0 {
				continue
			}
			conf, _ := strconv.ParseFloat(f[10], 32)
			p := &pages[len(pages)-1]
			key := [3]int{n[2], n[3], n[4]}
			if key != lastKey || len(p.lines) == 0 {
				p.lines = append(p.lines, nil)
				lastKey = key
			}
			w := ocrText{text: text, conf: float32(conf),
				box: record.Box{X0: float32(left), Y0: float32(top), X1: float32(left + width), Y1: float32(top + height)}}
			p.lines[len(p.lines)-1] = append(p.lines[len(p.lines)-1], w)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("tesseract TSV: %w", err)
	}
	return pages, nil
}

// toPoints converts an OCR page's pixel boxes to PDF points at dpi.
func (p *ocrPage) toPoints(dpi int) {
	s := float32(72) / float32(dpi)
	for _, l := range p.lines {
		for i := range l {
			b := &l[i].box
			b.X0, b.Y0, b.X1, b.Y1 = b.X0*s, b.Y0*s, b.X1*s, b.Y1*s
		}
	}
}
