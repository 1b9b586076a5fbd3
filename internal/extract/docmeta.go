package extract

import (
	"strings"
	"time"

	"github.com/disclose-sar/disclose/internal/record"
)

// pageBytes is roughly one printed A4 page of text (about 500 words), used
// to count pages of formats that have none.
const pageBytes = 3000

// finish fills in what a reader left unknown, the same way for every
// format: a title from the first heading or line, else the file name; a
// type from the title, name and opening; a page count from the length.
//
// The date, when the reader found none in the format's own fields (an
// email's Date header, a case note's date column), is taken in this order:
// a labelled date in the opening ("Date of visit: …"), a date in the file
// name (records staff name files by the document's date), the first date
// in the opening text that is not a date of birth, and last the date the
// file says it was created (docx core properties, PDF info), which is
// often the day it was scanned or exported rather than written.
func finish(d *record.Document, name string) {
	if d.Title == "" {
		d.Title = titleFromBlocks(d.Text, d.Blocks)
		if d.Title == "" {
			d.Title = nameTitle(name)
		}
	}
	if d.Type == "" {
		d.Type = DocType(d.Title, name, d.Text)
	}
	if d.Date.IsZero() {
		d.Date = guessDate(d, name)
	}
	if d.Pages == 0 {
		d.Pages = 1 + max(0, len(d.Text)-1)/pageBytes
	}
}

func guessDate(d *record.Document, name string) time.Time {
	if t, ok := labelledDate(d.Text); ok {
		return t
	}
	if t, ok := DateFromName(name); ok {
		return t
	}
	if t, ok := firstDate(d.Text, firstScan); ok {
		return t
	}
	if t, err := time.Parse(time.RFC3339, d.Meta["created"]); err == nil {
		return t.UTC().Truncate(24 * time.Hour)
	}
	return time.Time{}
}

// setCoreProps puts an Office file's core properties (docProps/core.xml of
// a .docx or .xlsx) in the document's metadata, and its title (unless a
// program's placeholder) and author in the document.
func setCoreProps(d *record.Document, title, creator, modifier, created, modified string) {
	if d.Meta == nil {
		d.Meta = map[string]string{}
	}
	set := func(k, v string) {
		if v = strings.TrimSpace(v); v != "" {
			d.Meta[k] = v
		}
	}
	set("title", title)
	set("author", creator)
	set("last_modified_by", modifier)
	for k, v := range map[string]string{"created": created, "modified": modified} {
		if t, err := time.Parse(time.RFC3339, strings.TrimSpace(v)); err == nil {
			set(k, t.UTC().Format(time.RFC3339))
		}
	}
	if len(d.Meta) == 0 {
		d.Meta = nil
	}
	if t := d.Meta["title"]; t != "" && !machineTitle(t) {
		d.Title = clipTitle(t)
	}
	d.Author = d.Meta["author"]
}
