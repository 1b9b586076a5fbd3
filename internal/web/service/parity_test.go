package service_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/disclose-sar/disclose/internal/bundle"
	"github.com/disclose-sar/disclose/internal/extract"
	"github.com/disclose-sar/disclose/internal/ingest"
	"github.com/disclose-sar/disclose/internal/pgtest"
	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/release"
	"github.com/disclose-sar/disclose/internal/review"
	"github.com/disclose-sar/disclose/internal/rules"
	"github.com/disclose-sar/disclose/internal/samples"
	"github.com/disclose-sar/disclose/internal/suggest"
	"github.com/disclose-sar/disclose/internal/synth"
	"github.com/disclose-sar/disclose/internal/web"
	"github.com/disclose-sar/disclose/internal/web/service"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// TestParitySynthetic: for a synthetic record of about 60 pages, the
// decisions the batch path makes (every suggestion applied as suggested),
// made instead through the JSON API by an officer (Accept on every
// suggestion, every file not read acknowledged) and a legal adviser (every
// approval given), give the same redactions and the same bundle text,
// apart from the bundle's date. The record has one damaged file, which
// both bundles name.
func TestParitySynthetic(t *testing.T) {
	roots := t.TempDir()
	dir := filepath.Join(roots, "synthetic")
	if _, err := synth.Write(dir, 60, 11); err != nil {
		t.Fatal(err)
	}
	// A damaged file: the batch path names it in the bundle; the officer
	// acknowledges it so the server may make the bundle, which names it too.
	if err := os.WriteFile(filepath.Join(dir, "shared-drive", "reviews", "review notes.docx"), []byte("PK\x03\x04 cut short"), 0o644); err != nil {
		t.Fatal(err)
	}
	checkParity(t, roots, dir, false)
}

// TestParitySample is TestParitySynthetic for the public sample record,
// and the leak scorer finds the same leaks and keep in both bundles.
func TestParitySample(t *testing.T) {
	dir := samples.Record(t)
	checkParity(t, filepath.Dir(dir), dir, true)
}

// span is what must agree about a redaction between the two paths.
type span struct {
	DocID      string
	Start, End int
	Withhold   bool
	Code       string
}

func spans(rs []record.Redaction) []span {
	out := make([]span, len(rs))
	for i, r := range rs {
		out[i] = span{r.DocID, r.Start, r.End, r.Withhold, r.Code}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.DocID != b.DocID {
			return a.DocID < b.DocID
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.End != b.End {
			return a.End < b.End
		}
		if a.Code != b.Code {
			return a.Code < b.Code
		}
		return !a.Withhold && b.Withhold
	})
	return out
}

// checkParity makes the bundle of the record folder dir both ways and
// compares them.
func checkParity(t *testing.T, roots, dir string, score bool) {
	tools := []string{"pdftotext"}
	if score {
		tools = append(tools, "python3")
	}
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s not installed: %v", tool, err)
		}
	}
	ctx := context.Background()
	started := time.Now()
	subject := readSubject(t, dir)

	// The server: users made by an administrator, everything else through
	// the JSON API with a session and its CSRF token.
	// Bundles are kept in the PostgreSQL blob store, as on a cluster, and
	// written first under a temporary folder of the test's.
	db := postgres.New(pgtest.NewPool(t))
	tmp := t.TempDir()
	_, db, base := runServiceOn(t, service.Config{Web: web.Config{Addr: "127.0.0.1:0"}, DataDir: t.TempDir(),
		Blobs: db.Blobs(), TempDir: tmp, RecordRoots: []string{roots}, Workers: 1}, db)
	user := func(email, name string, role workflow.Role) *httpClient {
		_, pw, err := db.CreateUser(ctx, 0, postgres.NewUser{Email: email, Name: name, Roles: []workflow.Role{role}, Team: "IG"})
		if err != nil {
			t.Fatalf("CreateUser %s: %v", email, err)
		}
		return newHTTPClient(t, base, email, pw)
	}
	officer := user("parity-officer@example.test", "Parity Officer", workflow.RoleIGOfficer)
	legal := user("parity-legal@example.test", "Parity Legal", workflow.RoleLegal)

	code, body := officer.postJSON("/api/v1/requests", web.NewRequest{Request: record.Request{Subject: subject,
		Requester: record.Requester{Kind: record.RequesterSubject, Name: subject.Name}, Regime: "uk-gdpr",
		Nation: "england-and-wales", Channel: "email", Received: time.Now()}, RecordPath: dir})
	if code != http.StatusOK {
		t.Fatalf("POST /api/v1/requests = %d: %.300s", code, body)
	}
	var created struct{ ID int64 }
	if err := json.Unmarshal([]byte(body), &created); err != nil || created.ID == 0 {
		t.Fatalf("POST /api/v1/requests answered %.300s (%v)", body, err)
	}
	reqID := created.ID
	api := "/api/v1/requests/" + strconv.FormatInt(reqID, 10)
	var req struct{ Request struct{ Reference string } }
	getJSON(t, officer, api, &req)
	if req.Request.Reference == "" {
		t.Fatal("the request has no reference")
	}
	waitJobs(t, db, reqID, 10*time.Minute)

	// The batch side, with the request's reference so the pages can match.
	batch := batchBundle(t, dir, req.Request.Reference)

	// Files that were not read: the batch path names them in the bundle
	// and goes on; the officer acknowledges each, which the server needs.
	var probs struct{ Problems []web.Problem }
	getJSON(t, officer, api+"/problems", &probs)
	for _, p := range probs.Problems {
		if code, body := officer.postJSON(fmt.Sprintf("%s/problems/%d/acknowledge", api, p.ID),
			map[string]string{"reason": "named in the bundle, as the batch path does"}); code != http.StatusNoContent {
			t.Fatalf("acknowledge problem %d = %d: %.300s", p.ID, code, body)
		}
	}
	var batchPaths, serverPaths []string
	for _, p := range batch.problems {
		batchPaths = append(batchPaths, p.Path)
	}
	for _, p := range probs.Problems {
		serverPaths = append(serverPaths, p.Path)
	}
	sort.Strings(batchPaths)
	sort.Strings(serverPaths)
	if diff := cmp.Diff(batchPaths, serverPaths); diff != "" {
		t.Errorf("files not read differ (-batch +server):\n%s", diff)
	}

	// The officer accepts every suggestion, one at a time, with its version.
	accepted, conflicts := 0, 0
	for round := 0; ; round++ {
		if round > 20 {
			t.Fatalf("suggestions still undecided after %d rounds", round)
		}
		var list struct{ Suggestions []web.Item }
		getJSON(t, officer, api+"/suggestions", &list)
		if round == 0 && len(list.Suggestions) == 0 {
			t.Fatal("the server made no suggestions")
		}
		undecided := 0
		for _, it := range list.Suggestions {
			if it.Decision != nil {
				continue
			}
			undecided++
			code, body := officer.postJSON(api+"/decisions", web.DecisionInput{SuggestionID: it.ID, Version: it.Version,
				DecisionInput: workflow.DecisionInput{Kind: workflow.DecisionAccept}})
			switch code {
			case http.StatusOK, http.StatusNoContent, http.StatusSeeOther:
				accepted++
			case http.StatusConflict:
				conflicts++ // decided with another one: read the list again
			default:
				t.Fatalf("accept suggestion %s = %d: %.300s", it.ID, code, body)
			}
		}
		if undecided == 0 {
			break
		}
	}

	// Legal approves every decision waiting for sign-off.
	approved := 0
	for round := 0; ; round++ {
		if round > 20 {
			t.Fatalf("approvals still pending after %d rounds", round)
		}
		var queue struct{ Approvals []web.Approval }
		getJSON(t, legal, "/api/v1/approvals", &queue)
		n := 0
		for _, a := range queue.Approvals {
			if a.RequestID != reqID {
				continue
			}
			n++
			if code, body := legal.postJSON("/api/v1/approvals/"+strconv.FormatInt(a.ID, 10),
				map[string]any{"approve": true, "reason": "approved as suggested"}); code != http.StatusNoContent {
				t.Fatalf("approve %d = %d: %.300s", a.ID, code, body)
			}
			approved++
		}
		if n == 0 {
			break
		}
	}
	t.Logf("server: %d suggestions accepted through the API (%d stale versions read again), %d approvals given, %d files not read acknowledged",
		accepted, conflicts, approved, len(probs.Problems))

	// The officer queues the bundle, waits for it and downloads it.
	code, body = officer.postJSON(api+"/bundles", struct{}{})
	if code != http.StatusOK {
		t.Fatalf("POST bundles = %d: %.300s", code, body)
	}
	var queued struct{ ID int64 }
	if err := json.Unmarshal([]byte(body), &queued); err != nil || queued.ID == 0 {
		t.Fatalf("POST bundles answered %.300s (%v)", body, err)
	}
	deadline := time.Now().Add(10 * time.Minute)
	for {
		var bs struct{ Bundles []web.Bundle }
		getJSON(t, officer, api+"/bundles", &bs)
		var b *web.Bundle
		for i := range bs.Bundles {
			if bs.Bundles[i].ID == queued.ID {
				b = &bs.Bundles[i]
			}
		}
		if b == nil {
			t.Fatalf("bundle %d is not listed", queued.ID)
		}
		if b.Status == "failed" {
			t.Fatalf("server bundle failed: %s", b.Error)
		}
		if b.Status == "done" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("bundle %d still %s", queued.ID, b.Status)
		}
		time.Sleep(200 * time.Millisecond)
	}
	code, body = officer.postJSON(fmt.Sprintf("%s/bundles/%d/download", api, queued.ID), struct{}{})
	if code != http.StatusOK {
		t.Fatalf("prepare download = %d: %.300s", code, body)
	}
	var dl struct{ Password, URL string }
	if err := json.Unmarshal([]byte(body), &dl); err != nil || dl.Password == "" || dl.URL == "" {
		t.Fatalf("prepare download answered %.300s (%v)", body, err)
	}
	serverFile := filepath.Join(t.TempDir(), "server.pdf")
	if err := os.WriteFile(serverFile, officer.getBytes(dl.URL), 0o600); err != nil {
		t.Fatal(err)
	}
	checkStoredBundle(t, db, queued.ID, tmp)
	finished := time.Now()

	// The same documents, by the same IDs.
	rec, err := db.Record(ctx, reqID)
	if err != nil {
		t.Fatal(err)
	}
	docIDs := func(ds []record.Document) []string {
		var out []string
		for _, d := range ds {
			out = append(out, d.ID+" "+d.Path+"#"+d.Part)
		}
		sort.Strings(out)
		return out
	}
	if diff := cmp.Diff(docIDs(batch.docs), docIDs(rec.Documents)); diff != "" {
		t.Fatalf("documents differ (-batch +server):\n%s", diff)
	}

	// The same redactions.
	outcome, err := db.Redactions(ctx, reqID)
	if err != nil {
		t.Fatal(err)
	}
	if len(outcome.Pending) > 0 || len(outcome.Refused) > 0 {
		t.Errorf("server outcome: %d pending, %d refused; want none", len(outcome.Pending), len(outcome.Refused))
	}
	want, got := spans(review.Batch(batch.suggestions)), spans(outcome.Redactions)
	withheld := 0
	for _, s := range want {
		if s.Withhold {
			withheld++
		}
	}
	t.Logf("redactions: batch %d (%d withheld), server %d; %d documents", len(want), withheld, len(got), len(rec.Documents))
	if len(want) == 0 {
		t.Fatal("the batch path made no redactions: the record does not test anything")
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("redactions differ (-batch +server):\n%s", diff)
	}

	// The same bundle text, apart from the bundle's date.
	days := datesBetween(started, finished)
	bt := bundleText(t, batch.file, batch.password, days)
	st := bundleText(t, serverFile, dl.Password, days)
	t.Logf("bundle text: batch %d pages %d bytes, server %d pages %d bytes",
		strings.Count(bt, "\f"), len(bt), strings.Count(st, "\f"), len(st))
	if !strings.Contains(st, "Our reference: "+req.Request.Reference) {
		t.Errorf("the server's bundle does not give the request's reference %s", req.Request.Reference)
	}
	for _, p := range probs.Problems {
		if name := filepath.Base(p.Path); !strings.Contains(bt, name) || !strings.Contains(st, name) {
			t.Errorf("file not read %q is not named in both bundles", name)
		}
	}
	// Both texts are kept with -artifacts, to read a difference whole.
	for name, text := range map[string]string{"batch.txt": bt, "server.txt": st} {
		if err := os.WriteFile(filepath.Join(t.ArtifactDir(), name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if bt != st {
		t.Errorf("bundle text differs (-batch +server), first differences:\n%s", lineDiff(bt, st, 40))
	}

	if score {
		b, s := scoreBundle(t, batch.file, batch.password), scoreBundle(t, serverFile, dl.Password)
		t.Logf("score.py: batch leaks=%d keep=%.4f; server leaks=%d keep=%.4f", b.LeakCount, b.Keep, s.LeakCount, s.Keep)
		if b != s {
			t.Errorf("score.py: batch %+v, server %+v; want the same", b, s)
		}
		if s.LeakCount != 0 {
			t.Errorf("score.py finds %d leaks in the server's bundle, want 0", s.LeakCount)
		}
	}
}

// checkStoredBundle: the bundle job left nothing under its temporary
// folder, and the blob store holds, under the bundle row's SHA-256, a
// file of that SHA-256 and of the row's size: an unencrypted PDF (each
// download is encrypted as it is sent).
func checkStoredBundle(t *testing.T, db *postgres.DB, id int64, tmp string) {
	t.Helper()
	ctx := context.Background()
	if left, err := os.ReadDir(tmp); err != nil || len(left) > 0 {
		t.Errorf("the bundle job's temporary folder holds %d entries (%v), want none", len(left), err)
	}
	b, err := db.Bundle(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	rc, err := db.Files.Open(ctx, b.SHA256)
	if err != nil {
		t.Fatalf("the stored bundle %s: %v", b.SHA256, err)
	}
	defer rc.Close()
	h := sha256.New()
	head := make([]byte, 5)
	if _, err := io.ReadFull(rc, head); err != nil {
		t.Fatal(err)
	}
	h.Write(head)
	n, err := io.Copy(h, rc)
	if err != nil {
		t.Fatal(err)
	}
	n += int64(len(head))
	if got := hex.EncodeToString(h.Sum(nil)); got != b.SHA256 || n != b.Size {
		t.Errorf("stored bundle: sha256 %s, %d bytes; the row says %s, %d bytes", got, n, b.SHA256, b.Size)
	}
	if string(head) != "%PDF-" {
		t.Errorf("stored bundle starts %q, want a PDF", head)
	}
	t.Logf("server bundle: %.2f MB stored in the PostgreSQL blob store, sha256 %s", float64(b.Size)/1e6, b.SHA256)
}

type batchResult struct {
	file, password string
	docs           []record.Document
	suggestions    []suggest.Suggestion
	problems       []release.Problem
}

// batchBundle makes the bundle as `disclose bundle` does
// (cmd/disclose/bundle.go runBundle, default flags and --reference):
// ingest.Run, suggest.Suggest, every suggestion applied as suggested by
// the rule set's policy, and release.Write, encrypted with a known
// password.
func batchBundle(t *testing.T, dir, reference string) batchResult {
	t.Helper()
	ctx := context.Background()
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	x := extract.New(extract.Options{})
	defer x.Close()
	rec, rep, err := ingest.Run(ctx, dir, ingest.Options{Extractor: x})
	if err != nil {
		t.Fatalf("ingest: %v", err)
	}
	sres, err := suggest.Suggest(rec, set, suggest.Options{})
	if err != nil {
		t.Fatalf("suggest: %v", err)
	}
	out := batchResult{file: filepath.Join(t.TempDir(), "batch.pdf"), password: "parity-batch-password",
		docs: append([]record.Document(nil), rec.Documents...), suggestions: append([]suggest.Suggestion(nil), sres.Suggestions...)}
	out.problems = release.ProblemsOf(rep)
	src := release.Source{Record: rec, Suggested: sres, Outcome: review.PolicyFrom(set).Apply(sres.Suggestions, nil),
		Problems: out.problems, Rules: set, AsSuggested: true}
	var buf bytes.Buffer
	res, _, err := release.Write(ctx, &buf, src, release.Settings{Reference: reference, Date: time.Now(),
		Order: bundle.OrderChronological, Password: out.password, PageImage: x.PageImager(release.FolderSource(rec.Dir)),
		Paginate: x.WordPages(release.FolderSource(rec.Dir)), PDFText: x.PDFText, PageOCR: x.PageOCR})
	if err != nil {
		t.Fatalf("batch bundle: %v", err)
	}
	for _, w := range res.Warnings {
		t.Logf("batch bundle warning: %s", w)
	}
	if err := os.WriteFile(out.file, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return out
}

func getJSON(t *testing.T, c *httpClient, path string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(c.get(path)), v); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
}

// getBytes fetches a file, failing the test on anything but 200.
func (c *httpClient) getBytes(path string) []byte {
	c.t.Helper()
	res, err := c.http.Get(c.base + path)
	if err != nil {
		c.t.Fatalf("GET %s: %v", path, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		c.t.Fatalf("GET %s = %d: %.300s", path, res.StatusCode, b)
	}
	return b
}

// datesBetween lists the days from a to b (the bundles' dates).
func datesBetween(a, b time.Time) []time.Time {
	var out []time.Time
	for d := a.Add(-24 * time.Hour); !d.After(b.Add(24 * time.Hour)); d = d.Add(24 * time.Hour) {
		out = append(out, d)
	}
	return out
}

// bundleText is pdftotext -layout of a bundle, with the given days'
// dates (as "2 January 2006", "02/01/2006", "2006-01-02" and
// "02 Jan 2006") replaced by DATE.
func bundleText(t *testing.T, file, password string, days []time.Time) string {
	t.Helper()
	text := run(t, "pdftotext", "-layout", "-upw", password, file, "-")
	var forms []string
	for _, d := range days {
		for _, f := range []string{"2 January 2006", "02 January 2006", "02/01/2006", "2006-01-02", "02 Jan 2006"} {
			forms = append(forms, regexp.QuoteMeta(d.Format(f)))
		}
	}
	re := regexp.MustCompile(`\b(` + strings.Join(forms, "|") + `)\b`)
	return re.ReplaceAllString(text, "DATE")
}

// lineDiff shows the first n lines that differ, with their line numbers
// and pages.
func lineDiff(a, b string, n int) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	var out strings.Builder
	page := 1
	shown := 0
	for i := 0; i < max(len(al), len(bl)) && shown < n; i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			fmt.Fprintf(&out, "page %d line %d:\n  - %q\n  + %q\n", page, i+1, x, y)
			shown++
		}
		page += strings.Count(x, "\f")
	}
	if len(al) != len(bl) {
		fmt.Fprintf(&out, "(batch %d lines, server %d)\n", len(al), len(bl))
	}
	return out.String()
}

type scored struct {
	LeakCount int     `json:"leak_count"`
	Keep      float64 `json:"keep"`
}

// scoreBundle runs the leak scorer on a bundle of the sample record.
func scoreBundle(t *testing.T, file, password string) scored {
	t.Helper()
	out := filepath.Join(t.TempDir(), "score.json")
	cmd := exec.Command("python3", filepath.Join(sharedDir, "tools", "score.py"), file, filepath.Join(sharedDir, "sample-record.gold.json"),
		"--password", password, "--record", filepath.Join(sharedDir, "sample-record", "record"), "--json", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("score.py %s: %v\n%s", filepath.Base(file), err, b)
	}
	var s scored
	raw, err := os.ReadFile(out)
	if err == nil {
		err = json.Unmarshal(raw, &s)
	}
	if err != nil {
		t.Fatalf("score.py result: %v", err)
	}
	return s
}
