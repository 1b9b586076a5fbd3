package worker_test

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/riverqueue/river/rivertype"

	"github.com/disclose-sar/disclose/internal/ingest"
	"github.com/disclose-sar/disclose/internal/pgtest"
	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/suggest"
	"github.com/disclose-sar/disclose/internal/worker"
	"github.com/disclose-sar/disclose/internal/workflow"
)

func TestMain(m *testing.M) {
	if url := os.Getenv(doomedWorkerEnv); url != "" {
		os.Exit(doomedWorker(url)) // a child process of TestJobRescuedAfterKill
	}
	pgtest.Main(m)
}

// fakeRecord is an invented record of n short documents.
func fakeRecord(n int) *record.Record {
	rec := &record.Record{Subject: record.Subject{Name: "Kim Example"}, Persons: []record.Person{{Name: "Lee Other", Role: record.RoleSibling}}}
	for i := range n {
		rec.Documents = append(rec.Documents, record.Document{ID: fmt.Sprintf("doc%02d", i), Location: "drive",
			Path: fmt.Sprintf("notes/%02d.txt", i), Format: record.FormatText, Pages: 1, Text: fmt.Sprintf("Note %d about Kim and Lee Other.", i)})
	}
	return rec
}

// fakeReport says one file of the invented record failed, one is of a
// type not read and one was read in part.
func fakeReport() *ingest.Report {
	return &ingest.Report{Files: []ingest.FileEntry{
		{Path: "drive/notes/00.txt", Status: ingest.StatusIngested, Documents: 1},
		{Path: `drive/caf\xe9.txt`, Status: ingest.StatusFailed, Problem: ingest.ProblemBadName},
		{Path: "drive/plan.vsd", Status: ingest.StatusUnsupported, Problem: "unsupported file type"},
		{Path: "post/box.mbox", Status: ingest.StatusPartial, Documents: 2, Problem: "message 3: file is damaged"},
	}}
}

// TestIngestKilledMidwayIsRetried stops a worker (cancelling its job) after
// the first batch of documents, starts a new one, and checks the retried job
// finishes with every document once and the decisions made meanwhile intact.
func TestIngestKilledMidwayIsRetried(t *testing.T) {
	ctx := context.Background()
	db := postgres.New(pgtest.NewPool(t))
	req, err := db.CreateRequest(ctx, 0, record.Request{Requester: record.Requester{Kind: record.RequesterSubject},
		Subject: record.Subject{Name: "Kim Example"}, Received: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	const n = 10
	// A first, complete ingestion and a decision on one of its suggestions.
	if _, err := db.SaveDocuments(ctx, req.ID, fakeRecord(n).Documents); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveSuggestions(ctx, req.ID, []suggest.Suggestion{{ID: "s1", DocID: "doc03", Start: 18, End: 27, Scope: "span", Text: "Lee Other", Code: "TP"}}); err != nil {
		t.Fatal(err)
	}
	ss, _ := db.Suggestions(ctx, req.ID, postgres.SuggestionFilter{})
	dec, err := db.Decide(ctx, 0, ss[0].DBID, ss[0].Version, workflow.DecisionInput{Kind: workflow.DecisionAccept})
	if err != nil {
		t.Fatal(err)
	}

	firstBatch := make(chan struct{})
	var once sync.Once
	var runs atomic.Int32
	deps := worker.Deps{
		BatchSize: 3,
		Logger:    slog.New(slog.DiscardHandler),
		Ingest: func(ctx context.Context, dir string, _ []string) (*record.Record, *ingest.Report, error) {
			runs.Add(1)
			return fakeRecord(n), fakeReport(), nil
		},
		AfterBatch: func(jobCtx context.Context, _ int64, done, total int) {
			once.Do(func() {
				close(firstBatch)
				<-jobCtx.Done() // hold the job until the worker is stopped
			})
		},
	}
	cfg := worker.Config{Workers: 1, RetryDelay: time.Millisecond}
	w1, err := worker.New(db, deps, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := w1.Start(ctx); err != nil {
		t.Fatal(err)
	}
	jobID, err := w1.Enqueue(ctx, nil, worker.IngestArgs{RequestID: req.ID, Dir: "/records/kim"})
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-firstBatch:
	case <-time.After(20 * time.Second):
		t.Fatal("the ingest job never saved its first batch")
	}
	stopCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := w1.StopAndCancel(stopCtx); err != nil {
		t.Fatal(err)
	}
	job, err := w1.Job(ctx, jobID)
	if err != nil {
		t.Fatal(err)
	}
	if job.State == rivertype.JobStateCompleted {
		t.Fatal("the job completed although its worker was stopped mid-way")
	}

	w2, err := worker.New(db, deps, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := w2.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer w2.Stop(context.Background())
	deadline := time.Now().Add(30 * time.Second)
	for {
		job, err = w2.Job(ctx, jobID)
		if err != nil {
			t.Fatal(err)
		}
		if job.State == rivertype.JobStateCompleted {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("job still %s after restart (attempt %d, errors %v)", job.State, job.Attempt, job.Errors)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if r := runs.Load(); r != 2 {
		t.Errorf("the ingest step ran %d times, want 2 (the stopped run and its retry)", r)
	}
	if got, _ := db.CountDocuments(ctx, req.ID); got != n {
		t.Errorf("documents after the retried job = %d, want %d (no duplicates)", got, n)
	}
	ds, err := db.Decisions(ctx, req.ID)
	if err != nil || len(ds) != 1 || ds[0].ID != dec.ID {
		t.Errorf("decisions after re-ingestion = %+v, %v; want the one decision kept", ds, err)
	}
	probs, err := db.IngestProblems(ctx, req.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range probs {
		got = append(got, p.Location+" "+p.Path+" "+p.Kind+": "+p.Reason)
	}
	want := []string{
		`drive drive/caf\xe9.txt failed: ` + ingest.ProblemBadName,
		"drive drive/plan.vsd unsupported: unsupported file type",
		"post post/box.mbox failed: partly read: message 3: file is damaged",
	}
	if !slices.Equal(got, want) {
		t.Errorf("ingest problems after the retried job = %q, want %q (each once)", got, want)
	}
	ps, err := db.JobsProgress(ctx, req.ID)
	ps = slices.DeleteFunc(ps, func(p postgres.JobProgress) bool { return p.Kind != "ingest" })
	if err != nil || len(ps) != 1 || ps[0].Done != n || ps[0].Total != n {
		t.Errorf("ingest job progress = %+v, %v; want one job, %d of %d", ps, err, n, n)
	}
}
