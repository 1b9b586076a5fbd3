package postgres_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/review"
	"github.com/disclose-sar/disclose/internal/rules"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// An area drawn on a page is stored with its page coordinates and the
// words under it, listed for its document and for the request, audited,
// and undone once (a second undo is a conflict); what is not an area on a
// page of a document of the request is refused.
func TestAreas(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	in := postgres.AreaInput{DocKey: "d1", Page: 1, Box: record.Box{X0: 72, Y0: 100.5, X1: 300, Y1: 180}, PageWidth: 595, PageHeight: 842,
		Words: [][2]int{{17, 26}}, Code: "TP", Reason: "  a photo of the family  "}
	a, err := f.db.AddArea(ctx, f.ig.ID, f.req.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	if a.ID == 0 || a.At.IsZero() || a.Reason != "a photo of the family" {
		t.Errorf("AddArea = %+v: want an id, a time and the reason trimmed", a)
	}
	picture := in
	picture.Page, picture.Words, picture.Reason = 2, nil, ""
	if _, err := f.db.AddArea(ctx, f.ig.ID, f.req.ID, picture); err != nil {
		t.Fatal(err)
	}

	got, err := f.db.Areas(ctx, f.req.ID, "d1")
	if err != nil {
		t.Fatal(err)
	}
	want := []record.Area{
		{ID: a.ID, DocID: "d1", Page: 1, Box: in.Box, Words: [][2]int{{17, 26}}, Code: "TP", Reason: "a photo of the family", Decider: "ig@example.org"},
		{DocID: "d1", Page: 2, Box: in.Box, Code: "TP", Decider: "ig@example.org"},
	}
	var areas []record.Area
	for _, g := range got {
		if g.PageWidth != 595 || g.PageHeight != 842 || g.By != f.ig.ID || g.ByName != "Ivy Gale" {
			t.Errorf("area %d: page %vx%v by %d %q, want 595x842 by %d Ivy Gale", g.ID, g.PageWidth, g.PageHeight, g.By, g.ByName, f.ig.ID)
		}
		areas = append(areas, g.Area)
	}
	if len(areas) == 2 {
		want[1].ID = areas[1].ID
	}
	if diff := cmp.Diff(want, areas); diff != "" {
		t.Errorf("Areas(d1) (-want +got):\n%s", diff)
	}
	if all, err := f.db.Areas(ctx, f.req.ID, ""); err != nil || len(all) != 2 {
		t.Errorf("Areas(all) = %d areas, %v; want 2", len(all), err)
	}
	if other, err := f.db.Areas(ctx, f.req.ID, "d2"); err != nil || len(other) != 0 {
		t.Errorf("Areas(d2) = %d areas, %v; want none", len(other), err)
	}

	for name, tc := range map[string]struct {
		edit func(*postgres.AreaInput)
		kind error
	}{
		"off the page":        {func(in *postgres.AreaInput) { in.Box.X1 = 600 }, workflow.ErrInvalid},
		"no size":             {func(in *postgres.AreaInput) { in.Box.Y1 = in.Box.Y0 }, workflow.ErrInvalid},
		"no page":             {func(in *postgres.AreaInput) { in.Page = 0 }, workflow.ErrInvalid},
		"unknown code":        {func(in *postgres.AreaInput) { in.Code = "XYZ" }, workflow.ErrInvalid},
		"words past the text": {func(in *postgres.AreaInput) { in.Words = [][2]int{{20, 9999}} }, workflow.ErrInvalid},
		"backward words":      {func(in *postgres.AreaInput) { in.Words = [][2]int{{20, 10}} }, workflow.ErrInvalid},
		"unknown document":    {func(in *postgres.AreaInput) { in.DocKey = "nope" }, workflow.ErrNotFound},
	} {
		bad := in
		tc.edit(&bad)
		if _, err := f.db.AddArea(ctx, f.ig.ID, f.req.ID, bad); !errors.Is(err, tc.kind) {
			t.Errorf("AddArea(%s) = %v, want %v", name, err, tc.kind)
		}
	}

	if err := f.db.UndoArea(ctx, f.ig.ID, f.req.ID, a.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.db.UndoArea(ctx, f.ig.ID, f.req.ID, a.ID); !errors.Is(err, workflow.ErrConflict) {
		t.Errorf("second UndoArea = %v, want a conflict", err)
	}
	if err := f.db.UndoArea(ctx, f.ig.ID, f.req.ID+1, areas[1].ID); !errors.Is(err, workflow.ErrNotFound) {
		t.Errorf("UndoArea of another request's area = %v, want not found", err)
	}
	if left, _ := f.db.Areas(ctx, f.req.ID, "d1"); len(left) != 1 || left[0].ID != areas[1].ID {
		t.Errorf("after undo, areas = %+v, want only the second", left)
	}

	log, err := f.db.AuditLog(ctx, f.req.ID, 100)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, e := range log {
		counts[e.Action]++
	}
	if counts[postgres.AuditAreaAdd] != 2 || counts[postgres.AuditAreaUndo] != 1 {
		t.Errorf("audit counts %v: want 2 %s and 1 %s", counts, postgres.AuditAreaAdd, postgres.AuditAreaUndo)
	}
}

// An area under a code whose withholding needs legal (PA) opens a pending
// exemption approval as it is drawn; one under TP does not. While it waits
// the bundle is blocked; approved, it no longer blocks and applies; refused,
// it blocks until the officer undoes it; undoing a pending one withdraws
// its approval. Each step is audited.
func TestAreaApprovals(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	draw := func(doc, code string, page int) postgres.Area {
		t.Helper()
		a, err := f.db.AddArea(ctx, f.ig.ID, f.req.ID, postgres.AreaInput{DocKey: doc, Page: page, Box: record.Box{X0: 72, Y0: 100, X1: 300, Y1: 180},
			PageWidth: 595, PageHeight: 842, Words: [][2]int{{17, 26}}, Code: code, Reason: "the police's own notes"})
		if err != nil {
			t.Fatalf("AddArea(%s): %v", code, err)
		}
		return a
	}
	pending := func() []postgres.Approval {
		t.Helper()
		aps, err := f.db.Approvals(ctx, f.req.ID, true)
		if err != nil {
			t.Fatal(err)
		}
		return aps
	}
	blockers := func(docKeys []string) string {
		t.Helper()
		bs, err := f.db.BundleBlockers(ctx, f.req.ID, docKeys)
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(bs, "; ")
	}
	const (
		waiting = "1 areas drawn on pages wait for legal approval"
		refused = "1 areas drawn on pages were refused by legal and need undoing, or drawing again with another code"
	)

	tp := draw("d1", "TP", 1)
	if tp.Approval != "" || len(pending()) != 0 {
		t.Errorf("a TP area: approval %q, %d pending; want none (TP's withholding needs no sign-off)", tp.Approval, len(pending()))
	}
	if b := blockers(nil); strings.Contains(b, "areas drawn on pages") {
		t.Errorf("blockers with a TP area = %q, want no area blocker", b)
	}

	pa := draw("d1", "PA", 1)
	aps := pending()
	if pa.Approval != workflow.ApprovalPending || len(aps) != 1 || aps[0].AreaID != pa.ID || aps[0].DecisionID != 0 ||
		aps[0].Kind != workflow.ApprovalExemption || aps[0].ID != pa.ApprovalID {
		t.Fatalf("a PA area: approval %q, pending %+v; want one exemption approval of area %d", pa.Approval, aps, pa.ID)
	}
	if b := blockers(nil); !strings.Contains(b, waiting) {
		t.Errorf("blockers with a pending PA area = %q, want %q", b, waiting)
	}
	if b := blockers([]string{"d2"}); strings.Contains(b, "areas drawn on pages") {
		t.Errorf("blockers of d2 alone = %q: the area is on d1", b)
	}
	if p, err := f.db.Progress(ctx, f.req.ID); err != nil || p.PendingApprovals != 1 {
		t.Errorf("Progress pending approvals = %d, %v; want 1", p.PendingApprovals, err)
	}
	if _, err := f.db.DecideApproval(ctx, f.ig, aps[0].ID, aps[0].Version, true, "fine"); !errors.Is(err, workflow.ErrForbidden) {
		t.Errorf("the officer approving their own area = %v, want forbidden", err)
	}

	// Approved: no longer a blocker, and review applies it.
	if _, err := f.db.DecideApproval(ctx, f.legal, aps[0].ID, aps[0].Version, true, "the police agreed"); err != nil {
		t.Fatalf("DecideApproval: %v", err)
	}
	if b := blockers(nil); strings.Contains(b, "areas drawn on pages") {
		t.Errorf("blockers after approval = %q, want no area blocker", b)
	}
	stored, err := f.db.Areas(ctx, f.req.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	var areas []review.Area
	for _, a := range stored {
		if a.ID == pa.ID && a.Approval != workflow.ApprovalApproved {
			t.Errorf("stored PA area's approval = %q, want approved", a.Approval)
		}
		areas = append(areas, a.Review())
	}
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	if o := review.PolicyFrom(set).ApplyAreas(areas); len(o.Areas) != 2 || len(o.Pending)+len(o.Refused) != 0 {
		t.Errorf("ApplyAreas after approval = %d applied, %d pending, %d refused; want both applied", len(o.Areas), len(o.Pending), len(o.Refused))
	}

	// Refused: a blocker until the officer undoes the area.
	lpp := draw("d1", "LPP", 2)
	aps = pending()
	if len(aps) != 1 || aps[0].AreaID != lpp.ID {
		t.Fatalf("pending after an LPP area = %+v, want its approval", aps)
	}
	if _, err := f.db.DecideApproval(ctx, f.legal, aps[0].ID, aps[0].Version, false, ""); !errors.Is(err, workflow.ErrInvalid) {
		t.Errorf("refusal without a reason = %v, want invalid", err)
	}
	if _, err := f.db.DecideApproval(ctx, f.legal, aps[0].ID, aps[0].Version, false, "not legal advice: a note of a meeting"); err != nil {
		t.Fatal(err)
	}
	if b := blockers(nil); !strings.Contains(b, refused) || strings.Contains(b, waiting) {
		t.Errorf("blockers after refusal = %q, want %q alone of the areas", b, refused)
	}
	if err := f.db.UndoArea(ctx, f.ig.ID, f.req.ID, lpp.ID); err != nil {
		t.Fatal(err)
	}
	if b := blockers(nil); strings.Contains(b, "areas drawn on pages") {
		t.Errorf("blockers after undoing the refused area = %q, want no area blocker", b)
	}

	// Undoing a pending area withdraws its approval.
	sh := draw("d2", "SH", 1)
	aps = pending()
	if len(aps) != 1 || aps[0].AreaID != sh.ID {
		t.Fatalf("pending after an SH area = %+v, want its approval", aps)
	}
	if err := f.db.UndoArea(ctx, f.ig.ID, f.req.ID, sh.ID); err != nil {
		t.Fatal(err)
	}
	if left := pending(); len(left) != 0 {
		t.Errorf("pending after undoing the area = %+v, want none", left)
	}
	if b := blockers(nil); strings.Contains(b, "areas drawn on pages") {
		t.Errorf("blockers after undoing the pending area = %q, want no area blocker", b)
	}
	if _, err := f.db.DecideApproval(ctx, f.legal, aps[0].ID, aps[0].Version, true, "late"); !errors.Is(err, workflow.ErrConflict) {
		t.Errorf("approving a withdrawn approval = %v, want a conflict", err)
	}

	log, err := f.db.AuditLog(ctx, f.req.ID, 100)
	if err != nil {
		t.Fatal(err)
	}
	var approvals, withdrawn int
	for _, e := range log {
		switch {
		case e.Action == postgres.AuditApproval && e.Detail["area"] != nil:
			approvals++
		case e.Action == postgres.AuditAreaUndo && e.Object == "area "+strconv.FormatInt(sh.ID, 10):
			if e.Detail["approval_state"] == workflow.ApprovalPending {
				withdrawn++
			}
		case e.Action == postgres.AuditAreaAdd && e.Object == "area "+strconv.FormatInt(pa.ID, 10):
			if e.Detail["approval"] != workflow.ApprovalExemption {
				t.Errorf("area.add of the PA area: detail %v, want its approval kind", e.Detail)
			}
		}
	}
	if approvals != 2 || withdrawn != 1 {
		t.Errorf("audit: %d approvals of areas, %d withdrawn on undo; want 2 and 1", approvals, withdrawn)
	}
}
