package service_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5"

	"github.com/disclose-sar/disclose/internal/ingest"
	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/web"
	"github.com/disclose-sar/disclose/internal/web/service"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// The blockers' texts (postgres.BundleBlockers) the tests look for.
const (
	blockerRunning = "the record is still being read or suggestions are still being made: wait until every location says done"
	blockerOneFile = "1 files could not be read and are not acknowledged: acknowledge each with a reason on the request page"
)

// TestBlockerWhileIngesting: through the real worker, a bundle cannot be
// queued while a location's ingest job runs, and a bundle already made
// cannot be downloaded or marked sent while a location attached after it
// is still being read; once the jobs finish and every suggestion is
// decided, each is allowed. The ingest job is held mid-run by a lock on
// ingest_problems, which it writes before any document.
func TestBlockerWhileIngesting(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	writeBlockerFolder(t, filepath.Join(root, "rook-a"), map[string]string{
		ingest.SubjectFile:     `{"name": "Tamsin Rook"}`,
		"case-notes/visit.txt": "Home visit. Tamsin Rook was at home with her aunt Perpetua Vantongeren.",
	})
	writeBlockerFolder(t, filepath.Join(root, "rook-b"), map[string]string{
		ingest.SubjectFile:     `{"name": "Tamsin Rook"}`,
		"school/report.txt":    "School report. Tamsin sat next to Oswin Blackwood in class.",
		"school/timetable.txt": "Timetable for the spring term.",
	})
	svc, db, _ := runService(t, service.Config{Web: web.Config{Addr: "127.0.0.1:0"}, DataDir: t.TempDir(),
		RecordRoots: []string{root}, Workers: 1})
	u, r := blockerRequest(t, db, "Tamsin Rook")

	// The first location, held while its ingest job runs.
	release := holdIngest(t, db)
	if err := svc.Jobs.Ingest(ctx, u, r.ID, "", filepath.Join(root, "rook-a")); err != nil {
		t.Fatal(err)
	}
	waitIngestRunning(t, db, r.ID)
	if _, err := svc.Jobs.Bundle(ctx, u, r.ID); !refused(err, blockerRunning) {
		t.Errorf("Jobs.Bundle while the record is read = %v, want refused: still being read", err)
	}
	if _, err := db.CreateBundle(ctx, u.ID, r.ID, nil); !refused(err, blockerRunning) {
		t.Errorf("CreateBundle while the record is read = %v, want refused: still being read", err)
	}
	release()
	waitJobs(t, db, r.ID, 2*time.Minute)

	// Done reading, but suggestions are undecided: still refused, no longer
	// for the running job.
	_, err := db.CreateBundle(ctx, u.ID, r.ID, nil)
	if !refused(err, "suggestions are not decided") || strings.Contains(err.Error(), "still being read") {
		t.Fatalf("CreateBundle with undecided suggestions = %v, want refused for them alone", err)
	}
	if decideAll(t, db, u, r.ID) == 0 {
		t.Fatal("no suggestions were made over the first location: the record does not test deciding")
	}
	checkBlockers(t, db, r.ID, nil)
	id := waitBundleReady(t, svc, db, u, r.ID)
	if _, err := db.DownloadBundle(ctx, u.ID, id); err != nil {
		t.Fatalf("DownloadBundle once all is decided: %v", err)
	}

	// A second location attached and still being read: the bundle already
	// made no longer shows the whole record.
	release = holdIngest(t, db)
	if err := svc.Jobs.Ingest(ctx, u, r.ID, "", filepath.Join(root, "rook-b")); err != nil {
		t.Fatal(err)
	}
	waitIngestRunning(t, db, r.ID)
	checkBlockers(t, db, r.ID, []string{blockerRunning})
	if _, err := db.DownloadBundle(ctx, u.ID, id); !refused(err, blockerRunning) {
		t.Errorf("DownloadBundle while a new location is read = %v, want refused: still being read", err)
	}
	if err := db.ReleaseBundle(ctx, u.ID, id); !refused(err, blockerRunning) {
		t.Errorf("ReleaseBundle while a new location is read = %v, want refused: still being read", err)
	}
	if _, err := svc.Jobs.Bundle(ctx, u, r.ID); !refused(err, blockerRunning) {
		t.Errorf("Jobs.Bundle while a new location is read = %v, want refused: still being read", err)
	}
	release()
	waitIngests(t, db, r.ID, 2)
	waitJobs(t, db, r.ID, 2*time.Minute)
	decideAll(t, db, u, r.ID)
	checkBlockers(t, db, r.ID, nil)
	if _, err := db.DownloadBundle(ctx, u.ID, id); err != nil {
		t.Errorf("DownloadBundle after the new location is read and decided: %v", err)
	}
	if err := db.ReleaseBundle(ctx, u.ID, id); err != nil {
		t.Errorf("ReleaseBundle after the new location is read and decided: %v", err)
	}
}

// TestBlockerUnacknowledgedFile: a folder with one damaged .docx beside
// good files is read through the real worker; with every suggestion
// decided, a bundle is still refused for the one file nobody acknowledged,
// and allowed once an officer acknowledges it with a reason. A location
// attached later with another damaged file stops the bundle already made
// from being downloaded or sent until that file is acknowledged too.
func TestBlockerUnacknowledgedFile(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	writeBlockerFolder(t, filepath.Join(root, "rook"), map[string]string{
		ingest.SubjectFile:      `{"name": "Tamsin Rook"}`,
		"case-notes/visit.txt":  "Home visit. Tamsin Rook was at home with her aunt Perpetua Vantongeren.",
		"case-notes/review.txt": "Review meeting held at Larkfield School.",
		"letters/plan.docx":     "this is not a zip file at all",
	})
	writeBlockerFolder(t, filepath.Join(root, "rook-later"), map[string]string{
		ingest.SubjectFile:     `{"name": "Tamsin Rook"}`,
		"archive/note.txt":     "The archive box was opened.",
		"archive/minutes.docx": "also not a zip",
	})
	svc, db, _ := runService(t, service.Config{Web: web.Config{Addr: "127.0.0.1:0"}, DataDir: t.TempDir(),
		RecordRoots: []string{root}, Workers: 1})
	u, r := blockerRequest(t, db, "Tamsin Rook")

	if err := svc.Jobs.Ingest(ctx, u, r.ID, "", filepath.Join(root, "rook")); err != nil {
		t.Fatal(err)
	}
	waitJobs(t, db, r.ID, 2*time.Minute)
	if decideAll(t, db, u, r.ID) == 0 {
		t.Fatal("no suggestions were made: the record does not test deciding")
	}
	probs, err := db.IngestProblems(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(probs) != 1 || probs[0].Path != "letters/plan.docx" || probs[0].Kind != postgres.ProblemFailed {
		t.Fatalf("IngestProblems = %+v, want letters/plan.docx failed", probs)
	}
	checkBlockers(t, db, r.ID, []string{blockerOneFile})
	if _, err := db.CreateBundle(ctx, u.ID, r.ID, nil); !refused(err, blockerOneFile) {
		t.Errorf("CreateBundle with an unacknowledged file = %v, want refused naming it", err)
	}
	if _, err := svc.Jobs.Bundle(ctx, u, r.ID); !refused(err, blockerOneFile) {
		t.Errorf("Jobs.Bundle with an unacknowledged file = %v, want refused naming it", err)
	}
	if err := db.AcknowledgeProblem(ctx, u.ID, r.ID, probs[0].ID, "the plan was read from the case system"); err != nil {
		t.Fatal(err)
	}
	checkBlockers(t, db, r.ID, nil)
	id := waitBundleReady(t, svc, db, u, r.ID)
	if _, err := db.DownloadBundle(ctx, u.ID, id); err != nil {
		t.Fatalf("DownloadBundle once the file is acknowledged: %v", err)
	}

	// A new location brings a new damaged file: the bundle made before it
	// can be neither downloaded nor sent.
	if err := svc.Jobs.Ingest(ctx, u, r.ID, "", filepath.Join(root, "rook-later")); err != nil {
		t.Fatal(err)
	}
	waitIngests(t, db, r.ID, 2)
	waitJobs(t, db, r.ID, 2*time.Minute)
	decideAll(t, db, u, r.ID)
	checkBlockers(t, db, r.ID, []string{blockerOneFile})
	if _, err := db.DownloadBundle(ctx, u.ID, id); !refused(err, blockerOneFile) {
		t.Errorf("DownloadBundle with a new unacknowledged file = %v, want refused naming it", err)
	}
	if err := db.ReleaseBundle(ctx, u.ID, id); !refused(err, blockerOneFile) {
		t.Errorf("ReleaseBundle with a new unacknowledged file = %v, want refused naming it", err)
	}
	probs, err = db.IngestProblems(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	var fresh *postgres.IngestProblem
	for i, p := range probs {
		if p.AckAt == nil {
			fresh = &probs[i]
		}
	}
	if len(probs) != 2 || fresh == nil || fresh.Path != "archive/minutes.docx" {
		t.Fatalf("IngestProblems after the new location = %+v, want plan.docx acknowledged and archive/minutes.docx not", probs)
	}
	if err := db.AcknowledgeProblem(ctx, u.ID, r.ID, fresh.ID, "the minutes are kept on paper and were copied in by hand"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.DownloadBundle(ctx, u.ID, id); err != nil {
		t.Errorf("DownloadBundle once the new file is acknowledged: %v", err)
	}
	if err := db.ReleaseBundle(ctx, u.ID, id); err != nil {
		t.Errorf("ReleaseBundle once the new file is acknowledged: %v", err)
	}
}

// writeBlockerFolder writes an invented record folder.
func writeBlockerFolder(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// blockerRequest makes an IG officer and a request of their team.
func blockerRequest(t *testing.T, db *postgres.DB, subject string) (workflow.User, record.Request) {
	t.Helper()
	ctx := context.Background()
	u, _, err := db.CreateUser(ctx, 0, postgres.NewUser{Email: "officer@example.test", Name: "Idris Officer",
		Roles: []workflow.Role{workflow.RoleIGOfficer}, Team: "IG"})
	if err != nil {
		t.Fatal(err)
	}
	r, err := db.CreateRequest(ctx, u.ID, record.Request{Subject: record.Subject{Name: subject},
		Requester: record.Requester{Kind: record.RequesterSubject, Name: subject}, Received: time.Now(), Team: u.TeamID})
	if err != nil {
		t.Fatal(err)
	}
	return u, r
}

// holdIngest locks ingest_problems against writes, so an ingest job
// stops, running, at its first save; reads (the bundle check) go on. The
// returned func lets it go (and runs at cleanup if the test stops first).
func holdIngest(t *testing.T, db *postgres.DB) func() {
	t.Helper()
	ctx := context.Background()
	tx, err := db.Pool.BeginTx(ctx, pgx.TxOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, `LOCK TABLE ingest_problems IN EXCLUSIVE MODE`); err != nil {
		_ = tx.Rollback(ctx)
		t.Fatal(err)
	}
	done := false
	release := func() {
		if !done {
			done = true
			_ = tx.Rollback(ctx)
		}
	}
	t.Cleanup(release)
	return release
}

// waitIngestRunning waits until an ingest job of the request is running
// in River (a worker took it and is inside Work).
func waitIngestRunning(t *testing.T, db *postgres.DB, reqID int64) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		var n int
		if err := db.Pool.QueryRow(context.Background(), `SELECT count(*) FROM river_job
			WHERE kind = 'ingest' AND state = 'running' AND (args->>'request_id')::bigint = $1`, reqID).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("no ingest job running after a minute")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// refused reports whether err is a workflow refusal naming want.
func refused(err error, want string) bool {
	return err != nil && errors.Is(err, workflow.ErrInvalid) && strings.Contains(err.Error(), want)
}

// checkBlockers compares the request's blockers over all its documents.
func checkBlockers(t *testing.T, db *postgres.DB, reqID int64, want []string) {
	t.Helper()
	got, err := db.BundleBlockers(context.Background(), reqID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("BundleBlockers (-want +got):\n%s", diff)
	}
}

// decideAll accepts every undecided suggestion of the request and says
// how many it decided.
func decideAll(t *testing.T, db *postgres.DB, u workflow.User, reqID int64) int {
	t.Helper()
	ctx := context.Background()
	sugs, err := db.Suggestions(ctx, reqID, postgres.SuggestionFilter{Undecided: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sugs {
		if _, err := db.Decide(ctx, u.ID, s.DBID, s.Version, workflow.DecisionInput{Kind: workflow.DecisionAccept}); err != nil {
			t.Fatalf("Decide %d: %v", s.DBID, err)
		}
	}
	// Accepting a partner agency's withholding asks legal: a legal user
	// signs every such decision off, as in the workflow.
	aps, err := db.Approvals(ctx, reqID, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(aps) > 0 {
		var legal workflow.User
		users, err := db.Users(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range users {
			if x.Has(workflow.RoleLegal) {
				legal = x
			}
		}
		if legal.ID == 0 {
			legal, _, err = db.CreateUser(ctx, 0, postgres.NewUser{Email: "legal@example.test", Name: "Lena Legal",
				Roles: []workflow.Role{workflow.RoleLegal}, Team: "IG"})
			if err != nil {
				t.Fatal(err)
			}
		}
		for _, a := range aps {
			if _, err := db.DecideApproval(ctx, legal, a.ID, a.Version, true, "proportionate"); err != nil {
				t.Fatalf("DecideApproval %d: %v", a.ID, err)
			}
		}
	}
	return len(sugs)
}

// waitBundleReady queues a bundle through the service and waits until the
// worker has built it.
func waitBundleReady(t *testing.T, svc *service.Service, db *postgres.DB, u workflow.User, reqID int64) int64 {
	t.Helper()
	ctx := context.Background()
	id, err := svc.Jobs.Bundle(ctx, u, reqID)
	if err != nil {
		t.Fatalf("Jobs.Bundle: %v", err)
	}
	waitBundle(t, db, id)
	return id
}
