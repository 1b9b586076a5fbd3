package postgres_test

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// testPDFSHA is the SHA-256 of "%PDF-1.7 test".
const testPDFSHA = "eddc31937fbdaf708e866af0d20b9fb8c79dd001881c8a11e4c617f2882e779f"

func TestStagedBundlesAndConsultation(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	// d2 has undecided suggestions; d1 alone may go in an early release once decided.
	if _, err := f.db.CreateBundle(ctx, f.ig.ID, f.req.ID, []string{"d1"}); !errors.Is(err, workflow.ErrInvalid) {
		t.Fatalf("bundle with an undecided suggestion: err = %v, want ErrInvalid", err)
	}
	s1 := f.suggestion(t, "s1")
	if _, err := f.db.Decide(ctx, f.ig.ID, s1.DBID, s1.Version, workflow.DecisionInput{Kind: workflow.DecisionAccept}); err != nil {
		t.Fatal(err)
	}
	b1, err := f.db.CreateBundle(ctx, f.ig.ID, f.req.ID, []string{"d1"})
	if err != nil || b1.Release != 1 || b1.State != "queued" {
		t.Fatalf("CreateBundle = %+v, %v; want release 1 queued", b1, err)
	}
	if _, err := f.db.DownloadBundle(ctx, f.ig.ID, b1.ID); !errors.Is(err, workflow.ErrInvalid) {
		t.Errorf("download of a queued bundle: err = %v, want ErrInvalid", err)
	}
	if err := f.db.SaveBundleFile(ctx, b1.ID, strings.NewReader("%PDF-1.7 test"), map[string]any{"rows": 1}, map[string]any{"leaks": 0}); err != nil {
		t.Fatal(err)
	}
	file, err := f.db.DownloadBundle(ctx, f.ig.ID, b1.ID)
	if err != nil {
		t.Fatalf("DownloadBundle: %v", err)
	}
	if data := readBundleFile(t, file); string(data) != "%PDF-1.7 test" || file.Size != int64(len(data)) {
		t.Fatalf("DownloadBundle's file = %q of size %d, want %q", data, file.Size, "%PDF-1.7 test")
	}
	// The row names what was stored: no blob store here, so the row holds it.
	if b, err := f.db.Bundle(ctx, b1.ID); err != nil || b.SHA256 != testPDFSHA || b.Size != 13 {
		t.Errorf("Bundle after SaveBundleFile = sha256 %q, size %d (%v); want %s, 13", b.SHA256, b.Size, err, testPDFSHA)
	}
	log, _ := f.db.AuditLog(ctx, f.req.ID, 1)
	if len(log) != 1 || log[0].Action != postgres.AuditBundleDownload {
		t.Errorf("last audit entry = %+v, want the download", log)
	}
	if err := f.db.ReleaseBundle(ctx, f.ig.ID, b1.ID); err != nil {
		t.Fatal(err)
	}
	released, _ := f.db.Requests(ctx, postgres.RequestFilter{Teams: []int64{f.ig.TeamID}, Released: true})
	if len(released) != 1 {
		t.Errorf("requests with a released bundle = %d, want 1", len(released))
	}
	b, _ := f.db.Bundle(ctx, b1.ID)
	if b.State != "released" || b.Certificate == nil {
		t.Errorf("bundle after release = %+v", b)
	}

	c, err := f.db.SaveConsultation(ctx, f.ig.ID, postgres.Consultation{RequestID: f.req.ID, Agency: "Police", Sent: "two pages of d2", State: "asked"})
	if err != nil {
		t.Fatal(err)
	}
	c.State, c.Outcome = "answered", "no objection"
	if _, err := f.db.SaveConsultation(ctx, f.ig.ID, c); err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.SaveConsultation(ctx, f.ig.ID, c); !errors.Is(err, workflow.ErrConflict) {
		t.Errorf("saving a stale consultation: err = %v, want ErrConflict", err)
	}
}

// readBundleFile reads a downloaded bundle's file whole.
func readBundleFile(t *testing.T, f postgres.BundleFile) []byte {
	t.Helper()
	rc, err := f.Open(context.Background())
	if err != nil {
		t.Fatalf("open the bundle's file: %v", err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		t.Fatalf("read the bundle's file: %v", err)
	}
	return data
}
