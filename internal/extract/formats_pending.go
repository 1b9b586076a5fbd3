package extract

// Placeholders until each format's reader lands; each moves to its own file.

import "github.com/disclose-sar/disclose/internal/record"

func (x *Extractor) docx(rel string, data []byte) ([]record.Document, []error) {
	return nil, []error{fileError(rel, ErrUnsupported, "docx reader not built yet")}
}
func (x *Extractor) eml(rel string, data []byte) ([]record.Document, []error) {
	return nil, []error{fileError(rel, ErrUnsupported, "eml reader not built yet")}
}
func (x *Extractor) mbox(rel string, data []byte) ([]record.Document, []error) {
	return nil, []error{fileError(rel, ErrUnsupported, "mbox reader not built yet")}
}
func (x *Extractor) text(rel string, data []byte) ([]record.Document, []error) {
	return nil, []error{fileError(rel, ErrUnsupported, "text reader not built yet")}
}
func (x *Extractor) caseNotes(rel string, data []byte) ([]record.Document, []error) {
	return nil, []error{fileError(rel, ErrUnsupported, "csv reader not built yet")}
}
