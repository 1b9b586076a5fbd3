package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/disclose-sar/disclose/internal/workflow"
)

// SearchPage is a search over one request's record with facets.
type SearchPage struct {
	*Page
	Request Request
	Query   SearchQuery
	Result  SearchResult
	Facets  []FacetGroup
	Enabled bool
	Error   string // a search the index could not read: what to change
}

// FacetGroup is one facet's values, for the template.
type FacetGroup struct {
	Name, Label string
	Values      []Facet
	Selected    string
}

// searchPage searches the record; every search is audited (the terms are
// not: they can be personal data).
func (s *Server) searchPage(c *gin.Context) error {
	r := currentRequest(c)
	var q SearchQuery
	if err := c.ShouldBindQuery(&q); err != nil {
		return invalid("the search is not valid")
	}
	q.Q = strings.TrimSpace(q.Q)
	p := &SearchPage{Page: s.page(c, "Search · "+r.Reference), Request: r, Query: q, Enabled: s.search != nil}
	if q.Q != "" {
		if s.search == nil {
			return workflow.Errorf(workflow.ErrInvalid, "search is not available on this server")
		}
		res, err := s.search.Search(c.Request.Context(), r.ID, q)
		if errors.Is(err, ErrSearchSyntax) && !isAPI(c) {
			p.Error = workflow.Message(err)
			s.render(c, http.StatusBadRequest, "search", p)
			return nil
		}
		if err != nil {
			return err
		}
		if err := s.audit(c, user(c), "search", r.ID, ""); err != nil {
			return err
		}
		p.Result = res
		for _, f := range []struct{ name, label, sel string }{
			{"location", "Location", q.Location}, {"type", "Type", q.Type}, {"year", "Year", q.Year}, {"person", "Person", q.Person},
		} {
			p.Facets = append(p.Facets, FacetGroup{Name: f.name, Label: f.label, Values: res.Facets[f.name], Selected: f.sel})
		}
	}
	return s.renderOrJSON(c, "search", p, p.Result)
}
