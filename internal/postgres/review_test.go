package postgres_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// TestDocSuggestions: the review screen's one query gives what Suggestions
// and DocDecisions give together — a current decision with its approval, a
// superseded one replaced by its successor, an undone one gone.
func TestDocSuggestions(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	s2, s3 := f.suggestion(t, "s2"), f.suggestion(t, "s3")
	if _, err := f.db.Decide(ctx, f.ig.ID, s2.DBID, s2.Version, workflow.DecisionInput{Kind: workflow.DecisionAccept}); err != nil {
		t.Fatal(err)
	}
	s2 = f.suggestion(t, "s2")
	if _, err := f.db.Decide(ctx, f.ig.ID, s2.DBID, s2.Version, workflow.DecisionInput{Kind: workflow.DecisionDisclose,
		Basis: workflow.Bases[0], Reason: "the requester's own foster carer"}); err != nil {
		t.Fatal(err)
	}
	d3, err := f.db.Decide(ctx, f.ig.ID, s3.DBID, s3.Version, workflow.DecisionInput{Kind: workflow.DecisionAccept})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.db.Undo(ctx, f.ig.ID, d3.ID); err != nil {
		t.Fatal(err)
	}

	got, err := f.db.DocSuggestions(ctx, f.req.ID, "d2")
	if err != nil {
		t.Fatal(err)
	}
	sugs, err := f.db.Suggestions(ctx, f.req.ID, postgres.SuggestionFilter{DocKey: "d2"})
	if err != nil {
		t.Fatal(err)
	}
	decs, err := f.db.DocDecisions(ctx, f.req.ID, "d2")
	if err != nil {
		t.Fatal(err)
	}
	var want []postgres.ReviewSuggestion
	for _, s := range sugs {
		rs := postgres.ReviewSuggestion{Suggestion: s}
		for i := range decs {
			if decs[i].ID == s.DecisionID {
				rs.Current = &decs[i]
			}
		}
		want = append(want, rs)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("DocSuggestions(d2) mismatch (-want +got):\n%s", diff)
	}
	if len(got) != 2 || got[0].Current == nil || got[0].Current.Approval != workflow.ApprovalPending || got[0].Current.Kind != workflow.DecisionDisclose {
		t.Errorf("DocSuggestions(d2)[0] = %+v; want the pending disclosure as its decision", got)
	}
}
