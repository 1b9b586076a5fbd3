package web

import (
	"sort"

	"github.com/gin-gonic/gin"

	"github.com/disclose-sar/disclose/internal/suggest"
)

// PersonsPage is the person register of a request. Kinds are what an
// officer can make a person; the role form pre-selects none of them, so
// only an explicit choice changes a role.
type PersonsPage struct {
	*Page
	Request Request
	Persons []Person
	Kinds   []suggest.Kind
}

func (s *Server) persons(c *gin.Context) error {
	r := currentRequest(c)
	ps, err := s.store.Persons(c.Request.Context(), r.ID)
	if err != nil {
		return err
	}
	if err := s.auditRead(c, "person.list", AuditEntry{UserID: user(c).ID, RequestID: r.ID, Object: "person register",
		Detail: map[string]any{"count": len(ps)}}); err != nil {
		return err
	}
	p := &PersonsPage{Page: s.page(c, "People · "+r.Reference), Request: r, Persons: ps, Kinds: suggest.Kinds()}
	return s.renderOrJSON(c, "persons", p, gin.H{"persons": ps})
}

// setPersonRole changes a person's kind, and so their role: their
// suggestions follow (a professional's name is kept, a relative's
// redacted).
func (s *Server) setPersonRole(c *gin.Context) error {
	r := currentRequest(c)
	var in RoleChange
	if err := c.ShouldBind(&in); err != nil || in.Key == "" || in.Kind == "" {
		return invalid("choose the person's new role, then confirm")
	}
	if err := s.store.SetPersonRole(c.Request.Context(), user(c), r.ID, in); err != nil {
		return err
	}
	s.flash(c, "Role changed; the person's suggestions have been updated.")
	return s.done(c, reqURL(r.ID, "persons"), nil)
}

// mergePersons merges one register entry into another (two spellings of
// one person): the merged person's suggestions move to the kept one.
func (s *Server) mergePersons(c *gin.Context) error {
	r := currentRequest(c)
	var in struct {
		Keep  string `json:"keep" form:"keep"`
		Merge string `json:"merge" form:"merge"`
	}
	if err := c.ShouldBind(&in); err != nil || in.Keep == "" || in.Merge == "" || in.Keep == in.Merge {
		return invalid("choose two different people to merge")
	}
	if err := s.store.MergePersons(c.Request.Context(), user(c), r.ID, in.Keep, in.Merge); err != nil {
		return err
	}
	s.flash(c, "People merged.")
	return s.done(c, reqURL(r.ID, "persons"), nil)
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		if k != "" {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}
