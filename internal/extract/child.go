package extract

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/disclose-sar/disclose/internal/record"
)

// childFile is a file carried inside a document: an email's attachment, a
// file embedded in a PDF.
type childFile struct {
	name string // safe as a part name: no slashes
	data []byte
}

// readChildren reads the files carried inside parent, which is the part
// `part` of the record file rel: each as documents of their own by the
// format their names say, with Part "<part>/attachment-N-<name>", Parent
// the parent's ID and, when they have none, the parent's date. A child that
// cannot be read is reported, labelled with its number and name; the
// parent still comes in.
func (x *Extractor) readChildren(ctx context.Context, rel, part string, parent *record.Document, files []childFile) ([]record.Document, []error) {
	var (
		docs []record.Document
		errs []error
	)
	id := DocID(rel, part)
	for i, f := range files {
		n := i + 1
		label := fmt.Sprintf("%sattachment %d (%s): ", partPrefix(part), n, f.name)
		if !Supported(f.name) {
			errs = append(errs, fileError(rel, ErrUnsupported, "%s%q files are not read", label, strings.ToLower(path.Ext(f.name))))
			continue
		}
		if err := ctx.Err(); err != nil {
			return docs, append(errs, err)
		}
		cd, ce := x.fromBytes(ctx, rel, joinPart(part, fmt.Sprintf("attachment-%d-%s", n, f.name)), f.name, f.data)
		for j := range cd {
			if cd[j].Parent == "" {
				cd[j].Parent = id
			}
			if cd[j].Date.IsZero() {
				cd[j].Date = parent.Date
			}
		}
		docs = append(docs, cd...)
		for _, e := range ce {
			fe, _ := asFileError(rel, e).(*Error)
			errs = append(errs, &Error{Path: fe.Path, Kind: fe.Kind, Msg: label + fe.Msg})
		}
	}
	return docs, errs
}

// safeName makes a carried file's name safe as a part name (no slashes or
// control characters, at most 100 bytes), or, when it has none, names it
// attachment-N with ext.
func safeName(name string, n int, ext string) string {
	name = strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r < ' ' {
			return '_'
		}
		return r
	}, strings.TrimSpace(name))
	if len(name) > 100 {
		e := path.Ext(name)
		if len(e) > 10 {
			e = ""
		}
		name = strings.ToValidUTF8(name[:100-len(e)], "") + e
	}
	if name != "" && name != "." && name != ".." {
		return name
	}
	return fmt.Sprintf("attachment-%d%s", n, ext)
}
