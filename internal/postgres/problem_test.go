package postgres_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/workflow"
)

func problemKeys(t *testing.T, db *postgres.DB, requestID int64) []string {
	t.Helper()
	ps, err := db.IngestProblems(context.Background(), requestID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range ps {
		ack := "open"
		if p.AckAt != nil {
			ack = "acked"
		}
		out = append(out, p.Location+"|"+p.Path+"|"+p.Kind+"|"+p.Reason+"|"+ack)
	}
	return out
}

func TestIngestProblems(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	db := f.db
	first := []postgres.IngestProblem{
		{Location: "drive", Path: `drive/caf\xe9.txt`, Kind: postgres.ProblemFailed, Reason: "the file name is not valid UTF-8"},
		{Location: "drive", Path: "drive/plan.vsd", Kind: postgres.ProblemUnsupported, Reason: "unsupported file type"},
		{Location: "mail", Path: "mail/locked.pdf", Kind: postgres.ProblemFailed, Reason: "file is password-protected"},
	}
	if err := db.SaveIngestProblems(ctx, f.req.ID, []string{"drive", "mail"}, first); err != nil {
		t.Fatal(err)
	}
	// A retry saves the same again: no duplicates.
	if err := db.SaveIngestProblems(ctx, f.req.ID, []string{"drive", "mail"}, first); err != nil {
		t.Fatal(err)
	}
	want := []string{
		`drive|drive/caf\xe9.txt|failed|the file name is not valid UTF-8|open`,
		"drive|drive/plan.vsd|unsupported|unsupported file type|open",
		"mail|mail/locked.pdf|failed|file is password-protected|open",
	}
	if diff := cmp.Diff(want, problemKeys(t, db, f.req.ID)); diff != "" {
		t.Fatalf("IngestProblems after a retry (-want +got):\n%s", diff)
	}
	if n, err := db.UnacknowledgedProblems(ctx, f.req.ID); err != nil || n != 3 {
		t.Fatalf("UnacknowledgedProblems = %d, %v; want 3", n, err)
	}
	ps, _ := db.IngestProblems(ctx, f.req.ID)
	byPath := map[string]postgres.IngestProblem{}
	for _, p := range ps {
		byPath[p.Path] = p
	}

	// Acknowledging needs a reason, a problem of this request, and once only.
	if err := db.AcknowledgeProblem(ctx, f.ig.ID, f.req.ID, byPath["drive/plan.vsd"].ID, "  "); !errors.Is(err, workflow.ErrInvalid) {
		t.Errorf("AcknowledgeProblem(no reason) = %v, want ErrInvalid", err)
	}
	if err := db.AcknowledgeProblem(ctx, f.ig.ID, f.req.ID+1, byPath["drive/plan.vsd"].ID, "a diagram"); !errors.Is(err, workflow.ErrNotFound) {
		t.Errorf("AcknowledgeProblem(other request) = %v, want ErrNotFound", err)
	}
	for _, path := range []string{"drive/plan.vsd", "mail/locked.pdf"} {
		if err := db.AcknowledgeProblem(ctx, f.ig.ID, f.req.ID, byPath[path].ID, "printed copy read instead"); err != nil {
			t.Fatalf("AcknowledgeProblem(%s) = %v", path, err)
		}
	}
	if err := db.AcknowledgeProblem(ctx, f.ig.ID, f.req.ID, byPath["drive/plan.vsd"].ID, "again"); !errors.Is(err, workflow.ErrConflict) {
		t.Errorf("AcknowledgeProblem(twice) = %v, want ErrConflict", err)
	}
	if n, _ := db.UnacknowledgedProblems(ctx, f.req.ID); n != 1 {
		t.Errorf("UnacknowledgedProblems after two acknowledgements = %d, want 1", n)
	}
	ps, _ = db.IngestProblems(ctx, f.req.ID)
	for _, p := range ps {
		if p.Path == "drive/plan.vsd" && (p.AcknowledgedBy != f.ig.ID || p.AckReason != "printed copy read instead" || p.AckAt == nil) {
			t.Errorf("acknowledged problem = %+v, want by %d with its reason and time", p, f.ig.ID)
		}
	}
	log, err := db.AuditLog(ctx, f.req.ID, 10)
	if err != nil {
		t.Fatal(err)
	}
	acks := 0
	for _, e := range log {
		if e.Action == postgres.AuditProblemAck && e.UserID == f.ig.ID {
			acks++
		}
	}
	if acks != 2 {
		t.Errorf("audit rows %q = %d, want 2 (one per acknowledgement)", postgres.AuditProblemAck, acks)
	}

	// Ingesting "drive" again: the fixed file is gone, the unchanged one
	// keeps its acknowledgement, a changed reason must be acknowledged
	// again; "mail" is not touched.
	second := []postgres.IngestProblem{
		{Location: "drive", Path: "drive/plan.vsd", Kind: postgres.ProblemUnsupported, Reason: "unsupported file type"},
		{Location: "drive", Path: "drive/new.docx", Kind: postgres.ProblemFailed, Reason: "file is damaged"},
	}
	if err := db.SaveIngestProblems(ctx, f.req.ID, []string{"drive"}, second); err != nil {
		t.Fatal(err)
	}
	want = []string{
		"drive|drive/new.docx|failed|file is damaged|open",
		"drive|drive/plan.vsd|unsupported|unsupported file type|acked",
		"mail|mail/locked.pdf|failed|file is password-protected|acked",
	}
	if diff := cmp.Diff(want, problemKeys(t, db, f.req.ID)); diff != "" {
		t.Errorf("IngestProblems after ingesting drive again (-want +got):\n%s", diff)
	}
	if err := db.SaveIngestProblems(ctx, f.req.ID, []string{"mail"}, []postgres.IngestProblem{
		{Location: "mail", Path: "mail/locked.pdf", Kind: postgres.ProblemFailed, Reason: "file is damaged"}}); err != nil {
		t.Fatal(err)
	}
	if n, _ := db.UnacknowledgedProblems(ctx, f.req.ID); n != 2 {
		t.Errorf("UnacknowledgedProblems after mail's file failed another way = %d, want 2", n)
	}
	if err := db.SaveIngestProblems(ctx, f.req.ID, nil, []postgres.IngestProblem{{Location: "x", Path: "x/y", Kind: "lost", Reason: "?"}}); !errors.Is(err, workflow.ErrInvalid) {
		t.Errorf("SaveIngestProblems(kind lost) = %v, want ErrInvalid", err)
	}
}
