package pgstore_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/scs/pgxstore"
	"golang.org/x/net/html"

	"github.com/disclose-sar/disclose/internal/pgtest"
	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/suggest"
	"github.com/disclose-sar/disclose/internal/web"
	"github.com/disclose-sar/disclose/internal/web/pgstore"
	"github.com/disclose-sar/disclose/internal/workflow"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// env is one test's server with a user per role in team "alpha", one in
// team "beta", and a request of team alpha with one synthetic document.
type env struct {
	t      testing.TB
	db     *postgres.DB
	srv    *web.Server
	ts     *httptest.Server
	users  map[string]cred // by role, plus "other_team"
	reqID  int64
	docKey string
	sugIDs []string
}

type cred struct {
	email, password string
	user            workflow.User
}

// docText is invented: no real person.
const docText = "Home visit report.\nPeter Quill spoke with the social worker about school.\n" +
	"His neighbour Drax Destroyer was shouting; Drax was asked to leave. Call 01632 960123 if needed."

func newEnv(t testing.TB, jobs pgstore.Jobs) *env {
	t.Helper()
	ctx := context.Background()
	pool := pgtest.NewPool(t)
	db := postgres.New(pool)
	e := &env{t: t, db: db, users: map[string]cred{}}
	for _, role := range workflow.Roles {
		e.addUser(string(role), "alpha", []workflow.Role{role})
	}
	e.addUser("other_team", "beta", []workflow.Role{workflow.RoleIGOfficer, workflow.RoleLegal})
	officer := e.users[string(workflow.RoleIGOfficer)].user
	r, err := db.CreateRequest(ctx, officer.ID, record.Request{Subject: record.Subject{Name: "Peter Quill"},
		Requester: record.Requester{Kind: record.RequesterSubject, Name: "Peter Quill"}, Regime: "uk-gdpr", Nation: "england-and-wales",
		Received: time.Now().AddDate(0, 0, -10), Team: officer.TeamID, Assignee: officer.ID})
	if err != nil {
		t.Fatalf("CreateRequest: %v", err)
	}
	e.reqID = r.ID
	doc := record.Document{ID: "doc-visit", Location: "shared-drive", Path: "visits/visit.txt", Format: record.FormatText,
		Type: "report", Title: "Home visit report", Pages: 1, Text: docText,
		Blocks: []record.Block{{Kind: record.BlockParagraph, Start: 0, End: 18}}}
	if _, err := db.SaveDocuments(ctx, r.ID, []record.Document{doc}); err != nil {
		t.Fatalf("SaveDocuments: %v", err)
	}
	e.docKey = doc.ID
	var sugs []suggest.Suggestion
	add := func(text, key, label, code string) {
		i := strings.Index(docText, text)
		for i >= 0 {
			sugs = append(sugs, suggest.Suggestion{ID: doc.ID + "-" + strconv.Itoa(i), DocID: doc.ID, Location: doc.Location, Path: doc.Path,
				Start: i, End: i + len(text), Scope: suggest.ScopeSpan, Text: text, PersonKey: key, PersonLabel: label,
				PersonRole: record.RoleOther, RuleID: "tp.name", Category: "third_party_name", Code: code, Action: suggest.ActionRedact,
				Confidence: 0.9, Why: "Another person's name (UK GDPR Art. 15(4); DPA 2018 Sch. 2 para 16)."})
			j := strings.Index(docText[i+len(text):], text)
			if j < 0 {
				break
			}
			i += len(text) + j
		}
	}
	add("Drax Destroyer", "drax", "Neighbour A", "TP")
	add("01632 960123", "", "", "TP")
	if err := db.SaveSuggestions(ctx, r.ID, sugs); err != nil {
		t.Fatalf("SaveSuggestions: %v", err)
	}
	items, err := pgstore.New(db, nil).Suggestions(ctx, r.ID, doc.ID)
	if err != nil {
		t.Fatalf("Suggestions: %v", err)
	}
	for _, it := range items {
		e.sugIDs = append(e.sugIDs, it.ID)
	}
	srv, err := web.New(web.Config{LoginPerMinute: 1000}, web.Deps{Store: pgstore.New(db, jobs), Sessions: pgxstore.New(pool)})
	if err != nil {
		t.Fatalf("web.New: %v", err)
	}
	e.srv = srv
	e.ts = httptest.NewServer(srv.Handler())
	t.Cleanup(e.ts.Close)
	return e
}

func (e *env) addUser(key, team string, roles []workflow.Role) {
	e.t.Helper()
	u, _, err := e.db.CreateUser(context.Background(), 0, postgres.NewUser{Email: key + "@example.test", Name: "Test " + key, Roles: roles, Team: team})
	if err != nil {
		e.t.Fatalf("CreateUser %s: %v", key, err)
	}
	// A password of their own, as after the first sign-in's forced change.
	pw := "own password of " + key
	if err := e.db.SetPassword(context.Background(), u.ID, pw); err != nil {
		e.t.Fatalf("SetPassword %s: %v", key, err)
	}
	e.users[key] = cred{email: u.Email, password: pw, user: u}
}

// client is a browser-like client: its own cookie jar and CSRF token.
type client struct {
	e    *env
	http *http.Client
	csrf string
}

func (e *env) anon() *client {
	jar, _ := cookiejar.New(nil)
	return &client{e: e, http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// login signs in through the form, as a browser does.
func (e *env) login(key string) *client {
	e.t.Helper()
	c := e.anon()
	c.signIn(key)
	return c
}

func (c *client) signIn(key string) {
	t := c.e.t
	t.Helper()
	u := c.e.users[key]
	res, body := c.do("GET", "/login", nil, nil)
	if res.StatusCode != 200 {
		t.Fatalf("GET /login = %d", res.StatusCode)
	}
	tok := formValue(t, body, "csrf_token")
	res, _ = c.do("POST", "/login", url.Values{"csrf_token": {tok}, "email": {u.email}, "password": {u.password}}, nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("login %s = %d, want 303", key, res.StatusCode)
	}
	res, body = c.do("GET", "/api/v1/me", nil, nil)
	if res.StatusCode != 200 {
		t.Fatalf("GET /api/v1/me after login = %d", res.StatusCode)
	}
	c.csrf = jsonField(body, "csrf_token")
}

// do sends a request; form (if any) is url-encoded; hdr adds headers.
func (c *client) do(method, path string, form url.Values, hdr map[string]string) (*http.Response, string) {
	c.e.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, c.e.ts.URL+path, body)
	if err != nil {
		c.e.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	res, err := c.http.Do(req)
	if err != nil {
		c.e.t.Fatalf("%s %s: %v", method, path, err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	return res, string(b)
}

// post sends a form with the client's CSRF token.
func (c *client) post(path string, form url.Values) (*http.Response, string) {
	if form == nil {
		form = url.Values{}
	}
	form.Set("csrf_token", c.csrf)
	return c.do("POST", path, form, nil)
}

// postJSON sends JSON to the API with the CSRF header.
func (c *client) postJSON(path, body string) (*http.Response, string) {
	c.e.t.Helper()
	req, _ := http.NewRequest("POST", c.e.ts.URL+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", c.csrf)
	res, err := c.http.Do(req)
	if err != nil {
		c.e.t.Fatalf("POST %s: %v", path, err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	return res, string(b)
}

// formValue finds the value of the first input named name in an HTML page.
func formValue(t testing.TB, page, name string) string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatalf("parse page: %v", err)
	}
	var found string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if found != "" {
			return
		}
		if n.Type == html.ElementNode && n.Data == "input" && attr(n, "name") == name {
			found = attr(n, "value")
			return
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(doc)
	if found == "" {
		t.Fatalf("no input %q with a value on the page", name)
	}
	return found
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// jsonField reads a top-level string field of a JSON object.
func jsonField(body, key string) string {
	var m map[string]any
	_ = json.Unmarshal([]byte(body), &m)
	v, _ := m[key].(string)
	return v
}
