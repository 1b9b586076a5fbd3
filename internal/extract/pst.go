package extract

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/disclose-sar/disclose/internal/record"
)

// pstMagic starts an Outlook personal folders file (.pst) or offline
// store (.ost).
var pstMagic = []byte("!BDN")

// pst reads an Outlook .pst or .ost file: readpst (Debian pst-utils, the
// maintained libpst) writes each item as a file of its own in folders named
// as in Outlook — messages as .eml with their attachments inside,
// appointments as .ics, contacts as .vcf. Each message is read as an email
// (its attachments child documents of it) with Part "<folder path>/<n>.eml"
// and the folder path in Meta["folder"]; appointments and contacts are read
// as text.
func (x *Extractor) pst(ctx context.Context, rel, part string, data []byte) ([]record.Document, []error) {
	if !bytes.HasPrefix(data, pstMagic) {
		return nil, []error{fileError(rel, ErrCorrupt, "%snot an Outlook data file (no !BDN header)", partPrefix(part))}
	}
	bin, work, cleanup, err := toolInput(rel, part, "readpst", "pst-utils", "Outlook data files", "in.pst", data)
	if err != nil {
		return nil, []error{err}
	}
	defer cleanup()
	out := filepath.Join(work, "out")
	if err := os.Mkdir(out, 0o700); err != nil {
		return nil, []error{err}
	}
	// -e: one file per item with its extension; -D: deleted items too
	// (they are held, so they are the subject's data); -b: no RTF copies of
	// bodies; -j 0: no parallel jobs beyond this one process.
	if _, err := x.runTool(ctx, toolRun{bin: bin, args: []string{"-q", "-e", "-D", "-b", "-j", "0", "-o", out, "in.pst"},
		dir: work, timeout: x.opts.ConvertTimeout, maxOut: 1 << 20}); err != nil {
		return nil, []error{fileError(rel, ErrCorrupt, "%sreadpst could not read it as an Outlook data file (%v)", partPrefix(part), err)}
	}
	items, err := pstItems(out, x.opts.MaxDecompressed)
	if err != nil {
		return nil, []error{fileError(rel, ErrTooLarge, "%s%v", partPrefix(part), err)}
	}
	if len(items) == 0 {
		return nil, []error{fileError(rel, ErrEmpty, "%sno messages, appointments or contacts", partPrefix(part))}
	}
	var (
		docs []record.Document
		errs []error
	)
	for _, it := range items {
		if err := ctx.Err(); err != nil {
			return docs, append(errs, err)
		}
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(it)))
		if err != nil {
			errs = append(errs, fileError(rel, ErrCorrupt, "%s%s: %v", partPrefix(part), it, err))
			continue
		}
		name := path.Base(it)
		if ext := path.Ext(name); ext != ".eml" {
			name += ".txt" // .ics and .vcf are text
		}
		d, e := x.fromBytes(ctx, rel, joinPart(part, it), name, b)
		for i := range d {
			if d[i].Meta == nil {
				d[i].Meta = map[string]string{}
			}
			d[i].Meta["folder"] = path.Dir(it)
		}
		docs = append(docs, d...)
		errs = append(errs, e...)
	}
	return docs, errs
}

// pstItems lists what readpst wrote, relative to dir with forward
// slashes, in lexical order, refusing more files or bytes than a zip may
// hold.
func pstItems(dir string, budget int64) ([]string, error) {
	var (
		items []string
		total int64
	)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		switch strings.ToLower(filepath.Ext(p)) {
		case ".eml", ".ics", ".vcf":
		default:
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		total += info.Size()
		if total > budget {
			return fmt.Errorf("its messages come to more than %d bytes", budget)
		}
		rel, _ := filepath.Rel(dir, p)
		items = append(items, filepath.ToSlash(rel))
		if len(items) > maxZipEntries*10 {
			return fmt.Errorf("more than %d items", maxZipEntries*10)
		}
		return nil
	})
	return items, err
}
