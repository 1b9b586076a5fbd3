package pgstore_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/disclose-sar/disclose/internal/bundle"
	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// storeFile saves file as a ready bundle of the request, as the bundle job
// does, with the suggestion step run and every suggestion decided so
// nothing blocks its download.
func (e *env) storeFile(release int, file []byte) int64 {
	e.t.Helper()
	ctx := context.Background()
	officer := e.users[string(workflow.RoleIGOfficer)].user
	sugs, err := e.db.Suggestions(ctx, e.reqID, postgres.SuggestionFilter{Undecided: true})
	if err != nil {
		e.t.Fatal(err)
	}
	for _, s := range sugs {
		if _, err := e.db.Decide(ctx, officer.ID, s.DBID, s.Version, workflow.DecisionInput{Kind: workflow.DecisionAccept}); err != nil {
			e.t.Fatalf("Decide: %v", err)
		}
	}
	// The register a suggestion step stores: it has run over the documents.
	if _, err := e.db.Pool.Exec(ctx, `INSERT INTO register_persons (request_id, key, position, generation, name, role, kind, label, data)
		VALUES ($1, 'subject', 0, 1, 'Peter Quill', 'subject', '', '', '{}') ON CONFLICT DO NOTHING`, e.reqID); err != nil {
		e.t.Fatalf("insert register: %v", err)
	}
	var id int64
	if err := e.db.Pool.QueryRow(ctx, `INSERT INTO bundles (request_id, release) VALUES ($1, $2) RETURNING id`, e.reqID, release).Scan(&id); err != nil {
		e.t.Fatalf("insert bundle: %v", err)
	}
	if err := e.db.SaveBundleFile(ctx, id, bytes.NewReader(file), []any{}, map[string]any{"Strings": 1}); err != nil {
		e.t.Fatalf("SaveBundleFile: %v", err)
	}
	return id
}

// prepare asks for a download of bundle bid through the API.
func (c *client) prepare(bid int64) (password, url string) {
	t := c.e.t
	t.Helper()
	res, body := c.postJSON(fmt.Sprintf("/api/v1/requests/%d/bundles/%d/download", c.e.reqID, bid), "{}")
	var dl struct{ Password, URL string }
	if err := json.Unmarshal([]byte(body), &dl); res.StatusCode != http.StatusOK || err != nil || dl.Password == "" || dl.URL == "" {
		t.Fatalf("prepare download = %d: %.300s", res.StatusCode, body)
	}
	return dl.Password, dl.URL
}

// fetch GETs a download link; read is the error reading its body, if any.
func (c *client) fetch(url string) (res *http.Response, body []byte, read error) {
	c.e.t.Helper()
	res, err := c.http.Get(c.e.ts.URL + url)
	if err != nil {
		c.e.t.Fatalf("GET %s: %v", url, err)
	}
	defer res.Body.Close()
	body, read = io.ReadAll(res.Body)
	return res, body, read
}

// TestDownloadEncryptedAsSent: a stored (unencrypted) bundle downloads
// encrypted with the password shown when it was prepared — qpdf finds it
// sound, only that password opens it, its text is the stored file's page
// for page — and the link works once. Each download has its own password.
func TestDownloadEncryptedAsSent(t *testing.T) {
	for _, tool := range []string{"qpdf", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s not installed: %v", tool, err)
		}
	}
	e := newEnv(t, nil)
	officer := e.login(string(workflow.RoleIGOfficer))
	stored := plainBundle(t)
	bid := e.storeFile(1, stored)
	dir := t.TempDir()
	plain := filepath.Join(dir, "stored.pdf")
	if err := os.WriteFile(plain, stored, 0o600); err != nil {
		t.Fatal(err)
	}

	pw, url := officer.prepare(bid)
	res, body, err := officer.fetch(url)
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("GET the download = %d, %v: %.200s", res.StatusCode, err, body)
	}
	if ct, cd := res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"); ct != "application/pdf" || !strings.HasPrefix(cd, "attachment; filename=") {
		t.Errorf("headers: Content-Type %q, Content-Disposition %q", ct, cd)
	}
	got := filepath.Join(dir, "download.pdf")
	if err := os.WriteFile(got, body, 0o600); err != nil {
		t.Fatal(err)
	}
	run(t, "qpdf", "--check", "--password="+pw, got)
	if out, err := exec.Command("qpdf", "--check", "--password=not-"+pw, got).CombinedOutput(); err == nil {
		t.Errorf("qpdf opened the download with a wrong password:\n%s", out)
	}
	if info := run(t, "qpdf", "--show-encryption", "--password="+pw, got); !strings.Contains(info, "R = 6") || !strings.Contains(info, "AESv3") {
		t.Errorf("qpdf --show-encryption:\n%s", info)
	}
	want, have := strings.Split(run(t, "pdftotext", "-layout", plain, "-"), "\f"), strings.Split(run(t, "pdftotext", "-layout", "-upw", pw, got, "-"), "\f")
	if len(want) < 3 || len(have) != len(want) {
		t.Fatalf("pdftotext: %d pages downloaded, %d stored", len(have), len(want))
	}
	for i := range want {
		if have[i] != want[i] {
			t.Errorf("page %d: the download's text differs from the stored file's:\n%s\n---\n%s", i+1, have[i], want[i])
		}
	}
	log, _ := e.db.AuditLog(context.Background(), e.reqID, 1)
	if len(log) != 1 || log[0].Action != postgres.AuditBundleDownload {
		t.Errorf("last audit entry = %+v, want the download", log)
	}

	if res, _, _ := officer.fetch(url); res.StatusCode != http.StatusNotFound {
		t.Errorf("the link fetched again = %d, want 404", res.StatusCode)
	}
	if pw2, _ := officer.prepare(bid); pw2 == pw {
		t.Errorf("two downloads have the same password")
	}
}

// TestDownloadFailureSaid: a stored file that cannot be encrypted fails
// before the first byte as an error (no attachment, the reason in the
// answer); one that fails after the first bytes are sent is cut off, so
// it never arrives looking whole.
func TestDownloadFailureSaid(t *testing.T) {
	e := newEnv(t, nil)
	officer := e.login(string(workflow.RoleIGOfficer))

	_, url := officer.prepare(e.storeFile(1, []byte("%PDF-1.7 not a bundle")))
	res, body, _ := officer.fetch(url)
	if res.StatusCode != http.StatusInternalServerError || res.Header.Get("Content-Disposition") != "" ||
		!strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") || !strings.Contains(string(body), "prepare the download again") {
		t.Errorf("broken file: %d, %q, %q: %.200s; want 500, no attachment, a JSON error saying to prepare it again",
			res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"), body)
	}

	// A megabyte of stream, then the file stops: no trailer.
	cut := []byte("%PDF-1.7\n1 0 obj\n<< /Length 1048576 >>\nstream\n")
	cut = append(cut, bytes.Repeat([]byte("0123456789abcdef"), 1<<16)...)
	cut = append(cut, "\nendstream\nendobj\n"...)
	_, url = officer.prepare(e.storeFile(2, cut))
	res, body, err := officer.fetch(url)
	if err == nil || bytes.Contains(body, []byte("%%EOF")) {
		t.Errorf("file cut short: %d, %d bytes read, read error %v; want the response cut off", res.StatusCode, len(body), err)
	}
}

// plainBundle is a small bundle written as the server stores one.
func plainBundle(t *testing.T) []byte {
	t.Helper()
	text := "Home visit report. Peter Quill spoke with the social worker about school and about college next year."
	in := bundle.Input{Docs: []record.Document{{ID: "d1", Location: "shared-drive", Path: "visits/visit.txt", Format: record.FormatText,
		Type: "report", Title: "Home visit report", Date: time.Date(2015, 3, 2, 0, 0, 0, 0, time.UTC), Text: text,
		Blocks: []record.Block{{Kind: record.BlockParagraph, Start: 0, End: len(text)}}}}}
	path := filepath.Join(t.TempDir(), "bundle.pdf")
	if _, err := bundle.WriteFile(context.Background(), path, in, bundle.Options{Reference: "SAR-DL-1", SubjectName: "Peter Quill",
		NoEncrypt: true, EncryptedOnDownload: true}); err != nil {
		t.Fatalf("bundle.WriteFile: %v", err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}
