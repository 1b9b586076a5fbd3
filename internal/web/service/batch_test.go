package service_test

import (
	"bytes"
	"context"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/web"
	"github.com/disclose-sar/disclose/internal/web/service"
)

// TestIngestInBatches: a record read by one job per file gives what one
// job reading it whole gives — the same documents, the copy found across
// batches, the damaged file kept as a problem, which the next read (of
// more files) keeps.
func TestIngestInBatches(t *testing.T) {
	damaged := append([]byte("PK\x03\x04"), bytes.Repeat([]byte{0}, 40)...)
	note := []byte("Home visit note. Kim was at school and spoke about the review.\n")
	for _, batch := range []int{8, 1} {
		t.Run("batch of "+strconv.Itoa(batch), func(t *testing.T) {
			ctx := context.Background()
			_, db, base := runService(t, service.Config{Web: web.Config{Addr: "127.0.0.1:0"}, DataDir: t.TempDir(), Workers: 1, BatchFiles: batch})
			_, r, c := officerRequest(t, db, base, "Oona Officer", "Kim Example")
			api := "/api/v1/requests/" + strconv.FormatInt(r.ID, 10) + "/uploads"
			up := []upFile{{"visit.txt", note}, {"visit copy.txt", note}, {"letter.docx", docx(t, "Letter about the review meeting.")}, {"minutes.docx", damaged}}
			if code, body := c.upload(api, "Box 7", up); code != http.StatusOK {
				t.Fatalf("upload = %d %s", code, body)
			}
			waitJobs(t, db, r.ID, 2*time.Minute)
			checkDocuments(t, db, r.ID, []string{"Box 7/letter.docx", "Box 7/visit copy.txt", "Box 7/visit.txt"})
			checkCopiesAndProblems(t, db, r.ID)

			if code, body := c.upload(api, "Box 8", []upFile{{"later.txt", []byte("A later note about the placement.\n")}}); code != http.StatusOK {
				t.Fatalf("second upload = %d %s", code, body)
			}
			waitIngests(t, db, r.ID, 2)
			waitJobs(t, db, r.ID, 2*time.Minute)
			checkDocuments(t, db, r.ID, []string{"Box 7/letter.docx", "Box 7/visit copy.txt", "Box 7/visit.txt", "Box 8/later.txt"})
			checkCopiesAndProblems(t, db, r.ID)

			ps, err := db.JobsProgress(ctx, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			batches := 0
			for _, p := range ps {
				if p.Kind == "ingest_batch" {
					batches++
				}
			}
			if want := map[int]int{8: 0, 1: 4 + 5}[batch]; batches != want {
				t.Errorf("ingest batch jobs = %d, want %d", batches, want)
			}
		})
	}
}

// checkCopiesAndProblems: one of the two visit notes is the other's copy,
// and minutes.docx is the one problem.
func checkCopiesAndProblems(t *testing.T, db *postgres.DB, reqID int64) {
	t.Helper()
	docs, err := db.Documents(context.Background(), reqID)
	if err != nil {
		t.Fatal(err)
	}
	copies := 0
	for _, d := range docs {
		if d.DuplicateOf != "" {
			copies++
		}
	}
	if copies != 1 {
		t.Errorf("documents marked as copies = %d, want 1 (the visit note's copy)", copies)
	}
	probs, err := db.IngestProblems(context.Background(), reqID)
	if err != nil {
		t.Fatal(err)
	}
	if len(probs) != 1 || probs[0].Path != "Box 7/minutes.docx" || probs[0].Kind != postgres.ProblemFailed {
		t.Errorf("problems = %+v, want Box 7/minutes.docx failed", probs)
	}
}
