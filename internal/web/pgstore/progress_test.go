package pgstore_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/disclose-sar/disclose/internal/web"
	"github.com/disclose-sar/disclose/internal/web/pgstore"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// TestProgressFollowsDecisions: the cached progress counts a decision made
// through the store at once (its document recounted), and matches a whole
// count from the database after single decisions, a manual redaction and
// a decision for every occurrence of a person.
func TestProgressFollowsDecisions(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, nil)
	reqID, keys := e.bigRequest(t, 50)
	st := pgstore.New(e.db, nil)
	u := e.users[string(workflow.RoleIGOfficer)].user
	whole := func() web.Progress {
		p, err := e.db.Progress(ctx, reqID)
		if err != nil {
			t.Fatal(err)
		}
		return web.Progress{Pages: p.Pages, PagesRemaining: p.Pages - p.PagesDone, Suggestions: p.Suggestions, SuggestionsRemaining: p.Suggestions - p.Decided}
	}
	check := func(step string) {
		t.Helper()
		got, err := st.Progress(ctx, reqID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(whole(), got); diff != "" {
			t.Errorf("Progress after %s (-whole count +cached):\n%s", step, diff)
		}
	}
	check("nothing")
	// Decide every suggestion of the first document, one at a time: its
	// pages stop counting as remaining once the last is decided.
	items, err := st.Suggestions(ctx, reqID, keys[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if _, err := st.Decide(ctx, u, reqID, web.DecisionInput{SuggestionID: it.ID, DocID: keys[0], Version: it.Version,
			DecisionInput: workflow.DecisionInput{Kind: workflow.DecisionAccept}}); err != nil {
			t.Fatal(err)
		}
	}
	check("deciding a whole document")
	if _, err := st.Decide(ctx, u, reqID, web.DecisionInput{DocID: keys[1], AppliesTo: web.AppliesDocument,
		DecisionInput: workflow.DecisionInput{Kind: workflow.DecisionRedact, Start: 0, End: 3, Code: "TP", Reason: "by hand"}}); err != nil {
		t.Fatal(err)
	}
	check("a manual redaction")
	items, err = st.Suggestions(ctx, reqID, keys[2])
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Decide(ctx, u, reqID, web.DecisionInput{SuggestionID: items[0].ID, DocID: keys[2], Version: items[0].Version, AllOfPerson: true,
		DecisionInput: workflow.DecisionInput{Kind: workflow.DecisionAccept}}); err != nil {
		t.Fatal(err)
	}
	check("every occurrence of a person")
}
