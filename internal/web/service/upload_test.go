package service_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/google/go-cmp/cmp"

	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/web"
	"github.com/disclose-sar/disclose/internal/web/service"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// upFile is one file of a multipart upload.
type upFile struct {
	name string
	data []byte
}

// TestUpload sends files through POST /requests/{id}/uploads as a browser
// and as an API client would: good files are stored in the blob store (by
// default under the data directory) and named in the location with
// cleaned names, and ingested; a file whose content does not match its extension, a type
// Disclose does not read, or a file over the limits is refused with
// nothing stored.
func TestUpload(t *testing.T) {
	ctx := context.Background()
	data := t.TempDir()
	svc, db, base := runService(t, service.Config{Web: web.Config{Addr: "127.0.0.1:0", MaxUploadBytes: 2 << 20, MaxFileBytes: 1 << 20},
		DataDir: data, Workers: 1})
	_ = svc
	officer, pw, err := db.CreateUser(ctx, 0, postgres.NewUser{Email: "o@example.test", Name: "Officer", Roles: []workflow.Role{workflow.RoleIGOfficer}, Team: "IG"})
	if err != nil {
		t.Fatal(err)
	}
	r, err := db.CreateRequest(ctx, officer.ID, record.Request{Subject: record.Subject{Name: "Kim Example"},
		Requester: record.Requester{Kind: record.RequesterSubject}, Received: time.Now(), Team: officer.TeamID})
	if err != nil {
		t.Fatal(err)
	}
	c := newHTTPClient(t, base, "o@example.test", pw)
	api := "/api/v1/requests/" + strconv.FormatInt(r.ID, 10) + "/uploads"

	note := []byte("Home visit. Kim Example was at home and spoke about school.\n")
	good := []upFile{
		{"../../notes/visit note.txt", note},
		{`C:\Users\officer\Desktop\letter.docx`, docx(t, "Letter to Kim Example about the review meeting.")},
		{".hidden report.pdf", textPDF(t, "Review report for Kim Example.")},
	}
	code, body := c.upload(api, "Archive box 4", good)
	if code != http.StatusOK {
		t.Fatalf("upload = %d: %s", code, body)
	}
	var res struct {
		Location string
		Files    int
	}
	if err := json.Unmarshal([]byte(body), &res); err != nil || res.Files != 3 || res.Location != "Archive box 4" {
		t.Errorf("upload answered %s (%v), want 3 files in Archive box 4", body, err)
	}
	want := []string{"Archive box 4/hidden report.pdf", "Archive box 4/letter.docx", "Archive box 4/visit note.txt"}
	if diff := cmp.Diff(want, uploaded(t, db, r.ID)); diff != "" {
		t.Errorf("stored files (-want +got):\n%s", diff)
	}
	if all := files(t, data); len(all) != len(want) || !strings.HasPrefix(all[0], "blobs/") {
		t.Errorf("files under the data directory = %v, want the %d blobs only", all, len(want))
	}

	// Ingested by the same job as folders, then suggested on.
	waitJobs(t, db, r.ID, 2*time.Minute)
	docs, err := db.Documents(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, d := range docs {
		paths = append(paths, d.Location+" | "+d.Path)
	}
	slices.Sort(paths)
	wantPaths := []string{"Archive box 4 | Archive box 4/hidden report.pdf", "Archive box 4 | Archive box 4/letter.docx",
		"Archive box 4 | Archive box 4/visit note.txt"}
	if diff := cmp.Diff(wantPaths, paths); diff != "" {
		t.Errorf("ingested documents (-want +got):\n%s", diff)
	}

	// Refused, nothing stored.
	big := bytes.Repeat([]byte("a line of text\n"), (1<<20)/15+10)
	for _, tt := range []struct {
		name  string
		files []upFile
		code  int
		msg   string
	}{
		{"docx that is not a zip", []upFile{{"minutes.docx", note}}, http.StatusUnprocessableEntity, "minutes.docx is not a .docx file"},
		{"pdf without %PDF-", []upFile{{"scan.pdf", append([]byte("GIF89a"), note...)}}, http.StatusUnprocessableEntity, "scan.pdf is not a .pdf file"},
		{"type not read", []upFile{{"tool.exe", []byte("MZ\x90\x00")}}, http.StatusUnprocessableEntity, "does not read .exe files"},
		{"empty", []upFile{{"empty.txt", nil}}, http.StatusUnprocessableEntity, "empty.txt is empty"},
		{"one good, one bad", []upFile{{"fine.txt", note}, {"bad.png", note}}, http.StatusUnprocessableEntity, "bad.png is not a .png file"},
		{"file over the limit", []upFile{{"long.txt", big}}, http.StatusRequestEntityTooLarge, "larger than the 1 MB"},
		{"upload over the limit", []upFile{{"a.txt", big[:900<<10]}, {"b.txt", big[:900<<10]}, {"c.txt", big[:900<<10]}}, http.StatusRequestEntityTooLarge, "at most 2 MB at once"},
	} {
		code, body := c.upload(api, "Refused", tt.files)
		if code != tt.code || !strings.Contains(body, tt.msg) {
			t.Errorf("%s: upload = %d %s, want %d with %q", tt.name, code, body, tt.code, tt.msg)
		}
	}
	if left := uploaded(t, db, r.ID); len(left) != len(want) {
		t.Errorf("refused uploads left files: %v", left)
	}

	// The same file again is kept once; another file of the same name is
	// kept beside it. A location name is cleaned like a file name.
	if code, body := c.upload(api, "Archive box 4", []upFile{{"visit note.txt", note}, {"visit note.txt", []byte("Another visit.\n")}}); code != http.StatusOK {
		t.Fatalf("second upload = %d: %s", code, body)
	}
	if code, body := c.upload(api, "../../etc", []upFile{{"passwd.txt", note}}); code != http.StatusOK {
		t.Fatalf("upload to ../../etc = %d: %s", code, body)
	}
	want = []string{"Archive box 4/hidden report.pdf", "Archive box 4/letter.docx", "Archive box 4/visit note (2).txt",
		"Archive box 4/visit note.txt", "etc/passwd.txt"}
	if diff := cmp.Diff(want, uploaded(t, db, r.ID)); diff != "" {
		t.Errorf("stored files after more uploads (-want +got):\n%s", diff)
	}

	// A location name a record folder's documents already use is refused.
	if _, err := db.SaveDocuments(ctx, r.ID, []record.Document{{ID: "f1", Location: "case", Path: "case/a.txt", Format: record.FormatText, Text: "x"}}); err != nil {
		t.Fatal(err)
	}
	if code, body := c.upload(api, "case", []upFile{{"a.txt", note}}); code != http.StatusConflict {
		t.Errorf("upload to a folder's location name = %d %s, want 409", code, body)
	}

	// The page's form: multipart with the token in a field, then back to
	// the request page.
	form := "/requests/" + strconv.FormatInt(r.ID, 10) + "/uploads"
	if code, body := c.uploadForm(form, "Letters", []upFile{{"reply.txt", note}}); code != http.StatusSeeOther {
		t.Errorf("form upload = %d: %.300s", code, body)
	}
}

// uploaded lists a request's uploaded files as location/name, sorted.
func uploaded(t *testing.T, db *postgres.DB, reqID int64) []string {
	t.Helper()
	fs, err := db.UploadFiles(context.Background(), reqID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range fs {
		out = append(out, f.Location+"/"+f.Name)
	}
	slices.Sort(out)
	return out
}

// files lists the regular files under dir, slash-separated and sorted.
func files(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// docx makes a minimal Word document holding one paragraph.
func docx(t *testing.T, text string) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for name, body := range map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"word/document.xml": `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
			`<w:body><w:p><w:r><w:t>` + text + `</w:t></w:r></w:p></w:body></w:document>`,
	} {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, body)
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// textPDF makes a one-page PDF with a text layer.
func textPDF(t *testing.T, text string) []byte {
	t.Helper()
	p := fpdf.New("P", "pt", "A4", "")
	p.AddPage()
	p.SetFont("Helvetica", "", 12)
	p.Text(72, 100, text)
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// httpClient is a signed-in browser-like client of a running service.
type httpClient struct {
	t    *testing.T
	base string
	http *http.Client
	csrf string
}

var csrfField = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

func newHTTPClient(t *testing.T, base, email, password string) *httpClient {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &httpClient{t: t, base: base, http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	res, err := c.http.Get(base + "/login")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	m := csrfField.FindSubmatch(page)
	if m == nil {
		t.Fatal("no CSRF token on the sign-in page")
	}
	res, err = c.http.PostForm(base+"/login", url.Values{"csrf_token": {string(m[1])}, "email": {email}, "password": {password}})
	if err != nil || res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in: %v %v", err, res)
	}
	res.Body.Close()
	res, err = c.http.Get(base + "/api/v1/me")
	if err != nil {
		t.Fatal(err)
	}
	var me struct {
		CSRF string `json:"csrf_token"`
	}
	json.NewDecoder(res.Body).Decode(&me)
	res.Body.Close()
	c.csrf = me.CSRF
	// A one-time password must be replaced before anything else: choose
	// one, as the first sign-in's page asks.
	req, _ := http.NewRequest("POST", base+"/api/v1/account/password",
		strings.NewReader(`{"current":`+strconv.Quote(password)+`,"new":"own password of the test user"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", c.csrf)
	if res, err = c.http.Do(req); err != nil || res.StatusCode != http.StatusNoContent && res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("choose a password: %v %v", err, res)
	}
	res.Body.Close()
	return c
}

// upload posts files to the API (token in the header).
func (c *httpClient) upload(path, location string, fs []upFile) (int, string) {
	return c.post(path, location, fs, false)
}

// uploadForm posts files as the page's form does (token in a field).
func (c *httpClient) uploadForm(path, location string, fs []upFile) (int, string) {
	return c.post(path, location, fs, true)
}

func (c *httpClient) post(path, location string, fs []upFile, form bool) (int, string) {
	c.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if form {
		mw.WriteField("csrf_token", c.csrf)
	}
	mw.WriteField("location", location)
	for _, f := range fs {
		w, err := mw.CreateFormFile("files", f.name)
		if err != nil {
			c.t.Fatal(err)
		}
		w.Write(f.data)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", c.base+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if !form {
		req.Header.Set("X-CSRF-Token", c.csrf)
	}
	res, err := c.http.Do(req)
	if err != nil {
		c.t.Fatalf("POST %s: %v", path, err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	return res.StatusCode, string(b)
}
