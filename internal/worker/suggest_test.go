package worker_test

import (
	"context"
	"log/slog"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/disclose-sar/disclose/internal/ingest"
	"github.com/disclose-sar/disclose/internal/pgtest"
	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/suggest"
	"github.com/disclose-sar/disclose/internal/worker"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// TestIngestQueuesSuggest: a finished ingestion queues the suggest job in
// its last transaction; the job suggests over every stored document, keeps
// the suggestions already decided, keeps those made again, adds the new
// ones and removes the undecided ones it no longer makes. A failed first
// attempt writes nothing and the retry completes.
func TestIngestQueuesSuggest(t *testing.T) {
	ctx := context.Background()
	db := postgres.New(pgtest.NewPool(t))
	req, err := db.CreateRequest(ctx, 0, record.Request{Requester: record.Requester{Kind: record.RequesterSubject},
		Subject: record.Subject{Name: "Kim Example"}, Received: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	const n = 4
	if _, err := db.SaveDocuments(ctx, req.ID, fakeRecord(n).Documents); err != nil {
		t.Fatal(err)
	}
	sug := func(id, doc string) suggest.Suggestion {
		return suggest.Suggestion{ID: id, DocID: doc, Start: 18, End: 27, Scope: "span", Text: "Lee Other", Code: "TP"}
	}
	// Before: one decided (no longer made), one undecided no longer made,
	// one undecided made again.
	if err := db.SaveSuggestions(ctx, req.ID, []suggest.Suggestion{sug("decided", "doc00"), sug("stale", "doc01"), sug("again", "doc02")}); err != nil {
		t.Fatal(err)
	}
	ss, _ := db.Suggestions(ctx, req.ID, postgres.SuggestionFilter{})
	var decidedID int64
	for _, s := range ss {
		if s.ID == "decided" {
			d, err := db.Decide(ctx, 0, s.DBID, s.Version, workflow.DecisionInput{Kind: workflow.DecisionAccept})
			if err != nil {
				t.Fatal(err)
			}
			decidedID = d.ID
		}
	}

	var attempts, seenDocs atomic.Int32
	register := []suggest.Person{{Key: "subject", Name: "Kim Example", Role: suggest.RoleSubject, Label: "You", Kind: "subject"},
		{Key: "p1", Name: "Lee Other", Role: suggest.RoleOther, Label: "Neighbour 1", Kind: "neighbour"}}
	deps := worker.Deps{
		BatchSize: 3,
		Logger:    slog.New(slog.DiscardHandler),
		Ingest: func(context.Context, string, []string) (*record.Record, *ingest.Report, error) {
			return fakeRecord(n), nil, nil
		},
		Suggest: func(_ context.Context, rec *record.Record, _ suggest.Options) (*suggest.Result, error) {
			seenDocs.Store(int32(len(rec.Documents)))
			if attempts.Add(1) == 1 {
				return nil, context.DeadlineExceeded // a failed first attempt
			}
			out := []suggest.Suggestion{sug("again", "doc02")}
			for _, d := range rec.Documents {
				out = append(out, sug("new-"+d.ID, d.ID))
			}
			return &suggest.Result{Register: register, Suggestions: out}, nil
		},
	}
	w, err := worker.New(db, deps, worker.Config{Workers: 2, RetryDelay: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer w.Stop(context.Background())
	if _, err := w.Enqueue(ctx, nil, worker.IngestArgs{RequestID: req.ID, Dir: "/records/kim"}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		ps, err := db.JobsProgress(ctx, req.ID)
		if err != nil {
			t.Fatal(err)
		}
		done := map[string]bool{}
		for _, p := range ps {
			done[p.Kind] = p.Message == "done"
		}
		if done["ingest"] && done["suggest"] {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("jobs not done after 30 s: %+v", ps)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if a := attempts.Load(); a != 2 {
		t.Errorf("suggest step ran %d times, want 2 (a failure and its retry)", a)
	}
	if got := seenDocs.Load(); got != n {
		t.Errorf("suggest step saw %d documents, want %d", got, n)
	}
	ss, err = db.Suggestions(ctx, req.ID, postgres.SuggestionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, s := range ss {
		ids = append(ids, s.ID)
	}
	slices.Sort(ids)
	want := []string{"again", "decided", "new-doc00", "new-doc01", "new-doc02", "new-doc03"}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("suggestions after the suggest job (-want +got):\n%s", diff)
	}
	ds, err := db.Decisions(ctx, req.ID)
	if err != nil || len(ds) != 1 || ds[0].ID != decidedID {
		t.Errorf("decisions = %+v, %v; want the one decision kept", ds, err)
	}
	reg, err := db.Register(ctx, req.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(register, reg.People, cmpopts.IgnoreUnexported(suggest.Person{})); diff != "" {
		t.Errorf("register stored by the suggest job (-want +got):\n%s", diff)
	}
	if reg.Generation != 1 {
		t.Errorf("register generation = %d, want 1 (the failed attempt stored nothing)", reg.Generation)
	}
}
