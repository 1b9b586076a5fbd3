package web

import (
	"fmt"

	"github.com/gin-gonic/gin"

	"github.com/disclose-sar/disclose/internal/workflow"
)

// emptyWhy explains an empty queue (legal approvals, the reading list) by
// the one thing that most often empties it: a user sees the requests of
// their own team only, and legal or support staff are often put in a team
// of their own that logs no requests.
func (s *Server) emptyWhy(c *gin.Context, what string) string {
	a := account(c)
	if a.Has(workflow.RoleAdmin) {
		return ""
	}
	if a.TeamID == 0 {
		return fmt.Sprintf("You are not in a team, so no requests reach you and %s. Ask an administrator to put you in the team whose requests you work on.", what)
	}
	all, err := s.store.ListRequests(c.Request.Context(), a.User, RequestFilter{All: true})
	if err != nil {
		return ""
	}
	if len(all) == 0 {
		return fmt.Sprintf("You see the requests of your team, %s, and it has none, so %s. "+
			"If the officers who send you work are in another team, ask an administrator to put you in that team.", a.TeamName, what)
	}
	return ""
}
