package web

import (
	"fmt"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/disclose-sar/disclose/internal/workflow"
)

// emptyWhy explains an empty queue (legal approvals, the reading list) by
// the one thing that most often empties it: a user sees the requests of
// the teams they serve only, and legal or support staff are often put in a
// team of their own that logs no requests.
func (s *Server) emptyWhy(c *gin.Context, what string) string {
	a := account(c)
	if a.Has(workflow.RoleAdmin) {
		return ""
	}
	if len(a.Teams()) == 0 {
		return fmt.Sprintf("You are not in a team, so no requests reach you and %s. Ask an administrator to put you in the team whose requests you work on, or to add the teams you serve.", what)
	}
	all, err := s.store.ListRequests(c.Request.Context(), a.User, RequestFilter{All: true})
	if err != nil {
		return ""
	}
	if len(all) == 0 {
		teams := a.TeamName
		if len(a.AlsoServesNames) > 0 {
			teams = strings.Join(append([]string{a.TeamName}, a.AlsoServesNames...), ", ")
		}
		return fmt.Sprintf("You see the requests of the teams you serve (%s), and they have none, so %s. "+
			"If the officers who send you work are in another team, ask an administrator to add it to the teams you serve.", teams, what)
	}
	return ""
}
