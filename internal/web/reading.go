package web

import (
	"sort"

	"github.com/gin-gonic/gin"
)

// ReadingListPage lists the requests with released records a support
// worker may read with the care leaver.
type ReadingListPage struct {
	*Page
	Requests []Request
	EmptyWhy string // why the list is empty, when the user's team explains it
}

// ReadingPage is the released, redacted record in date order, with
// glossary terms explained inline.
type ReadingPage struct {
	*Page
	Request  Request
	Docs     []ReadingDoc
	Glossary []GlossaryEntry
}

// ReadingDoc is a released document cut into paragraphs of glossed text.
type ReadingDoc struct {
	ReleasedDoc
	Paras [][]Gloss
}

func (s *Server) readingList(c *gin.Context) error {
	// Any request with a released bundle, whatever its status: a staged
	// release goes back to review after its first part is sent.
	list, err := s.store.ListRequests(c.Request.Context(), user(c), RequestFilter{All: true, Released: true})
	if err != nil {
		return err
	}
	p := &ReadingListPage{Page: s.page(c, "Reading view"), Requests: list}
	if len(list) == 0 {
		p.EmptyWhy = s.emptyWhy(c, "no released record can be listed here")
	}
	s.render(c, 200, "reading_list", p)
	return nil
}

// readingView shows the released record chronologically. Only what a
// bundle released is shown: the redacted text, never the original.
func (s *Server) readingView(c *gin.Context) error {
	r := currentRequest(c)
	docs, err := s.store.Released(c.Request.Context(), r.ID)
	if err != nil {
		return err
	}
	if err := s.audit(c, user(c), "released.view", r.ID, ""); err != nil {
		return err
	}
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].Date.Before(docs[j].Date) })
	if isAPI(c) {
		c.JSON(200, gin.H{"documents": docs})
		return nil
	}
	p := &ReadingPage{Page: s.page(c, "Your record · "+r.Reference), Request: r}
	for _, d := range docs {
		rd := ReadingDoc{ReleasedDoc: d}
		for _, para := range splitParas(d.Text) {
			rd.Paras = append(rd.Paras, gloss(para))
		}
		p.Docs = append(p.Docs, rd)
	}
	p.Glossary = usedTerms(p.Docs)
	s.render(c, 200, "reading", p)
	return nil
}
