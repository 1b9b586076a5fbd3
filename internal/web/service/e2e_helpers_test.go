package service_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// ingesting reports whether an ingestion job of the request is unfinished.
func (e *e2e) ingesting(reqID int64) bool {
	jobs, err := e.db.JobsProgress(e.ctx, reqID)
	if err != nil || len(jobs) == 0 {
		return true
	}
	for _, j := range jobs {
		if j.Kind == "ingest" && j.Message != "done" {
			return true
		}
	}
	return false
}

func (e *e2e) decided(reqID int64) int {
	p, err := e.db.Progress(e.ctx, reqID)
	if err != nil {
		e.t.Fatalf("Progress: %v", err)
	}
	return p.Decided
}

func (e *e2e) decisionCount(reqID int64) int {
	ds, err := e.db.Decisions(e.ctx, reqID)
	if err != nil {
		e.t.Fatalf("Decisions: %v", err)
	}
	return len(ds)
}

func (e *e2e) pendingApprovals(reqID int64) int {
	aps, err := e.db.Approvals(e.ctx, reqID, true)
	if err != nil {
		e.t.Fatalf("Approvals: %v", err)
	}
	return len(aps)
}

// openFirstReview opens the review screen of the first document with a
// span suggestion about a person (so "disclose" applies).
func (e *e2e) openFirstReview() {
	e.t.Helper()
	reqPath := e.eval(`location.pathname.replace(/\/documents$/, "")`)
	sugs, err := e.db.Suggestions(e.ctx, e.requestID(reqPath), postgres.SuggestionFilter{Undecided: true})
	if err != nil {
		e.t.Fatalf("Suggestions: %v", err)
	}
	counts, whole := map[string]int{}, map[string]bool{}
	for _, s := range sugs {
		if s.Scope == "span" && s.PersonKey != "" {
			counts[s.DocID]++
		}
		if s.Scope != "span" {
			whole[s.DocID] = true // a section or the whole document: little plain text to select
		}
	}
	best, n := "", 0
	for d, c := range counts {
		if c >= 3 && !whole[d] && (best == "" || c < n || c == n && d < best) {
			best, n = d, c
		}
	}
	if best == "" {
		e.t.Fatalf("no document with three suggestions about people")
	}
	e.open(reqPath + "/documents/" + best)
	e.waitJS(`document.querySelector("#doctext") !== null`)
}

func (e *e2e) requestID(path string) int64 {
	var id int64
	fmt.Sscanf(strings.TrimPrefix(path, "/requests/"), "%d", &id)
	return id
}

// acceptRest accepts every undecided suggestion, as the officer.
func (e *e2e) acceptRest(reqID int64, officer login) {
	e.t.Helper()
	u, err := e.db.Authenticate(e.ctx, officer.email, officer.password)
	if err != nil {
		e.t.Fatalf("Authenticate: %v", err)
	}
	sugs, err := e.db.Suggestions(e.ctx, reqID, postgres.SuggestionFilter{Undecided: true})
	if err != nil {
		e.t.Fatalf("Suggestions: %v", err)
	}
	for _, s := range sugs {
		if _, err := e.db.Decide(e.ctx, u.ID, s.DBID, s.Version, workflow.DecisionInput{Kind: workflow.DecisionAccept}); err != nil {
			e.t.Fatalf("Decide %d: %v", s.DBID, err)
		}
	}
}

// download fetches a download link's file in the page (with the page's
// session cookie, as clicking it would) and saves it.
func (e *e2e) download(sel string) string {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(e.ctx, 2*time.Minute)
	defer cancel()
	b64, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch(document.querySelector(`+strconvQuote(sel)+`).href)
		.then(r => { if (!r.ok) throw new Error("HTTP " + r.status); return r.arrayBuffer(); })
		.then(b => { let s = ""; const u = new Uint8Array(b); for (let i = 0; i < u.length; i++) s += String.fromCharCode(u[i]); return btoa(s); })`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		e.t.Fatalf("download %s: %v", sel, err)
	}
	data, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		e.t.Fatalf("download %s: %v", sel, err)
	}
	path := filepath.Join(e.t.TempDir(), "bundle.pdf")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		e.t.Fatal(err)
	}
	return path
}

func strconvQuote(s string) string { return strconv.Quote(s) }

// score runs the leak scorer on the downloaded bundle and saves its report.
func (e *e2e) score(file, password string) {
	e.t.Helper()
	gold := filepath.Join(sharedDir, "sample-record.gold.json")
	out := filepath.Join(e.shots, "score.json")
	cmd := exec.Command("python3", filepath.Join(sharedDir, "tools", "score.py"), file, gold, "--password", password,
		"--record", filepath.Join(sharedDir, "sample-record", "record"), "--json", out)
	b, err := cmd.CombinedOutput()
	if err != nil {
		e.t.Fatalf("score.py: %v\n%s", err, b)
	}
	e.t.Logf("score.py:\n%s", b)
	_ = os.WriteFile(filepath.Join(e.shots, "score.txt"), b, 0o644)
	var got struct {
		LeakCount int     `json:"leak_count"`
		Keep      float64 `json:"keep"`
	}
	raw, err := os.ReadFile(out)
	if err == nil {
		err = json.Unmarshal(raw, &got)
	}
	if err != nil {
		e.t.Fatalf("score.py result %s: %v", out, err)
	}
	// One third-party disclosure was approved by legal on purpose: at most
	// that one string may be found; the person's own story must all be there.
	if got.LeakCount > 1 || got.Keep < 0.97 {
		e.t.Errorf("score.py: leaks=%d keep=%.3f, want leaks <= 1 (the approved disclosure) and keep >= 0.97", got.LeakCount, got.Keep)
	}
}

// storedBundleFile is a ready bundle's stored (unencrypted) file, read
// through DownloadBundle as a download reads it.
func storedBundleFile(t *testing.T, db *postgres.DB, userID, id int64) []byte {
	t.Helper()
	f, err := db.DownloadBundle(context.Background(), userID, id)
	if err != nil {
		t.Fatalf("DownloadBundle: %v", err)
	}
	rc, err := f.Open(context.Background())
	if err != nil {
		t.Fatalf("open bundle %d: %v", id, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		t.Fatalf("read bundle %d: %v", id, err)
	}
	if int64(len(data)) != f.Size {
		t.Fatalf("bundle %d: read %d bytes, stored size %d", id, len(data), f.Size)
	}
	return data
}
