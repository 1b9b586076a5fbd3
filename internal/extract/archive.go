package extract

import (
	"archive/zip"
	"bytes"
	"context"
	"path"
	"strings"

	"github.com/disclose-sar/disclose/internal/record"
)

// zipArchive reads a zip archive as a folder: each entry is read by the
// reader its name says, as the part "<entry path>" of the archive (shown
// as archive.zip/inner/file.docx), so an entry that is itself a zip, an
// email or a mailbox is read in turn, up to maxNesting files deep. Zip
// bombs are refused before anything is inflated, from the directory (more
// than maxZipEntries entries, an entry declaring more than maxZipRatio:1,
// more than MaxDecompressed bytes in all), and while inflating, where the
// bytes actually produced are counted against the same limits. Entries
// whose names climb out of the archive (../, an absolute path) or are
// encrypted are refused and named.
func (x *Extractor) zipArchive(ctx context.Context, rel, part string, data []byte) ([]record.Document, []error) {
	if err := x.zipDeclared(rel, data); err != nil {
		if fe, ok := err.(*Error); ok {
			fe.Msg = partPrefix(part) + fe.Msg
		}
		return nil, []error{err}
	}
	zr, _ := zip.NewReader(bytes.NewReader(data), int64(len(data))) // zipDeclared opened it
	// Archives inside archives share one budget of inflated bytes.
	budget, _ := ctx.Value(budgetKey{}).(*int64)
	if budget == nil {
		budget = new(int64)
		*budget = x.opts.MaxDecompressed
		ctx = context.WithValue(ctx, budgetKey{}, budget)
	}
	z := &zipParts{rel: rel, budget: *budget}
	var (
		docs []record.Document
		errs []error
		read int
	)
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") || f.FileInfo().IsDir() {
			continue
		}
		if err := ctx.Err(); err != nil {
			return docs, append(errs, err)
		}
		name, ok := entryName(f.Name)
		label := joinPart(part, name)
		switch {
		case !ok:
			errs = append(errs, fileError(rel, ErrCorrupt, "%sentry %q points outside the archive: not read", partPrefix(part), clip(strings.ToValidUTF8(f.Name, "?"), 100)))
			continue
		case f.Flags&1 != 0:
			errs = append(errs, fileError(rel, ErrEncrypted, "%s: a password-protected zip entry", label))
			continue
		case strings.HasPrefix(path.Base(name), "."), strings.HasPrefix(name, "__MACOSX/"):
			continue // what the archiving program left: resource forks, .DS_Store
		case !Supported(name):
			errs = append(errs, fileError(rel, ErrUnsupported, "%s: %q files are not read", label, strings.ToLower(path.Ext(name))))
			continue
		}
		b, err := z.inflate(label, f)
		if err != nil {
			errs = append(errs, err)
			if z.tooLarge {
				return docs, errs
			}
			continue
		}
		read++
		*budget = z.budget
		d, e := x.fromBytes(ctx, rel, label, path.Base(name), b)
		z.budget = *budget
		for i := range d {
			if d[i].Meta == nil {
				d[i].Meta = map[string]string{}
			}
			d[i].Meta["archive_entry"] = name
		}
		docs = append(docs, d...)
		errs = append(errs, e...)
	}
	if read == 0 && len(errs) == 0 {
		return nil, []error{fileError(rel, ErrEmpty, "%sno files in the archive", partPrefix(part))}
	}
	return docs, errs
}

// budgetKey keys, in a context, the bytes archives being read may still
// inflate, shared by an archive and the archives inside it.
type budgetKey struct{}

// entryName cleans a zip entry's name to a relative slash path, and says
// false when it would climb out of the archive.
func entryName(n string) (string, bool) {
	n = strings.ReplaceAll(strings.ToValidUTF8(n, "_"), "\\", "/")
	if strings.HasPrefix(n, "/") || (len(n) > 1 && n[1] == ':') {
		return "", false
	}
	for _, seg := range strings.Split(n, "/") {
		if seg == ".." {
			return "", false
		}
	}
	c := path.Clean(n)
	if c == "." || c == "" {
		return "", false
	}
	return c, true
}
