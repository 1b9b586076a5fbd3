package extract

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/klippa-app/go-pdfium/enums"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/responses"
	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// A page carries text outside its content stream: reviewers' comments
// (sticky notes, text boxes, comments on highlights) and the values typed
// into form fields. Viewers show both, so they are the record's content:
// each is read as a line of the page's text, marked with what it is
// ("[sticky note by A. Author: …]", "[form field Name: …]"), every
// character boxed by the annotation's rectangle so a redaction of it
// burns that rectangle.

// annotNames says in words what each kind of commenting annotation is.
var annotNames = map[enums.FPDF_ANNOTATION_SUBTYPE]string{
	enums.FPDF_ANNOT_SUBTYPE_TEXT:           "sticky note",
	enums.FPDF_ANNOT_SUBTYPE_FREETEXT:       "text box",
	enums.FPDF_ANNOT_SUBTYPE_HIGHLIGHT:      "comment on a highlight",
	enums.FPDF_ANNOT_SUBTYPE_UNDERLINE:      "comment on an underline",
	enums.FPDF_ANNOT_SUBTYPE_STRIKEOUT:      "comment on a strike-out",
	enums.FPDF_ANNOT_SUBTYPE_SQUIGGLY:       "comment on a squiggle",
	enums.FPDF_ANNOT_SUBTYPE_STAMP:          "stamp",
	enums.FPDF_ANNOT_SUBTYPE_INK:            "comment on a drawing",
	enums.FPDF_ANNOT_SUBTYPE_SQUARE:         "comment on a shape",
	enums.FPDF_ANNOT_SUBTYPE_CIRCLE:         "comment on a shape",
	enums.FPDF_ANNOT_SUBTYPE_LINE:           "comment on a line",
	enums.FPDF_ANNOT_SUBTYPE_POLYGON:        "comment on a shape",
	enums.FPDF_ANNOT_SUBTYPE_POLYLINE:       "comment on a line",
	enums.FPDF_ANNOT_SUBTYPE_CARET:          "insertion note",
	enums.FPDF_ANNOT_SUBTYPE_FILEATTACHMENT: "attached-file note",
	enums.FPDF_ANNOT_SUBTYPE_SOUND:          "sound note",
	enums.FPDF_ANNOT_SUBTYPE_REDACT:         "redaction mark",
}

// pdfNote is one annotation's or form field's text, marked, with its kind.
type pdfNote struct {
	kind record.BlockKind // BlockComment or BlockField
	line pdfLine
}

// maxNotes bounds the annotations read on one page.
const maxNotes = 2000

// pageNotes reads the page's comments in the order the page lists them,
// then its filled-in form fields. Popups (which repeat their parent's
// text) and links are not content.
func (d *pdfDoc) pageNotes(p requests.Page, m affine) ([]pdfNote, error) {
	n, err := d.inst.FPDFPage_GetAnnotCount(&requests.FPDFPage_GetAnnotCount{Page: p})
	if err != nil || n.Count == 0 {
		return nil, err
	}
	var (
		notes   []pdfNote
		widgets []record.Box
	)
	for i := range min(n.Count, maxNotes) {
		a, err := d.inst.FPDFPage_GetAnnot(&requests.FPDFPage_GetAnnot{Page: p, Index: i})
		if err != nil {
			continue
		}
		note, widget, ok := d.annotNote(a.Annotation, m)
		if widget {
			widgets = append(widgets, note.line.boxes[0])
		} else if ok {
			notes = append(notes, note)
		}
		d.inst.FPDFPage_CloseAnnot(&requests.FPDFPage_CloseAnnot{Annotation: a.Annotation})
	}
	if len(widgets) == 0 {
		return notes, nil
	}
	// PDFium's form layer resolves a field's name and value through its
	// parents and types (text, ticks, choices).
	form, err := d.inst.GetForm(&requests.GetForm{Page: p})
	if err != nil {
		return notes, nil
	}
	for i, f := range form.Fields {
		value := fieldValue(f)
		if value == "" {
			continue
		}
		var box record.Box
		if len(form.Fields) == len(widgets) {
			box = widgets[i]
		}
		notes = append(notes, pdfNote{kind: record.BlockField,
			line: boxedLine("[form field "+cmpOr(oneLine(f.Name), "(unnamed)")+": "+value+"]", box)})
	}
	return notes, nil
}

// fieldValue is what a form field shows filled in, or "".
func fieldValue(f responses.FormField) string {
	switch {
	case f.IsChecked != nil:
		if *f.IsChecked {
			return "ticked"
		}
		return ""
	case len(f.Values) > 0:
		return oneLine(strings.Join(f.Values, "; "))
	case f.Value != nil:
		return oneLine(*f.Value)
	}
	return ""
}

// annotNote reads one annotation: a comment with text gives a note; a
// form widget says so (widget, with its box in the note's line).
func (d *pdfDoc) annotNote(a references.FPDF_ANNOTATION, m affine) (note pdfNote, widget, ok bool) {
	st, err := d.inst.FPDFAnnot_GetSubtype(&requests.FPDFAnnot_GetSubtype{Annotation: a})
	if err != nil {
		return pdfNote{}, false, false
	}
	var box record.Box
	if r, err := d.inst.FPDFAnnot_GetRect(&requests.FPDFAnnot_GetRect{Annotation: a}); err == nil {
		box = m.box(float64(r.Rect.Left), float64(r.Rect.Top), float64(r.Rect.Right), float64(r.Rect.Bottom))
	}
	switch st.Subtype {
	case enums.FPDF_ANNOT_SUBTYPE_POPUP, enums.FPDF_ANNOT_SUBTYPE_LINK:
		return pdfNote{}, false, false
	case enums.FPDF_ANNOT_SUBTYPE_WIDGET:
		return pdfNote{line: boxedLine(" ", box)}, true, false
	}
	contents := d.annotString(a, "Contents")
	if contents == "" {
		return pdfNote{}, false, false
	}
	what := cmpOr(annotNames[st.Subtype], "annotation")
	if author := d.annotString(a, "T"); author != "" {
		what += " by " + author
	}
	return pdfNote{kind: record.BlockComment, line: boxedLine("["+what+": "+contents+"]", box)}, false, true
}

// boxedLine is text as a line whose every character has the box b.
func boxedLine(text string, b record.Box) pdfLine {
	l := pdfLine{runes: []rune(text)}
	l.boxes = make([]record.Box, len(l.runes))
	for i := range l.boxes {
		l.boxes[i] = b
	}
	return l
}

// annotString is an annotation's string value for key, on one line.
func (d *pdfDoc) annotString(a references.FPDF_ANNOTATION, key string) string {
	v, err := d.inst.FPDFAnnot_GetStringValue(&requests.FPDFAnnot_GetStringValue{Annotation: a, Key: key})
	if err != nil {
		return ""
	}
	return oneLine(strings.ReplaceAll(v.Value, "\x00", ""))
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// maxEmbedded bounds the files embedded in one PDF that are read.
const maxEmbedded = 200

// embeddedFiles returns the files embedded in the document (its
// EmbeddedFiles name tree), each named safely as an attachment part. data
// is the PDF's bytes, for pdfcpu to read what PDFium cannot.
func (d *pdfDoc) embeddedFiles(data []byte, limit int64) ([]childFile, []error) {
	n, err := d.inst.FPDFDoc_GetAttachmentCount(&requests.FPDFDoc_GetAttachmentCount{Document: d.doc})
	if err != nil || n.AttachmentCount <= 0 {
		return nil, nil
	}
	var (
		files []childFile
		errs  []error
		total int64
	)
	for i := range min(n.AttachmentCount, maxEmbedded) {
		a, err := d.inst.FPDFDoc_GetAttachment(&requests.FPDFDoc_GetAttachment{Document: d.doc, Index: i})
		if err != nil {
			errs = append(errs, &Error{Kind: ErrCorrupt, Msg: "embedded file " + strconv.Itoa(i+1) + ": " + err.Error()})
			continue
		}
		name := ""
		if nm, err := d.inst.FPDFAttachment_GetName(&requests.FPDFAttachment_GetName{Attachment: a.Attachment}); err == nil {
			name = nm.Name
		}
		var contents []byte
		if f, err := d.inst.FPDFAttachment_GetFile(&requests.FPDFAttachment_GetFile{Attachment: a.Attachment}); err == nil {
			contents = f.Contents
		}
		if contents == nil {
			contents = pdfcpuAttachment(data, name)
		}
		if contents == nil {
			errs = append(errs, &Error{Kind: ErrCorrupt, Msg: "embedded file " + strconv.Itoa(i+1) + " (" + safeName(name, i+1, ".bin") + "): its data cannot be read"})
			continue
		}
		total += int64(len(contents))
		if total > limit {
			errs = append(errs, &Error{Kind: ErrTooLarge, Msg: "embedded files come to more than " + strconv.Itoa(int(limit)) + " bytes; the rest not read"})
			break
		}
		files = append(files, childFile{name: safeName(name, i+1, ".bin"), data: contents})
	}
	if n.AttachmentCount > maxEmbedded {
		errs = append(errs, &Error{Kind: ErrTooLarge, Msg: strconv.Itoa(n.AttachmentCount) + " embedded files; only the first " + strconv.Itoa(maxEmbedded) + " read"})
	}
	return files, errs
}

var pdfcpuOnce sync.Once

// pdfcpuAttachment reads the embedded file called name with pdfcpu, or
// returns nil. PDFium finds a file's data only under the name key its
// file specification fills in first (/UF before /F), and some writers
// fill /UF but store the data under /F only; pdfcpu looks under both.
func pdfcpuAttachment(data []byte, name string) []byte {
	pdfcpuOnce.Do(api.DisableConfigDir)
	aa, err := api.ExtractAttachmentsRaw(bytes.NewReader(data), "", []string{name}, model.NewDefaultConfiguration())
	if err != nil {
		return nil
	}
	for _, a := range aa {
		if a.FileName == name && a.Reader != nil {
			b, err := io.ReadAll(a.Reader)
			if err == nil {
				return b
			}
		}
	}
	return nil
}
