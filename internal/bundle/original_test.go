package bundle

import (
	"context"
	"os/exec"
	"path/filepath"
	"strconv"
)

// tesseractPages is the leak check's OCR in tests: poppler renders each
// page at 300 dpi and tesseract reads it (the command wires in extract's
// PDFium renderer instead).
func tesseractPages(ctx context.Context, data []byte, pw string, pages []int) ([]string, error) {
	p, done, err := tempPDF(data)
	if err != nil {
		return nil, err
	}
	defer done()
	dir := filepath.Dir(p)
	var out []string
	for _, pg := range pages {
		n := strconv.Itoa(pg)
		base := filepath.Join(dir, "p"+n)
		args := []string{"-r", "300", "-gray", "-png", "-f", n, "-l", n, "-singlefile"}
		if pw != "" {
			args = append(args, "-upw", pw)
		}
		if err := exec.CommandContext(ctx, "pdftoppm", append(args, p, base)...).Run(); err != nil {
			return nil, err
		}
		t, err := exec.CommandContext(ctx, "tesseract", base+".png", "-", "--psm", "3").Output()
		if err != nil {
			return nil, err
		}
		out = append(out, string(t))
	}
	return out, nil
}
