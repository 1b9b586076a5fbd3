package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// LibreOffice turns the formats Disclose has no reader of its own for into
// ones it has: Word 97-2003, RTF and OpenDocument text become .docx, Excel
// 97-2003 and OpenDocument spreadsheets become .xlsx, PowerPoint and
// OpenDocument presentations become PDF. It runs headless as
// a process per file, from a bounded pool of converters, each with its own
// user profile (two processes sharing a profile hand documents to each
// other, or refuse to start), within a time limit after which the
// process's whole group is killed.

// convertTarget is what a format is converted to: the extension of the
// result and LibreOffice's --convert-to argument.
type convertTarget struct {
	ext, filter string
}

var (
	toDOCX = convertTarget{".docx", "docx:MS Word 2007 XML"}
	toXLSX = convertTarget{".xlsx", "xlsx:Calc MS Excel 2007 XML"}
	// Slides become PDF pages (each slide a page, speaker notes not
	// included by this filter), read by the PDF reader.
	toPDF = convertTarget{".pdf", "pdf:impress_pdf_Export"}
)

// converted maps each extension LibreOffice reads for Disclose to its target.
var converted = map[string]convertTarget{
	".doc": toDOCX, ".rtf": toDOCX, ".odt": toDOCX,
	".xls": toXLSX, ".ods": toXLSX,
	".ppt": toPDF, ".pptx": toPDF, ".odp": toPDF,
}

// converterPool holds one profile directory per converter; a converter is
// taken from slots for each conversion and put back after it.
type converterPool struct {
	bin     string
	root    string      // temporary directory holding the profiles
	slots   chan string // profile directories not in use
	timeout time.Duration
}

// converters returns the Extractor's pool, making it on first use. It
// fails when LibreOffice is not installed.
// convert runs one conversion in a free profile slot, waiting for one (or
// for ctx); the slot goes back afterwards.
func (p *converterPool) convert(ctx context.Context, ext string, target convertTarget, data []byte) ([]byte, error) {
	var profile string
	select {
	case profile = <-p.slots:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	out, err := p.run(ctx, profile, ext, target, data)
	if err != nil {
		// A killed or failed LibreOffice may leave its profile half
		// written: the next conversion in this slot starts a fresh one.
		os.RemoveAll(profile)
	}
	p.slots <- profile
	return out, err
}

func (x *Extractor) converters() (*converterPool, error) {
	x.convMu.Lock()
	defer x.convMu.Unlock()
	if x.conv != nil {
		return x.conv, nil
	}
	name := x.opts.Soffice
	if name == "" {
		name = "soffice"
	}
	bin, err := exec.LookPath(name)
	if err != nil {
		return nil, fmt.Errorf("LibreOffice (%s) is not installed (Debian: libreoffice-writer-nogui, libreoffice-calc-nogui, libreoffice-impress-nogui)", name)
	}
	root, err := os.MkdirTemp("", "disclose-soffice-")
	if err != nil {
		return nil, fmt.Errorf("converter profiles: %w", err)
	}
	p := &converterPool{bin: bin, root: root, slots: make(chan string, x.opts.Converters), timeout: x.opts.ConvertTimeout}
	for i := range x.opts.Converters {
		p.slots <- filepath.Join(root, fmt.Sprintf("profile-%d", i))
	}
	x.conv = p
	return p, nil
}

// closeConverters removes the profiles. Conversions still running keep
// their own directories until they end.
func (x *Extractor) closeConverters() error {
	x.convMu.Lock()
	defer x.convMu.Unlock()
	if x.conv == nil {
		return nil
	}
	err := os.RemoveAll(x.conv.root)
	x.conv = nil
	return err
}

// convert turns data (a file with extension ext) into the target format
// and returns the new file's bytes. Errors are *Error values naming rel.
func (x *Extractor) convert(ctx context.Context, rel, ext string, data []byte) ([]byte, error) {
	target, ok := converted[ext]
	if !ok {
		return nil, fileError(rel, ErrUnsupported, "%q files are not converted", ext)
	}
	p, err := x.converters()
	if err != nil {
		return nil, fileError(rel, ErrUnsupported, "%s files are read through LibreOffice: %v", ext, err)
	}
	out, err := p.convert(ctx, ext, target, data)
	if err != nil {
		var fe *Error
		if errors.As(err, &fe) {
			fe.Path = rel
			return nil, fe
		}
		return nil, fileError(rel, ErrCorrupt, "converting %s to %s: %v", ext, target.ext, err)
	}
	if int64(len(out)) > x.opts.MaxFileSize {
		return nil, fileError(rel, ErrTooLarge, "converted to %s it is %d bytes, limit %d", target.ext, len(out), x.opts.MaxFileSize)
	}
	return out, nil
}

// run converts one file in a directory of its own, removed afterwards.
func (p *converterPool) run(ctx context.Context, profile, ext string, target convertTarget, data []byte) ([]byte, error) {
	work, err := os.MkdirTemp(p.root, "job-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(work)
	in := filepath.Join(work, "in"+ext)
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return nil, err
	}
	outDir := filepath.Join(work, "out")
	ctx, cancel := context.WithTimeout(ctx, p.timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, p.bin,
		"--headless", "--invisible", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
		"-env:UserInstallation="+(&url.URL{Scheme: "file", Path: profile}).String(),
		"--convert-to", target.filter, "--outdir", outDir, in)
	cmd.Dir = work
	// LibreOffice writes to $HOME besides its profile: keep that in the job.
	cmd.Env = append(os.Environ(), "HOME="+work, "SAL_USE_VCLPLUGIN=svp")
	var stderr bytes.Buffer
	cmd.Stdout = &limitedBuffer{buf: &stderr, max: 4096}
	cmd.Stderr = cmd.Stdout
	killGroupOnCancel(cmd)
	cmd.WaitDelay = 5 * time.Second
	runErr := cmd.Run()
	if ctx.Err() == context.DeadlineExceeded {
		return nil, &Error{Kind: ErrTooLarge, Msg: fmt.Sprintf("converting %s to %s took longer than %v; stopped", ext, target.ext, p.timeout)}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out, err := os.ReadFile(filepath.Join(outDir, "in"+target.ext))
	if err != nil || len(out) == 0 {
		why := "no output"
		if runErr != nil {
			why = runErr.Error()
		}
		// LibreOffice's own message ("source file could not be loaded")
		// names the temporary file, never the document's text.
		if msg := converterError(stderr.String()); msg != "" {
			why += ": " + msg
		}
		return nil, &Error{Kind: ErrCorrupt, Msg: fmt.Sprintf("LibreOffice could not read it as a %s file (%s)", ext, why)}
	}
	return out, nil
}

// converterError returns LibreOffice's first "Error" line, clipped.
func converterError(s string) string {
	for line := range strings.SplitSeq(s, "\n") {
		if line = strings.TrimSpace(line); strings.HasPrefix(line, "Error") {
			if len(line) > 200 {
				line = line[:200]
			}
			return line
		}
	}
	return ""
}

// limitedBuffer keeps the first max bytes written to it and drops the rest.
type limitedBuffer struct {
	mu  sync.Mutex
	buf *bytes.Buffer
	max int
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if room := b.max - b.buf.Len(); room > 0 {
		b.buf.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}
