package web

import (
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/disclose-sar/disclose/internal/workflow"
)

// DecisionArea is Approval.Decision of an area drawn on a page.
const DecisionArea = "area"

// ApprovalsPage is the legal approval queue.
type ApprovalsPage struct {
	*Page
	Approvals []ApprovalView
	EmptyWhy  string // why the queue is empty, when the user's team explains it
}

// ApprovalView is an approval with its context passage cut around the span.
type ApprovalView struct {
	Approval
	Before, Span, After string
}

// approvals lists third-party disclosure and exemption decisions, and areas
// drawn on pages under exemption codes, waiting for legal sign-off, each
// with its context passage (an area: the words under it).
func (s *Server) approvals(c *gin.Context) error {
	list, err := s.store.Approvals(c.Request.Context(), user(c))
	if err != nil {
		return err
	}
	if err := s.auditRead(c, "approval.list", AuditEntry{UserID: user(c).ID, Object: "approvals queue",
		Detail: map[string]any{"count": len(list), "requests": approvalRequests(list)}}); err != nil {
		return err
	}
	if isAPI(c) {
		c.JSON(200, gin.H{"approvals": list})
		return nil
	}
	views := make([]ApprovalView, len(list))
	for i, a := range list {
		v := ApprovalView{Approval: a, Before: a.Context}
		if a.Start >= 0 && a.Start <= a.End && a.End <= len(a.Context) {
			v.Before, v.Span, v.After = a.Context[:a.Start], a.Context[a.Start:a.End], a.Context[a.End:]
		}
		views[i] = v
	}
	p := &ApprovalsPage{Page: s.page(c, "Legal approvals"), Approvals: views}
	if len(views) == 0 {
		p.EmptyWhy = s.emptyWhy(c, "nothing can wait for your approval")
	}
	s.render(c, 200, "approvals", p)
	return nil
}

// decideApproval approves or refuses one decision or area, with a reason.
// The approval must be in the user's queue (their team's requests).
func (s *Server) decideApproval(c *gin.Context) error {
	ctx := c.Request.Context()
	id, err := strconv.ParseInt(c.Param("aid"), 10, 64)
	if err != nil {
		return workflow.ErrNotFound
	}
	var in struct {
		Approve bool   `json:"approve"`
		Outcome string `json:"-" form:"outcome"`
		Reason  string `json:"reason" form:"reason"`
	}
	if err := c.ShouldBind(&in); err != nil {
		return invalid("the approval form is not valid")
	}
	if !isAPI(c) {
		in.Approve = in.Outcome == workflow.ApprovalApproved
		if in.Outcome != workflow.ApprovalApproved && in.Outcome != workflow.ApprovalRefused {
			return invalid("choose approve or refuse")
		}
	}
	if strings.TrimSpace(in.Reason) == "" {
		return invalid("give a reason for the approval or refusal")
	}
	queue, err := s.store.Approvals(ctx, user(c))
	if err != nil {
		return err
	}
	var reqID int64
	for _, a := range queue {
		if a.ID == id {
			reqID = a.RequestID
		}
	}
	if reqID == 0 {
		return workflow.Errorf(workflow.ErrNotFound, "that approval is not in your queue")
	}
	if err := s.store.DecideApproval(ctx, user(c), id, in.Approve, strings.TrimSpace(in.Reason)); err != nil {
		return err
	}
	s.flash(c, "Approval recorded.")
	return s.done(c, "/approvals", nil)
}

// approvalRequests lists the requests an approvals queue shows, for its
// audit row (the queue spans requests).
func approvalRequests(list []Approval) []int64 {
	ids := []int64{}
	seen := map[int64]bool{}
	for _, a := range list {
		if !seen[a.RequestID] {
			seen[a.RequestID] = true
			ids = append(ids, a.RequestID)
		}
	}
	return ids
}
