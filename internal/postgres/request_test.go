package postgres_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/workflow"
)

func TestRequestLifecycle(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	db, r := f.db, f.req
	if r.Reference != "SAR-2026-0001" || r.Status != string(workflow.StatusLogged) {
		t.Fatalf("new request = %s %s, want SAR-2026-0001 logged", r.Reference, r.Status)
	}
	// A representative without evidence of authority cannot get past ID checks.
	rep, err := db.CreateRequest(ctx, f.ig.ID, record.Request{Requester: record.Requester{Kind: record.RequesterSolicitor, Name: "A Firm"},
		Subject: record.Subject{Name: "Sam Example"}, Team: f.ig.TeamID, Received: time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SetStatus(ctx, f.ig.ID, rep.ID, rep.Version, workflow.StatusInProgress, ""); !errors.Is(err, workflow.ErrInvalid) {
		t.Errorf("in progress without authority: err = %v, want ErrInvalid", err)
	}

	if _, err := db.AddClockEvent(ctx, f.ig.ID, r.ID, record.ClockEvent{Kind: record.ClockExtension, Date: time.Date(2026, 3, 20, 0, 0, 0, 0, time.UTC)}); !errors.Is(err, workflow.ErrInvalid) {
		t.Errorf("extension without reason: err = %v, want ErrInvalid", err)
	}
	if _, err := db.AddClockEvent(ctx, f.ig.ID, r.ID, record.ClockEvent{Kind: record.ClockExtension, Date: time.Date(2026, 3, 20, 0, 0, 0, 0, time.UTC),
		Reason: "complex: five locations", NoticeDate: time.Date(2026, 3, 21, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	events, err := db.ClockEvents(ctx, r.ID)
	if err != nil || len(events) != 2 || events[0].Kind != record.ClockReceived || events[1].NoticeDate.Day() != 21 {
		t.Fatalf("ClockEvents = %+v, %v; want received then extension noticed on the 21st", events, err)
	}

	if _, err := db.SetStatus(ctx, f.ig.ID, r.ID, r.Version, workflow.StatusDisclosed, ""); !errors.Is(err, workflow.ErrInvalid) {
		t.Errorf("logged → disclosed: err = %v, want ErrInvalid", err)
	}
	if _, err := db.SetStatus(ctx, f.ig.ID, r.ID, r.Version+5, workflow.StatusInProgress, ""); !errors.Is(err, workflow.ErrConflict) {
		t.Errorf("stale version: err = %v, want ErrConflict", err)
	}
	path := []workflow.Status{workflow.StatusAwaitingID, workflow.StatusInProgress, workflow.StatusInReview, workflow.StatusAwaitingApproval}
	for _, s := range path {
		if r, err = db.SetStatus(ctx, f.ig.ID, r.ID, r.Version, s, "next"); err != nil {
			t.Fatalf("SetStatus(%s): %v", s, err)
		}
	}
	// A pending third-party disclosure blocks "ready" until legal decides.
	s := f.suggestion(t, "s1")
	d, err := db.Decide(ctx, f.ig.ID, s.DBID, s.Version, workflow.DecisionInput{Kind: workflow.DecisionDisclose, Basis: workflow.BasisConsent, Reason: "consent on file"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SetStatus(ctx, f.ig.ID, r.ID, r.Version, workflow.StatusReady, ""); !errors.Is(err, workflow.ErrInvalid) {
		t.Errorf("ready with pending approval: err = %v, want ErrInvalid", err)
	}
	if !redactsSpan(t, db, r.ID, "d1", 17, 26) {
		t.Errorf("Redactions before approval: want the unapproved disclosure still redacted")
	}
	aps, err := db.Approvals(ctx, r.ID, true)
	if err != nil || len(aps) != 1 || aps[0].DecisionID != d.ID {
		t.Fatalf("pending approvals = %+v, %v", aps, err)
	}
	if _, err := db.DecideApproval(ctx, f.ig, aps[0].ID, aps[0].Version, true, ""); !errors.Is(err, workflow.ErrForbidden) {
		t.Errorf("IG officer approving: err = %v, want ErrForbidden", err)
	}
	if _, err := db.DecideApproval(ctx, f.legal, aps[0].ID, aps[0].Version, true, "proportionate"); err != nil {
		t.Fatal(err)
	}
	if redactsSpan(t, db, r.ID, "d1", 17, 26) {
		t.Errorf("Redactions after approval: the approved disclosure is still redacted")
	}
	for _, s := range []workflow.Status{workflow.StatusReady, workflow.StatusDisclosed, workflow.StatusClosed} {
		if r, err = db.SetStatus(ctx, f.ig.ID, r.ID, r.Version, s, ""); err != nil {
			t.Fatalf("SetStatus(%s): %v", s, err)
		}
	}
	hist, err := db.StatusHistory(ctx, r.ID)
	if err != nil || len(hist) != 8 || hist[7].To != "closed" || hist[7].By != f.ig.ID {
		t.Errorf("StatusHistory = %+v, %v; want 8 changes ending closed by the officer", hist, err)
	}
}

func TestReferencesUnderConcurrency(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	const n = 12
	refs := make(chan string, n)
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			r, err := f.db.CreateRequest(ctx, f.ig.ID, record.Request{Requester: record.Requester{Kind: record.RequesterSubject},
				Subject: record.Subject{Name: "Pat Example"}, Received: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)})
			if err != nil {
				t.Error(err)
				return
			}
			refs <- r.Reference
		})
	}
	wg.Wait()
	close(refs)
	seen := map[string]bool{}
	for ref := range refs {
		if seen[ref] {
			t.Errorf("reference %s given twice", ref)
		}
		seen[ref] = true
	}
	if !seen["SAR-2026-0013"] || len(seen) != n {
		t.Errorf("references = %v, want SAR-2026-0002..0013", seen)
	}
	// Concurrent writers each appended an audit row: the chain must still hold.
	if v, err := f.db.VerifyAudit(ctx, postgres.AuditHead{}); err != nil || !v.OK {
		t.Errorf("VerifyAudit after concurrent writes = %+v, %v", v, err)
	}
}

// redactsSpan reports whether the request's bundle would redact [start, end) of doc.
func redactsSpan(t *testing.T, db *postgres.DB, requestID int64, doc string, start, end int) bool {
	t.Helper()
	out, err := db.Redactions(context.Background(), requestID)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range out.Redactions {
		if r.DocID == doc && r.Start <= start && r.End >= end {
			return true
		}
	}
	return false
}
