package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/disclose-sar/disclose/internal/workflow"
)

// ProblemStore holds the files of a request's record that ingestion could
// not read (failed) or does not read (unsupported). Each must be seen and
// acknowledged with a reason before the record goes out without it
// (UK GDPR Art. 15: the requester is owed the whole record).
type ProblemStore interface {
	// Problems lists a request's unread files by location and path.
	Problems(ctx context.Context, requestID int64) ([]Problem, error)
	// AcknowledgeProblem records, with a reason (required) and an audit
	// row, that an officer has seen an unread file. A problem of another
	// request is ErrNotFound; one already acknowledged ErrConflict.
	AcknowledgeProblem(ctx context.Context, u User, requestID, problemID int64, reason string) error
}

// Problem is one file of the record that was not read, with the reason.
// Path is record-relative and safe to show (bytes of a name that are not
// UTF-8 as \xNN).
type Problem struct {
	ID             int64      `json:"id"`
	Location       string     `json:"location"` // "" for a file at the top of the record folder
	Path           string     `json:"path"`
	Kind           string     `json:"kind"` // failed or unsupported
	Reason         string     `json:"reason"`
	Acknowledged   bool       `json:"acknowledged"`
	AcknowledgedBy string     `json:"acknowledged_by,omitempty"`
	AckReason      string     `json:"ack_reason,omitempty"`
	AckAt          *time.Time `json:"ack_at,omitempty"`
}

// LocationName is the location as the Locations table names it.
func (p Problem) LocationName() string {
	if p.Location == "" {
		return "(top level)"
	}
	return p.Location
}

// openProblems counts the problems nobody has acknowledged.
func openProblems(ps []Problem) int {
	n := 0
	for _, p := range ps {
		if !p.Acknowledged {
			n++
		}
	}
	return n
}

// nonNil makes an empty list [] in JSON, never null.
func nonNil(ps []Problem) []Problem {
	if ps == nil {
		return []Problem{}
	}
	return ps
}

// problems answers the API with a request's unread files.
func (s *Server) problems(c *gin.Context) error {
	r := currentRequest(c)
	ps, err := s.store.Problems(c.Request.Context(), r.ID)
	if err != nil {
		return err
	}
	if err := s.audit(c, user(c), "problems.view", r.ID, ""); err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"problems": nonNil(ps), "unacknowledged": openProblems(ps)})
	return nil
}

// acknowledgeProblem records that the officer has seen a file that was
// not read and why the request may go on without it.
func (s *Server) acknowledgeProblem(c *gin.Context) error {
	r := currentRequest(c)
	pid, err := strconv.ParseInt(c.Param("pid"), 10, 64)
	if err != nil {
		return workflow.ErrNotFound
	}
	var in struct {
		Reason string `json:"reason" form:"reason"`
	}
	if err := c.ShouldBind(&in); err != nil {
		return invalid("the acknowledgement form is not valid")
	}
	if strings.TrimSpace(in.Reason) == "" {
		return invalid("say why the request may go on without this file (for example: the same letter was read from the case system)")
	}
	if err := s.store.AcknowledgeProblem(c.Request.Context(), user(c), r.ID, pid, strings.TrimSpace(in.Reason)); err != nil {
		return err
	}
	if !isAPI(c) {
		s.flash(c, fmt.Sprintf("Problem %d acknowledged.", pid))
	}
	return s.done(c, reqURL(r.ID, "locations"), nil)
}
