package pgstore

import (
	"context"
	"sync"
	"time"

	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/web"
)

// progressTTL is how long a request's counted progress is reused before it
// is counted again whole: counting a 2,000-page request costs about 20 ms
// of database time, and fifty reviewers each opening a screen a second
// would spend it fifty times. Decisions made through this node update
// the cached value at once by recounting only their document; other
// nodes' decisions show within progressTTL.
const progressTTL = 3 * time.Second

// progressCache holds each request's progress per document.
type progressCache struct {
	mu   sync.Mutex
	reqs map[int64]*reqProgress
}

type reqProgress struct {
	at       time.Time // when last counted whole
	counting bool      // a whole count is under way: others use this one meanwhile
	docs     map[string]postgres.DocProgress
}

func (r *reqProgress) sum() web.Progress {
	var p web.Progress
	for _, d := range r.docs {
		if d.Duplicate {
			continue // not disclosed: as postgres.Progress and the bundle check count
		}
		p.Pages += d.Pages
		if d.Decided != d.Total {
			p.PagesRemaining += d.Pages
		}
		p.Suggestions += d.Total
		p.SuggestionsRemaining += d.Total - d.Decided
	}
	return p
}

// Progress implements web.RequestStore: counted whole at most every
// progressTTL, and by one request at a time while the others read the
// previous count.
func (s *Store) Progress(ctx context.Context, id int64) (web.Progress, error) {
	c := &s.progressCache
	c.mu.Lock()
	r := c.reqs[id]
	if r != nil && (time.Since(r.at) < progressTTL || r.counting) {
		p := r.sum()
		c.mu.Unlock()
		return p, nil
	}
	if r != nil {
		r.counting = true
	}
	c.mu.Unlock()
	docs, err := s.DB.ProgressByDoc(ctx, id)
	c.mu.Lock()
	defer c.mu.Unlock()
	if r != nil {
		r.counting = false
	}
	if err != nil {
		return web.Progress{}, err
	}
	fresh := &reqProgress{at: time.Now(), docs: make(map[string]postgres.DocProgress, len(docs))}
	for _, d := range docs {
		fresh.docs[d.Key] = d
	}
	if c.reqs == nil {
		c.reqs = map[int64]*reqProgress{}
	}
	// A Changed during the count dropped r: the count may predate that
	// change, so it is answered but not kept.
	if cur, ok := c.reqs[id]; ok && cur == r || !ok && r == nil {
		c.reqs[id] = fresh
	}
	return fresh.sum(), nil
}

// Changed drops a request's cached progress: after a change that may touch
// many documents (a decision for every occurrence of a person, an undo,
// new suggestions), or when the worker on this node saved documents or
// suggestions.
func (s *Store) Changed(id int64) {
	c := &s.progressCache
	c.mu.Lock()
	delete(c.reqs, id)
	c.mu.Unlock()
}

// docChanged recounts one document of a request's cached progress after a
// decision in it, so the reviewer's next screen counts it; if that fails
// the request's progress is dropped. (Two writes racing — a whole count
// that began before the decision, or two decisions' recounts stored out
// of order — can leave a count one decision behind until the next whole
// count, within progressTTL.)
func (s *Store) docChanged(id int64, docKey string) {
	c := &s.progressCache
	c.mu.Lock()
	r := c.reqs[id]
	known := false
	if r != nil {
		_, known = r.docs[docKey]
	}
	c.mu.Unlock()
	if !known {
		return // nothing cached
	}
	n, err := s.DB.DocProgressOf(context.Background(), id, docKey)
	c.mu.Lock()
	defer c.mu.Unlock()
	if err != nil || c.reqs[id] != r {
		delete(c.reqs, id)
		return
	}
	r.docs[docKey] = n
}

// DocProgress implements web.RequestStore: one document's counts, from the
// same count as the request's (postgres.DocProgressOf).
func (s *Store) DocProgress(ctx context.Context, id int64, docKey string) (web.Progress, error) {
	d, err := s.DB.DocProgressOf(ctx, id, docKey)
	if err != nil {
		return web.Progress{}, err
	}
	p := web.Progress{Pages: d.Pages, Suggestions: d.Total, SuggestionsRemaining: d.Left()}
	if d.Left() > 0 {
		p.PagesRemaining = d.Pages
	}
	return p, nil
}
