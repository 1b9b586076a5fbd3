package search

import (
	"fmt"
	"html"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
)

// Hit is one matching page (or unpaginated document).
type Hit struct {
	DocID    string  `json:"doc_id"`
	Path     string  `json:"path"`
	Location string  `json:"location"`
	Format   string  `json:"format"`
	Title    string  `json:"title,omitempty"`
	Page     int     `json:"page,omitempty"` // 0 when the document has no pages
	Score    float64 `json:"score"`
	// Fragments are HTML-escaped excerpts with matches in <mark>…</mark>;
	// Plain turns one into text for a terminal.
	Fragments []string `json:"fragments,omitempty"`
}

// FacetCount is one value of a facet and how many hits have it.
type FacetCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// Result is the answer to a search.
type Result struct {
	Total  uint64                  `json:"total"`
	Hits   []Hit                   `json:"hits"`
	Facets map[string][]FacetCount `json:"facets"` // by "location", "format", "type", "year", "person"
}

// FacetNames are the facets every search returns, in display order.
var FacetNames = []string{fLocation, fFormat, fType, fYear, fPerson}

// Search runs a query in bleve's query-string syntax (words, "phrases",
// +must, -not, field:value) against the text, returning up to size hits.
func (x *Index) Search(q string, size int) (*Result, error) {
	if strings.TrimSpace(q) == "" {
		return nil, fmt.Errorf("search: empty query")
	}
	if size <= 0 {
		size = 10
	}
	req := bleve.NewSearchRequestOptions(bleve.NewQueryStringQuery(q), size, 0, false)
	req.Fields = []string{fDocID, fPath, fLocation, fFormat, fTitle, fPage}
	req.Highlight = bleve.NewHighlightWithStyle("html")
	req.Highlight.Fields = []string{fText, fTitle}
	for _, f := range FacetNames {
		req.AddFacet(f, bleve.NewFacetRequest(f, 50))
	}
	res, err := x.bi.Search(req)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	out := &Result{Total: res.Total, Facets: map[string][]FacetCount{}}
	for _, h := range res.Hits {
		hit := Hit{
			DocID:    str(h.Fields[fDocID]),
			Path:     str(h.Fields[fPath]),
			Location: str(h.Fields[fLocation]),
			Format:   str(h.Fields[fFormat]),
			Title:    str(h.Fields[fTitle]),
			Page:     num(h.Fields[fPage]),
			Score:    h.Score,
		}
		hit.Fragments = append(hit.Fragments, h.Fragments[fText]...)
		if len(hit.Fragments) == 0 {
			hit.Fragments = append(hit.Fragments, h.Fragments[fTitle]...)
		}
		out.Hits = append(out.Hits, hit)
	}
	for name, f := range res.Facets {
		out.Facets[name] = facetCounts(f)
	}
	return out, nil
}

func facetCounts(f *search.FacetResult) []FacetCount {
	var out []FacetCount
	if f == nil || f.Terms == nil {
		return out
	}
	for _, t := range f.Terms.Terms() {
		out = append(out, FacetCount{Value: t.Term, Count: t.Count})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Value < out[j].Value
	})
	return out
}

// Plain turns an HTML fragment into text with each match between « and »,
// and line breaks folded to spaces.
func Plain(fragment string) string {
	s := strings.NewReplacer("<mark>", "«", "</mark>", "»").Replace(fragment)
	s = html.UnescapeString(s)
	return strings.Join(strings.Fields(s), " ")
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func num(v any) int {
	f, _ := v.(float64)
	return int(f)
}
