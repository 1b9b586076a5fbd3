package pgstore_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/web"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// TestAreaApprovalAPI: an area drawn under PA (partner-agency material,
// whose withholding needs legal) reaches the legal user's queue through the
// JSON API and the page — document, page, the words under it, the
// officer's reason — and the review screen says it waits; a TP area does
// not. Legal approves one through the API and refuses another through the
// page (audited); the refused one blocks the bundle until the officer
// undoes it; undoing a pending one takes it off legal's queue.
func TestAreaApprovalAPI(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	officer := e.login(string(workflow.RoleIGOfficer))
	legal := e.login(string(workflow.RoleLegal))
	phone := strings.Index(docText, "01632 960123")
	draw := func(code string, page int, reason string) postgres.Area {
		t.Helper()
		a, err := e.db.AddArea(ctx, e.users[string(workflow.RoleIGOfficer)].user.ID, e.reqID, postgres.AreaInput{DocKey: e.docKey, Page: page,
			Box: record.Box{X0: 100, Y0: 200, X1: 220, Y1: 215}, PageWidth: 595, PageHeight: 842,
			Words: [][2]int{{phone, phone + 5}, {phone + 6, phone + 12}}, Code: code, Reason: reason})
		if err != nil {
			t.Fatalf("AddArea(%s): %v", code, err)
		}
		return a
	}
	queue := func() []web.Approval {
		t.Helper()
		res, body := legal.do("GET", "/api/v1/approvals", nil, nil)
		var out struct{ Approvals []web.Approval }
		if err := json.Unmarshal([]byte(body), &out); res.StatusCode != http.StatusOK || err != nil {
			t.Fatalf("GET /api/v1/approvals = %d, %v: %.300s", res.StatusCode, err, body)
		}
		return out.Approvals
	}
	areaBlockers := func() []string {
		t.Helper()
		bs, err := e.db.BundleBlockers(ctx, e.reqID, nil)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, b := range bs {
			if strings.Contains(b, "areas drawn on pages") {
				out = append(out, b)
			}
		}
		return out
	}

	draw("TP", 1, "a neighbour's number")
	if q := queue(); len(q) != 0 {
		t.Fatalf("legal's queue after a TP area = %+v, want empty (TP's withholding needs no sign-off)", q)
	}
	pa := draw("PA", 1, "the police's reference, not ours to give")
	q := queue()
	if len(q) != 1 {
		t.Fatalf("legal's queue after a PA area = %d approvals, want 1", len(q))
	}
	got := q[0]
	if got.AreaID != pa.ID || got.Decision != web.DecisionArea || got.Kind != workflow.ApprovalExemption || got.DocID != e.docKey ||
		got.DocTitle != "Home visit report" || got.Page != 1 || got.Code != "PA" || got.Reason != "the police's reference, not ours to give" ||
		got.By != "Test ig_officer" || got.RequestID != e.reqID || strings.Join(got.Words, "|") != "01632|960123" || got.Context != "01632 … 960123" {
		t.Errorf("the PA area in legal's queue = %+v; want area %d on page 1 of %s, its words, code PA, the officer's reason", got, pa.ID, e.docKey)
	}
	if bs := areaBlockers(); len(bs) != 1 || bs[0] != "1 areas drawn on pages wait for legal approval" {
		t.Errorf("area blockers while pending = %q", bs)
	}
	// The officer's review screen says it waits, in the page and the API.
	reqPath := "/requests/" + itoa64(e.reqID) + "/documents/" + e.docKey
	_, page := officer.do("GET", reqPath+"?s="+web.AreaPrefix+strconv.FormatInt(pa.ID, 10), nil, nil)
	if got := textOf(t, page, "decision-state"); !strings.Contains(got, "legal approval: pending") {
		t.Errorf("review screen of the PA area: decision %q, want it to say legal approval is pending", got)
	}
	_, body := officer.do("GET", "/api/v1"+reqPath, nil, nil)
	var review struct{ Areas []web.Area }
	if err := json.Unmarshal([]byte(body), &review); err != nil || len(review.Areas) != 2 {
		t.Fatalf("review API areas = %+v, %v", review.Areas, err)
	}
	for _, a := range review.Areas {
		if want := map[string]string{"TP": "", "PA": workflow.ApprovalPending}[a.Code]; a.Approval != want {
			t.Errorf("review API: %s area's approval = %q, want %q", a.Code, a.Approval, want)
		}
	}
	// Legal's page shows the area and its words.
	_, page = legal.do("GET", "/approvals", nil, nil)
	if got := textOf(t, page, "approval"); !strings.Contains(got, "area drawn on page 1") || !strings.Contains(got, "01632 … 960123") ||
		!strings.Contains(got, "the police's reference") {
		t.Errorf("approvals page = %q, want the area, page, words and reason", got)
	}

	// The officer who drew it cannot approve it; legal approves through the API.
	if res, _ := officer.postJSON("/api/v1/approvals/"+itoa64(got.ID), `{"approve":true,"reason":"mine"}`); res.StatusCode != http.StatusForbidden {
		t.Errorf("the officer approving = %d, want 403", res.StatusCode)
	}
	if res, body := legal.postJSON("/api/v1/approvals/"+itoa64(got.ID), `{"approve":true,"reason":"the police consented"}`); res.StatusCode/100 != 2 {
		t.Fatalf("approve the area = %d: %.300s", res.StatusCode, body)
	}
	if q := queue(); len(q) != 0 || len(areaBlockers()) != 0 {
		t.Errorf("after approval: queue %+v, area blockers %q; want neither", q, areaBlockers())
	}

	// Refused through legal's page: the bundle is blocked until the officer
	// undoes the area.
	refused := draw("LPP", 2, "advice from the council's solicitor")
	q = queue()
	if len(q) != 1 || q[0].AreaID != refused.ID {
		t.Fatalf("queue after an LPP area = %+v", q)
	}
	if res, body := legal.post("/approvals/"+itoa64(q[0].ID), url.Values{"outcome": {"refused"}, "reason": {"a note of a meeting, not advice"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("refuse through the page = %d: %.300s", res.StatusCode, body)
	}
	const refusedMsg = "1 areas drawn on pages were refused by legal and need undoing, or drawing again with another code"
	if bs := areaBlockers(); len(bs) != 1 || bs[0] != refusedMsg {
		t.Errorf("area blockers after refusal = %q, want %q", bs, refusedMsg)
	}
	refusedID := web.AreaPrefix + strconv.FormatInt(refused.ID, 10)
	_, page = officer.do("GET", reqPath+"?s="+refusedID, nil, nil)
	if got := textOf(t, page, "decision-state"); !strings.Contains(got, "legal approval: refused") {
		t.Errorf("review screen of the refused area: %q, want it to say legal refused", got)
	}
	if res, body := officer.postJSON(fmt.Sprintf("/api/v1/requests/%d/undo", e.reqID), `{"suggestion_id":"`+refusedID+`"}`); res.StatusCode/100 != 2 {
		t.Fatalf("undo the refused area = %d: %.300s", res.StatusCode, body)
	}
	if bs := areaBlockers(); len(bs) != 0 {
		t.Errorf("area blockers after undoing the refused area = %q, want none", bs)
	}

	// Undoing a pending area withdraws it from legal's queue.
	sh := draw("SH", 1, "could harm the requester's sister")
	q = queue()
	if len(q) != 1 || q[0].AreaID != sh.ID {
		t.Fatalf("queue after an SH area = %+v", q)
	}
	if res, body := officer.postJSON(fmt.Sprintf("/api/v1/requests/%d/undo", e.reqID), `{"suggestion_id":"`+web.AreaPrefix+strconv.FormatInt(sh.ID, 10)+`"}`); res.StatusCode/100 != 2 {
		t.Fatalf("undo the pending area = %d: %.300s", res.StatusCode, body)
	}
	if left := queue(); len(left) != 0 {
		t.Errorf("queue after undoing the pending area = %+v, want empty", left)
	}
	if res, _ := legal.postJSON("/api/v1/approvals/"+itoa64(q[0].ID), `{"approve":true,"reason":"late"}`); res.StatusCode != http.StatusNotFound {
		t.Errorf("approving the withdrawn area = %d, want 404", res.StatusCode)
	}

	log, err := e.db.AuditLog(ctx, e.reqID, 200)
	if err != nil {
		t.Fatal(err)
	}
	states := map[string]int{}
	for _, a := range log {
		if a.Action == postgres.AuditApproval && a.Detail["area"] != nil {
			states[fmt.Sprint(a.Detail["state"])]++
		}
	}
	if states[workflow.ApprovalApproved] != 1 || states[workflow.ApprovalRefused] != 1 {
		t.Errorf("audited answers on areas = %v, want one approved and one refused", states)
	}
}
