package pgstore

import (
	"context"
	"html"
	"strconv"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/search"
	"github.com/disclose-sar/disclose/internal/web"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// Searcher is the web.Searcher on per-request bleve indexes under a data
// directory. An index is derived data, a cache of each node's own: it is
// (re)built from PostgreSQL when this node has none or when the request's
// documents changed, on this node or any other (DocumentsStamp).
type Searcher struct {
	DB      *postgres.DB
	DataDir string
	// Options builds the index options for a record (people facet, salt).
	Options func(dataDir string, rec *record.Record) search.Options

	mu   sync.Mutex
	open map[int64]openIndex
}

type openIndex struct {
	x     *search.Index
	stamp string
}

var _ web.Searcher = (*Searcher)(nil)

// index returns the request's index, opening or rebuilding it as needed.
func (s *Searcher) index(ctx context.Context, requestID int64) (*search.Index, error) {
	stamp, err := s.DB.DocumentsStamp(ctx, requestID)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if oi, ok := s.open[requestID]; ok && oi.stamp == stamp {
		return oi.x, nil
	}
	rec, err := s.DB.Record(ctx, requestID)
	if err != nil {
		return nil, err
	}
	opts := search.Options{DataDir: s.DataDir + "/request-" + strconv.FormatInt(requestID, 10)}
	if s.Options != nil {
		opts = s.Options(opts.DataDir, rec)
	}
	// The old index is closed first: when the documents were saved again
	// with the same content, Open finds that same index folder, and bleve
	// waits forever for a lock its own open copy holds.
	if old, ok := s.open[requestID]; ok {
		old.x.Close()
		delete(s.open, requestID)
	}
	x, _, err := search.Open(ctx, rec, opts)
	if err != nil {
		return nil, err
	}
	if s.open == nil {
		s.open = map[int64]openIndex{}
	}
	s.open[requestID] = openIndex{x, stamp}
	return x, nil
}

// Search implements web.Searcher. Facet choices narrow the query with
// bleve's +field:"value" clauses.
func (s *Searcher) Search(ctx context.Context, requestID int64, q web.SearchQuery) (web.SearchResult, error) {
	if err := checkQuery(q.Q); err != nil {
		return web.SearchResult{}, err
	}
	x, err := s.index(ctx, requestID)
	if err != nil {
		return web.SearchResult{}, err
	}
	query := q.Q
	for _, f := range []struct{ field, v string }{{"location", q.Location}, {"type", q.Type}, {"year", q.Year}, {"person", q.Person}} {
		if f.v != "" {
			query += " +" + f.field + `:"` + strings.ReplaceAll(f.v, `"`, ``) + `"`
		}
	}
	res, err := x.Search(query, 50)
	if err != nil {
		return web.SearchResult{}, err
	}
	out := web.SearchResult{Total: int(res.Total), Facets: map[string][]web.Facet{}}
	for name, fs := range res.Facets {
		for _, f := range fs {
			out.Facets[name] = append(out.Facets[name], web.Facet{Value: f.Value, Count: f.Count})
		}
	}
	for _, h := range res.Hits {
		title := h.Title
		if title == "" {
			title = h.Path
		}
		if h.Page > 0 {
			title += ", page " + strconv.Itoa(h.Page)
		}
		wh := web.SearchHit{DocID: h.DocID, Title: title, Location: h.Location}
		for _, f := range h.Fragments {
			wh.Fragments = append(wh.Fragments, segments(f))
		}
		out.Hits = append(out.Hits, wh)
	}
	return out, nil
}

// checkQuery parses the user's query as bleve will (its parser turns
// its own panics into errors) and answers an unreadable one with
// web.ErrSearchSyntax and a plain message, never a server error.
func checkQuery(q string) error {
	_, err := query.NewQueryStringQuery(q).Parse()
	if err == nil {
		return nil
	}
	msg := web.ErrSearchSyntax.Error() + `: `
	if strings.Contains(err.Error(), "unterminated quote") {
		msg += `a " is not closed. Put a " after the words that belong together, or search without quotes.`
	} else {
		msg += `search for plain words, and put words that belong together in "double quotes". ` +
			`The characters : / \ + - have special meanings: put them inside quotes to search for them.`
	}
	return &workflow.Error{Kind: web.ErrSearchSyntax, Message: msg}
}

// segments turns an escaped fragment with <mark> tags into plain segments,
// so the template escapes everything itself.
func segments(frag string) []web.Segment {
	var out []web.Segment
	for frag != "" {
		i := strings.Index(frag, "<mark>")
		if i < 0 {
			out = append(out, web.Segment{Text: html.UnescapeString(frag)})
			break
		}
		if i > 0 {
			out = append(out, web.Segment{Text: html.UnescapeString(frag[:i])})
		}
		frag = frag[i+len("<mark>"):]
		j := strings.Index(frag, "</mark>")
		if j < 0 {
			j = len(frag)
		}
		out = append(out, web.Segment{Text: html.UnescapeString(frag[:j]), Hit: true})
		frag = strings.TrimPrefix(frag[j:], "</mark>")
	}
	return out
}
