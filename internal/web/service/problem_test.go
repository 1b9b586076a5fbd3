package service_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"

	"github.com/disclose-sar/disclose/internal/ingest"
	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/web"
	"github.com/disclose-sar/disclose/internal/web/service"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// TestFolderWithBadFileName attaches an invented record folder in which
// one file's name is not UTF-8 (Latin-1, as an old file server writes it)
// and one .docx is damaged: the ingest job finishes, every other file is
// read, the two files are kept as problems of their location with their
// reasons, the Locations page lists them with an Acknowledge form, and an
// acknowledgement needs a reason and is audited.
func TestFolderWithBadFileName(t *testing.T) {
	ctx := context.Background()
	roots := t.TempDir()
	dir := filepath.Join(roots, "record")
	for name, body := range map[string]string{
		ingest.SubjectFile:                    `{"name": "Tamsin Overy"}`,
		"case-notes/visit.txt":                "Home visit. Tamsin was at home.",
		"case-notes/review.txt":               "Review meeting held at school.",
		"case-notes/r\xe9sum\xe9 meeting.txt": "Notes kept on an old file server.",
		"letters/outcome.txt":                 "Letter about the outcome of the review.",
		"letters/plan.docx":                   "PK\x03\x04 cut short",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatalf("write %q: %v", name, err)
		}
	}
	_, db, base := runService(t, service.Config{Web: web.Config{Addr: "127.0.0.1:0"}, RecordRoots: []string{roots}, Workers: 1})
	officer, r, c := officerRequest(t, db, base, "Oona Officer", "Tamsin Overy")
	reqPath := "/requests/" + strconv.FormatInt(r.ID, 10)
	if code, body := c.postJSON("/api/v1"+reqPath+"/locations", map[string]string{"path": dir}); code != http.StatusNoContent && code != http.StatusOK {
		t.Fatalf("attach folder = %d: %s", code, body)
	}
	waitJobs(t, db, r.ID, 2*time.Minute)

	checkDocuments(t, db, r.ID, []string{"case-notes/review.txt", "case-notes/visit.txt", "letters/outcome.txt"})
	probs, err := db.IngestProblems(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range probs {
		got = append(got, p.Location+" | "+p.Path+" | "+p.Kind)
	}
	want := []string{`case-notes | case-notes/r\xe9sum\xe9 meeting.txt | failed`, "letters | letters/plan.docx | failed"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("IngestProblems (-want +got):\n%s", diff)
	}
	if probs[0].Reason != ingest.ProblemBadName || !strings.Contains(probs[1].Reason, "damaged") {
		t.Errorf("reasons = %q, %q; want the bad name's and a damaged file's", probs[0].Reason, probs[1].Reason)
	}

	// The Locations page lists each with its reason and a form.
	rows := problemRows(t, c.get(reqPath+"/locations"))
	wantRows := [][]string{
		{"case-notes", `case-notes/r\xe9sum\xe9 meeting.txt`, "Failed", ingest.ProblemBadName, "form " + reqPath + "/problems/" + strconv.FormatInt(probs[0].ID, 10) + "/acknowledge"},
		{"letters", "letters/plan.docx", "Failed", probs[1].Reason, "form " + reqPath + "/problems/" + strconv.FormatInt(probs[1].ID, 10) + "/acknowledge"},
	}
	if diff := cmp.Diff(wantRows, rows); diff != "" {
		t.Errorf("Locations page problem rows (-want +got):\n%s", diff)
	}

	// Acknowledging needs a reason; then it is audited and shown.
	ack := "/api/v1" + reqPath + "/problems/" + strconv.FormatInt(probs[0].ID, 10) + "/acknowledge"
	if code, body := c.postJSON(ack, map[string]string{"reason": " "}); code != http.StatusUnprocessableEntity {
		t.Errorf("acknowledge without a reason = %d %s, want 422", code, body)
	}
	if code, body := c.postJSON(ack, map[string]string{"reason": "the same notes were read from the case system"}); code != http.StatusNoContent {
		t.Fatalf("acknowledge = %d %s, want 204", code, body)
	}
	if code, _ := c.postJSON(ack, map[string]string{"reason": "again"}); code != http.StatusConflict {
		t.Errorf("acknowledge twice = %d, want 409", code)
	}
	// The page's form: token in a field, then back to Locations.
	form := reqPath + "/problems/" + strconv.FormatInt(probs[1].ID, 10) + "/acknowledge"
	if code := c.postForm(form, url.Values{"reason": {""}}); code != http.StatusUnprocessableEntity {
		t.Errorf("form acknowledge without a reason = %d, want 422", code)
	}
	if code := c.postForm(form, url.Values{"reason": {"asked the author for another copy"}}); code != http.StatusSeeOther {
		t.Errorf("form acknowledge = %d, want 303", code)
	}
	if n, err := db.UnacknowledgedProblems(ctx, r.ID); err != nil || n != 0 {
		t.Errorf("UnacknowledgedProblems = %d, %v; want 0", n, err)
	}
	log, err := db.AuditLog(ctx, r.ID, 50)
	if err != nil {
		t.Fatal(err)
	}
	var audited []string
	for _, e := range log {
		if e.Action == postgres.AuditProblemAck && e.UserID == officer.ID {
			audited = append(audited, e.Object)
		}
	}
	slices.Sort(audited)
	if diff := cmp.Diff([]string{"ingest problem " + strconv.FormatInt(probs[0].ID, 10), "ingest problem " + strconv.FormatInt(probs[1].ID, 10)}, audited); diff != "" {
		t.Errorf("audited acknowledgements (-want +got):\n%s", diff)
	}
	rows = problemRows(t, c.get(reqPath+"/locations"))
	if len(rows) != 2 || !strings.HasPrefix(rows[0][4], "Acknowledged by Oona Officer") || !strings.HasSuffix(rows[0][4], "the same notes were read from the case system") {
		t.Errorf("acknowledged rows = %q, want who acknowledged and why", rows)
	}

	// The API lists them too.
	var api struct {
		Problems       []web.Problem `json:"problems"`
		Unacknowledged int           `json:"unacknowledged"`
	}
	if err := json.Unmarshal([]byte(c.get("/api/v1"+reqPath+"/problems")), &api); err != nil || len(api.Problems) != 2 || api.Unacknowledged != 0 ||
		api.Problems[0].AckReason != "the same notes were read from the case system" {
		t.Errorf("GET problems = %+v, %v; want both, acknowledged", api, err)
	}

	// Ingesting the folder again (a retry, or the file renamed) leaves one
	// row per file and the acknowledgements of unchanged problems.
	if err := os.Rename(filepath.Join(dir, "case-notes", "r\xe9sum\xe9 meeting.txt"), filepath.Join(dir, "case-notes", "résumé meeting.txt")); err != nil {
		t.Fatal(err)
	}
	if code, body := c.postJSON("/api/v1"+reqPath+"/locations", map[string]string{"path": dir}); code != http.StatusNoContent && code != http.StatusOK {
		t.Fatalf("attach folder again = %d: %s", code, body)
	}
	waitIngests(t, db, r.ID, 2)
	waitJobs(t, db, r.ID, 2*time.Minute)
	probs, _ = db.IngestProblems(ctx, r.ID)
	if len(probs) != 1 || probs[0].Path != "letters/plan.docx" || probs[0].AckAt == nil {
		t.Errorf("problems after the rename = %+v, want plan.docx alone, still acknowledged", probs)
	}
	if n, _ := db.CountDocuments(ctx, r.ID); n != 4 {
		t.Errorf("documents after the rename = %d, want 4 (the renamed file read)", n)
	}
}

// TestUploadDamagedDocx: a .docx that is a zip but no document passes the
// upload's type check; the upload says how many files it kept, and once
// ingested the damaged one is a failed file of the location with its
// reason, so the three files uploaded are two read and one listed.
func TestUploadDamagedDocx(t *testing.T) {
	ctx := context.Background()
	data := t.TempDir()
	_, db, base := runService(t, service.Config{Web: web.Config{Addr: "127.0.0.1:0", MaxUploadBytes: 2 << 20, MaxFileBytes: 1 << 20},
		DataDir: data, Workers: 1})
	_, r, c := officerRequest(t, db, base, "Officer", "Kim Example")
	reqPath := "/requests/" + strconv.FormatInt(r.ID, 10)
	damaged := append([]byte("PK\x03\x04"), bytes.Repeat([]byte{0}, 40)...)
	up := []upFile{
		{"visit.txt", []byte("Home visit note.\n")},
		{"letter.docx", docx(t, "Letter about the review meeting.")},
		{"minutes.docx", damaged},
	}
	code, body := c.upload("/api/v1"+reqPath+"/uploads", "Box 7", up)
	var res struct {
		Files        int `json:"files"`
		AlreadyThere int `json:"already_there"`
	}
	if code != http.StatusOK || json.Unmarshal([]byte(body), &res) != nil || res.Files != 3 || res.AlreadyThere != 0 {
		t.Fatalf("upload = %d %s, want 3 files stored", code, body)
	}
	waitJobs(t, db, r.ID, 2*time.Minute)
	if n, _ := db.CountDocuments(ctx, r.ID); n != 2 {
		t.Errorf("documents = %d, want 2", n)
	}
	probs, err := db.IngestProblems(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(probs) != 1 || probs[0].Location != "Box 7" || probs[0].Path != "Box 7/minutes.docx" || probs[0].Kind != postgres.ProblemFailed || probs[0].Reason == "" {
		t.Fatalf("problems = %+v, want Box 7/minutes.docx failed with its reason", probs)
	}
	// The same files again: nothing new is stored, and the answer says so;
	// the problem is not listed twice.
	code, body = c.upload("/api/v1"+reqPath+"/uploads", "Box 7", up)
	if code != http.StatusOK || json.Unmarshal([]byte(body), &res) != nil || res.Files != 0 || res.AlreadyThere != 3 {
		t.Errorf("second upload = %d %s, want 0 stored and 3 already there", code, body)
	}
	waitIngests(t, db, r.ID, 2)
	waitJobs(t, db, r.ID, 2*time.Minute)
	if probs, _ := db.IngestProblems(ctx, r.ID); len(probs) != 1 {
		t.Errorf("problems after uploading again = %+v, want one", probs)
	}
	locs := locationFiles(t, c.get("/api/v1"+reqPath+"/locations"))
	if locs["Box 7"] != [2]int{3, 1} {
		t.Errorf("Locations row for Box 7 = files %d, problems %d; want 3 and 1", locs["Box 7"][0], locs["Box 7"][1])
	}
}

// officerRequest makes an IG officer, a request of their team for an
// invented subject, and a client signed in as the officer.
func officerRequest(t *testing.T, db *postgres.DB, base, officerName, subject string) (workflow.User, record.Request, *httpClient) {
	t.Helper()
	ctx := context.Background()
	officer, pw, err := db.CreateUser(ctx, 0, postgres.NewUser{Email: "o@example.test", Name: officerName, Roles: []workflow.Role{workflow.RoleIGOfficer}, Team: "IG"})
	if err != nil {
		t.Fatal(err)
	}
	r, err := db.CreateRequest(ctx, officer.ID, record.Request{Subject: record.Subject{Name: subject},
		Requester: record.Requester{Kind: record.RequesterSubject}, Received: time.Now(), Team: officer.TeamID})
	if err != nil {
		t.Fatal(err)
	}
	return officer, r, newHTTPClient(t, base, "o@example.test", pw)
}

// waitIngests waits until n ingest jobs of the request have finished (a
// job queued a moment ago may not have reported progress yet).
func waitIngests(t *testing.T, db *postgres.DB, reqID int64, n int) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		ps, err := db.JobsProgress(context.Background(), reqID)
		if err != nil {
			t.Fatal(err)
		}
		done := 0
		for _, p := range ps {
			if p.Kind == "ingest" && p.Message == "done" {
				done++
			}
		}
		if done >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d ingest jobs finished after 2 minutes: %+v", done, n, ps)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// locationFiles maps a Locations answer's names to their files and problems.
func locationFiles(t *testing.T, body string) map[string][2]int {
	t.Helper()
	var v struct {
		Locations []web.Location `json:"locations"`
	}
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatalf("locations: %v", err)
	}
	out := map[string][2]int{}
	for _, l := range v.Locations {
		out[l.Name] = [2]int{l.Files, l.Problems}
	}
	return out
}

// problemRows reads the "Files not read" table of a page: per row its
// cells' text, the last replaced by "form <action>" when it holds one.
func problemRows(t *testing.T, page string) [][]string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]string
	var walk func(*html.Node, bool)
	walk = func(n *html.Node, in bool) {
		if n.Type == html.ElementNode && n.Data == "section" && attrOf(n, "id") == "problems" {
			in = true
		}
		if in && n.Type == html.ElementNode && n.Data == "tr" && strings.HasPrefix(attrOf(n, "id"), "problem-") {
			var row []string
			for td := n.FirstChild; td != nil; td = td.NextSibling {
				if td.Type != html.ElementNode {
					continue
				}
				if f := findElem(td, "form"); f != nil {
					row = append(row, "form "+attrOf(f, "action"))
					continue
				}
				row = append(row, strings.Join(strings.Fields(textOf(td)), " "))
			}
			rows = append(rows, row)
			return
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch, in)
		}
	}
	walk(doc, false)
	return rows
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func findElem(n *html.Node, tag string) *html.Node {
	if n.Type == html.ElementNode && n.Data == tag {
		return n
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if f := findElem(ch, tag); f != nil {
			return f
		}
	}
	return nil
}

func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		b.WriteString(textOf(ch))
	}
	return b.String()
}

// get fetches a page or API answer, failing the test on anything but 200.
func (c *httpClient) get(path string) string {
	c.t.Helper()
	res, err := c.http.Get(c.base + path)
	if err != nil {
		c.t.Fatalf("GET %s: %v", path, err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		c.t.Fatalf("GET %s = %d: %.300s", path, res.StatusCode, b)
	}
	return string(b)
}

// postJSON posts a JSON body to the API (token in the header).
func (c *httpClient) postJSON(path string, v any) (int, string) {
	c.t.Helper()
	body, _ := json.Marshal(v)
	req, _ := http.NewRequest("POST", c.base+path, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", c.csrf)
	res, err := c.http.Do(req)
	if err != nil {
		c.t.Fatalf("POST %s: %v", path, err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	return res.StatusCode, string(b)
}

// postForm posts a page's form (token in a field).
func (c *httpClient) postForm(path string, v url.Values) int {
	c.t.Helper()
	v.Set("csrf_token", c.csrf)
	res, err := c.http.PostForm(c.base+path, v)
	if err != nil {
		c.t.Fatalf("POST %s: %v", path, err)
	}
	res.Body.Close()
	return res.StatusCode
}
