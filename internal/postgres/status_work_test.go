package postgres_test

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// Reading the record moves a logged request to in progress, with a line in
// its history; a request already further on is not moved back.
func TestStartWorkOnIngest(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	start := func() {
		t.Helper()
		if err := f.db.InTx(ctx, func(tx pgx.Tx) error { return postgres.StartWorkTx(ctx, tx, f.req.ID, 2) }); err != nil {
			t.Fatal(err)
		}
	}
	start()
	r, err := f.db.Request(ctx, f.req.ID)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != string(workflow.StatusInProgress) {
		t.Fatalf("status = %s, want in_progress", r.Status)
	}
	h, err := f.db.StatusHistory(ctx, f.req.ID)
	if err != nil {
		t.Fatal(err)
	}
	last := h[len(h)-1]
	if last.From != "logged" || last.To != "in_progress" || !strings.Contains(last.Note, "2 documents") || last.By != f.ig.ID {
		t.Fatalf("history = %+v", h)
	}
	if _, err := f.db.SetStatus(ctx, f.ig.ID, f.req.ID, r.Version, workflow.StatusInReview, "reviewing"); err != nil {
		t.Fatal(err)
	}
	start()
	if r, _ = f.db.Request(ctx, f.req.ID); r.Status != string(workflow.StatusInReview) {
		t.Fatalf("a second read moved the request back to %s", r.Status)
	}
}
