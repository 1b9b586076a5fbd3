package service_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/disclose-sar/disclose/internal/pgtest"
	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/testproc"
	"github.com/disclose-sar/disclose/internal/web"
	"github.com/disclose-sar/disclose/internal/web/service"
	"github.com/disclose-sar/disclose/internal/worker"
)

// nodeEnv carries a child node's settings (nodeSettings as JSON) to the
// test binary run again as node B.
const nodeEnv = "DISCLOSE_TEST_NODE"

type nodeSettings struct {
	URL  string // the shared database
	Data string // this node's own data directory
	// Hang names a file: once it exists the node stops for good after
	// saving a batch of documents, and says so by writing Data/hung.
	Hang string
}

// init runs node B when the binary is started as one (before TestMain).
func init() {
	if v := os.Getenv(nodeEnv); v != "" {
		os.Exit(runNode(v))
	}
}

// nodeTuning shortens heartbeats so a dead node's job is re-queued in
// about a second instead of 90.
func nodeTuning(d *worker.Deps, c *worker.Config) {
	c.BeatEvery, c.StaleAfter, c.RescueEvery = 200*time.Millisecond, time.Second, 300*time.Millisecond
	d.BatchSize = 2
}

// runNode is node B: a whole service with one worker on the shared
// database and blob store, with a data directory of its own.
func runNode(v string) int {
	var ns nodeSettings
	if err := json.Unmarshal([]byte(v), &ns); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, ns.URL)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	db := postgres.New(pool)
	db.AuditKey = pgtest.AuditKey()
	svc, err := service.New(service.Config{Web: web.Config{Addr: "127.0.0.1:0"}, DataDir: ns.Data, Blobs: db.Blobs(), Workers: 1,
		BatchFiles: 2, Log: slog.New(slog.DiscardHandler),
		Tune: func(d *worker.Deps, c *worker.Config) {
			nodeTuning(d, c)
			d.AfterBatch = func(context.Context, int64, int, int) {
				if _, err := os.Stat(ns.Hang); err == nil {
					os.WriteFile(filepath.Join(ns.Data, "hung"), nil, 0o600)
					select {} // the parent kills this process here
				}
			}
		}}, db)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	err = svc.Run(ctx, func(addr string) {
		os.WriteFile(filepath.Join(ns.Data, "addr"), []byte(addr), 0o600)
		fmt.Println("serving on", addr)
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// TestTwoNodes is issue 16's "many nodes on one PostgreSQL": node A (this
// process, web only at first) and node B (a child process with a worker),
// each with its own data directory, share one database and its blob
// store. Files uploaded through A are ingested by B; a bundle asked for on
// B is built by B and downloaded from A; B is killed (SIGKILL) in the
// middle of the next ingestion, read in batches of two files, and A, once
// it works jobs, finishes it with every document once.
func TestTwoNodes(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewDB(t)
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	db := postgres.New(pool)
	db.AuditKey = pgtest.AuditKey()
	// Node A: this process, its web server only.
	dataA := t.TempDir()
	a, err := service.New(service.Config{Web: web.Config{Addr: "127.0.0.1:0"}, DataDir: dataA, Blobs: db.Blobs(), Workers: 1,
		BatchFiles: 2, Log: slog.New(slog.DiscardHandler), Tune: nodeTuning}, db)
	if err != nil {
		t.Fatal(err)
	}
	baseA := serve(t, a)
	officer, r, ca := officerRequest(t, db, baseA, "Oona Officer", "Kim Example")

	// Node B: a child process.
	dataB, hang := t.TempDir(), filepath.Join(t.TempDir(), "hang")
	settings, _ := json.Marshal(nodeSettings{URL: url, Data: dataB, Hang: hang})
	b := testproc.Start(t, nodeEnv+"="+string(settings), "serving on", time.Minute)
	addrB, err := os.ReadFile(filepath.Join(dataB, "addr"))
	if err != nil {
		t.Fatal(err)
	}
	baseB := "http://" + string(addrB)

	cb := newHTTPClient(t, baseB, "o@example.test", "own password of the test user") // chosen through A
	reqPath := "/api/v1/requests/" + strconv.FormatInt(r.ID, 10)

	// 1. Uploaded through A, ingested by B (A works no jobs).
	scanDir := t.TempDir()
	writeScanRecord(t, scanDir)
	letter, err := os.ReadFile(filepath.Join(scanDir, "archive-scans", "letter.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	note := []byte("Home visit. Kim Example was at home and spoke about school.\n")
	// A scan (rendered from its source in the bundle) and an RTF letter
	// (read through LibreOffice, on B).
	rtf := []byte(`{\rtf1\ansi Letter to Kim Example about the review meeting.\par}`)
	up := []upFile{{"visit.txt", note}, {"letter.pdf", letter}, {"invite.rtf", rtf}}
	if code, body := ca.upload(reqPath+"/uploads", "Box 1", up); code != http.StatusOK {
		t.Fatalf("upload through A = %d: %s", code, body)
	}
	waitJobs(t, db, r.ID, 3*time.Minute)
	checkDocuments(t, db, r.ID, []string{"Box 1/invite.rtf", "Box 1/letter.pdf", "Box 1/visit.txt"})
	if files(t, dataA) != nil {
		t.Errorf("node A's data directory holds %v; want nothing: the files are in PostgreSQL", files(t, dataA))
	}

	// 2. A bundle asked for on B, built by B, downloaded from A.
	decideAll(t, db, officer, r.ID)
	var made struct{ ID int64 }
	cb.postAPI(reqPath+"/bundles", &made)
	bundle := waitBundle(t, db, made.ID)
	var cert service.Certificate
	raw, _ := json.Marshal(bundle.Certificate)
	json.Unmarshal(raw, &cert)
	if w := strings.Join(cert.Warnings, "\n"); strings.Contains(w, "source file not found") {
		t.Errorf("bundle built on B: %s; want the sources read from the blob store", w)
	}
	var dl struct{ Password, URL string }
	ca.postAPI(reqPath+"/bundles/"+strconv.FormatInt(made.ID, 10)+"/download", &dl)
	pdf := ca.get(dl.URL)
	if !strings.HasPrefix(pdf, "%PDF-") || dl.Password == "" {
		t.Fatalf("bundle downloaded from A: %d bytes starting %.8q, password %q; want an encrypted PDF", len(pdf), pdf, dl.Password)
	}
	if _, err := db.DownloadBundle(ctx, officer.ID, made.ID); err != nil {
		t.Fatalf("DownloadBundle: %v", err)
	}

	// 3. B dies in the middle of ingesting more files; A finishes the job.
	if err := os.WriteFile(hang, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	var more []upFile
	want := []string{"Box 1/invite.rtf", "Box 1/letter.pdf", "Box 1/visit.txt"}
	for i := range 6 {
		name := fmt.Sprintf("note %d.txt", i)
		more = append(more, upFile{name, fmt.Appendf(nil, "Note %d: Kim Example phoned about the review.\n", i)})
		want = append(want, "Box 2/"+name)
	}
	if code, body := ca.upload(reqPath+"/uploads", "Box 2", more); code != http.StatusOK {
		t.Fatalf("second upload through A = %d: %s", code, body)
	}
	waitFile(t, filepath.Join(dataB, "hung"), 2*time.Minute)
	testproc.Kill(t, b)
	if err := a.Worker.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Worker.Stop(context.Background()) })
	waitJobs(t, db, r.ID, 3*time.Minute)
	checkDocuments(t, db, r.ID, want)
	// Three files were read in two batch jobs, then nine in five. The
	// one B died in was attempted by B and then finished by A: it is the
	// only job two clients worked on. (On a loaded machine a node can miss
	// its beats and re-queue a job of its own, so a job may have more than
	// two attempts; what matters is who ran it.)
	ps, err := db.JobsProgress(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	batches, retried, runs := 0, 0, []string{}
	for _, p := range ps {
		if p.Kind != "ingest_batch" {
			continue
		}
		batches++
		job, err := a.Worker.Job(ctx, p.JobID)
		if err != nil {
			t.Fatal(err)
		}
		if by := job.AttemptedBy; len(by) >= 2 && by[0] != by[len(by)-1] {
			retried++
		}
		runs = append(runs, fmt.Sprintf("job %d %s attempt %d by %v", job.ID, job.State, job.Attempt, job.AttemptedBy))
	}
	if batches != 2+5 || retried != 1 {
		t.Errorf("ingest batch jobs: %d, %d of them run again by A after B died; want 7 and 1\n%s", batches, retried, strings.Join(runs, "\n"))
	}
}

// checkDocuments: the request has exactly the documents at these paths,
// each once.
func checkDocuments(t *testing.T, db *postgres.DB, reqID int64, want []string) {
	t.Helper()
	docs, err := db.Documents(context.Background(), reqID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range docs {
		got = append(got, d.Path)
	}
	slices.Sort(got)
	slices.Sort(want)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("documents, each once (-want +got):\n%s", diff)
	}
}

// waitBundle waits for a bundle to be built.
func waitBundle(t *testing.T, db *postgres.DB, id int64) postgres.Bundle {
	t.Helper()
	return waitReady(t, db, id, 3*time.Minute)
}

func waitFile(t *testing.T, path string, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		if _, err := os.Stat(path); err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s not written within %s", path, limit)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// postAPI posts an empty JSON object to the API and decodes the answer.
func (c *httpClient) postAPI(path string, out any) {
	c.t.Helper()
	code, body := c.postJSON(path, struct{}{})
	if code >= 300 {
		c.t.Fatalf("POST %s = %d: %s", path, code, body)
	}
	if err := json.Unmarshal([]byte(body), out); err != nil {
		c.t.Fatalf("POST %s: %v in %s", path, err, body)
	}
}
