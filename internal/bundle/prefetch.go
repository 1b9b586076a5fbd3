package bundle

import (
	"context"
	"fmt"
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
// the layout, which is one goroutine, places them in order. A feeder walks
// the documents in layout order, one at a time: it plans a document's
// pages (with its boxes, loaded for it alone when they are kept out of
// memory) and hands them to the workers. At most ahead images wait to be
// placed, so memory stays bounded by them and one document's plan, however
// long the record.
type prefetch struct {
	ordered chan *pageJob // the jobs in layout order
	head    *pageJob      // looked at by take, not yet taken
	tokens  chan struct{}
	planned map[*docPlan]chan struct{}
	cancel  context.CancelFunc
}

// startPrefetch starts making the images of every page originalDoc will
// burn, in the order it will ask for them; nil when there are none.
func (b *builder) startPrefetch(ctx context.Context) *prefetch {
	if b.opts.Layout != LayoutOriginal || b.opts.PageImage == nil {
		return nil
	}
	var todo []*docPlan
	pf := &prefetch{planned: map[*docPlan]chan struct{}{}}
	for _, p := range b.plans {
		if !p.withheld && b.isOriginal(p) {
			todo = append(todo, p)
			pf.planned[p] = make(chan struct{})
		}
	}
	if len(todo) == 0 {
		return nil
	}
	n := runtime.GOMAXPROCS(0)
	ctx, pf.cancel = context.WithCancel(ctx)
	pf.tokens = make(chan struct{}, 2*n)
	pf.ordered = make(chan *pageJob, 2*n)
	queue := make(chan *pageJob)
	go func() {
		defer close(queue)
		defer close(pf.ordered)
		for i, p := range todo {
			jobs, err := b.planPages(p)
			close(pf.planned[p])
			if err != nil {
				// The layout meets the same error loading the boxes itself.
				for _, q := range todo[i+1:] {
					close(pf.planned[q])
				}
				return
			}
			for _, j := range jobs {
				select {
				case pf.tokens <- struct{}{}:
				case <-ctx.Done():
					for _, q := range todo[i+1:] {
						close(pf.planned[q])
					}
					return
				}
				select {
				case queue <- j:
				case <-ctx.Done():
					<-pf.tokens
					for _, q := range todo[i+1:] {
						close(pf.planned[q])
					}
					return
				}
				pf.ordered <- j // never blocks: it holds as many as there are tokens
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

// planPages is the jobs of a document's pages that will be shown as
// themselves, planned on a copy of the document with its boxes, so the
// layout may load and drop the document's own.
func (b *builder) planPages(p *docPlan) ([]*pageJob, error) {
	d := *p.doc
	if b.opts.Boxes != nil && d.Glyphs == nil && d.Words == nil {
		var err error
		if d.Glyphs, d.Words, err = b.opts.Boxes(p.doc); err != nil {
			return nil, fmt.Errorf("bundle: document %d: boxes: %w", p.num, err)
		}
	}
	q := *p
	q.doc = &d
	byPage := pageBlocks(&d)
	if len(byPage[0]) > 0 && !q.paged {
		return nil, nil
	}
	var jobs []*pageJob
	for pg := 1; pg <= max(d.Pages, len(d.PageInfo)); pg++ {
		words, why := b.pagePlan(&q, pg, byPage[pg])
		if why != "" {
			continue
		}
		jobs = append(jobs, &pageJob{p: p, page: pg, words: words, done: make(chan struct{})})
	}
	return jobs, nil
}

// wait returns once the feeder has planned p (it reads p's document, which
// the layout may then change), at once for a document it does not plan.
func (pf *prefetch) wait(p *docPlan) {
	if pf == nil {
		return
	}
	if c := pf.planned[p]; c != nil {
		<-c
	}
}

// next is the next job in layout order, waiting for the feeder to make
// it; nil when it made them all.
func (pf *prefetch) next(ctx context.Context) *pageJob {
	if pf.head == nil {
		select {
		case j := <-pf.ordered:
			pf.head = j
		case <-ctx.Done():
		}
	}
	return pf.head
}

// take waits for the image of page of p, if it is being made ahead.
func (pf *prefetch) take(ctx context.Context, p *docPlan, page int) (*raster, bool, error) {
	if pf == nil {
		return nil, false, nil
	}
	j := pf.next(ctx)
	if j == nil || j.p != p || j.page != page {
		return nil, false, ctx.Err()
	}
	pf.head = nil
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
	for pf != nil {
		j := pf.next(ctx)
		if j == nil || j.p != p {
			return
		}
		pf.take(ctx, p, j.page)
	}
}

// stop ends the work of making images ahead.
func (pf *prefetch) stop() {
	if pf != nil {
		pf.cancel()
	}
}
