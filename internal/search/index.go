// Package search is the full-text index of a record, on bleve: search with
// highlighted fragments and facets, and finding every mention of a person.
// It is an adapter: it imports record and bleve, and no domain package
// imports it.
//
// A paginated document is indexed as one bleve document per page, so a hit
// names its page without a second lookup; each carries the byte offset of its
// page in record.Document.Text so offsets map back to the document.
package search

import (
	"context"
	"fmt"
	"strconv"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/disclose-sar/disclose/internal/record"
)

// schemaVersion changes whenever the mapping or the unit layout changes, so
// cached indexes built by an older binary are rebuilt.
const schemaVersion = "1"

// batchSize is how many bleve documents go in one batch.
const batchSize = 500

// Field names in the index.
const (
	fDocID    = "doc_id"
	fPath     = "path"
	fLocation = "location"
	fFormat   = "format"
	fType     = "type"
	fYear     = "year"
	fDate     = "date"
	fTitle    = "title"
	fAuthor   = "author"      // keyword: exact author
	fAuthorT  = "author_text" // analysed author
	fPerson   = "person"      // keyword: people mentioned
	fPage     = "page"
	fOffset   = "offset" // byte offset of this unit's text in Document.Text
	fText     = "text"
	fDupOf    = "duplicate_of"
)

// PeopleFunc names the people a document mentions; the names fill the
// "person" facet and exact-name field.
type PeopleFunc func(d *record.Document) []string

// Index is one record's search index.
type Index struct {
	bi   bleve.Index
	Path string
}

// Close releases the index.
func (x *Index) Close() error { return x.bi.Close() }

// Options say where indexes live and how people are found.
type Options struct {
	DataDir string     // indexes go under DataDir/index
	People  PeopleFunc // nil: no person facet
	// Salt is mixed into the fingerprint: anything besides the documents
	// that changes what is indexed (e.g. the persons list People uses).
	Salt string
	// Fingerprint, when set, identifies the record's content instead of the
	// documents' hashes: a caller that can tell the record is unchanged
	// without reading it (file sizes and times) finds the cache with OpenCached.
	Fingerprint string
}

// Build writes a new index of docs at path (which must not exist).
func Build(ctx context.Context, path string, docs []record.Document, people PeopleFunc) (*Index, error) {
	bi, err := bleve.New(path, newMapping())
	if err != nil {
		return nil, fmt.Errorf("search: create %s: %w", path, err)
	}
	x := &Index{bi: bi, Path: path}
	b := bi.NewBatch()
	for i := range docs {
		if err := ctx.Err(); err != nil {
			bi.Close()
			return nil, err
		}
		d := &docs[i]
		var names []string
		if people != nil {
			names = people(d)
		}
		for _, u := range units(d) {
			if err := b.Index(u.id, u.fields(d, names)); err != nil {
				bi.Close()
				return nil, fmt.Errorf("search: index %s: %w", d.Path, err)
			}
		}
		if b.Size() >= batchSize {
			if err := bi.Batch(b); err != nil {
				bi.Close()
				return nil, fmt.Errorf("search: %w", err)
			}
			b.Reset()
		}
	}
	if b.Size() > 0 {
		if err := bi.Batch(b); err != nil {
			bi.Close()
			return nil, fmt.Errorf("search: %w", err)
		}
	}
	return x, nil
}

func newMapping() mapping.IndexMapping {
	text := func(store bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = en.AnalyzerName
		f.Store = store
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	kw := func() *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		return f
	}
	num := func() *mapping.FieldMapping {
		f := bleve.NewNumericFieldMapping()
		f.IncludeInAll = false
		return f
	}
	dm := bleve.NewDocumentStaticMapping()
	body := text(true) // stored with term vectors: highlighting reads both
	dm.AddFieldMappingsAt(fText, body)
	dm.AddFieldMappingsAt(fTitle, text(true))
	dm.AddFieldMappingsAt(fAuthorT, text(false))
	for _, k := range []string{fDocID, fPath, fLocation, fFormat, fType, fYear, fAuthor, fPerson, fDupOf} {
		dm.AddFieldMappingsAt(k, kw())
	}
	date := bleve.NewDateTimeFieldMapping()
	date.IncludeInAll = false
	dm.AddFieldMappingsAt(fDate, date)
	dm.AddFieldMappingsAt(fPage, num())
	dm.AddFieldMappingsAt(fOffset, num())

	im := bleve.NewIndexMapping()
	im.DefaultMapping = dm
	im.DefaultAnalyzer = en.AnalyzerName
	im.DefaultField = fText // unqualified query words search the text
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false
	return im
}

// unit is one bleve document: a page of a paginated document, or a whole
// document without pages.
type unit struct {
	id         string
	page       int
	start, end int
}

// units cuts a document at page changes of its blocks.
func units(d *record.Document) []unit {
	var out []unit
	for _, b := range d.Blocks {
		if b.Start < 0 || b.End > len(d.Text) || b.Start > b.End {
			continue
		}
		if n := len(out); n > 0 && out[n-1].page == b.Page {
			// max: blocks loaded from storage need not come in text order.
			out[n-1].end = max(out[n-1].end, b.End)
			continue
		}
		out = append(out, unit{page: b.Page, start: b.Start, end: b.End})
	}
	if len(out) == 0 {
		out = []unit{{start: 0, end: len(d.Text)}}
	}
	if len(out) == 1 {
		out[0].start, out[0].end = 0, len(d.Text)
	}
	for i := range out {
		if len(out) == 1 {
			out[i].id = d.ID
		} else {
			out[i].id = d.ID + "#" + strconv.Itoa(i)
		}
	}
	return out
}

func (u unit) fields(d *record.Document, people []string) map[string]any {
	m := map[string]any{
		fDocID:    d.ID,
		fPath:     d.Path,
		fLocation: d.Location,
		fFormat:   string(d.Format),
		fPage:     float64(u.page),
		fOffset:   float64(u.start),
		fText:     d.Text[u.start:u.end],
	}
	if d.Type != "" {
		m[fType] = d.Type
	}
	if d.Title != "" {
		m[fTitle] = d.Title
	}
	if d.Author != "" {
		m[fAuthor] = d.Author
		m[fAuthorT] = d.Author
	}
	if !d.Date.IsZero() {
		m[fDate] = d.Date
		m[fYear] = strconv.Itoa(d.Date.Year())
	}
	if len(people) > 0 {
		m[fPerson] = people
	}
	if d.DuplicateOf != "" {
		m[fDupOf] = d.DuplicateOf
	}
	return m
}
