package extract

import (
	"context"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/disclose-sar/disclose/internal/record"
)

// Supported reports whether File can read files with this name.
func Supported(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".docx", ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".eml", ".mbox", ".txt", ".md", ".csv",
		".doc", ".rtf", ".odt", ".xlsx", ".xls", ".ods", ".msg", ".pst", ".ost", ".zip", ".ppt", ".pptx", ".odp":
		return true
	}
	return false
}

func (x *Extractor) dispatch(ctx context.Context, root, rel string) ([]record.Document, []error) {
	rel = filepath.ToSlash(rel)
	full := filepath.Join(root, filepath.FromSlash(rel))
	if !Supported(rel) {
		return nil, []error{fileError(rel, ErrUnsupported, "%q files are not read", strings.ToLower(path.Ext(rel)))}
	}
	data, err := x.readLimited(full)
	if err != nil {
		return nil, []error{asFileError(rel, err)}
	}
	var (
		docs []record.Document
		errs []error
	)
	if strings.EqualFold(path.Ext(rel), ".csv") {
		docs, errs = x.caseNotesFile(root, rel, data)
	} else {
		docs, errs = x.fromBytes(ctx, rel, "", path.Base(rel), data)
	}
	location := rel
	if i := strings.IndexByte(rel, '/'); i >= 0 {
		location = rel[:i]
	}
	for i := range docs {
		d := &docs[i]
		d.Location = location
		d.Path = rel
		d.ID = DocID(rel, d.Part)
		if d.TextHash == "" {
			d.TextHash = TextHash(d.Text)
		}
	}
	for i := range errs {
		errs[i] = asFileError(rel, errs[i])
	}
	return docs, errs
}

// maxNesting bounds files inside files (an email attached to an email
// attached to…, a zip in a zip, a message in a mailbox in an archive).
const maxNesting = 5

// depthKey keys, in a context, how many files deep a read is.
type depthKey struct{}

func nesting(ctx context.Context) int {
	n, _ := ctx.Value(depthKey{}).(int)
	return n
}

// fromBytes reads data, which is the part `part` of the record file rel
// ("" for the whole file, "attachment-2-letter.docx", "message-3"), by the
// extension of name. Each document gets the part as its Part when its
// reader gave it none, sha256(data) as its Hash when its reader gave it
// none, and its title, type, date and page count filled in when unknown.
func (x *Extractor) fromBytes(ctx context.Context, rel, part, name string, data []byte) ([]record.Document, []error) {
	if len(data) == 0 {
		return nil, []error{fileError(rel, ErrEmpty, "0 bytes")}
	}
	depth := nesting(ctx)
	if depth >= maxNesting {
		return nil, []error{fileError(rel, ErrUnsupported, "%sfiles nested more than %d deep", partPrefix(part), maxNesting)}
	}
	ctx = context.WithValue(ctx, depthKey{}, depth+1)
	var (
		docs []record.Document
		errs []error
	)
	switch ext := strings.ToLower(path.Ext(name)); ext {
	case ".docx":
		docs, errs = x.docx(ctx, rel, data)
	case ".pdf":
		docs, errs = x.pdfPart(ctx, rel, part, data)
	case ".png", ".jpg", ".jpeg", ".tif", ".tiff":
		docs, errs = x.imageFile(ctx, rel, data)
	case ".eml":
		docs, errs = x.eml(ctx, rel, part, data)
	case ".mbox":
		docs, errs = x.mbox(ctx, rel, part, data)
	case ".txt", ".md":
		docs, errs = x.text(rel, data)
	case ".csv":
		docs, errs = x.caseNotes(rel, part, data, nil, "")
	case ".xlsx":
		docs, errs = x.xlsx(rel, data)
	case ".doc", ".rtf", ".odt", ".xls", ".ods", ".ppt", ".pptx", ".odp":
		docs, errs = x.legacyOffice(ctx, rel, ext, data)
	case ".msg":
		docs, errs = x.msg(ctx, rel, part, data)
	case ".pst", ".ost":
		docs, errs = x.pst(ctx, rel, part, data)
	case ".zip":
		docs, errs = x.zipArchive(ctx, rel, part, data)
	default:
		return nil, []error{fileError(rel, ErrUnsupported, "%q files are not read", ext)}
	}
	docs, errs = x.boundText(rel, docs, errs)
	finishAll(docs, part, name, data)
	return docs, errs
}

// caseNotesFile reads a case-notes export that is a file of the record,
// with the CaseNotesMapping file beside it when there is one.
func (x *Extractor) caseNotesFile(root, rel string, data []byte) ([]record.Document, []error) {
	if len(data) == 0 {
		return nil, []error{fileError(rel, ErrEmpty, "0 bytes")}
	}
	mapName := path.Join(path.Dir(rel), CaseNotesMapping)
	m, err := readColumnMapping(filepath.Join(root, filepath.FromSlash(mapName)), mapName)
	if err != nil {
		return nil, []error{fileError(rel, ErrUnsupported, "its column mapping cannot be used: %v", err)}
	}
	docs, errs := x.caseNotes(rel, "", data, m, mapName)
	finishAll(docs, "", path.Base(rel), data)
	return docs, errs
}

// finishAll gives each document of the part `part` of a file (data, named
// name) what its reader left unset: see fromBytes.
func finishAll(docs []record.Document, part, name string, data []byte) {
	var hash string
	for i := range docs {
		d := &docs[i]
		makeStorable(d)
		if d.Part == "" {
			d.Part = part
		}
		if d.Hash == "" {
			if hash == "" {
				hash = HashBytes(data)
			}
			d.Hash = hash
		}
		finish(d, name)
	}
}

func (x *Extractor) readLimited(full string) ([]byte, error) {
	f, err := os.Open(full)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Size() > x.opts.MaxFileSize {
		return nil, &Error{Kind: ErrTooLarge, Msg: fmt.Sprintf("%d bytes, limit %d", st.Size(), x.opts.MaxFileSize)}
	}
	data, err := io.ReadAll(io.LimitReader(f, x.opts.MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > x.opts.MaxFileSize { // it grew after Stat
		return nil, &Error{Kind: ErrTooLarge, Msg: fmt.Sprintf("more than %d bytes, limit %d", x.opts.MaxFileSize, x.opts.MaxFileSize)}
	}
	return data, nil
}

// asFileError makes sure err is an *Error naming rel.
func asFileError(rel string, err error) error {
	if fe, ok := err.(*Error); ok {
		if fe.Path == "" {
			fe.Path = rel
		}
		return fe
	}
	return &Error{Path: rel, Kind: ErrCorrupt, Msg: err.Error()}
}
