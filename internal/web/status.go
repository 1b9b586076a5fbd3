package web

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/disclose-sar/disclose/internal/workflow"
)

// maxNoteLen bounds a status note: a sentence or two for the history, not
// a place for the record's content.
const maxNoteLen = 1000

// statusInput is a status change as posted: the status to move to, why,
// and the request's version as the user saw it (optimistic concurrency:
// two officers moving one request at once, one wins and the other is told).
type statusInput struct {
	Status  string `json:"status" form:"status"`
	Note    string `json:"note" form:"note"`
	Version int    `json:"version" form:"version"`
}

// nextStatuses lists the statuses a request may move to from its current
// one, in lifecycle order, for the status form.
func nextStatuses(r Request) []string {
	var out []string
	for _, s := range workflow.Status(r.Status).Next() {
		out = append(out, string(s))
	}
	return out
}

// setStatus moves the request along its lifecycle (logged → awaiting ID →
// in progress → in review → awaiting approval → ready → disclosed →
// closed; withdrawn; refused). The store checks the transition table and
// the version, and records who, when and the note in the history.
func (s *Server) setStatus(c *gin.Context) error {
	r := currentRequest(c)
	var in statusInput
	if isAPI(c) {
		if err := c.ShouldBindJSON(&in); err != nil {
			return invalid("the body is not a status change")
		}
	} else {
		in.Status, in.Note = c.PostForm("status"), c.PostForm("note")
		v, err := strconv.Atoi(c.PostForm("version"))
		if err != nil {
			return invalid("the form is missing the request's version; reload the page")
		}
		in.Version = v
	}
	in.Note = strings.TrimSpace(in.Note)
	if in.Status == "" {
		return invalid("choose the status to move the request to")
	}
	if utf8.RuneCountInString(in.Note) > maxNoteLen {
		return invalid("keep the note under 1,000 characters")
	}
	ctx := c.Request.Context()
	if err := s.store.SetStatus(ctx, user(c), r.ID, in.Version, workflow.Status(in.Status), in.Note); err != nil {
		return err
	}
	if !isAPI(c) {
		s.flash(c, "Status changed to "+strings.ToLower(humanize(in.Status))+".")
		return s.done(c, reqURL(r.ID, ""), nil)
	}
	nr, err := s.store.Request(ctx, r.ID)
	if err != nil {
		return err
	}
	return s.done(c, "", gin.H{"request": nr, "next": nextStatuses(nr)})
}
