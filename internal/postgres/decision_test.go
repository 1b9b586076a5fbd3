package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/disclose-sar/disclose/internal/workflow"
)

// TestConcurrentDecisions: two reviewers decide the same suggestion at the
// same version at once; exactly one wins and the other gets ErrConflict.
func TestConcurrentDecisions(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	for round := range 5 {
		s := f.suggestion(t, "s3")
		kinds := []workflow.DecisionInput{{Kind: workflow.DecisionAccept}, {Kind: workflow.DecisionReject, Reason: "not identifying"}}
		errs := make([]error, 2)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range 2 {
			wg.Go(func() {
				<-start
				_, errs[i] = f.db.Decide(ctx, f.ig.ID, s.DBID, s.Version, kinds[i])
			})
		}
		close(start)
		wg.Wait()
		conflicts, wins := 0, 0
		for _, err := range errs {
			switch {
			case err == nil:
				wins++
			case errors.Is(err, workflow.ErrConflict):
				conflicts++
			default:
				t.Fatalf("round %d: Decide: %v", round, err)
			}
		}
		if wins != 1 || conflicts != 1 {
			t.Fatalf("round %d: %d wins, %d conflicts; want 1 and 1", round, wins, conflicts)
		}
		after := f.suggestion(t, "s3")
		if after.Version != s.Version+1 || after.DecisionID == 0 {
			t.Errorf("round %d: suggestion after = version %d decision %d, want version %d and a decision", round, after.Version, after.DecisionID, s.Version+1)
		}
	}
	// Exactly one current decision remains: the others were superseded, none lost.
	ds, err := f.db.Decisions(ctx, f.req.ID)
	if err != nil || len(ds) != 1 {
		t.Fatalf("current decisions = %d, %v; want 1", len(ds), err)
	}
	var total int
	f.db.Pool.QueryRow(ctx, `SELECT count(*) FROM decisions`).Scan(&total)
	if total != 5 {
		t.Errorf("decision rows = %d, want 5 (one winner per round, history kept)", total)
	}
}

func TestDecidePersonUndoAndProgress(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	p, err := f.db.Progress(ctx, f.req.ID)
	if err != nil || p.Suggestions != 3 || p.Decided != 0 || p.Pages != 3 || p.PagesDone != 0 {
		t.Fatalf("Progress before = %+v, %v", p, err)
	}
	ds, err := f.db.DecidePerson(ctx, f.ig.ID, f.req.ID, "p-jo", workflow.DecisionInput{Kind: workflow.DecisionAccept})
	if err != nil || len(ds) != 2 {
		t.Fatalf("DecidePerson = %d decisions, %v; want 2", len(ds), err)
	}
	p, _ = f.db.Progress(ctx, f.req.ID)
	if p.Decided != 2 || p.PagesDone != 1 { // d1 done (1 page); d2 still has s3
		t.Errorf("Progress after person = %+v, want 2 decided, 1 page done", p)
	}
	// Change one occurrence, then undo the change: the batch decision returns.
	s1 := f.suggestion(t, "s1")
	ch, err := f.db.Decide(ctx, f.ig.ID, s1.DBID, s1.Version, workflow.DecisionInput{Kind: workflow.DecisionChangeSpan, Start: 20, End: 26})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.db.Undo(ctx, f.ig.ID, ch.ID); err != nil {
		t.Fatal(err)
	}
	if got := f.suggestion(t, "s1"); got.DecisionID != ds[0].ID {
		t.Errorf("after undo, s1 decision = %d, want the batch decision %d", got.DecisionID, ds[0].ID)
	}
	if err := f.db.Undo(ctx, f.ig.ID, ch.ID); !errors.Is(err, workflow.ErrConflict) {
		t.Errorf("undo twice: err = %v, want ErrConflict", err)
	}
	// Undoing one decision of the batch undoes every occurrence.
	if err := f.db.Undo(ctx, f.ig.ID, ds[1].ID); err != nil {
		t.Fatal(err)
	}
	p, _ = f.db.Progress(ctx, f.req.ID)
	if p.Decided != 0 {
		t.Errorf("Progress after batch undo = %+v, want 0 decided", p)
	}
	if _, err := f.db.AddManualRedaction(ctx, f.ig.ID, f.req.ID, "d2", workflow.DecisionInput{Kind: workflow.DecisionRedact, Start: 23, End: 26, Code: "TP"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.AddManualRedaction(ctx, f.ig.ID, f.req.ID, "nope", workflow.DecisionInput{Kind: workflow.DecisionRedact, Start: 1, End: 2}); !errors.Is(err, workflow.ErrNotFound) {
		t.Errorf("manual redaction on a missing document: err = %v, want ErrNotFound", err)
	}
	// Nothing is decided now: every suggestion applies as suggested, with
	// the reviewer's own redaction beside them.
	out, err := f.db.Redactions(ctx, f.req.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range out.Redactions {
		got = append(got, fmt.Sprintf("%s %d-%d %s", r.DocID, r.Start, r.End, r.RuleID))
	}
	want := []string{"d1 17-26 tp.known", "d2 0-9 tp.known", "d2 23-26 manual", "d2 32-35 id.ref"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Redactions (-want +got):\n%s", diff)
	}
}
