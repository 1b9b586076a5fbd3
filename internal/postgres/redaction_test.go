package postgres_test

import (
	"context"
	"testing"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/suggest"
)

// A merged suggestion keeps its other findings through PostgreSQL, and the
// redaction the server makes of it carries their texts for the bundle to
// spread, exactly as the batch path's does.
func TestMergedFindingsRoundTrip(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	text := "Jo Bloggs called about Sam. Ref 123."
	merged := suggest.Suggestion{ID: "m1", DocID: "d2", Start: 0, End: 26, Scope: suggest.ScopeSpan, Text: text[:26],
		RuleID: "tp.context", Code: "TP", Action: suggest.ActionRedact,
		Also: []suggest.Reason{{Start: 0, End: 9, Text: "Jo Bloggs", RuleID: "tp.known", Code: "TP", PersonKey: "p-jo", Why: "known person"}}}
	if err := f.db.SyncSuggestions(ctx, f.req.ID, func(context.Context, *record.Record, suggest.Options) (*suggest.Result, error) {
		return &suggest.Result{Register: []suggest.Person{{Key: "subject", Name: "Sam Example", Role: suggest.RoleSubject}},
			Suggestions: []suggest.Suggestion{merged}}, nil
	}, nil); err != nil {
		t.Fatal(err)
	}
	sugs, _, err := f.db.Decided(ctx, f.req.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got *suggest.Suggestion
	for i := range sugs {
		if sugs[i].ID == "m1" {
			got = &sugs[i]
		}
	}
	if got == nil || len(got.Also) != 1 || got.Also[0].Text != "Jo Bloggs" || got.Also[0].End != 9 {
		t.Fatalf("stored merged suggestion = %+v", got)
	}
	out, err := f.db.Redactions(ctx, f.req.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range out.Redactions {
		if r.DocID == "d2" && r.Start == 0 && r.End == 26 {
			if len(r.Parts) != 1 || r.Parts[0] != "Jo Bloggs" {
				t.Errorf("redaction parts = %q, want the merged name", r.Parts)
			}
			return
		}
	}
	t.Errorf("no redaction for the merged suggestion: %+v", out.Redactions)
}
