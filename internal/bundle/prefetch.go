package bundle

import (
	"context"
	"runtime"

	"github.com/disclose-sar/disclose/internal/record"
)

// pageJob is one original page's image, made ahead of the layout.
type pageJob struct {
	p     *docPlan
	page  int
	words []record.Word
	done  chan struct{}
	r     *raster
	err   error
}

// prefetch makes the page images of original pages on every core while
// the layout, which is one goroutine, places them in order. At most
// ahead images wait to be placed, so memory stays bounded by them and the
// pages already placed.
type prefetch struct {
	jobs   map[*docPlan][]*pageJob
	tokens chan struct{}
	cancel context.CancelFunc
}

// startPrefetch starts making the images of every page originalDoc will
// burn, in the order it will ask for them; nil when there are none.
func (b *builder) startPrefetch(ctx context.Context) *prefetch {
	var all []*pageJob
	pf := &prefetch{jobs: map[*docPlan][]*pageJob{}}
	for _, p := range b.plans {
		if p.withheld || !b.isOriginal(p) {
			continue
		}
		byPage := pageBlocks(p.doc)
		if len(byPage[0]) > 0 && !p.paged {
			continue
		}
		for pg := 1; pg <= max(p.doc.Pages, len(p.doc.PageInfo)); pg++ {
			words, why := b.pagePlan(p, pg, byPage[pg])
			if why != "" {
				continue
			}
			j := &pageJob{p: p, page: pg, words: words, done: make(chan struct{})}
			pf.jobs[p] = append(pf.jobs[p], j)
			all = append(all, j)
		}
	}
	if len(all) == 0 {
		return nil
	}
	n := runtime.GOMAXPROCS(0)
	ctx, pf.cancel = context.WithCancel(ctx)
	pf.tokens = make(chan struct{}, 2*n)
	queue := make(chan *pageJob)
	go func() {
		defer close(queue)
		for _, j := range all {
			select {
			case pf.tokens <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case queue <- j:
			case <-ctx.Done():
				return
			}
		}
	}()
	for range n {
		go func() {
			for j := range queue {
				j.r, j.err = b.burnPage(ctx, j.p, j.page, j.words)
				close(j.done)
			}
		}()
	}
	return pf
}

// take waits for the image of page of p, if it is being made ahead.
func (pf *prefetch) take(ctx context.Context, p *docPlan, page int) (*raster, bool, error) {
	if pf == nil {
		return nil, false, nil
	}
	js := pf.jobs[p]
	if len(js) == 0 || js[0].page != page {
		return nil, false, nil
	}
	j := js[0]
	pf.jobs[p] = js[1:]
	select {
	case <-j.done:
	case <-ctx.Done():
		return nil, true, ctx.Err()
	}
	<-pf.tokens
	r := j.r
	j.r = nil // the PDF writer keeps its own copy; ours can go
	return r, true, j.err
}

// drop lets go of the images of p not placed (the document was typeset
// after all).
func (pf *prefetch) drop(ctx context.Context, p *docPlan) {
	for pf != nil && len(pf.jobs[p]) > 0 {
		pf.take(ctx, p, pf.jobs[p][0].page)
	}
}

// stop ends the work of making images ahead.
func (pf *prefetch) stop() {
	if pf != nil {
		pf.cancel()
	}
}
